import { computeRegistryAbi } from "../../abi/generated.js";
import { listSkus } from "../catalog/skus.js";
import type { CommonsContext } from "../../clients/context.js";
import { InvalidInputError } from "../../errors/base.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { read } from "../../internal/write.js";

/** Most distinct SKUs per node (the contract's `MAX_DEVICE_LINES`). */
export const MAX_DEVICE_LINES = 6;

export type DeviceLineInput = { skuId: IntegerInput; count: IntegerInput };

/**
 * Checks a device list against the catalog and the registry's limits before anything is sent: distinct
 * known, non-deprecated SKUs, positive counts, at most `maxDevicesPerNode` devices and `maxNodeMemoryMiB`.
 */
export async function checkDevices(
  ctx: CommonsContext,
  devices: readonly DeviceLineInput[],
): Promise<{ skuId: number; count: number }[]> {
  if (!Array.isArray(devices) || devices.length === 0) throw new InvalidInputError("devices", "list at least one device");
  if (devices.length > MAX_DEVICE_LINES) {
    throw new InvalidInputError("devices", `${devices.length} distinct SKUs; a node holds at most ${MAX_DEVICE_LINES}`);
  }
  const lines = devices.map((d, i) => ({
    skuId: Number(toPositive(d.skuId, `devices[${i}].skuId`, 16)),
    count: Number(toPositive(d.count, `devices[${i}].count`, 8)),
  }));
  const seen = new Set<number>();
  for (const line of lines) {
    if (seen.has(line.skuId)) throw new InvalidInputError("devices", `SKU ${line.skuId} is listed twice`);
    seen.add(line.skuId);
  }

  const [skus, [maxDevices, maxMemory]] = await Promise.all([
    listSkus(ctx),
    read(() =>
      Promise.all([
        ctx.publicClient.readContract({
          address: ctx.deployment.registry,
          abi: computeRegistryAbi,
          functionName: "maxDevicesPerNode",
        }),
        ctx.publicClient.readContract({
          address: ctx.deployment.registry,
          abi: computeRegistryAbi,
          functionName: "maxNodeMemoryMiB",
        }),
      ]),
    ),
  ]);
  let deviceCount = 0;
  let memoryMiB = 0;
  for (const line of lines) {
    const sku = skus[line.skuId - 1];
    if (!sku) throw new InvalidInputError("devices", `unknown SKU ${line.skuId} (the catalog has ${skus.length})`);
    if (sku.deprecated) throw new InvalidInputError("devices", `SKU ${line.skuId} (${sku.name}) is deprecated`);
    deviceCount += line.count;
    memoryMiB += sku.memoryMiB * line.count;
  }
  if (BigInt(deviceCount) > maxDevices) {
    throw new InvalidInputError("devices", `${deviceCount} devices; a node holds at most ${maxDevices}`);
  }
  if (BigInt(memoryMiB) > maxMemory) {
    throw new InvalidInputError("devices", `node memory ${memoryMiB} MiB is above the cap of ${maxMemory} MiB`);
  }
  return lines;
}
