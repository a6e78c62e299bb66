import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { keccak256, toHex, zeroHash } from "viem";
import { SEED_DEVICES } from "./seedDevices.js";

const DAY = 86_400n;

/**
 * Deploys and wires the whole system: timelock, hardware catalog (seeded), compute registry, model
 * classifier, governor. The timelock ends up as the fixed admin of everything; the governor is its only
 * proposer, canceller and executor (anyone may execute, through the governor); the registry is bound to the
 * governor for its vote lock; the deployer renounces its timelock admin role.
 *
 * The defaults are for public networks (days, not seconds). `ignition/parameters/local.json` has short
 * values for a local chain, and lower floors under them.
 */
export default buildModule("ComputeCommons", (m) => {
  const deployer = m.getAccount(0);

  const votingDelay = m.getParameter("votingDelay", DAY);
  const votingPeriod = m.getParameter("votingPeriod", 7n * DAY);
  const voteExtension = m.getParameter("voteExtension", DAY);
  const proposalThreshold = m.getParameter("proposalThreshold", 1n);
  const quorumNumerator = m.getParameter("quorumNumerator", 4n);
  const timelockDelay = m.getParameter("timelockDelay", 2n * DAY);
  // Floors under the timed settings and the absolute quorum, fixed for good (the upper bounds are constants
  // of ComputeGovernor). Public networks: no vote shorter than a day, no timelock shorter than a day.
  const minVotingDelay = m.getParameter("minVotingDelay", 3_600n);
  const minVotingPeriod = m.getParameter("minVotingPeriod", DAY);
  const minVoteExtension = m.getParameter("minVoteExtension", 3_600n);
  const minTimelockDelay = m.getParameter("minTimelockDelay", DAY);
  const minQuorumVotes = m.getParameter("minQuorumVotes", 10n);

  const minBond = m.getParameter("minBond", 10n ** 16n); // 0.01 ETH
  const maxDevicesPerNode = m.getParameter("maxDevicesPerNode", 8n);
  const maxNodeMemoryMiB = m.getParameter("maxNodeMemoryMiB", 1_048_576n); // 1 TiB
  // The whole pipeline (delay + period + extension + timelock delay: 11 days by default) must fit inside the
  // unbonding period; the governor refuses any deployment or proposal that breaks this.
  const unbondingPeriod = m.getParameter("unbondingPeriod", 14n * DAY);
  const minUnbondingPeriod = m.getParameter("minUnbondingPeriod", 11n * DAY);

  const maxSmallParams = m.getParameter("maxSmallParams", 70_000_000_000n);
  const maxSmallTrainingFlop = m.getParameter("maxSmallTrainingFlop", 10n ** 25n); // EU AI Act systemic-risk line
  const floorPercentile = m.getParameter("floorPercentile", 50n);
  const quantBits = m.getParameter("quantBits", 4n);
  const overheadBps = m.getParameter("overheadBps", 1000n);
  const minChangeInterval = m.getParameter("minChangeInterval", 30n * DAY);

  const timelock = m.contract("TimelockController", [timelockDelay, [], [], deployer]);

  const catalog = m.contract("HardwareCatalog", [timelock, SEED_DEVICES.map((d) => ({ ...d }))]);

  const registry = m.contract("ComputeRegistry", [
    timelock,
    catalog,
    { minBond, maxDevicesPerNode, maxNodeMemoryMiB, unbondingPeriod },
    minUnbondingPeriod,
  ]);

  const classifier = m.contract("ModelClassifier", [
    timelock,
    registry,
    { maxSmallParams, maxSmallTrainingFlop },
    { floorPercentile, quantBits, overheadBps, minChangeInterval },
  ]);

  const governor = m.contract("ComputeGovernor", [
    registry,
    timelock,
    catalog,
    classifier,
    { votingDelay, votingPeriod, proposalThreshold, quorumNumerator, voteExtension },
    { minVotingDelay, minVotingPeriod, minVoteExtension, minTimelockDelay, minQuorumVotes },
  ]);

  const role = (name: string) => keccak256(toHex(name));
  const grantProposer = m.call(timelock, "grantRole", [role("PROPOSER_ROLE"), governor], { id: "grantProposer" });
  const grantCanceller = m.call(timelock, "grantRole", [role("CANCELLER_ROLE"), governor], { id: "grantCanceller" });
  const grantExecutor = m.call(timelock, "grantRole", [role("EXECUTOR_ROLE"), governor], { id: "grantExecutor" });
  // Permissionless, and only possible for the timelock's proposer: no deployer privilege is involved.
  const bindGovernor = m.call(registry, "bindGovernor", [governor], { id: "bindGovernor", after: [grantProposer] });
  m.call(timelock, "renounceRole", [zeroHash, deployer], {
    id: "renounceAdmin",
    after: [grantProposer, grantCanceller, grantExecutor, bindGovernor, catalog, registry, classifier],
  });

  // Read-only aggregation: the SDK reads the whole governance state through it in one eth_call.
  const lens = m.contract("CommonsLens", [catalog, registry, classifier, governor]);

  return { timelock, catalog, registry, classifier, governor, lens };
});
