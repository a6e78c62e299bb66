import { commonsLensAbi } from "../../abi/generated.js";
import type { CommonsContext } from "../../clients/context.js";
import { collectPages, type PageParameters } from "../../internal/paging.js";
import { read } from "../../internal/write.js";
import { toProposalSummary, type ProposalSummary } from "./proposalView.js";

/** Proposals per request (each reads about 15 governor values). */
export const PROPOSALS_PAGE_SIZE = 50;

/**
 * Every proposal in creation order with state, tallies, quorum and deadlines, in ceil(N / pageSize) requests.
 * @example const proposals = await listProposals(ctx)
 */
export async function listProposals(ctx: CommonsContext, parameters: PageParameters = {}): Promise<ProposalSummary[]> {
  const raw = await collectPages(parameters.pageSize, PROPOSALS_PAGE_SIZE, (offset, limit) =>
    read(() =>
      ctx.publicClient.readContract({
        address: ctx.deployment.lens,
        abi: commonsLensAbi,
        functionName: "proposals",
        args: [offset, limit],
      }),
    ),
  );
  return raw.map(toProposalSummary);
}
