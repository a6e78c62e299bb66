import { modelClassifierAbi } from "../../abi/generated.js";
import { tierName, type TierName } from "../../domain.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { readCommonsContract } from "../../internal/read.js";
import { toInteger, toPositive, type IntegerInput } from "../../internal/validate.js";
import type { CommonsContext } from "../../types.js";

export type ClassifyParameters = {
  /** Parameter count (raw, not billions). */
  params: IntegerInput;
  /** Training compute in FLOP. */
  trainingFlop: IntegerInput;
  /** A past timestamp: classify under the thresholds in force then. Omit for now. */
  timepoint?: IntegerInput | undefined;
};
export type ClassifyReturnType = TierName;
/** `ContractErrors.ModelClassifierFutureLookup` for a timepoint that is not in the past. */
export type ClassifyErrorType = InvalidInputError | ContractRevertError | CommonsError;

/**
 * The tier of a model of these figures, now or at a past timepoint, as the classifier decides it. To
 * classify many models under one set of thresholds without a request each, use `tierOf`.
 * @example await classify(client, { params: 8_030_000_000n, trainingFlop: 1_224n * 10n ** 21n }) // "Small"
 */
export async function classify(ctx: CommonsContext, parameters: ClassifyParameters): Promise<ClassifyReturnType> {
  const params = toInteger(parameters.params, "params");
  const flop = toInteger(parameters.trainingFlop, "trainingFlop");
  const address = ctx.deployment.classifier;
  const tier =
    parameters.timepoint === undefined
      ? await readCommonsContract(ctx, {
          address,
          abi: modelClassifierAbi,
          functionName: "classify",
          args: [params, flop],
        })
      : await readCommonsContract(ctx, {
          address,
          abi: modelClassifierAbi,
          functionName: "classifyAt",
          args: [params, flop, toPositive(parameters.timepoint, "timepoint", 48)],
        });
  return tierName(tier);
}
