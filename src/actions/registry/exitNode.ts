import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type ExitNodeParameters = WriteOptions & { nodeId: IntegerInput };
/** The `NodeExited` event carries `unlockAt`, when the bond may be withdrawn. */
export type ExitNodeReturnType = WriteResult<typeof computeRegistryAbi, "NodeExited">;
/** `ContractErrors.ComputeRegistryNotNodeOwner`, or `ComputeRegistryWrongNodeStatus` for a node that exited already. */
export type ExitNodeErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Exits a Pending, Active or Lapsed node (owner only): its vote and memory leave now, its devices are free,
 * and its bond unbonds until `unlockAt`: the unbonding period, and never before every proposal created so far
 * has ended and could have executed (the governor's vote lock).
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
