import { computeGovernorAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import { InvalidInputError } from "../../errors/base.js";
import { toText, type IntegerInput } from "../../internal/validate.js";
import { sendContractWrite, type WriteResult } from "../../internal/write.js";
import { toProposalId } from "./proposalId.js";

/** How to vote: GovernorCountingSimple's 0 = against, 1 = for, 2 = abstain. */
export type Support = "against" | "for" | "abstain" | 0 | 1 | 2;

export function toSupport(support: Support): 0 | 1 | 2 {
  const map = { against: 0, for: 1, abstain: 2 } as const;
  if (typeof support === "string" && support in map) return map[support as keyof typeof map];
  if (support === 0 || support === 1 || support === 2) return support;
  throw new InvalidInputError("support", `"${String(support)}" is not for, against or abstain`);
}

export type CastVoteParameters = WriteOptions & { proposalId: IntegerInput; support: Support; reason?: string };

/**
 * Votes on a proposal with every vote delegated to the wallet's account at the proposal's snapshot.
 * @example await castVote(ctx, { proposalId, support: "for", reason: "consumer GPUs run 100B models" })
 */
export async function castVote(
  ctx: CommonsContext,
  { proposalId, support, reason, ...options }: CastVoteParameters,
): Promise<WriteResult<typeof computeGovernorAbi, "VoteCast">> {
  const id = toProposalId(proposalId);
  const s = toSupport(support);
  const text = reason === undefined ? undefined : toText(reason, "reason", 10_000, true);
  return sendContractWrite(
    ctx,
    "castVote",
    text
      ? {
          address: ctx.deployment.governor,
          abi: computeGovernorAbi,
          functionName: "castVoteWithReason",
          args: [id, s, text],
          eventName: "VoteCast",
        }
      : {
          address: ctx.deployment.governor,
          abi: computeGovernorAbi,
          functionName: "castVote",
          args: [id, s],
          eventName: "VoteCast",
        },
    options,
  );
}
