import { modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import { sendContractWrite, type WriteResult } from "../../internal/write.js";

/**
 * Lifts maxSmallParams to the consumer floor when registered hardware has pushed the floor above it
 * (anyone may call).
 * @example await raiseToFloor(ctx)
 */
export async function raiseToFloor(
  ctx: CommonsContext,
  options: WriteOptions = {},
): Promise<WriteResult<typeof modelClassifierAbi, "ThresholdsUpdated">> {
  return sendContractWrite(
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
