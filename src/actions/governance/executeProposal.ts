import { computeGovernorAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import type { IntegerInput } from "../../internal/validate.js";
import { sendContractWrite, type WriteResult } from "../../internal/write.js";
import { toProposalId } from "./proposalId.js";

/**
 * Executes a queued proposal once the timelock delay has passed. Anyone may. The governor keeps each proposal's calls (GovernorStorage), so the id is enough.
 * @example await executeProposal(ctx, { proposalId })
 */
export async function executeProposal(
  ctx: CommonsContext,
  { proposalId, ...options }: WriteOptions & { proposalId: IntegerInput },
): Promise<WriteResult<typeof computeGovernorAbi, "ProposalExecuted">> {
  const id = toProposalId(proposalId);
  return sendContractWrite(
    ctx,
    "execute",
    { address: ctx.deployment.governor, abi: computeGovernorAbi, functionName: "execute", args: [id], eventName: "ProposalExecuted" },
    options,
  );
}
