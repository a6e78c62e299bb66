import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { keccak256, toHex, zeroAddress, zeroHash } from "viem";
import { SEED_DEVICES } from "./seedDevices.js";

const DAY = 86_400n;

/**
 * Deploys and wires the whole system: timelock, hardware catalog (seeded), compute registry, model
 * classifier, governor. The timelock ends up as the only admin of everything; the governor is its only
 * proposer and canceller; anyone may execute; the deployer renounces its timelock admin role.
 *
 * The defaults are for public networks (days, not seconds). `ignition/parameters/local.json` has short
 * values for a local chain.
 */
export default buildModule("ComputeCommons", (m) => {
  const deployer = m.getAccount(0);

  const votingDelay = m.getParameter("votingDelay", DAY);
  const votingPeriod = m.getParameter("votingPeriod", 7n * DAY);
  const voteExtension = m.getParameter("voteExtension", DAY);
  const proposalThreshold = m.getParameter("proposalThreshold", 1n);
  const quorumNumerator = m.getParameter("quorumNumerator", 4n);
  const timelockDelay = m.getParameter("timelockDelay", 2n * DAY);

  const minBond = m.getParameter("minBond", 10n ** 16n); // 0.01 ETH
  const maxDevicesPerNode = m.getParameter("maxDevicesPerNode", 8n);
  const maxNodeMemoryMiB = m.getParameter("maxNodeMemoryMiB", 1_048_576n); // 1 TiB
  const unbondingPeriod = m.getParameter("unbondingPeriod", 10n * DAY);
  // A bond whose vote is in play must not leave: the floor covers a whole vote, late-quorum extension included.
  const minUnbondingPeriod = m.getParameter("minUnbondingPeriod", 9n * DAY);

  const maxSmallParams = m.getParameter("maxSmallParams", 70_000_000_000n);
  const maxSmallTrainingFlop = m.getParameter("maxSmallTrainingFlop", 10n ** 25n); // EU AI Act systemic-risk line
  const floorPercentile = m.getParameter("floorPercentile", 50n);
  const quantBits = m.getParameter("quantBits", 4n);
  const overheadBps = m.getParameter("overheadBps", 1000n);
  const minChangeInterval = m.getParameter("minChangeInterval", 30n * DAY);

  const timelock = m.contract("TimelockController", [timelockDelay, [], [zeroAddress], deployer]);

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
    { votingDelay, votingPeriod, proposalThreshold, quorumNumerator, voteExtension },
    [catalog, registry, classifier],
  ]);

  const grantProposer = m.call(timelock, "grantRole", [keccak256(toHex("PROPOSER_ROLE")), governor], {
    id: "grantProposer",
  });
  const grantCanceller = m.call(timelock, "grantRole", [keccak256(toHex("CANCELLER_ROLE")), governor], {
    id: "grantCanceller",
  });
  m.call(timelock, "renounceRole", [zeroHash, deployer], {
    id: "renounceAdmin",
    after: [grantProposer, grantCanceller, catalog, registry, classifier],
  });

  // Read-only aggregation: the SDK reads the whole governance state through it in one eth_call.
  const lens = m.contract("CommonsLens", [catalog, registry, classifier, governor]);

  return { timelock, catalog, registry, classifier, governor, lens };
});
