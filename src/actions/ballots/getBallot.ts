import { thresholdBallotsAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { epochStart, readBallotClock } from "../../internal/ballots.js";
import { readCommonsContract } from "../../internal/read.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import type { Ballot, CommonsContext } from "../../types.js";

export type GetBallotParameters = { nodeId: IntegerInput };
/** The node's ballot; undefined when it has none (never cast, withdrawn, pruned, or its node left). */
export type GetBallotReturnType = Ballot | undefined;
export type GetBallotErrorType = InvalidInputError | CommonsError;

/**
 * A node's standing ballot: the thresholds it asks for, the epoch it was cast in, and when it stops counting
 * (its expiry epoch and that epoch's start, from the ballots' genesis and epoch length). Four requests in
 * parallel.
 * @example const ballot = await getBallot(client, { nodeId: 1n }) // undefined without one
 */
export async function getBallot(ctx: CommonsContext, { nodeId }: GetBallotParameters): Promise<GetBallotReturnType> {
  const id = toPositive(nodeId, "nodeId");
  const ballots = { address: ctx.deployment.ballots, abi: thresholdBallotsAbi } as const;
  const [ballot, epoch, clock] = await Promise.all([
    readCommonsContract(ctx, { ...ballots, functionName: "ballotOf", args: [id] }),
    readCommonsContract(ctx, { ...ballots, functionName: "epoch" }),
    readBallotClock(ctx),
  ]);
  if (ballot.expiryEpoch === 0) return undefined;
  return {
    nodeId: id,
    maxSmallParams: ballot.maxSmallParams,
    maxSmallTrainingFlop: ballot.maxSmallTrainingFlop,
    castEpoch: ballot.castEpoch,
    expiryEpoch: ballot.expiryEpoch,
    expiresAt: epochStart(clock, ballot.expiryEpoch),
    expired: BigInt(ballot.expiryEpoch) <= epoch,
  };
}
