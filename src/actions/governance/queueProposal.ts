import { computeGovernorAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import type { IntegerInput } from "../../internal/validate.js";
import { sendContractWrite, type WriteResult } from "../../internal/write.js";
import { toProposalId } from "./proposalId.js";

/**
 * Queues a succeeded proposal in the timelock. Anyone may. The governor keeps each proposal's calls (GovernorStorage), so the id is enough.
 * @example await queueProposal(ctx, { proposalId })
 */
export async function queueProposal(
  ctx: CommonsContext,
  { proposalId, ...options }: WriteOptions & { proposalId: IntegerInput },
): Promise<WriteResult<typeof computeGovernorAbi, "ProposalQueued">> {
  const id = toProposalId(proposalId);
  return sendContractWrite(
    ctx,
    "queue",
    { address: ctx.deployment.governor, abi: computeGovernorAbi, functionName: "queue", args: [id], eventName: "ProposalQueued" },
    options,
  );
}
