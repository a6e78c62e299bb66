import { computeGovernorAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError, NoVotesError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { refuseZeroWeight } from "../../internal/votes.js";
import { aboutProposal } from "../../internal/proposals.js";
import { toText, type IntegerInput } from "../../internal/validate.js";
import { requireAccount, writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";
import { toProposalId } from "../../utils/proposals.js";
import { toSupport, type Support } from "../../utils/votes.js";

export type CastVoteParameters = WriteOptions & {
  /** The proposal's id (1, 2, …). */
  proposal: IntegerInput;
  support: Support;
  /** Recorded on chain with the vote (`castVoteWithReason`). */
  reason?: string | undefined;
};
export type CastVoteReturnType = WriteResult<typeof computeGovernorAbi, "VoteCast">;
/**
 * `NoVotesError` before sending when the wallet has no votes in the proposal; `ContractErrors.GovernorAlreadyCastVote`
 * or `GovernorUnexpectedProposalState` from the governor.
 */
export type CastVoteErrorType =
  InvalidInputError | MissingWalletError | NoVotesError | ContractRevertError | CommonsError;

/**
 * Votes on a proposal with every vote delegated to the wallet's account at the proposal's snapshot. A vote
 * that would count zero (no node, votes delegated away, or a node registered after the snapshot) is
 * refused before anything is sent, saying which.
 * @example await castVote(wallet, { proposal: 1, support: "for", reason: "consumer GPUs run 100B models" })
 */
export async function castVote(
  ctx: CommonsContext,
  { proposal, support, reason, ...options }: CastVoteParameters,
): Promise<CastVoteReturnType> {
  const s = toSupport(support);
  const text = reason === undefined ? undefined : toText(reason, "reason", 10_000, true);
  const voter = requireAccount(ctx, "castVote").address;
  const id = toProposalId(proposal);
  const call = {
    address: ctx.deployment.governor,
    abi: computeGovernorAbi,
    eventName: "VoteCast",
    checkSimulation: (weight: unknown) => refuseZeroWeight(ctx, voter, id, weight),
  } as const;
  return aboutProposal(ctx, id, "proposal", () =>
    text
      ? writeCommonsContract(
          ctx,
          "castVote",
          { ...call, functionName: "castVoteWithReason", args: [id, s, text] },
          options,
        )
      : writeCommonsContract(ctx, "castVote", { ...call, functionName: "castVote", args: [id, s] }, options),
  );
}
