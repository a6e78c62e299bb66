import type { computeGovernorAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { writeProposalStep } from "../../internal/proposals.js";
import type { IntegerInput } from "../../internal/validate.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type QueueProposalParameters = WriteOptions & {
  /** The proposal's id (1, 2, …). */
  proposal: IntegerInput;
};
export type QueueProposalReturnType = WriteResult<typeof computeGovernorAbi, "ProposalQueued">;
/** `ContractErrors.GovernorUnexpectedProposalState` unless the proposal Succeeded. */
export type QueueProposalErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Queues a succeeded proposal in the timelock (anyone may). The event carries `etaSeconds`, when it may be executed. The governor keeps each proposal's calls, so its id is enough.
 * @example await queueProposal(wallet, { proposal: 1 })
 */
export async function queueProposal(
  ctx: CommonsContext,
  parameters: QueueProposalParameters,
): Promise<QueueProposalReturnType> {
  return writeProposalStep(ctx, "queueProposal", { functionName: "queue", eventName: "ProposalQueued" }, parameters);
}
