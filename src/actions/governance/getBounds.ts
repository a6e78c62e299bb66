import { computeGovernorAbi, computeRegistryAbi, nodeChallengesAbi } from "../../abi/generated.js";
import type { CommonsError } from "../../errors/base.js";
import { readCommonsContract } from "../../internal/read.js";
import type { CommonsContext } from "../../types.js";

const DAY = 86_400n;
const ETHER = 10n ** 18n;

/** The lowest and highest value a governed setting may take. */
export type Bound = { min: bigint; max: bigint };

/**
 * The constant bounds of the contracts (their `MAX_*` / `MIN_*` constants), mirrored here so that a report
 * needs no request per constant; test/sdk/governance.test.ts checks each against the chain.
 */
export const CONSTANT_BOUNDS = {
  maxVotingDelay: 14n * DAY,
  maxVotingPeriod: 30n * DAY,
  maxVoteExtension: 7n * DAY,
  maxTimelockDelay: 30n * DAY,
  quorumNumerator: { min: 2n, max: 50n },
  proposalThreshold: { min: 1n, max: 10n },
  maxActions: 10n,
  maxOpenProposals: 3n,
  executionWindow: 14n * DAY,
  bondBase: { min: ETHER / 1000n, max: ETHER / 10n },
  bondPerGiB: { min: 0n, max: ETHER / 200n },
  keeperFee: { min: 0n, max: ETHER / 200n },
  maxDevicesPerNode: { min: 8n, max: 64n },
  maxNodeMemoryMiB: { min: 256n * 1024n, max: 1024n * 1024n },
  maxUnbondingPeriod: 90n * DAY,
  challengeDeposit: { min: ETHER / 1000n, max: ETHER },
  maxChallengeWindow: 14n * DAY,
  maxAttesters: 16n,
  maxAttestationLifetime: 400n * DAY,
} as const;

export type GetBoundsParameters = Record<string, never>;
export type GetBoundsReturnType = {
  /** Governor settings, in seconds, percent (quorum) and votes (threshold). */
  votingDelay: Bound;
  votingPeriod: Bound;
  voteExtension: Bound;
  timelockDelay: Bound;
  quorumNumerator: Bound;
  proposalThreshold: Bound;
  /** The absolute minimum quorum, fixed at deployment. */
  minQuorumVotes: bigint;
  maxActions: bigint;
  maxOpenProposals: bigint;
  /** Seconds after its eta in which a queued proposal may execute; later it is Expired. */
  executionWindow: bigint;
  /** Registry values: wei, devices, MiB, seconds. */
  bondBase: Bound;
  bondPerGiB: Bound;
  keeperFee: Bound;
  maxDevicesPerNode: Bound;
  maxNodeMemoryMiB: Bound;
  unbondingPeriod: Bound;
  /** Challenge terms: wei, seconds. */
  challengeDeposit: Bound;
  challengeWindow: Bound;
  maxAttesters: bigint;
  maxAttestationLifetime: bigint;
};
export type GetBoundsErrorType = CommonsError;

/**
 * The bounds every governed value lives within, whatever passes a vote: the contracts' constants and the
 * floors fixed at deployment (the governor's `floors()`, the registry's minimum unbonding period, the
 * challenges' minimum window). Three requests in parallel.
 * @example const { votingDelay, quorumNumerator } = await getBounds(client) // { min: 3600n, max: 1209600n }, { min: 2n, max: 50n }
 */
export async function getBounds(ctx: CommonsContext): Promise<GetBoundsReturnType> {
  const [floors, config, minWindow] = await Promise.all([
    readCommonsContract(ctx, { address: ctx.deployment.governor, abi: computeGovernorAbi, functionName: "floors" }),
    readCommonsContract(ctx, { address: ctx.deployment.registry, abi: computeRegistryAbi, functionName: "config" }),
    readCommonsContract(ctx, { address: ctx.deployment.challenges, abi: nodeChallengesAbi, functionName: "minWindow" }),
  ]);
  const b = CONSTANT_BOUNDS;
  return {
    votingDelay: { min: BigInt(floors.minVotingDelay), max: b.maxVotingDelay },
    votingPeriod: { min: BigInt(floors.minVotingPeriod), max: b.maxVotingPeriod },
    voteExtension: { min: BigInt(floors.minVoteExtension), max: b.maxVoteExtension },
    timelockDelay: { min: BigInt(floors.minTimelockDelay), max: b.maxTimelockDelay },
    quorumNumerator: b.quorumNumerator,
    proposalThreshold: b.proposalThreshold,
    minQuorumVotes: BigInt(floors.minQuorumVotes),
    maxActions: b.maxActions,
    maxOpenProposals: b.maxOpenProposals,
    executionWindow: b.executionWindow,
    bondBase: b.bondBase,
    bondPerGiB: b.bondPerGiB,
    keeperFee: b.keeperFee,
    maxDevicesPerNode: b.maxDevicesPerNode,
    maxNodeMemoryMiB: b.maxNodeMemoryMiB,
    unbondingPeriod: { min: BigInt(config.minUnbondingPeriod), max: b.maxUnbondingPeriod },
    challengeDeposit: b.challengeDeposit,
    challengeWindow: { min: minWindow, max: b.maxChallengeWindow },
    maxAttesters: b.maxAttesters,
    maxAttestationLifetime: b.maxAttestationLifetime,
  };
}
