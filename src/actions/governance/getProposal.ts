import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { proposalById } from "../../internal/proposals.js";
import type { IntegerInput } from "../../internal/validate.js";
import type { CommonsContext, ProposalSummary } from "../../types.js";

export type GetProposalParameters = {
  /** The proposal's id: 1 for the first proposal ever made, 2 for the next. */
  proposal: IntegerInput;
};
export type GetProposalReturnType = ProposalSummary;
/** `InvalidInputError` (field `proposal`) for an id the governor does not have. */
export type GetProposalErrorType = InvalidInputError | CommonsError;

/**
 * One proposal with its state, tallies, quorum, veto votes, deadlines and actions summarised, in one request.
 * @example const { state, votes, actions } = await getProposal(client, { proposal: 1 })
 */
export async function getProposal(
  ctx: CommonsContext,
  { proposal }: GetProposalParameters,
): Promise<GetProposalReturnType> {
  return proposalById(ctx, proposal);
}
