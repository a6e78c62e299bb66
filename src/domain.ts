/**
 * The system's values for people, and its domain rules, in one browser-safe place: how a count, an amount
 * of memory, an ETH amount, a duration or a date reads, what the status enums are called, which tier a model
 * is in, and how many parameters fit in memory. The CLI, the dashboard, the demo, the scripts and the SDK's
 * error messages all use these, so every value reads the same everywhere. Pure functions; no I/O.
 */
import { formatEther } from "viem";
import type { GovernanceState } from "./actions/governance/readGovernanceState.js";
import { InvalidInputError } from "./errors/base.js";
import type { Sku } from "./types.js";

// ------------------------------------------------------------------------------------------ domain rules

/** A model's tier: Small (runs on consumer hardware) or Large. Values match the contract's `Tier` enum. */
export const Tier = { Small: 0, Large: 1 } as const;
export type Tier = (typeof Tier)[keyof typeof Tier];
export type TierName = keyof typeof Tier;

/** The name of a `Tier` enum value. */
export const tierName = (tier: number): TierName => (tier === Tier.Small ? "Small" : "Large");

/** The thresholds a tier is decided by. */
export type TierThresholds = { maxSmallParams: bigint; maxSmallTrainingFlop: bigint };

/**
 * The classifier's rule, `ModelClassifier.classify`: Small when both figures are at or below the line.
 * @example tierOf({ maxSmallParams: 70_000_000_000n, maxSmallTrainingFlop: 10n ** 25n }, { params: 8_030_000_000n, trainingFlop: 10n ** 24n }) // "Small"
 */
export function tierOf(thresholds: TierThresholds, model: { params: bigint; trainingFlop: bigint }): TierName {
  return model.params <= thresholds.maxSmallParams && model.trainingFlop <= thresholds.maxSmallTrainingFlop
    ? "Small"
    : "Large";
}

/**
 * `IComputeRegistry.NodeStatus`, by enum value. Pending: attested and bonded, warming up (no vote yet). Lapsed:
 * its attestation expired, was revoked or lost its attester (no vote; re-attest or exit).
 */
export const NODE_STATUSES = ["None", "Pending", "Active", "Exiting", "Withdrawn", "Slashed", "Lapsed"] as const;
export type NodeStatusName = (typeof NODE_STATUSES)[number];

/** `IHardwareAttestations.Lapse`, by enum value: why a node's attestation no longer holds. */
export const LAPSE_REASONS = ["None", "Expired", "Revoked", "AttesterRemoved"] as const;
export type LapseReasonName = (typeof LAPSE_REASONS)[number];

/** OpenZeppelin `IGovernor.ProposalState`, by enum value. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

/** The name of an enum value, or the number itself when the list has no such entry. */
export const enumName = (names: readonly string[], value: unknown): string => names[Number(value)] ?? String(value);

const BYTES_PER_MIB = 1n << 20n;
const BPS = 10_000n;

/**
 * The TypeScript mirror of `CapacityMath.runnableParams` (contracts/libraries/CapacityMath.sol): how many
 * parameters fit in `memoryMiB` at `quantBits` bits each after reserving `overheadBps` of the memory.
 * Integer arithmetic with one division at the end, exactly as on chain.
 * @example runnableParams(24_576n, 4n, 1_000n) // 46_385_646_796n: a 24 GiB card at 4 bits runs about 46.4B parameters
 */
export function runnableParams(memoryMiB: bigint, quantBits: bigint, overheadBps: bigint): bigint {
  if (memoryMiB < 0n) throw new InvalidInputError("memoryMiB", "must not be negative");
  if (quantBits <= 0n) throw new InvalidInputError("quantBits", "must be above zero");
  if (overheadBps < 0n || overheadBps >= BPS) throw new InvalidInputError("overheadBps", "must be in 0..9999");
  return (memoryMiB * BYTES_PER_MIB * 8n * (BPS - overheadBps)) / (quantBits * BPS);
}

/**
 * How long a floor stays in the guards' view at most: the registry keeps the floor's history in buckets of a
 * sixteenth of the floor window and reads the range to whole buckets, so a floor leaves the lowest/highest
 * over the window at most `window + window / 16` seconds after it ended (`FloorHistory.sol`).
 * @example floorMemory(320n) // 340n
 */
export function floorMemory(window: bigint): bigint {
  const span = window / 16n;
  return window + (span === 0n ? 1n : span);
}

/** The registry's bond formula: a base and a part per GiB of attested memory (`IComputeRegistry.Params`). */
export type BondParameters = { bondBase: bigint; bondPerGiB: bigint };

/**
 * The TypeScript mirror of `ComputeRegistry.bondFor`: the bond a node of `memoryMiB` pays,
 * `bondBase + bondPerGiB × ceil(memoryMiB / 1024)`.
 * @example bondFor({ bondBase: 10n ** 16n, bondPerGiB: 5n * 10n ** 14n }, 24_576) // 0.022 ETH for a 24 GiB card
 */
