import { computeGovernorAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import type { IntegerInput } from "../../internal/validate.js";
import { sendContractWrite, type WriteResult } from "../../internal/write.js";
import { toProposalId } from "./proposalId.js";

/**
 * Cancels a pending proposal (its proposer only, while Pending). The governor keeps each proposal's calls (GovernorStorage), so the id is enough.
 * @example await cancelProposal(ctx, { proposalId })
 */
export async function cancelProposal(
  ctx: CommonsContext,
  { proposalId, ...options }: WriteOptions & { proposalId: IntegerInput },
): Promise<WriteResult<typeof computeGovernorAbi, "ProposalCanceled">> {
  const id = toProposalId(proposalId);
  return sendContractWrite(
    ctx,
    "cancel",
    { address: ctx.deployment.governor, abi: computeGovernorAbi, functionName: "cancel", args: [id], eventName: "ProposalCanceled" },
    options,
  );
}
