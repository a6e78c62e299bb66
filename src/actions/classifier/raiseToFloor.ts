import { modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type RaiseToFloorParameters = WriteOptions;
export type RaiseToFloorReturnType = WriteResult<typeof modelClassifierAbi, "ThresholdsUpdated">;
/** `ContractErrors.ModelClassifierNotBelowFloor` when the threshold is already at or above the floor. */
export type RaiseToFloorErrorType = MissingWalletError | ContractRevertError | CommonsError;

/**
 * Lifts `maxSmallParams` to the consumer floor when registered hardware has pushed the floor above it
 * (anyone may call).
 * @example await raiseToFloor(wallet)
 */
export async function raiseToFloor(
  ctx: CommonsContext,
  options: RaiseToFloorParameters = {},
): Promise<RaiseToFloorReturnType> {
  return writeCommonsContract(
    ctx,
    "raiseToFloor",
    {
      address: ctx.deployment.classifier,
      abi: modelClassifierAbi,
      functionName: "raiseToFloor",
      args: [],
      eventName: "ThresholdsUpdated",
    },
    options,
  );
}
