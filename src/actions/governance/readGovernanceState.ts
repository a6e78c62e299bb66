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
  guards: { floorPercentile: number; quantBits: number; overheadBps: number; minChangeInterval: bigint };
  /** When the last governed threshold change happened, and the first time the next one may. */
  lastChangeAt: bigint;
  nextChangeAt: bigint;
  thresholdCheckpointCount: bigint;
  /** The consumer floor: memory of the floor-percentile node and the parameters it can run. */
  floor: ConsumerFloor;
  registry: {
    nodeCount: bigint;
    activeNodeCount: bigint;
    totalMemoryMiB: bigint;
    totalBonded: bigint;
    minBond: bigint;
    maxDevicesPerNode: bigint;
    maxNodeMemoryMiB: bigint;
    unbondingPeriod: bigint;
    minUnbondingPeriod: bigint;
  };
  skuCount: bigint;
  modelCount: bigint;
  governor: {
    votingDelay: bigint;
    votingPeriod: bigint;
    proposalThreshold: bigint;
    quorumNumerator: bigint;
    quorumDenominator: bigint;
    timelockDelay: bigint;
    proposalCount: bigint;
  };
  /** The latest proposals, newest first, with tallies, quorum and deadlines. */
  proposals: ProposalSummary[];
};

export type ReadGovernanceStateReturnType = GovernanceState;
export type ReadGovernanceStateErrorType = InvalidInputError | CommonsError;

/**
 * The whole governance state in ONE `eth_call` (through the deployment's `CommonsLens`).
 * @example
 * const state = await readGovernanceState(client)
 * console.log(state.thresholds.maxSmallParams, state.floor.params)
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
  return {
    clock: BigInt(s.clock),
    thresholds: { ...c.thresholds },
    guards: {
      floorPercentile: c.guards.floorPercentile,
      quantBits: c.guards.quantBits,
      overheadBps: c.guards.overheadBps,
      minChangeInterval: BigInt(c.guards.minChangeInterval),
    },
    lastChangeAt: BigInt(c.lastChangeAt),
    nextChangeAt: BigInt(c.lastChangeAt) + BigInt(c.guards.minChangeInterval),
    thresholdCheckpointCount: c.thresholdCheckpointCount,
    floor: { memoryMiB: c.floorMemoryMiB, params: c.floorParams },
    registry: { ...s.registry },
    skuCount: s.skuCount,
    modelCount: c.modelCount,
    governor: { ...s.governor },
    proposals: s.latestProposals.map(toProposalSummary),
  };
}
