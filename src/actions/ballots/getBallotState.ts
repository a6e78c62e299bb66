import { thresholdBallotsAbi } from "../../abi/generated.js";
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
 * Everything about the threshold ballots a screen shows, in ONE `eth_call` (`ThresholdBallots.state()`): who is
 * in charge of the thresholds (the ballots or the governor), both distributions (non-empty buckets), their
 * medians, the epoch and the next settlement, and where a settlement now would move the line (`next`). Its gas
 * does not grow with the number of ballots.
 * @example const { inCharge, medians, next, nextSettleAt } = await getBallotState(client)
 */
export async function getBallotState(
  ctx: CommonsContext,
  { blockNumber }: GetBallotStateParameters = {},
): Promise<GetBallotStateReturnType> {
  const st = await readCommonsContract(ctx, {
    address: ctx.deployment.ballots,
    abi: thresholdBallotsAbi,
    functionName: "state",
    blockNumber,
  });
  const { preview } = st;
  const bucket = (b: { lowerBound: bigint; upperBound: bigint; ballots: bigint }) => ({
    lowerBound: b.lowerBound,
    upperBound: b.upperBound,
    ballots: Number(b.ballots),
  });
  return {
    inCharge: st.ballotsInCharge ? "ballots" : "governor",
    epoch: Number(preview.epoch),
    epochLength: Number(st.epochLength),
    genesis: Number(st.genesis),
    ballotLifetimeEpochs: Number(st.ballotLifetime),
    lastSettledEpoch: st.settled ? Number(st.lastSettledEpoch) : undefined,
    nextSettleAt: Number(preview.nextSettleAt),
    settleable: preview.settleable,
    liveBallots: Number(preview.liveBallots),
    expiredBallots: Number(preview.expiredBallots),
    quorum: preview.quorum,
    medians: { maxSmallParams: preview.medianParams, maxSmallTrainingFlop: preview.medianFlop },
    next: { maxSmallParams: preview.nextParams, maxSmallTrainingFlop: preview.nextFlop },
    distribution: { params: st.paramsBuckets.map(bucket), flop: st.flopBuckets.map(bucket) },
  };
}
