import type { Address } from "viem";
import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import { toAddress } from "../../internal/validate.js";
import { sendContractWrite, type WriteResult } from "../../internal/write.js";

export type DelegateParameters = WriteOptions & { delegatee: Address | string };

/**
 * Delegates the caller's node votes (registering already delegates to self).
 * @example await delegate(ctx, { delegatee: "0x…" })
 */
export async function delegate(
  ctx: CommonsContext,
  { delegatee, ...options }: DelegateParameters,
): Promise<WriteResult<typeof computeRegistryAbi, "DelegateChanged">> {
  const to = toAddress(delegatee, "delegatee");
  return sendContractWrite(
    ctx,
    "delegate",
    {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "delegate",
      args: [to],
      eventName: "DelegateChanged",
    },
    options,
  );
}
