/**
 * Shared pieces of the benchmarks: gas arithmetic, node patterns, result shapes, the table printer.
 */
import { hexToBytes, type Hex } from "viem";
import { SEED_SKU } from "../ignition/modules/seedDevices.js";
import type { DeviceLine } from "../src/types.js";

/** The eth_call gas cap of a local `hardhat node` (and of geth's default RPC). */
export const ETH_CALL_GAS_CAP = 16_777_216n;
/** The eth_call gas cap of public RPC providers (geth's `--rpc.gascap` default). */
export const PUBLIC_ETH_CALL_GAS_CAP = 50_000_000n;

/** Calldata cost of a transaction (EIP-2028): 4 gas per zero byte, 16 per other byte. */
export function calldataGas(data: Hex | undefined): bigint {
  if (data === undefined) return 0n;
  let gas = 0n;
  for (const byte of hexToBytes(data)) gas += byte === 0 ? 4n : 16n;
  return gas;
}

/**
 * Execution gas of a transaction or call: what the EVM spent, without the 21,000 transaction base and the
 * calldata cost. Comparable across one- and two-transaction anchors, and with the Solidity tests'
 * gasleft() deltas (within the ~2,600 gas of the outer call's cold account access).
 */
export function executionGas(gasUsed: bigint, data: Hex | undefined): bigint {
  return gasUsed - 21_000n - calldataGas(data);
}

export type Line = DeviceLine;

/** Ten rigs from 12 GiB to 960 GiB over several histogram groups (the same as ComputeRegistry.gas.t.sol). */
export const NODE_PATTERNS: Line[][] = [
  [{ skuId: SEED_SKU.RTX_3060_12GB, count: 1 }],
  [{ skuId: SEED_SKU.RTX_4090, count: 1 }],
  [{ skuId: SEED_SKU.RTX_5090, count: 1 }],
  [{ skuId: SEED_SKU.RTX_3090, count: 2 }],
  [{ skuId: SEED_SKU.M4_PRO_64GB, count: 1 }],
  [{ skuId: SEED_SKU.RX_7900_XTX, count: 4 }],
  [{ skuId: SEED_SKU.M4_MAX_128GB, count: 1 }],
  [{ skuId: SEED_SKU.M2_ULTRA_192GB, count: 1 }],
  [
    { skuId: SEED_SKU.M3_MAX_128GB, count: 2 },
    { skuId: SEED_SKU.RTX_5090, count: 4 },
  ],
  [{ skuId: SEED_SKU.M2_ULTRA_192GB, count: 5 }],
];

/** The costliest node to read: six lines (the most a node holds) and a 256-byte metadata URI. */
export const WORST_CASE_PATTERN: Line[] = [
  { skuId: SEED_SKU.RTX_3060_12GB, count: 1 },
  { skuId: SEED_SKU.RTX_3090, count: 1 },
  { skuId: SEED_SKU.RTX_4090, count: 1 },
  { skuId: SEED_SKU.RTX_5090, count: 1 },
  { skuId: SEED_SKU.RX_7900_XTX, count: 1 },
  { skuId: SEED_SKU.M4_PRO_64GB, count: 1 },
];
export const WORST_CASE_URI = `ipfs://${"b".repeat(249)}`;
/** A typical metadata URI (a CIDv1 of 59 characters). */
export const TYPICAL_URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

/** One gas figure, with its anchor when it has one. */
export type GasEntry = {
  /** Execution gas (receipt.gasUsed or eth_estimateGas, minus 21,000 and calldata). */
  ours: number;
  /** The anchor's execution gas, measured in the same run. */
  anchor?: number;
  ratio?: number;
  goal?: string;
  met?: boolean;
  /** What was measured, in words. */
  what: string;
};

export type ReadEntry = {
  n: number;
  pageSize: number;
  oursMs: number;
  naiveMs: number;
  multicallMs: number;
  ratioNaive: number;
  ratioMulticall: number;
  requests: number;
  expectedRequests: number;
  naiveRequests: number;
  multicallRequests: number;
  goal: string;
  met: boolean | null;
};

export type Results = {
  quick: boolean;
  gas: Record<string, GasEntry>;
  read?: {
    listAll: ReadEntry;
    stateRequests: number;
    stateMs?: number;
    stateGoal: string;
    stateMet: boolean;
    pageGas: { typical: number; worstCase: number; cap: number; headroomTypical: number; headroomWorstCase: number };
  };
};

export function ratio(ours: number, anchor: number): number {
  return Math.round((ours / anchor) * 1000) / 1000;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const fmt = (n: number | undefined): string => (n === undefined ? "" : n.toLocaleString("en-US"));
const mark = (met: boolean | null | undefined): string =>
  met === undefined || met === null ? "" : met ? "met" : "MISSED";

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  const sep = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(rows[0]!), sep, ...rows.slice(1).map(line)].join("\n");
}

/** The results as Markdown tables, for people. */
export function formatResults(r: Results): string {
  const out: string[] = [];
  out.push("Gas (execution gas: receipt.gasUsed or estimateGas minus 21,000 and calldata)");
  const gasRows = [["figure", "ours", "anchor", "ratio", "goal", "status"]];
  for (const [key, e] of Object.entries(r.gas)) {
    gasRows.push([
      key,
      fmt(e.ours),
      fmt(e.anchor),
      e.ratio === undefined ? "" : e.ratio.toFixed(3),
      e.goal ?? "",
      mark(e.met),
    ]);
  }
  out.push(table(gasRows));
  if (r.read) {
    const l = r.read.listAll;
    out.push("");
    out.push(`Read path (hardhat node, ${l.n} nodes, medians of the repetitions)`);
    out.push(
      table([
        ["read", "ms", "requests", "ours faster by", "goal", "status"],
        [
          "listNodes (SDK, packed pages)",
          l.oursMs.toFixed(1),
          `${l.requests} (expected ${l.expectedRequests})`,
          "",
          l.goal,
          mark(l.met),
        ],
        [
          "naive: readContract per node",
          l.naiveMs.toFixed(1),
          String(l.naiveRequests),
          `${l.ratioNaive.toFixed(1)}x`,
          ">= 13x",
          mark(l.met === null ? null : l.ratioNaive >= 13),
        ],
        [
          "viem multicall (Multicall3)",
          l.multicallMs.toFixed(1),
          String(l.multicallRequests),
          `${l.ratioMulticall.toFixed(1)}x`,
          ">= 2x",
          mark(l.met === null ? null : l.ratioMulticall >= 2),
        ],
        [
          "readGovernanceState",
          r.read.stateMs === undefined ? "" : String(r.read.stateMs),
          String(r.read.stateRequests),
          "",
          r.read.stateGoal,
          mark(r.read.stateMet),
        ],
      ]),
    );
    const p = r.read.pageGas;
    out.push("");
    out.push(
      `One page of ${l.pageSize} nodes (registry.packedNodes, estimateGas): typical ${fmt(p.typical)} gas (${p.headroomTypical.toFixed(2)}x under the ` +
        `${fmt(p.cap)} eth_call cap), worst case (6 lines, 256-byte URI) ${fmt(p.worstCase)} gas (${p.headroomWorstCase.toFixed(2)}x)`,
    );
  }
  return out.join("\n");
}
