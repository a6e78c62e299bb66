import type { computeGovernorAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { writeProposalStep } from "../../internal/proposals.js";
import type { IntegerInput } from "../../internal/validate.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type CancelProposalParameters = WriteOptions & {
  /** The proposal's id (1, 2, …). */
  proposal: IntegerInput;
};
export type CancelProposalReturnType = WriteResult<typeof computeGovernorAbi, "ProposalCanceled">;
/** `ContractErrors.GovernorUnableToCancel` from anyone but the proposer, or after Pending. */
export type CancelProposalErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Cancels a proposal while it is Pending (its proposer only). The governor keeps each proposal's calls, so its id is enough.
 * @example await cancelProposal(wallet, { proposal: 1 })
 */
export async function cancelProposal(
  ctx: CommonsContext,
  parameters: CancelProposalParameters,
): Promise<CancelProposalReturnType> {
  return writeProposalStep(
    ctx,
    "cancelProposal",
    { functionName: "cancel", eventName: "ProposalCanceled" },
    parameters,
  );
}
