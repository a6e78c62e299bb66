/** EIP-712 domains read from the contracts themselves (`eip712Domain()`, EIP-5267), never hard-coded. */
import {
  getAddress,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Transport,
  type TypedDataDomain,
} from "viem";
import { computeGovernorAbi, computeRegistryAbi } from "../abi/generated.js";
import { SigningDomainError } from "../errors/base.js";
import type { CommonsContext } from "../types.js";
import { readCommonsContract } from "./read.js";

/** The contracts whose signatures the SDK makes: the governor (ballots) and the registry (delegations). */
export type SigningContract = "governor" | "registry";

const ABIS = { governor: computeGovernorAbi, registry: computeRegistryAbi } as const;

/**
 * The EIP-712 domain of the deployment's `contract` and the signer's next nonce there. Refuses (a
 * `SigningDomainError`) a domain that is not this deployment's: another chain, or another contract.
 */
export async function signingDomainOf(
  ctx: CommonsContext,
  contract: SigningContract,
  signer: Address,
): Promise<{ domain: TypedDataDomain & { chainId: number; verifyingContract: Address }; nonce: bigint }> {
  const address = ctx.deployment[contract];
  const abi = ABIS[contract];
  const [domain, nonce] = await Promise.all([
    readCommonsContract(ctx, { address, abi, functionName: "eip712Domain" }),
    readCommonsContract(ctx, { address, abi, functionName: "nonces", args: [signer] }),
  ]);
  const [, name, version, chainId, verifyingContract] = domain;
  if (Number(chainId) !== ctx.deployment.chainId || getAddress(verifyingContract) !== getAddress(address)) {
    throw new SigningDomainError(
      `Refusing to sign: the ${contract}'s EIP-712 domain (chain ${chainId}, ${verifyingContract}) is not the deployment's`,
    );
  }
  return { domain: { name, version, chainId: Number(chainId), verifyingContract }, nonce: nonce as bigint };
}

/** Who submits a signed message: the relayer (on this deployment) when one is given, else the signer's client. */
export function submitterOf(
  ctx: CommonsContext,
  relayer: Client<Transport, Chain | undefined, Account | undefined> | undefined,
): CommonsContext {
  return relayer ? { ...relayer, deployment: ctx.deployment } : ctx;
}
