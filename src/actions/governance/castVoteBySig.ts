import { getAddress, type Hex } from "viem";
import { computeGovernorAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import { CommonsError } from "../../errors/base.js";
import type { IntegerInput } from "../../internal/validate.js";
import { assertChain, read, requireWallet, sendContractWrite, type WriteResult } from "../../internal/write.js";
import { toSupport, type Support } from "./castVote.js";
import { toProposalId } from "./proposalId.js";

export type CastVoteBySigParameters = WriteOptions & {
  proposalId: IntegerInput;
  support: Support;
  /** Who submits the signed ballot (pays the gas). Defaults to the signer's own wallet. */
  relayer?: CommonsContext["walletClient"];
};

export type CastVoteBySigReturnType = WriteResult<typeof computeGovernorAbi, "VoteCast"> & { signature: Hex };

/**
 * Signs an EIP-712 ballot with the wallet (domain read from the governor's `eip712Domain()`, never
 * hard-coded) and submits it, by the relayer when one is given. A signature is good for one vote only: the
 * governor consumes the voter's nonce.
 * @example await castVoteBySig(ctx, { proposalId, support: "for", relayer })
 */
export async function castVoteBySig(
  ctx: CommonsContext,
  { proposalId, support, relayer, ...options }: CastVoteBySigParameters,
): Promise<CastVoteBySigReturnType> {
  const id = toProposalId(proposalId);
  const s = toSupport(support);
  const { wallet, account } = requireWallet(ctx, "castVoteBySig");
  await assertChain(ctx);
  const governor = ctx.deployment.governor;
  const [domain, nonce] = await read(() =>
    Promise.all([
      ctx.publicClient.readContract({ address: governor, abi: computeGovernorAbi, functionName: "eip712Domain" }),
      ctx.publicClient.readContract({
        address: governor,
        abi: computeGovernorAbi,
        functionName: "nonces",
        args: [account.address],
      }),
    ]),
  );
  const [, name, version, chainId, verifyingContract] = domain;
  if (Number(chainId) !== ctx.deployment.chainId || getAddress(verifyingContract) !== getAddress(governor)) {
    throw new CommonsError(
      `Refusing to sign: the governor's EIP-712 domain (chain ${chainId}, ${verifyingContract}) is not the deployment's`,
    );
  }
  const signature = await wallet.signTypedData({
    account,
    domain: { name, version, chainId, verifyingContract },
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
  });
  const result = await sendContractWrite(
    relayer ? { ...ctx, walletClient: relayer } : ctx,
    "castVoteBySig",
    {
      address: governor,
      abi: computeGovernorAbi,
      functionName: "castVoteBySig",
      args: [id, s, account.address, signature],
      eventName: "VoteCast",
    },
    options,
  );
  return { ...result, signature };
}
