import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { sendContractWrite, type WriteResult } from "../../internal/write.js";

export type WithdrawBondParameters = WriteOptions & { nodeId: IntegerInput };

/**
 * Pays an exited node's bond back once unbonding is over (owner only, once).
 * @example await withdrawBond(ctx, { nodeId: 1n })
 */
export async function withdrawBond(
  ctx: CommonsContext,
  { nodeId, ...options }: WithdrawBondParameters,
): Promise<WriteResult<typeof computeRegistryAbi, "BondWithdrawn">> {
  const id = toPositive(nodeId, "nodeId");
  return sendContractWrite(
    ctx,
    "withdrawBond",
    { address: ctx.deployment.registry, abi: computeRegistryAbi, functionName: "withdrawBond", args: [id], eventName: "BondWithdrawn" },
    options,
  );
}
