/**
 * Real consumer devices the catalog starts with: memory available to models (VRAM, or unified memory on
 * Apple silicon) in MiB and memory bandwidth in GB/s, from the vendors' spec sheets. No datacenter parts.
 * Order matters: SKU ids are 1-based positions in this list (test/utils/SeedDevices.sol has the same list).
 */
export const SEED_DEVICES = [
  { vendor: "NVIDIA", name: "GeForce RTX 3060 12 GB", memoryMiB: 12288, bandwidthGBps: 360 },
  { vendor: "NVIDIA", name: "GeForce RTX 3090 24 GB", memoryMiB: 24576, bandwidthGBps: 936 },
  { vendor: "NVIDIA", name: "GeForce RTX 4090 24 GB", memoryMiB: 24576, bandwidthGBps: 1008 },
  { vendor: "NVIDIA", name: "GeForce RTX 5090 32 GB", memoryMiB: 32768, bandwidthGBps: 1792 },
  { vendor: "AMD", name: "Radeon RX 7900 XTX 24 GB", memoryMiB: 24576, bandwidthGBps: 960 },
  { vendor: "Apple", name: "M2 Ultra 192 GB", memoryMiB: 196608, bandwidthGBps: 800 },
  { vendor: "Apple", name: "M3 Max 128 GB", memoryMiB: 131072, bandwidthGBps: 400 },
  { vendor: "Apple", name: "M4 Max 128 GB", memoryMiB: 131072, bandwidthGBps: 546 },
  { vendor: "Apple", name: "M4 Pro 64 GB", memoryMiB: 65536, bandwidthGBps: 273 },
] as const;
