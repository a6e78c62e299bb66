/**
 * Device lists: their shape, the `<sku>[:<count>]` spelling people type, and the registry's limits checked
 * against the catalog. Pure; `checkDevices` (actions/registry) reads the catalog and the limits. An attester
 * checks a device list before attesting it; the registry takes the devices from the attestation.
 */
import { InvalidInputError } from "../errors/base.js";
import { toPositive, type IntegerInput } from "../internal/validate.js";
import type { DeviceLine, Sku } from "../types.js";

/** Most distinct SKUs per node (the contract's `MAX_DEVICE_LINES`). */
export const MAX_DEVICE_LINES = 6;

export type DeviceLineInput = { skuId: IntegerInput; count: IntegerInput };

/**
 * A device line as people write it: `"2:2"` (two of SKU 2) or `"4"` (one of SKU 4).
 * @example parseDeviceSpec("2:2") // { skuId: "2", count: "2" }
 */
export function parseDeviceSpec(spec: string, field = "devices"): DeviceLineInput {
  const match = /^\s*([^:\s]+)\s*(?::\s*([^:\s]+)\s*)?$/.exec(spec);
  if (!match) throw new InvalidInputError(field, `"${spec}" is not <sku>[:<count>] (e.g. 2:2 for two of SKU 2)`);
  return { skuId: match[1]!, count: match[2] ?? "1" };
}

/** Whole, positive SKU ids and counts, at most `MAX_DEVICE_LINES` distinct SKUs, each listed once. */
export function toDeviceLines(devices: readonly DeviceLineInput[]): DeviceLine[] {
  if (!Array.isArray(devices) || devices.length === 0)
    throw new InvalidInputError("devices", "list at least one device");
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
  return lines;
}

/** The registry's per-node limits (`IComputeRegistry.Params`). */
export type NodeLimits = { maxDevicesPerNode: bigint | number; maxNodeMemoryMiB: bigint | number };

/**
 * Known, non-deprecated SKUs, at most `maxDevicesPerNode` devices and `maxNodeMemoryMiB` of memory, as
 * `HardwareAttestations.verify` checks them; returns the devices' memory in MiB (from the catalog).
 */
export function checkDeviceLimits(lines: readonly DeviceLine[], skus: readonly Sku[], limits: NodeLimits): number {
  let deviceCount = 0;
  let memoryMiB = 0;
  for (const line of lines) {
    const sku = skus[line.skuId - 1];
    if (!sku) throw new InvalidInputError("devices", `unknown SKU ${line.skuId} (the catalog has ${skus.length})`);
    if (sku.deprecated) throw new InvalidInputError("devices", `SKU ${line.skuId} (${sku.name}) is deprecated`);
    deviceCount += line.count;
    memoryMiB += sku.memoryMiB * line.count;
  }
  if (BigInt(deviceCount) > limits.maxDevicesPerNode) {
    throw new InvalidInputError("devices", `${deviceCount} devices; a node holds at most ${limits.maxDevicesPerNode}`);
  }
  if (BigInt(memoryMiB) > limits.maxNodeMemoryMiB) {
    throw new InvalidInputError(
      "devices",
      `node memory ${memoryMiB} MiB is above the cap of ${limits.maxNodeMemoryMiB} MiB`,
    );
  }
  return memoryMiB;
}
