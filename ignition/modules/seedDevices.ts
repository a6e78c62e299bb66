/**
 * Real consumer devices the catalog starts with: memory available to models (VRAM, or unified memory on
 * Apple silicon) in MiB and memory bandwidth in GB/s, from the vendors' spec sheets. No datacenter parts.
 * Order matters: SKU ids are 1-based positions in this list (test/utils/SeedDevices.sol has the same list).
 */
const DEVICES = {
  RTX_3060_12GB: { vendor: "NVIDIA", name: "GeForce RTX 3060 12 GB", memoryMiB: 12288, bandwidthGBps: 360 },
  RTX_3090: { vendor: "NVIDIA", name: "GeForce RTX 3090 24 GB", memoryMiB: 24576, bandwidthGBps: 936 },
  RTX_4090: { vendor: "NVIDIA", name: "GeForce RTX 4090 24 GB", memoryMiB: 24576, bandwidthGBps: 1008 },
  RTX_5090: { vendor: "NVIDIA", name: "GeForce RTX 5090 32 GB", memoryMiB: 32768, bandwidthGBps: 1792 },
  RX_7900_XTX: { vendor: "AMD", name: "Radeon RX 7900 XTX 24 GB", memoryMiB: 24576, bandwidthGBps: 960 },
  M2_ULTRA_192GB: { vendor: "Apple", name: "M2 Ultra 192 GB", memoryMiB: 196608, bandwidthGBps: 800 },
  M3_MAX_128GB: { vendor: "Apple", name: "M3 Max 128 GB", memoryMiB: 131072, bandwidthGBps: 400 },
  M4_MAX_128GB: { vendor: "Apple", name: "M4 Max 128 GB", memoryMiB: 131072, bandwidthGBps: 546 },
  M4_PRO_64GB: { vendor: "Apple", name: "M4 Pro 64 GB", memoryMiB: 65536, bandwidthGBps: 273 },
} as const;

type SeedName = keyof typeof DEVICES;

/** The catalog's seed, in SKU id order. */
export const SEED_DEVICES = Object.values(DEVICES);

/** The seeded catalog's SKU ids by device: `SEED_SKU.RTX_3090` is 2. The one list TypeScript code uses. */
export const SEED_SKU = Object.fromEntries(Object.keys(DEVICES).map((name, i) => [name, i + 1])) as Readonly<
  Record<SeedName, number>
>;
