import { InvalidInputError, type CommonsError } from "../../errors/base.js";
import { proposalByNumber } from "../../internal/proposals.js";
import type { IntegerInput } from "../../internal/validate.js";
import type { CommonsContext, ProposalSummary } from "../../types.js";
import { toProposalRef } from "../../utils/proposals.js";
import { listProposals } from "./listProposals.js";

export type GetProposalParameters = {
  /** The proposal's short number (1 for the first proposal ever made) or its full id. */
  proposal: IntegerInput;
};
export type GetProposalReturnType = ProposalSummary;
/** `InvalidInputError` (field `proposal`) for a number or id the governor does not have. */
export type GetProposalErrorType = InvalidInputError | CommonsError;

/**
 * One proposal with its state, tallies, quorum and deadlines. By number it costs one request; by full id the
 * governor keeps no index, so the proposals are read page by page (as `listProposals`) until it is found.
 * @example const { id, state, votes } = await getProposal(client, { proposal: 1 })
 */
export async function getProposal(
  ctx: CommonsContext,
  { proposal }: GetProposalParameters,
): Promise<GetProposalReturnType> {
  const ref = toProposalRef(proposal);
  if (ref.number !== undefined) return proposalByNumber(ctx, ref.number, "proposal");
  const found = (await listProposals(ctx)).find((p) => p.id === ref.id);
  if (!found) throw new InvalidInputError("proposal", `there is no proposal with id ${ref.id}`);
  return found;
}
