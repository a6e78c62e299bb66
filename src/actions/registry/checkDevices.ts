import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { readCommonsContract } from "../../internal/read.js";
import type { CommonsContext, DeviceLine } from "../../types.js";
import { checkDeviceLimits, toDeviceLines, type DeviceLineInput } from "../../utils/devices.js";
import { listSkus } from "../catalog/listSkus.js";

export type CheckDevicesParameters = { devices: readonly DeviceLineInput[] };
/** The device lines as an attestation lists them, and their memory (from the catalog). */
export type CheckDevicesReturnType = { devices: DeviceLine[]; memoryMiB: number };
/** `InvalidInputError` (field `devices`) naming what the registry would refuse. */
export type CheckDevicesErrorType = InvalidInputError | CommonsError;

/**
 * Checks a node's device list against the catalog and the registry's limits, as `HardwareAttestations.verify`
 * does when the node registers: distinct, known, non-deprecated SKUs, positive counts, at most
 * `maxDevicesPerNode` devices and `maxNodeMemoryMiB` of memory. `createHardwareAttestation` checks its devices
 * this way before signing. Two requests in parallel.
 * @example const { devices, memoryMiB } = await checkDevices(client, { devices: [{ skuId: 2, count: 2 }] })
 */
export async function checkDevices(
  ctx: CommonsContext,
  { devices }: CheckDevicesParameters,
): Promise<CheckDevicesReturnType> {
  const lines = toDeviceLines(devices);
  const [skus, params] = await Promise.all([
    listSkus(ctx),
    readCommonsContract(ctx, { address: ctx.deployment.registry, abi: computeRegistryAbi, functionName: "parameters" }),
  ]);
  return { devices: lines, memoryMiB: checkDeviceLimits(lines, skus, params) };
}
