import type { Address } from "viem";
import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import { toAddress } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type DelegateParameters = WriteOptions & { delegatee: Address | string };
export type DelegateReturnType = WriteResult<typeof computeRegistryAbi, "DelegateChanged">;
export type DelegateErrorType = InvalidInputError | MissingWalletError | CommonsError;

/**
 * Delegates the wallet's node votes to another address (registering a first node delegates to self).
 * @example await delegate(wallet, { delegatee: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" })
 */
export async function delegate(
  ctx: CommonsContext,
  { delegatee, ...options }: DelegateParameters,
): Promise<DelegateReturnType> {
  return writeCommonsContract(
    ctx,
    "delegate",
    {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "delegate",
      args: [toAddress(delegatee, "delegatee")],
      eventName: "DelegateChanged",
    },
    options,
  );
}
