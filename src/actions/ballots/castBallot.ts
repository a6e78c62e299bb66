import { thresholdBallotsAbi } from "../../abi/generated.js";
import { InvalidInputError, type CommonsError, type MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { epochStart, readBallotClock, toNodeIds } from "../../internal/ballots.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { requireAccount, writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";
import { toBallotValue } from "../../utils/ballots.js";

export type CastBallotParameters = WriteOptions & {
  /** The thresholds the nodes ask for, within `BALLOT_BOUNDS`. */
  maxSmallParams: IntegerInput;
  maxSmallTrainingFlop: IntegerInput;
} & (
    | { /** One of the wallet's Active nodes. */ nodeId: IntegerInput; nodeIds?: undefined }
    | {
        /** Several of the wallet's Active nodes: one ballot each, in one transaction. */ nodeIds: readonly IntegerInput[];
        nodeId?: undefined;
      }
  );
export type CastBallotReturnType = WriteResult<typeof thresholdBallotsAbi, "BallotCast"> & {
  /** The nodes whose ballots were cast, in order. */
  nodeIds: bigint[];
  /** The first epoch the ballots no longer count in, and when it begins (seconds). */
  expiryEpoch: number;
  expiresAt: number;
};
/**
 * `InvalidInputError` before sending for a wish outside `BALLOT_BOUNDS` (the message names the bounds), no
 * node, both `nodeId` and `nodeIds`, a node listed twice or more than `MAX_BALLOT_NODES`; `ContractErrors.ThresholdBallotsNotNodeOwner` for
 * another owner's node, `ThresholdBallotsNodeNotCounted` for a node that is not Active (warming up, lapsed,
 * exiting).
 */
export type CastBallotErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * States the thresholds the wallet's nodes want: a standing ballot per node, counted in both distributions
 * until changed, withdrawn, its node leaves the vote, or the ballot lifetime passes. Casting again changes the
 * ballot and restarts its lifetime. One node calls `castBallot`, several `castBallots` (one transaction).
 * @example
 * const { expiresAt } = await castBallot(wallet, {
 *   nodeIds: [1n, 2n], maxSmallParams: 100_000_000_000n, maxSmallTrainingFlop: 10n ** 25n,
 * })
 */
export async function castBallot(
  ctx: CommonsContext,
  { nodeId, nodeIds, maxSmallParams, maxSmallTrainingFlop, ...options }: CastBallotParameters,
): Promise<CastBallotReturnType> {
  if ((nodeId === undefined) === (nodeIds === undefined)) {
    throw new InvalidInputError("nodeId", "give exactly one of nodeId and nodeIds");
  }
  const ids = nodeId !== undefined ? [toPositive(nodeId, "nodeId")] : toNodeIds(nodeIds!, "nodeIds");
  const params = toBallotValue(maxSmallParams, "maxSmallParams");
  const trainingFlop = toBallotValue(maxSmallTrainingFlop, "maxSmallTrainingFlop");
  requireAccount(ctx, "castBallot");
  const ballots = { address: ctx.deployment.ballots, abi: thresholdBallotsAbi, eventName: "BallotCast" } as const;
  const [clock, result] = await Promise.all([
    readBallotClock(ctx),
    ids.length === 1
      ? writeCommonsContract(
          ctx,
          "castBallot",
          { ...ballots, functionName: "castBallot", args: [ids[0]!, params, trainingFlop] },
          options,
        )
      : writeCommonsContract(
          ctx,
          "castBallot",
          { ...ballots, functionName: "castBallots", args: [ids, params, trainingFlop] },
          options,
        ),
  ]);
  const expiryEpoch = result.events[0]!.args.expiryEpoch;
  return { ...result, nodeIds: ids, expiryEpoch, expiresAt: epochStart(clock, expiryEpoch) };
}
