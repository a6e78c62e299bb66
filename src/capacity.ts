/**
 * The TypeScript mirror of `CapacityMath.runnableParams` (contracts/libraries/CapacityMath.sol): how many
 * parameters fit in `memoryMiB` at `quantBits` bits each after reserving `overheadBps` of the memory.
 * Integer arithmetic with one division at the end, exactly as on chain.
 */
import { InvalidInputError } from "./errors/base.js";

const BYTES_PER_MIB = 1n << 20n;
const BPS = 10_000n;

/** A model's tier: Small (runs on consumer hardware) or Large. Values match the contract's enum. */
export const Tier = { Small: 0, Large: 1 } as const;
export type Tier = (typeof Tier)[keyof typeof Tier];
export const tierName = (tier: number): "Small" | "Large" => (tier === Tier.Small ? "Small" : "Large");

/**
 * @example
 * runnableParams(24_576n, 4n, 1_000n) // 46_385_646_796n: a 24 GiB card at 4 bits runs about 46.4B parameters
 */
export function runnableParams(memoryMiB: bigint, quantBits: bigint, overheadBps: bigint): bigint {
  if (memoryMiB < 0n) throw new InvalidInputError("memoryMiB", "must not be negative");
  if (quantBits <= 0n) throw new InvalidInputError("quantBits", "must be above zero");
  if (overheadBps < 0n || overheadBps >= BPS) throw new InvalidInputError("overheadBps", "must be in 0..9999");
  return (memoryMiB * BYTES_PER_MIB * 8n * (BPS - overheadBps)) / (quantBits * BPS);
}
