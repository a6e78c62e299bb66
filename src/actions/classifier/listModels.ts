import { commonsLensAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { collectPages, type PageParameters } from "../../internal/paging.js";
import { readCommonsContract } from "../../internal/read.js";
import type { CommonsContext, Model } from "../../types.js";

/** Models per request (each carries two strings; 200 stay far below a node's eth_call gas cap). */
export const MODELS_PAGE_SIZE = 200;

export type ListModelsParameters = PageParameters;
export type ListModelsReturnType = Model[];
export type ListModelsErrorType = InvalidInputError | CommonsError;

/**
 * Every registered model in id order, in ceil(N / pageSize) requests.
 * @example const models = await listModels(client)
 */
export async function listModels(
  ctx: CommonsContext,
  parameters: ListModelsParameters = {},
): Promise<ListModelsReturnType> {
  const models = await collectPages(parameters.pageSize, MODELS_PAGE_SIZE, (offset, limit) =>
    readCommonsContract(ctx, {
      address: ctx.deployment.lens,
      abi: commonsLensAbi,
      functionName: "models",
      args: [offset, limit],
    }),
  );
  return models.map((model) => ({ ...model }));
}
