import { modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { readCommonsContract } from "../../internal/read.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import type { CommonsContext, Thresholds } from "../../types.js";

export type GetThresholdsParameters = {
  /** A past timestamp: the thresholds in force then. Omit for now. */
  timepoint?: IntegerInput | undefined;
};
export type GetThresholdsReturnType = Thresholds;
/** `ContractErrors.ModelClassifierFutureLookup` for a timepoint that is not in the past. */
export type GetThresholdsErrorType = InvalidInputError | ContractRevertError | CommonsError;

/**
 * The thresholds now, or in force at a past timepoint.
 * @example const { maxSmallParams, maxSmallTrainingFlop } = await getThresholds(client)
 */
export async function getThresholds(
  ctx: CommonsContext,
  { timepoint }: GetThresholdsParameters = {},
): Promise<GetThresholdsReturnType> {
  const address = ctx.deployment.classifier;
  const thresholds =
    timepoint === undefined
      ? await readCommonsContract(ctx, { address, abi: modelClassifierAbi, functionName: "thresholds" })
      : await readCommonsContract(ctx, {
          address,
          abi: modelClassifierAbi,
          functionName: "thresholdsAt",
          args: [toPositive(timepoint, "timepoint", 48)],
        });
  return { maxSmallParams: thresholds.maxSmallParams, maxSmallTrainingFlop: thresholds.maxSmallTrainingFlop };
}