export function bondFor(params: BondParameters, memoryMiB: bigint | number): bigint {
  const mib = BigInt(memoryMiB);
  if (mib < 0n) throw new InvalidInputError("memoryMiB", "must not be negative");
  return params.bondBase + params.bondPerGiB * ((mib + 1023n) / 1024n);
}

/** What the sybil cost is computed from: the governance state and the catalog's cheapest device. */
export type SybilCostInputs = BondParameters & {
  /** Active nodes now: one vote each. */
  activeNodes: bigint;
  quorumNumerator: bigint;
  quorumDenominator: bigint;
  /** The governor's absolute minimum quorum (`floors().minQuorumVotes`). */
  minQuorumVotes: bigint;
  /** Memory of the cheapest (smallest) catalog SKU that is not deprecated, in MiB. */
  cheapestSkuMemoryMiB: number;
  /** Seconds before a new node's vote counts (`ComputeRegistry.warmup()`). */
  warmup: bigint;
};

/** Votes, attested devices and bond for one goal. */
export type SybilPrice = { votes: bigint; devices: bigint; bond: bigint };

export type SybilCost = {
  /** Enough votes to meet the quorum alone with nobody else voting (for + abstain count toward it). */
  quorum: SybilPrice;
  /** More votes than every active node together, and at least a quorum: a vote nobody can outvote. */
  majority: SybilPrice;
  /** The bond of one node of the cheapest SKU. */
  bondPerNode: bigint;
  /** Seconds the new nodes warm up before they vote. */
  warmup: bigint;
};

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/**
 * What a quorum and a majority cost today, for someone who brings new nodes: each vote is a node, each node
 * needs at least one attested device with its own device id (so an attester must attest that many distinct
 * devices: without one, no price buys a vote), and a bond, cheapest with one device of the smallest catalog
 * SKU. The votes count only after the warm-up. The quorum is the governor's: the fraction of all votes after
 * the newcomers joined, rounded up, and never below the absolute minimum.
 * @example sybilCost({ activeNodes: 1_000n, quorumNumerator: 4n, quorumDenominator: 100n, minQuorumVotes: 10n, bondBase: 10n ** 16n, bondPerGiB: 5n * 10n ** 14n, cheapestSkuMemoryMiB: 12_288, warmup: 691_200n }).quorum.votes // 42n
 */
export function sybilCost(inputs: SybilCostInputs): SybilCost {
  const n = inputs.activeNodes;
  const q = inputs.quorumNumerator;
  const d = inputs.quorumDenominator;
  if (d <= q || d <= 0n) throw new InvalidInputError("quorumNumerator", "must be below the denominator");
  const quorumWith = (x: bigint) => {
    const fraction = ceilDiv((n + x) * q, d);
    return fraction > inputs.minQuorumVotes ? fraction : inputs.minQuorumVotes;
  };
  // x >= ceil((n + x) q / d) first holds near n q / (d - q); step up from a little below it.
  let quorumVotes = (n * q) / (d - q);
  if (quorumVotes < 1n) quorumVotes = 1n;
  while (quorumVotes < quorumWith(quorumVotes)) quorumVotes++;
  const majorityVotes = n + 1n > quorumVotes ? n + 1n : quorumVotes;
  const bondPerNode = bondFor(inputs, inputs.cheapestSkuMemoryMiB);
  const price = (votes: bigint): SybilPrice => ({ votes, devices: votes, bond: votes * bondPerNode });
  return { quorum: price(quorumVotes), majority: price(majorityVotes), bondPerNode, warmup: inputs.warmup };
}

/**
 * The sybil cost of today's network, from the governance state and the catalog: `sybilCost` of the active
 * nodes, the quorum rule and the bond of one node of the cheapest SKU that is not deprecated (undefined when
 * every SKU is). `commons status` and the dashboard print this.
 */
export function sybilCostOf(s: GovernanceState, skus: readonly Sku[]): (SybilCost & { cheapest: Sku }) | undefined {
  const cheapest = skus.filter((k) => !k.deprecated).sort((a, b) => a.memoryMiB - b.memoryMiB)[0];
  if (!cheapest) return undefined;
  const cost = sybilCost({
    activeNodes: s.registry.activeNodeCount,
    quorumNumerator: s.governor.quorumNumerator,
    quorumDenominator: s.governor.quorumDenominator,
    minQuorumVotes: s.governor.minQuorumVotes,
    bondBase: s.registry.params.bondBase,
    bondPerGiB: s.registry.params.bondPerGiB,
    cheapestSkuMemoryMiB: cheapest.memoryMiB,
    warmup: s.registry.warmup,
  });
  return { ...cost, cheapest };
}

/** The memory (MiB, fractional) a model of `params` parameters needs: the inverse of `runnableParams`. */
export function memoryForParams(params: bigint, quantBits: number, overheadBps: number): number {
  return (Number(params) * quantBits) / 8 / (1 - overheadBps / 10_000) / 2 ** 20;
}

