import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { readCommonsContract } from "../../internal/read.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import type { CommonsContext, Node } from "../../types.js";
import { toNode } from "../../utils/nodes.js";

export type GetNodeParameters = { nodeId: IntegerInput };
export type GetNodeReturnType = Node;
/** `ContractErrors.ComputeRegistryUnknownNode` for an id the registry does not have. */
export type GetNodeErrorType = InvalidInputError | ContractRevertError | CommonsError;

/**
 * One node by id.
 * @example const { owner, status, memoryMiB, devices } = await getNode(client, { nodeId: 1n })
 */
export async function getNode(ctx: CommonsContext, { nodeId }: GetNodeParameters): Promise<GetNodeReturnType> {
  const node = await readCommonsContract(ctx, {
    address: ctx.deployment.registry,
    abi: computeRegistryAbi,
    functionName: "node",
    args: [toPositive(nodeId, "nodeId")],
  });
  return toNode(node);
}
