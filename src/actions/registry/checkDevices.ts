import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { readCommonsContract } from "../../internal/read.js";
import type { CommonsContext, DeviceLine } from "../../types.js";
import { checkDeviceLimits, toDeviceLines, type DeviceLineInput } from "../../utils/devices.js";
import { listSkus } from "../catalog/listSkus.js";

export type CheckDevicesParameters = { devices: readonly DeviceLineInput[] };
/** The device lines as the registry takes them. */
export type CheckDevicesReturnType = DeviceLine[];
/** `InvalidInputError` (field `devices`) naming what the registry would refuse. */
export type CheckDevicesErrorType = InvalidInputError | CommonsError;

/**
 * Checks a node's device list against the catalog and the registry's limits, as `registerNode` and
 * `updateNode` do before sending: distinct, known, non-deprecated SKUs, positive counts, at most
 * `maxDevicesPerNode` devices and `maxNodeMemoryMiB` of memory. Two requests in parallel.
 * @example const lines = await checkDevices(client, { devices: [{ skuId: 2, count: 2 }] })
 */
export async function checkDevices(
  ctx: CommonsContext,
  { devices }: CheckDevicesParameters,
): Promise<CheckDevicesReturnType> {
  const lines = toDeviceLines(devices);
  const registry = { address: ctx.deployment.registry, abi: computeRegistryAbi } as const;
  const [skus, maxDevicesPerNode, maxNodeMemoryMiB] = await Promise.all([
    listSkus(ctx),
    readCommonsContract(ctx, { ...registry, functionName: "maxDevicesPerNode" }),
    readCommonsContract(ctx, { ...registry, functionName: "maxNodeMemoryMiB" }),
  ]);
  checkDeviceLimits(lines, skus, { maxDevicesPerNode, maxNodeMemoryMiB });
  return lines;
}
