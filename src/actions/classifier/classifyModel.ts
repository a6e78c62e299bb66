import { modelClassifierAbi } from "../../abi/generated.js";
import { tierName, type TierName } from "../../domain.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { readCommonsContract } from "../../internal/read.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import type { CommonsContext } from "../../types.js";

export type ClassifyModelParameters = {
  modelId: IntegerInput;
  /** A past timestamp: classify under the thresholds in force then. Omit for now. */
  timepoint?: IntegerInput | undefined;
};
export type ClassifyModelReturnType = TierName;
/** `ContractErrors.ModelClassifierUnknownModel`, or `ModelClassifierFutureLookup` for a timepoint not in the past. */
export type ClassifyModelErrorType = InvalidInputError | ContractRevertError | CommonsError;

/**
 * The tier of a registered model, now or at a past timepoint.
 * @example await classifyModel(client, { modelId: 2n, timepoint: 1_750_000_000n }) // "Large"
 */
export async function classifyModel(
  ctx: CommonsContext,
  parameters: ClassifyModelParameters,
): Promise<ClassifyModelReturnType> {
  const id = toPositive(parameters.modelId, "modelId");
  const address = ctx.deployment.classifier;
  const tier =
    parameters.timepoint === undefined
      ? await readCommonsContract(ctx, { address, abi: modelClassifierAbi, functionName: "classifyModel", args: [id] })
      : await readCommonsContract(ctx, {
          address,
          abi: modelClassifierAbi,
          functionName: "classifyModelAt",
          args: [id, toPositive(parameters.timepoint, "timepoint", 48)],
        });
  return tierName(tier);
}
