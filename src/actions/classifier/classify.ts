import { modelClassifierAbi } from "../../abi/generated.js";
import { tierName } from "../../capacity.js";
import type { CommonsContext } from "../../clients/context.js";
import { toInteger, toPositive, type IntegerInput } from "../../internal/validate.js";
import { read } from "../../internal/write.js";

export type ClassifyParameters = {
  /** Parameter count (raw, not billions). */
  params: IntegerInput;
  /** Training compute in FLOP. */
  trainingFlop: IntegerInput;
  /** A past timestamp: classify under the thresholds in force then. Omit for now. */
  timepoint?: IntegerInput;
};
export type ClassifyReturnType = "Small" | "Large";

/**
 * Tier of a model of these figures, now or at a past timepoint.
 * @example await classify(ctx, { params: 8_030_000_000n, trainingFlop: 1_224n * 10n ** 21n }) // "Small"
 */
export async function classify(ctx: CommonsContext, parameters: ClassifyParameters): Promise<ClassifyReturnType> {
  const params = toInteger(parameters.params, "params");
  const flop = toInteger(parameters.trainingFlop, "trainingFlop");
  const address = ctx.deployment.classifier;
  const tier = await read(() =>
    parameters.timepoint === undefined
      ? ctx.publicClient.readContract({ address, abi: modelClassifierAbi, functionName: "classify", args: [params, flop] })
      : ctx.publicClient.readContract({
          address,
          abi: modelClassifierAbi,
          functionName: "classifyAt",
          args: [params, flop, toPositive(parameters.timepoint, "timepoint", 48)],
        }),
  );
  return tierName(tier);
}

export type ClassifyModelParameters = { modelId: IntegerInput; timepoint?: IntegerInput };

/**
 * Tier of a registered model, now or at a past timepoint.
 * @example await classifyModel(ctx, { modelId: 2n, timepoint: 1_750_000_000n })
 */
export async function classifyModel(
  ctx: CommonsContext,
  parameters: ClassifyModelParameters,
): Promise<ClassifyReturnType> {
  const id = toPositive(parameters.modelId, "modelId");
  const address = ctx.deployment.classifier;
  const tier = await read(() =>
    parameters.timepoint === undefined
      ? ctx.publicClient.readContract({ address, abi: modelClassifierAbi, functionName: "classifyModel", args: [id] })
      : ctx.publicClient.readContract({
          address,
          abi: modelClassifierAbi,
          functionName: "classifyModelAt",
          args: [id, toPositive(parameters.timepoint, "timepoint", 48)],
        }),
  );
  return tierName(tier);
}
