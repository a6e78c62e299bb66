import { modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { readCommonsContract } from "../../internal/read.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import type { CommonsContext, Model } from "../../types.js";

export type GetModelParameters = { modelId: IntegerInput };
export type GetModelReturnType = Model;
/** `ContractErrors.ModelClassifierUnknownModel` for an id the registry does not have. */
export type GetModelErrorType = InvalidInputError | ContractRevertError | CommonsError;

/**
 * One registered model by id.
 * @example const { name, params, trainingFlop } = await getModel(client, { modelId: 1n })
 */
export async function getModel(ctx: CommonsContext, { modelId }: GetModelParameters): Promise<GetModelReturnType> {
  const model = await readCommonsContract(ctx, {
    address: ctx.deployment.classifier,
    abi: modelClassifierAbi,
    functionName: "model",
    args: [toPositive(modelId, "modelId")],
  });
  return { ...model };
}
