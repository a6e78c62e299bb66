import type { ArgumentType, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { keccak256, toHex, zeroHash } from "viem";
import { SEED_DEVICES } from "./seedDevices.js";

const DAY = 86_400n;
const HOUR = 3_600n;

/**
 * The whole system and its wiring, given the EAS contract (`eas`: an address parameter on public chains, a
 * fresh deployment on local ones; see ComputeCommons.ts and ComputeCommonsLocal.ts, the two modules users run).
 *
 * The timelock ends up as the fixed admin of everything. The governor is its only proposer and executor
 * (anyone executes, through the governor); the governor and the node veto are its cancellers. The registry is
 * bound to the governor (vote lock, warm-up) and the challenges to the registry, both permissionlessly; the ballots
 * to the registry and the classifier by the deployer, once (they must name the ballots). The
 * deployer renounces its timelock admin role last.
 *
 * The defaults are for public networks (days, not seconds); `ignition/parameters/local.json` has short values
 * for a local chain, and lower floors under them.
 */
export function buildSystem(m: IgnitionModuleBuilder, eas: ArgumentType) {
  const deployer = m.getAccount(0);

  // Governor settings and their floors (the upper bounds are constants of ComputeGovernor).
  const votingDelay = m.getParameter("votingDelay", DAY);
  const votingPeriod = m.getParameter("votingPeriod", 7n * DAY);
  const voteExtension = m.getParameter("voteExtension", DAY);
  const proposalThreshold = m.getParameter("proposalThreshold", 1n);
  const quorumNumerator = m.getParameter("quorumNumerator", 4n);
  const timelockDelay = m.getParameter("timelockDelay", 2n * DAY);
  const minVotingDelay = m.getParameter("minVotingDelay", HOUR);
  const minVotingPeriod = m.getParameter("minVotingPeriod", DAY);
  const minVoteExtension = m.getParameter("minVoteExtension", HOUR);
  const minTimelockDelay = m.getParameter("minTimelockDelay", DAY);
  const minQuorumVotes = m.getParameter("minQuorumVotes", 10n);

  // Registry: the bond is a base plus a part per GiB of attested memory (24 GiB: 0.022 ETH; 192 GB: 0.106 ETH).
  const bondBase = m.getParameter("bondBase", 10n ** 16n);
  const bondPerGiB = m.getParameter("bondPerGiB", 5n * 10n ** 14n);
  const keeperFee = m.getParameter("keeperFee", 10n ** 15n);
  const maxDevicesPerNode = m.getParameter("maxDevicesPerNode", 8n);
  const maxNodeMemoryMiB = m.getParameter("maxNodeMemoryMiB", 1_048_576n); // 1 TiB
  // The pipeline (delay + period + extension + timelock delay + challenge window: 14 days by default) must fit
  // inside the unbonding period; the governor refuses any deployment or proposal that breaks this.
  const unbondingPeriod = m.getParameter("unbondingPeriod", 21n * DAY);
  const minUnbondingPeriod = m.getParameter("minUnbondingPeriod", 14n * DAY);
  // The warm-up is the governor's voting delay + voting period, and at least this.
  const minWarmup = m.getParameter("minWarmup", 0n);
  const floorPercentile = m.getParameter("floorPercentile", 50n);
  const floorWindow = m.getParameter("floorWindow", 30n * DAY);

  // Challenges.
  const challengeDeposit = m.getParameter("challengeDeposit", 5n * 10n ** 16n);
  const challengeWindow = m.getParameter("challengeWindow", 3n * DAY);
  const minChallengeWindow = m.getParameter("minChallengeWindow", DAY);

  // Attesters trusted from the start: required, with no default, since a fresh network has no votes to add
  // them with (HardwareAttestations refuses an empty list: HardwareAttestationsNoAttesters).
  const attesters = m.getParameter<string[]>("attesters");

  // Classifier.
  const maxSmallParams = m.getParameter("maxSmallParams", 70_000_000_000n);
  const maxSmallTrainingFlop = m.getParameter("maxSmallTrainingFlop", 10n ** 25n); // EU AI Act systemic-risk line
  const quantBits = m.getParameter("quantBits", 4n);
  const overheadBps = m.getParameter("overheadBps", 1000n);
  const minChangeInterval = m.getParameter("minChangeInterval", 30n * DAY);
  const raiseInterval = m.getParameter("raiseInterval", 7n * DAY);

  // Threshold ballots: a settlement at most once per epoch; a ballot counts for `ballotLifetime` epochs (91 days).
  const ballotEpoch = m.getParameter("ballotEpoch", 7n * DAY);
  const ballotLifetime = m.getParameter("ballotLifetime", 13n);

  const timelock = m.contract("TimelockController", [timelockDelay, [], [], deployer]);
  const catalog = m.contract("HardwareCatalog", [timelock, SEED_DEVICES.map((d) => ({ ...d }))]);
  const attestations = m.contract("HardwareAttestations", [timelock, eas, catalog, attesters]);
  const challenges = m.contract("NodeChallenges", [timelock, challengeDeposit, challengeWindow, minChallengeWindow]);
  // Before the registry, which tells it of every node whose vote ends; bound to registry and classifier below.
  const ballots = m.contract("ThresholdBallots", [timelock, ballotEpoch, ballotLifetime]);
  const registry = m.contract("ComputeRegistry", [
    timelock,
    catalog,
    attestations,
    challenges,
    ballots,
    { bondBase, bondPerGiB, maxDevicesPerNode, maxNodeMemoryMiB, keeperFee, unbondingPeriod },
    { minUnbondingPeriod, minWarmup, floorPercentile, floorWindow },
  ]);
  const bindRegistry = m.call(challenges, "bindRegistry", [registry], { id: "bindRegistry" });
  const classifier = m.contract("ModelClassifier", [
    timelock,
    registry,
    { maxSmallParams, maxSmallTrainingFlop },
    { quantBits, overheadBps, minChangeInterval, raiseInterval },
    ballots,
  ]);
  const bindBallots = m.call(ballots, "bind", [registry, classifier], { id: "bindBallots" });
  const governor = m.contract(
    "ComputeGovernor",
    [
      registry,
      timelock,
      classifier,
      { votingDelay, votingPeriod, proposalThreshold, quorumNumerator, voteExtension },
      { minVotingDelay, minVotingPeriod, minVoteExtension, minTimelockDelay, minQuorumVotes },
    ],
    { after: [bindRegistry, bindBallots] },
  );
  const veto = m.contract("NodeVeto", [governor]);

  const role = (name: string) => keccak256(toHex(name));
  const grantProposer = m.call(timelock, "grantRole", [role("PROPOSER_ROLE"), governor], { id: "grantProposer" });
  const grantCanceller = m.call(timelock, "grantRole", [role("CANCELLER_ROLE"), governor], { id: "grantCanceller" });
  const grantExecutor = m.call(timelock, "grantRole", [role("EXECUTOR_ROLE"), governor], { id: "grantExecutor" });
  const grantVeto = m.call(timelock, "grantRole", [role("CANCELLER_ROLE"), veto], { id: "grantVetoCanceller" });
  // Permissionless, and only possible for the timelock's proposer: no deployer privilege is involved.
  const bindGovernor = m.call(registry, "bindGovernor", [governor], { id: "bindGovernor", after: [grantProposer] });
  m.call(timelock, "renounceRole", [zeroHash, deployer], {
    id: "renounceAdmin",
    after: [grantProposer, grantCanceller, grantExecutor, grantVeto, bindGovernor, catalog, attestations, classifier],
  });

  // Read-only aggregation: the SDK reads the whole governance state through it in one eth_call.
  const lens = m.contract("CommonsLens", [catalog, registry, classifier, governor, veto]);

  return { timelock, catalog, attestations, challenges, ballots, registry, classifier, governor, veto, lens };
}
