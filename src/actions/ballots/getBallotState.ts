import { modelClassifierAbi, thresholdBallotsAbi } from "../../abi/generated.js";
import type { CommonsError } from "../../errors/base.js";
import { readCommonsContract } from "../../internal/read.js";
import type { BallotState, CommonsContext } from "../../types.js";

export type GetBallotStateParameters = {
  /** Read the state as it was at this block. Default the latest. */
  blockNumber?: bigint | undefined;
};
export type GetBallotStateReturnType = BallotState;
export type GetBallotStateErrorType = CommonsError;

/**
 * Everything about the threshold ballots a screen shows, in five requests in parallel: who is in charge of the
 * thresholds (the ballots or the governor), both distributions (non-empty buckets), their medians, the epoch
 * and the next settlement, and where a settlement now would move the line (`next`). Gas-independent of the
 * number of ballots on chain; the distribution views read at most 96 words each.
 * @example const { inCharge, medians, next, nextSettleAt } = await getBallotState(client)
 */
export async function getBallotState(
  ctx: CommonsContext,
  { blockNumber }: GetBallotStateParameters = {},
): Promise<GetBallotStateReturnType> {
  const ballots = { address: ctx.deployment.ballots, abi: thresholdBallotsAbi, blockNumber } as const;
  const [preview, paramsBuckets, flopBuckets, [epochLength, lifetime, genesis, [settled, lastEpoch]], inCharge] =
    await Promise.all([
      readCommonsContract(ctx, { ...ballots, functionName: "preview" }),
      readCommonsContract(ctx, { ...ballots, functionName: "paramsDistribution" }),
      readCommonsContract(ctx, { ...ballots, functionName: "flopDistribution" }),
      Promise.all([
        readCommonsContract(ctx, { ...ballots, functionName: "epochLength" }),
        readCommonsContract(ctx, { ...ballots, functionName: "ballotLifetime" }),
        readCommonsContract(ctx, { ...ballots, functionName: "genesis" }),
        readCommonsContract(ctx, { ...ballots, functionName: "lastSettled" }),
      ]),
      readCommonsContract(ctx, {
        address: ctx.deployment.classifier,
        abi: modelClassifierAbi,
        functionName: "ballotsInCharge",
        blockNumber,
      }),
    ]);
  const bucket = (b: { lowerBound: bigint; upperBound: bigint; ballots: bigint }) => ({
    lowerBound: b.lowerBound,
    upperBound: b.upperBound,
    ballots: Number(b.ballots),
  });
  return {
    inCharge: inCharge ? "ballots" : "governor",
    epoch: Number(preview.epoch),
    epochLength: Number(epochLength),
    genesis: Number(genesis),
    ballotLifetimeEpochs: Number(lifetime),
    lastSettledEpoch: settled ? Number(lastEpoch) : undefined,
    nextSettleAt: Number(preview.nextSettleAt),
    settleable: preview.settleable,
    liveBallots: Number(preview.liveBallots),
    expiredBallots: Number(preview.expiredBallots),
    quorum: preview.quorum,
    medians: { maxSmallParams: preview.medianParams, maxSmallTrainingFlop: preview.medianFlop },
    next: { maxSmallParams: preview.nextParams, maxSmallTrainingFlop: preview.nextFlop },
    distribution: { params: paramsBuckets.map(bucket), flop: flopBuckets.map(bucket) },
  };
}
