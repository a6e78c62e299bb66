import { nodeVetoAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { aboutProposal } from "../../internal/proposals.js";
import type { IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";
import { toProposalId } from "../../utils/proposals.js";

export type VetoProposalParameters = WriteOptions & {
  /** The proposal's id (1, 2, …): a passed proposal waiting in the timelock (Queued). */
  proposal: IntegerInput;
};
export type VetoProposalReturnType = WriteResult<typeof nodeVetoAbi, "VetoCast" | "ProposalVetoed"> & {
  /** The wallet's votes at the proposal's snapshot, all cast as veto. */
  weight: bigint;
  /** Veto votes so far, and the votes that cancel the proposal (a third of its snapshot's). */
  vetoVotes: bigint;
  threshold: bigint;
  /** Whether this veto reached the threshold: the proposal is canceled in the timelock and never executes. */
  vetoed: boolean;
};
/**
 * `ContractErrors.NodeVetoNotOpen` unless the proposal is Queued, `NodeVetoNoWeight` for a wallet without votes
 * at its snapshot, `NodeVetoAlreadyVetoed` for a second veto.
 */
export type VetoProposalErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Vetoes a queued proposal with the wallet's votes at its snapshot: the veto without a king. When veto votes
 * reach a third of the snapshot's votes, the node veto cancels the proposal's timelock operation, and the
 * proposal is Canceled.
 * @example const { vetoed, vetoVotes, threshold } = await vetoProposal(wallet, { proposal: 2 })
 */
export async function vetoProposal(
  ctx: CommonsContext,
  { proposal, ...options }: VetoProposalParameters,
): Promise<VetoProposalReturnType> {
  const id = toProposalId(proposal);
  const result = await aboutProposal(ctx, id, "proposal", () =>
    writeCommonsContract(
      ctx,
      "vetoProposal",
      {
        address: ctx.deployment.veto,
        abi: nodeVetoAbi,
        functionName: "veto",
        args: [id],
        eventName: ["VetoCast", "ProposalVetoed"],
      },
      options,
    ),
  );
  const cast = result.events.find((e) => e.eventName === "VetoCast");
  const args = cast?.eventName === "VetoCast" ? cast.args : undefined;
  return {
    ...result,
    weight: args?.weight ?? 0n,
    vetoVotes: args?.vetoVotes ?? 0n,
    threshold: args?.threshold ?? 0n,
    vetoed: result.events.some((e) => e.eventName === "ProposalVetoed"),
  };
}
