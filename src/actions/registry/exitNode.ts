import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type ExitNodeParameters = WriteOptions & { nodeId: IntegerInput };
/** The `NodeExited` event carries `unlockAt`, when the bond may be withdrawn. */
export type ExitNodeReturnType = WriteResult<typeof computeRegistryAbi, "NodeExited">;
/** `ContractErrors.ComputeRegistryNotNodeOwner`, or `ComputeRegistryWrongNodeStatus` for a node that is not active. */
export type ExitNodeErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Exits an active node (owner only): its vote and memory leave now, its bond starts unbonding.
 * @example const { events } = await exitNode(wallet, { nodeId: 1n }) // events[0].args.unlockAt
 */
export async function exitNode(
  ctx: CommonsContext,
  { nodeId, ...options }: ExitNodeParameters,
): Promise<ExitNodeReturnType> {
  return writeCommonsContract(
    ctx,
    "exitNode",
    {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "exitNode",
      args: [toPositive(nodeId, "nodeId")],
      eventName: "NodeExited",
    },
    options,
  );
}
