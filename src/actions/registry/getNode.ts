import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsContext } from "../../clients/context.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { read } from "../../internal/write.js";
import { toNode, type Node } from "./nodeView.js";

export type GetNodeParameters = { nodeId: IntegerInput };
export type GetNodeReturnType = Node;

/**
 * One node by id; an unknown id throws `ContractErrors.ComputeRegistryUnknownNode`.
 * @example const node = await getNode(ctx, { nodeId: 1n })
 */
export async function getNode(ctx: CommonsContext, { nodeId }: GetNodeParameters): Promise<GetNodeReturnType> {
  const id = toPositive(nodeId, "nodeId");
  const raw = await read(() =>
    ctx.publicClient.readContract({
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "node",
      args: [id],
    }),
  );
  return toNode(raw);
}
