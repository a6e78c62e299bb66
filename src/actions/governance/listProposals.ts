import { commonsLensAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { collectPages, type PageParameters } from "../../internal/paging.js";
import { readCommonsContract } from "../../internal/read.js";
import type { CommonsContext, ProposalSummary } from "../../types.js";
import { toProposalSummary } from "../../utils/proposals.js";

/** Proposals per request (each reads about 15 governor values and a word per action, never its calldata). */
export const PROPOSALS_PAGE_SIZE = 50;

export type ListProposalsParameters = PageParameters;
/** Oldest first: ids 1, 2, 3, … */
export type ListProposalsReturnType = ProposalSummary[];
export type ListProposalsErrorType = InvalidInputError | CommonsError;

/**
 * Every proposal in creation order with state, tallies, quorum, veto and deadlines, its actions summarised, in
 * ceil(N / pageSize) requests.
 * @example const proposals = await listProposals(client)
 */
export async function listProposals(
  ctx: CommonsContext,
  parameters: ListProposalsParameters = {},
): Promise<ListProposalsReturnType> {
  const proposals = await collectPages(parameters.pageSize, PROPOSALS_PAGE_SIZE, (offset, limit) =>
    readCommonsContract(ctx, {
      address: ctx.deployment.lens,
      abi: commonsLensAbi,
      functionName: "proposals",
      args: [offset, limit],
    }),
  );
  return proposals.map((p) => toProposalSummary(p, ctx.deployment));
}
