import type { Account, Chain, Client, Hex, Transport } from "viem";
import { signTypedData } from "viem/actions";
import { computeGovernorAbi } from "../../abi/generated.js";
import type {
  CommonsError,
  InvalidInputError,
  MissingWalletError,
  NoVotesError,
  SigningDomainError,
} from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { aboutProposal } from "../../internal/proposals.js";
import { withCommonsErrors } from "../../internal/read.js";
import { signingDomainOf, submitterOf } from "../../internal/signing.js";
import type { IntegerInput } from "../../internal/validate.js";
import { refuseZeroWeight } from "../../internal/votes.js";
import { assertChain, requireAccount, writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";
import { toProposalId } from "../../utils/proposals.js";
import { toSupport, type Support } from "../../utils/votes.js";

export type CastVoteBySigParameters = WriteOptions & {
  /** The proposal's id (1, 2, …). */
  proposal: IntegerInput;
  support: Support;
  /** Who submits the signed ballot (and pays the gas): a client with an account. Defaults to the signer. */
  relayer?: Client<Transport, Chain | undefined, Account | undefined> | undefined;
};
export type CastVoteBySigReturnType = WriteResult<typeof computeGovernorAbi, "VoteCast"> & { signature: Hex };
/** As `castVote`, and `ContractErrors.GovernorInvalidSignature` for a replayed ballot. */
export type CastVoteBySigErrorType =
  InvalidInputError | MissingWalletError | NoVotesError | SigningDomainError | ContractRevertError | CommonsError;

/**
 * Signs an EIP-712 ballot with the wallet (domain read from the governor's `eip712Domain()`, never
 * hard-coded; refused with a `SigningDomainError` when it is not the deployment's) and submits it, by the relayer when one is given. A signature is good for one vote only: the
 * governor consumes the voter's nonce.
 * @example await castVoteBySig(wallet, { proposal: 1, support: "for", relayer })
 */
export async function castVoteBySig(
  ctx: CommonsContext,
  { proposal, support, relayer, ...options }: CastVoteBySigParameters,
): Promise<CastVoteBySigReturnType> {
  const s = toSupport(support);
  const account = requireAccount(ctx, "castVoteBySig");
  await assertChain(ctx);
  const id = toProposalId(proposal);
  const governor = { address: ctx.deployment.governor, abi: computeGovernorAbi } as const;
  const { domain, nonce } = await signingDomainOf(ctx, "governor", account.address);
  const signature = await withCommonsErrors(() =>
    signTypedData(ctx, {
      account,
      domain,
      types: {
        Ballot: [
          { name: "proposalId", type: "uint256" },
          { name: "support", type: "uint8" },
          { name: "voter", type: "address" },
          { name: "nonce", type: "uint256" },
        ],
      },
      primaryType: "Ballot",
      message: { proposalId: id, support: s, voter: account.address, nonce },
    }),
  );
  const result = await aboutProposal(ctx, id, "proposal", () =>
    writeCommonsContract(
      submitterOf(ctx, relayer),
      "castVoteBySig",
      {
        ...governor,
        functionName: "castVoteBySig",
        args: [id, s, account.address, signature],
        eventName: "VoteCast",
        checkSimulation: (weight) => refuseZeroWeight(ctx, account.address, id, weight),
      },
      options,
    ),
  );
  return { ...result, signature };
}
