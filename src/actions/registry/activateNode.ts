import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type ActivateNodeParameters = WriteOptions & { nodeId: IntegerInput };
export type ActivateNodeReturnType = WriteResult<typeof computeRegistryAbi, "NodeActivated">;
/**
 * `ContractErrors.ComputeRegistryWarmingUp` (with the time it ends) before the warm-up is over,
 * `ComputeRegistryWrongNodeStatus` for a node that is not Pending, `ComputeRegistryAttestationLapsed` when its
 * attestation no longer holds (lapse it instead).
 */
export type ActivateNodeErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Ends a Pending node's warm-up: its vote and floor weight start (the owner is delegated to itself on its
 * first vote). Anyone may call, once the warm-up is over (`Node.activatableAt`) and while the attestation holds.
 * @example await activateNode(wallet, { nodeId: 1n })
 */
export async function activateNode(
  ctx: CommonsContext,
  { nodeId, ...options }: ActivateNodeParameters,
): Promise<ActivateNodeReturnType> {
  return writeCommonsContract(
    ctx,
    "activateNode",
    {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "activate",
      args: [toPositive(nodeId, "nodeId")],
      eventName: "NodeActivated",
    },
    options,
  );
}
