import { thresholdBallotsAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type WithdrawBallotParameters = WriteOptions & { nodeId: IntegerInput };
export type WithdrawBallotReturnType = WriteResult<typeof thresholdBallotsAbi, "BallotRemoved">;
/**
 * `ContractErrors.ThresholdBallotsNoBallot` for a node without a ballot, `ThresholdBallotsNotNodeOwner` for
 * another owner's node.
 */
export type WithdrawBallotErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Withdraws a node's ballot: it leaves both distributions at once (`BallotRemoved`, reason `Withdrawn`). The
 * node's owner only; a node that leaves the vote (exit, lapse, slash) loses its ballot without this.
 * @example await withdrawBallot(wallet, { nodeId: 1n })
 */
export async function withdrawBallot(
  ctx: CommonsContext,
  { nodeId, ...options }: WithdrawBallotParameters,
): Promise<WithdrawBallotReturnType> {
  const id = toPositive(nodeId, "nodeId");
  return writeCommonsContract(
    ctx,
    "withdrawBallot",
    {
      address: ctx.deployment.ballots,
      abi: thresholdBallotsAbi,
      functionName: "withdrawBallot",
      args: [id],
      eventName: "BallotRemoved",
    },
    options,
  );
}
