import { modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type RaiseToFloorParameters = WriteOptions;
export type RaiseToFloorReturnType = WriteResult<typeof modelClassifierAbi, "ThresholdsUpdated">;
/**
 * `ContractErrors.ModelClassifierNotBelowFloor` when the threshold is already at or above the lowest floor over
 * the floor window, `ModelClassifierRaiseTooSoon` within the raise interval of the last raise.
 */
export type RaiseToFloorErrorType = MissingWalletError | ContractRevertError | CommonsError;

/**
 * Lifts `maxSmallParams` toward the consumer floor when registered hardware has held the floor above it for
 * the whole floor window: to the lowest floor over the window, at most twice the line per call, and at most
 * once per raise interval. Anyone may call.
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
