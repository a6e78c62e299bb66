import { commonsLensAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { readCommonsContract } from "../../internal/read.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import type { CommonsContext, Node, NodeChallenge } from "../../types.js";
import { toNode } from "../../utils/nodes.js";

export type GetNodeParameters = { nodeId: IntegerInput };
/** The node, with its open challenge (`null` when none). */
export type GetNodeReturnType = Node & { challenge: NodeChallenge | null };
/** `ContractErrors.ComputeRegistryUnknownNode` for an id the registry does not have. */
export type GetNodeErrorType = InvalidInputError | ContractRevertError | CommonsError;

/**
 * One node by id, decoded by the lens from the registry's packed record, with its open challenge: one request.
 * @example const { owner, status, activatableAt, devices, challenge } = await getNode(client, { nodeId: 1n })
 */
export async function getNode(ctx: CommonsContext, { nodeId }: GetNodeParameters): Promise<GetNodeReturnType> {
  const raw = await readCommonsContract(ctx, {
    address: ctx.deployment.lens,
    abi: commonsLensAbi,
    functionName: "node",
    args: [toPositive(nodeId, "nodeId")],
  });
  const node = toNode(raw);
  return { ...node, challenge: node.challenge ?? null };
}
