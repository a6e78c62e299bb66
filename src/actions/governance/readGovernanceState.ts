import type { Address } from "viem";
import { commonsLensAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { readCommonsContract } from "../../internal/read.js";
import { toInteger, type IntegerInput } from "../../internal/validate.js";
import type { CommonsContext, ConsumerFloor, ProposalSummary, Thresholds } from "../../types.js";
import { toProposalSummary } from "../../utils/proposals.js";

export type ReadGovernanceStateParameters = {
  /** How many of the latest proposals to include, newest first. Default 20. */
  proposalLimit?: IntegerInput | undefined;
};

export type GovernanceState = {
  /** The chain's clock (timestamp) when read. */
  clock: bigint;
  thresholds: Thresholds;
  /** The classifier's guards (immutable) and the registry's floor percentile and window (immutable too). */
  guards: {
    floorPercentile: number;
    floorWindow: bigint;
    quantBits: number;
    overheadBps: number;
    minChangeInterval: bigint;
    raiseInterval: bigint;
  };
  /** When the last governed threshold change happened, and the first time the next one may. */
  lastChangeAt: bigint;
  nextChangeAt: bigint;
  /** When `raiseToFloor` last moved the line (0 before it ever did), and when it may next. */
  lastRaiseAt: bigint;
  nextRaiseAt: bigint;
  thresholdCheckpointCount: bigint;
  /** The consumer floor now: memory of the floor-percentile node and the parameters it can run. */
  floor: ConsumerFloor;
  /** The floor over the floor window: `raiseToFloor` aims at the lowest, `setThresholds` may not go below the highest. */
  floorRange: { lowest: ConsumerFloor; highest: ConsumerFloor };
  registry: {
    nodeCount: bigint;
    activeNodeCount: bigint;
    totalMemoryMiB: bigint;
    totalBonded: bigint;
    /** The bond formula and the other governed values (each within constant bounds). */
    params: {
      bondBase: bigint;
      bondPerGiB: bigint;
      maxDevicesPerNode: number;
      maxNodeMemoryMiB: number;
      keeperFee: bigint;
      unbondingPeriod: number;
    };
    /** Fixed at deployment. */
    config: { minUnbondingPeriod: number; minWarmup: number; floorPercentile: number; floorWindow: number };
    /** Seconds a node registered now warms up before its vote and floor weight start. */
    warmup: bigint;
    /** The active attesters. */
    attesters: Address[];
  };
  challenges: {
    /** The deposit a challenge costs, in wei. */
    deposit: bigint;
    /** Seconds an owner has to answer. */
    window: bigint;
    /** Deposits held and credits not yet claimed, in wei. */
    owed: bigint;
  };
  skuCount: bigint;
  modelCount: bigint;
  governor: {
    votingDelay: bigint;
    votingPeriod: bigint;
    proposalThreshold: bigint;
    quorumNumerator: bigint;
    quorumDenominator: bigint;
    /** The absolute minimum quorum beside the fraction, fixed at deployment. */
    minQuorumVotes: bigint;
    voteExtension: bigint;
    timelockDelay: bigint;
    /** Delay + period + extension + timelock delay + challenge window: always at most the unbonding period. */
    pipelineLength: bigint;
    proposalCount: bigint;
  };
  /** The latest proposals, newest first, with tallies, quorum, veto and deadlines, and their actions summarised. */
  proposals: ProposalSummary[];
};

export type ReadGovernanceStateReturnType = GovernanceState;
export type ReadGovernanceStateErrorType = InvalidInputError | CommonsError;

/**
 * The whole governance state in ONE `eth_call` (through the deployment's `CommonsLens`): thresholds and guards,
 * the floor now and over its window, the registry's parameters, warm-up and attesters, the challenge terms,
 * the governor's settings and pipeline, and the latest proposals (their actions summarised: target, function,
 * calldata length; `getProposalActions` fetches one's calldata).
 * @example
 * const state = await readGovernanceState(client)
 * console.log(state.thresholds.maxSmallParams, state.floorRange.highest.params)
 */
export async function readGovernanceState(
  ctx: CommonsContext,
  parameters: ReadGovernanceStateParameters = {},
): Promise<ReadGovernanceStateReturnType> {
  const limit = toInteger(parameters.proposalLimit ?? 20, "proposalLimit", 0n, 1000n);
  const s = await readCommonsContract(ctx, {
    address: ctx.deployment.lens,
    abi: commonsLensAbi,
    functionName: "governanceState",
    args: [limit],
  });
  const c = s.classifier;
  const r = s.registry;
  const floorAt = (memoryMiB: bigint, params: bigint): ConsumerFloor => ({ memoryMiB, params });
  return {
    clock: BigInt(s.clock),
    thresholds: { ...c.thresholds },
    guards: {
      floorPercentile: r.config.floorPercentile,
      floorWindow: BigInt(r.config.floorWindow),
      quantBits: c.guards.quantBits,
      overheadBps: c.guards.overheadBps,
      minChangeInterval: BigInt(c.guards.minChangeInterval),
      raiseInterval: BigInt(c.guards.raiseInterval),
    },
    lastChangeAt: BigInt(c.lastChangeAt),
    nextChangeAt: BigInt(c.lastChangeAt) + BigInt(c.guards.minChangeInterval),
    lastRaiseAt: BigInt(c.lastRaiseAt),
    nextRaiseAt: c.lastRaiseAt === 0 ? 0n : BigInt(c.lastRaiseAt) + BigInt(c.guards.raiseInterval),
    thresholdCheckpointCount: c.thresholdCheckpointCount,
    floor: floorAt(c.floorMemoryMiB, c.floorParams),
    floorRange: {
      lowest: floorAt(r.floorLowestMiB, c.floorLowestParams),
      highest: floorAt(r.floorHighestMiB, c.floorHighestParams),
    },
    registry: {
      nodeCount: r.nodeCount,
      activeNodeCount: r.activeNodeCount,
      totalMemoryMiB: r.totalMemoryMiB,
      totalBonded: r.totalBonded,
      params: { ...r.params },
      config: { ...r.config },
      warmup: r.warmup,
      attesters: [...r.attesters],
    },
    challenges: { deposit: r.challengeDeposit, window: r.challengeWindow, owed: r.challengesOwed },
    skuCount: s.skuCount,
    modelCount: c.modelCount,
    governor: { ...s.governor },
    proposals: s.latestProposals.map((p) => toProposalSummary(p, ctx.deployment)),
  };
}
