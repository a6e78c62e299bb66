import {
  getAddress,
  parseSignature,
  recoverTypedDataAddress,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hex,
  type Transport,
} from "viem";
import { getBlock, signTypedData } from "viem/actions";
import { computeRegistryAbi } from "../../abi/generated.js";
import {
  InvalidInputError,
  type CommonsError,
  type MissingWalletError,
  type SigningDomainError,
} from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { withCommonsErrors } from "../../internal/read.js";
import { signingDomainOf, submitterOf } from "../../internal/signing.js";
import { toAddress, toInteger, type IntegerInput } from "../../internal/validate.js";
import { assertChain, requireAccount, writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

/** A delegation signed for a relayer: everything `ComputeRegistry.delegateBySig` takes, and who signed it. */
export type SignedDelegation = {
  /** Who signed: the account whose node votes move. */
  delegator: Address;
  delegatee: Address;
  /** The delegator's nonce at the registry when it signed (one signature, one use). */
  nonce: bigint;
  /** Unix time after which the registry refuses it. */
  expiry: bigint;
  signature: Hex;
};

export type SignDelegationParameters = {
  delegatee: Address | string;
  /** Seconds from the chain's latest block until the signature expires. Default one day. */
  expiresIn?: IntegerInput;
};
export type SignDelegationErrorType = InvalidInputError | MissingWalletError | SigningDomainError | CommonsError;

/** The EIP-712 type OpenZeppelin's `Votes.delegateBySig` checks. */
const DELEGATION_TYPES = {
  Delegation: [
    { name: "delegatee", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "expiry", type: "uint256" },
  ],
} as const;

/**
 * Signs a delegation of the wallet's node votes to `delegatee` with EIP-712 (domain read from the registry's
 * `eip712Domain()`, refused with a `SigningDomainError` when it is not the deployment's); sends nothing. Anyone
 * may then submit it (`submitDelegation`), e.g. a relayer that pays the gas.
 * @example const signed = await signDelegation(wallet, { delegatee: "0x3C44…", expiresIn: 3600 })
 */
export async function signDelegation(
  ctx: CommonsContext,
  { delegatee, expiresIn = 86_400 }: SignDelegationParameters,
): Promise<SignedDelegation> {
  const to = toAddress(delegatee, "delegatee");
  const lifetime = toInteger(expiresIn, "expiresIn", 1n, 365n * 86_400n);
  const account = requireAccount(ctx, "signDelegation");
  await assertChain(ctx);
  const [{ domain, nonce }, latest] = await Promise.all([
    signingDomainOf(ctx, "registry", account.address),
    withCommonsErrors(() => getBlock(ctx, { blockTag: "latest" })),
  ]);
  const expiry = latest.timestamp + lifetime;
  const signature = await withCommonsErrors(() =>
    signTypedData(ctx, {
      account,
      domain,
      types: DELEGATION_TYPES,
      primaryType: "Delegation",
      message: { delegatee: to, nonce, expiry },
    }),
  );
  return { delegator: getAddress(account.address), delegatee: to, nonce, expiry, signature };
}

export type SubmitDelegationReturnType = WriteResult<typeof computeRegistryAbi, "DelegateChanged">;
/** `ContractErrors.VotesExpiredSignature` past the expiry, `InvalidAccountNonce` for a used or stale one. */
export type SubmitDelegationErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Submits a signed delegation from any account (the client's pays the gas). Refused before sending when the
 * signature does not recover to its delegator: the registry would move someone else's votes.
 * @example await submitDelegation(relayer, signed)
 */
export async function submitDelegation(
  ctx: CommonsContext,
  { delegator, delegatee, nonce, expiry, signature, ...options }: SignedDelegation & WriteOptions,
): Promise<SubmitDelegationReturnType> {
  const { v, r, s, yParity } = (() => {
    try {
      return parseSignature(signature);
    } catch {
      throw new InvalidInputError("signature", "is not a 65-byte signature");
    }
  })();
  await assertSignedBy(ctx, { delegator, delegatee, nonce, expiry, signature });
  return writeCommonsContract(
    ctx,
    "submitDelegation",
    {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "delegateBySig",
      args: [toAddress(delegatee, "delegatee"), nonce, expiry, Number(v ?? BigInt(yParity + 27)), r, s],
      eventName: "DelegateChanged",
    },
    options,
  );
}

/** The signer a delegation recovers to must be its stated delegator. */
async function assertSignedBy(ctx: CommonsContext, signed: SignedDelegation): Promise<void> {
  const { domain } = await signingDomainOf(ctx, "registry", signed.delegator);
  const signer = await recoverTypedDataAddress({
    domain,
    types: DELEGATION_TYPES,
    primaryType: "Delegation",
    message: { delegatee: getAddress(signed.delegatee), nonce: signed.nonce, expiry: signed.expiry },
    signature: signed.signature,
  });
  if (getAddress(signer) !== getAddress(signed.delegator)) {
    throw new InvalidInputError("signature", `was signed by ${signer}, not by the delegator ${signed.delegator}`);
  }
}

export type DelegateBySigParameters = WriteOptions &
  SignDelegationParameters & {
    /** Who submits the signed delegation (and pays the gas): a client with an account. Defaults to the signer. */
    relayer?: Client<Transport, Chain | undefined, Account | undefined> | undefined;
  };
export type DelegateBySigReturnType = SubmitDelegationReturnType & { signed: SignedDelegation };

/**
 * Signs a delegation (`signDelegation`) and submits it, by the relayer when one is given: a node owner
 * without ETH for gas can still delegate.
 * @example await delegateBySig(wallet, { delegatee: "0x3C44…", relayer })
 */
export async function delegateBySig(
  ctx: CommonsContext,
  { delegatee, expiresIn, relayer, ...options }: DelegateBySigParameters,
): Promise<DelegateBySigReturnType> {
  const signed = await signDelegation(ctx, { delegatee, ...(expiresIn === undefined ? {} : { expiresIn }) });
  const result = await submitDelegation(submitterOf(ctx, relayer), { ...signed, ...options });
  return { ...result, signed };
}
