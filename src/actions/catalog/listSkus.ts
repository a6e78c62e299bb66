import { commonsLensAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { collectPages, type PageParameters } from "../../internal/paging.js";
import { readCommonsContract } from "../../internal/read.js";
import type { CommonsContext, Sku } from "../../types.js";

/** SKUs per request. */
export const SKUS_PAGE_SIZE = 200;

export type ListSkusParameters = PageParameters;
export type ListSkusReturnType = Sku[];
export type ListSkusErrorType = InvalidInputError | CommonsError;

/**
 * Every SKU of the catalog in id order, in ceil(N / pageSize) requests (one up to 200 SKUs).
 * @example const skus = await listSkus(client)
 */
export async function listSkus(ctx: CommonsContext, parameters: ListSkusParameters = {}): Promise<ListSkusReturnType> {
  const skus = await collectPages(parameters.pageSize, SKUS_PAGE_SIZE, (offset, limit) =>
    readCommonsContract(ctx, {
      address: ctx.deployment.lens,
      abi: commonsLensAbi,
      functionName: "skus",
      args: [offset, limit],
    }),
  );
  return skus.map((sku, i) => ({ id: i + 1, ...sku }));
}
