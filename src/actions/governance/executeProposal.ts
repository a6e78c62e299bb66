import type { computeGovernorAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { writeProposalStep } from "../../internal/proposals.js";
import type { IntegerInput } from "../../internal/validate.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type ExecuteProposalParameters = WriteOptions & {
  /** The proposal's id (1, 2, …). */
  proposal: IntegerInput;
};
export type ExecuteProposalReturnType = WriteResult<typeof computeGovernorAbi, "ProposalExecuted">;
/** `ContractErrors.TimelockUnexpectedOperationState` before the timelock delay is over. */
export type ExecuteProposalErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Executes a queued proposal once the timelock delay has passed (anyone may). The governor keeps each proposal's calls, so its id is enough.
 * @example await executeProposal(wallet, { proposal: 1 })
 */
export async function executeProposal(
  ctx: CommonsContext,
  parameters: ExecuteProposalParameters,
): Promise<ExecuteProposalReturnType> {
  return writeProposalStep(
    ctx,
    "executeProposal",
    { functionName: "execute", eventName: "ProposalExecuted" },
    parameters,
  );
}