// -------------------------------------------------------------------------------------------- numbers

/** `70000000000n` → `"70,000,000,000"`. */
export function grouped(value: bigint | number): string {
  const digits = BigInt(value).toString();
  const negative = digits.startsWith("-");
  return (negative ? "-" : "") + (negative ? digits.slice(1) : digits).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const SUFFIXES = [
  [1_000_000_000_000n, "T"],
  [1_000_000_000n, "B"],
  [1_000_000n, "M"],
  [1_000n, "K"],
] as const;

/** From here on a count reads in scientific notation (`compact(10n ** 25n)` is `"10²⁵"`). */
const SCIENTIFIC_FROM = 10n ** 15n;

/**
 * A count in a few characters: `70000000000n` → `"70B"`, `46385646796n` → `"46.4B"` (one decimal, rounded,
 * below 100 of a unit), `999n` → `"999"`; from 10^15 in scientific notation.
 */
export function compact(value: bigint | number): string {
  const v = BigInt(value);
  if (v < 0n) return `-${compact(-v)}`;
  if (v >= SCIENTIFIC_FROM) return scientific(v);
  for (const [unit, suffix] of SUFFIXES) {
    if (v >= unit) {
      const tenths = (v * 10n + unit / 2n) / unit;
      const whole = tenths / 10n;
      const decimal = tenths % 10n;
      return whole >= 100n || decimal === 0n ? `${whole}${suffix}` : `${whole}.${decimal}${suffix}`;
    }
  }
  return v.toString();
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/**
 * Scientific notation with three significant digits (truncated), for training compute:
 * `10n ** 25n` → `"10²⁵"`, `1_224n * 10n ** 21n` → `"1.22 × 10²⁴"`; below 1,000 the plain number.
 */
export function scientific(value: bigint): string {
  if (value < 1000n) return value.toString();
  const digits = value.toString();
  const exponent = [...String(digits.length - 1)].map((d) => SUPERSCRIPT[Number(d)]).join("");
  const mantissa = `${digits[0]}.${digits.slice(1, 3)}`.replace(/\.?0+$/, "");
  return mantissa === "1" ? `10${exponent}` : `${mantissa} × 10${exponent}`;
}

/** Training compute: `10n ** 25n` → `"10²⁵ FLOP"`. */
export const flop = (value: bigint): string => `${scientific(value)} FLOP`;

/** MiB → `"24 GiB"`, `"1.5 GiB"`, `"1152 GiB"`. */
export function gib(memoryMiB: bigint | number): string {
  const value = Number(memoryMiB) / 1024;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} GiB`;
}

/** Wei → `"0.01 ETH"`, exactly (no float rounding). */
export const ether = (wei: bigint): string => `${formatEther(wei)} ETH`;

/** Basis points → `"10%"`, `"12.5%"`. */
export function percentBps(bps: bigint | number): string {
  const value = Number(bps) / 100;
  return `${Number.isInteger(value) ? value : value.toFixed(2).replace(/0+$/, "")}%`;
}

/** `0x1234…abcd` (full values belong in tooltips and JSON). */
export function shortHex(value: string, keep = 4): string {
  return value.length <= 2 + keep * 2 + 1 ? value : `${value.slice(0, 2 + keep)}…${value.slice(-keep)}`;
}

// ---------------------------------------------------------------------------------------------- time

/** Seconds → `"45 s"`, `"1 min"`, `"2 h 5 min"`, `"30 days"` (the two largest units). */
export function duration(seconds: bigint | number): string {
  let s = Number(seconds);
  if (s < 60) return `${s} s`;
  const parts: string[] = [];
  for (const [size, unit] of [
    [86_400, "day"],
    [3_600, "h"],
    [60, "min"],
  ] as const) {
    const n = Math.floor(s / size);
    if (n > 0) {
      parts.push(unit === "day" ? `${n} ${n === 1 ? "day" : "days"}` : `${n} ${unit}`);
      s -= n * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/** A chain timestamp (seconds) as UTC: `"2025-06-01 12:00:00 UTC"`. */
export function utc(timestamp: bigint | number): string {
  return new Date(Number(timestamp) * 1000)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, " UTC");
}

/** A timestamp relative to the chain's clock: `"in 5 min"`, `"3 days ago"`, `"now"`. */
export function relative(timestamp: bigint | number, clock: bigint | number): string {
  const delta = Number(BigInt(timestamp) - BigInt(clock));
  if (delta === 0) return "now";
  return delta > 0 ? `in ${duration(delta)}` : `${duration(-delta)} ago`;
}

/** A date and how far it is from the chain's clock: `"2025-06-01 12:00:00 UTC (in 1 min)"`. */
export const dateWithRelative = (timestamp: bigint | number, clock: bigint | number): string =>
  `${utc(timestamp)} (${relative(timestamp, clock)})`;
