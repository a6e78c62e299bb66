import { commonsLensAbi, hardwareCatalogAbi } from "../../abi/generated.js";
import type { CommonsContext } from "../../clients/context.js";
import { collectPages, type PageParameters } from "../../internal/paging.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { read } from "../../internal/write.js";

export type Sku = {
  id: number;
  vendor: string;
  name: string;
  memoryMiB: number;
  bandwidthGBps: number;
  deprecated: boolean;
};

export const SKUS_PAGE_SIZE = 200;

/**
 * Every SKU of the catalog in id order, in ceil(N / pageSize) requests.
 * @example const skus = await listSkus(ctx)
 */
export async function listSkus(ctx: CommonsContext, parameters: PageParameters = {}): Promise<Sku[]> {
  const raw = await collectPages(parameters.pageSize, SKUS_PAGE_SIZE, (offset, limit) =>
    read(() =>
      ctx.publicClient.readContract({
        address: ctx.deployment.lens,
        abi: commonsLensAbi,
        functionName: "skus",
        args: [offset, limit],
      }),
    ),
  );
  return raw.map((s, i) => ({ id: i + 1, ...s }));
}

/**
 * One SKU by id.
 * @example const sku = await getSku(ctx, { skuId: 3 })
 */
export async function getSku(ctx: CommonsContext, { skuId }: { skuId: IntegerInput }): Promise<Sku> {
  const id = toPositive(skuId, "skuId", 16);
  const s = await read(() =>
    ctx.publicClient.readContract({
      address: ctx.deployment.catalog,
      abi: hardwareCatalogAbi,
      functionName: "sku",
      args: [id],
    }),
  );
  return { id: Number(id), ...s };
}
