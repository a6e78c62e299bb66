import { hardwareCatalogAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { readCommonsContract } from "../../internal/read.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import type { CommonsContext, Sku } from "../../types.js";

export type GetSkuParameters = {
  /** The SKU's id in the catalog (1-based). */
  skuId: IntegerInput;
};
export type GetSkuReturnType = Sku;
/** `ContractErrors.HardwareCatalogUnknownSku` for an id the catalog does not have. */
export type GetSkuErrorType = InvalidInputError | ContractRevertError | CommonsError;

/**
 * One SKU of the catalog by id.
 * @example
 * const sku = await getSku(client, { skuId: 3 })
 * // { id: 3, vendor: "NVIDIA", name: "GeForce RTX 4090 24 GB", memoryMiB: 24576, bandwidthGBps: 1008, deprecated: false }
 */
export async function getSku(ctx: CommonsContext, { skuId }: GetSkuParameters): Promise<GetSkuReturnType> {
  const id = toPositive(skuId, "skuId", 16);
  const sku = await readCommonsContract(ctx, {
    address: ctx.deployment.catalog,
    abi: hardwareCatalogAbi,
    functionName: "sku",
    args: [id],
  });
  return { id: Number(id), ...sku };
}
