import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { sendContractWrite, type WriteResult } from "../../internal/write.js";

export type ExitNodeParameters = WriteOptions & { nodeId: IntegerInput };

/**
 * Exits an active node: its vote and memory leave now, its bond unbonds (owner only).
 * @example await exitNode(ctx, { nodeId: 1n })
 */
export async function exitNode(
  ctx: CommonsContext,
  { nodeId, ...options }: ExitNodeParameters,
): Promise<WriteResult<typeof computeRegistryAbi, "NodeExited">> {
  const id = toPositive(nodeId, "nodeId");
  return sendContractWrite(
    ctx,
    "exitNode",
    { address: ctx.deployment.registry, abi: computeRegistryAbi, functionName: "exitNode", args: [id], eventName: "NodeExited" },
    options,
  );
}
