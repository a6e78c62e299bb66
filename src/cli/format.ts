/**
 * Renderers for people: tables and the governance state report. Shared by the `commons` CLI and
 * `scripts/demo.ts`. Pure functions of the SDK's return values; nothing here reads the chain.
 */
import { formatEther } from "viem";
import type { GovernanceState } from "../actions/governance/readGovernanceState.js";
import type { ProposalSummary } from "../actions/governance/proposalView.js";
import type { Model } from "../actions/classifier/models.js";
import type { Sku } from "../actions/catalog/skus.js";
import type { Node } from "../actions/registry/nodeView.js";

/** A plain-text table: header, rule, rows; columns whose cells look numeric are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "(none)";
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const numeric = headers.map((_, i) => rows.every((r) => /^[-+]?[0-9][0-9.,]*( ?[a-zA-Z%]{0,4})?$/.test(r[i] ?? "")));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? pad(c, widths[i]!, "start") : pad(c, widths[i]!, "end")))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const width = (s: string) => [...s].length;
const pad = (s: string, w: number, side: "start" | "end") =>
  side === "start" ? " ".repeat(w - width(s)) + s : s + " ".repeat(w - width(s));

/** Key/value lines, keys padded to one column. */
export function keyValues(entries: readonly (readonly [string, string])[]): string {
  const w = Math.max(...entries.map(([k]) => width(k)));
  return entries.map(([k, v]) => `  ${pad(k, w, "end")}  ${v}`).join("\n");
}

/** 70000000000 → "70B", 8030000000 → "8.03B", 1224000000000000000000000 → "1.224e24". */
export function humanCount(n: bigint): string {
  const units: [bigint, string][] = [
    [10n ** 12n, "T"],
    [10n ** 9n, "B"],
    [10n ** 6n, "M"],
    [10n ** 3n, "K"],
  ];
  if (n >= 10n ** 15n) return scientific(n);
  for (const [scale, suffix] of units) {
    if (n >= scale) return `${decimal(n, scale, 2)}${suffix}`;
  }
  return n.toString();
}

/** 1224000000000000000000000 → "1.224e24" (up to 4 significant decimals, trailing zeros dropped). */
export function scientific(n: bigint): string {
  const digits = n.toString();
  if (digits.length <= 4) return digits;
  const exponent = digits.length - 1;
  const mantissa = `${digits[0]}.${digits.slice(1, 4)}`.replace(/\.?0+$/, "");
  return `${mantissa}e${exponent}`;
}

function decimal(n: bigint, scale: bigint, places: number): string {
  const whole = n / scale;
  const rest = ((n % scale) * 10n ** BigInt(places)) / scale;
  const frac = rest.toString().padStart(places, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : whole.toString();
}

/** 70000000000 → "70,000,000,000 (70B)". */
export const countWithHuman = (n: bigint) => `${group(n)} (${humanCount(n)})`;
/** 10^25 → "10,000,000,000,000,000,000,000,000 (1e25)". */
export const flopWithHuman = (n: bigint) => `${scientific(n)} FLOP`;
export const group = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
export const gib = (mib: bigint | number) => `${(Number(mib) / 1024).toFixed(Number(mib) % 1024 === 0 ? 0 : 1)} GiB`;

/** 600 → "10m", 86400 → "1d", 90 → "1m 30s". */
export function duration(seconds: bigint | number): string {
  let s = Number(seconds);
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  return parts.length ? parts.slice(0, 2).join(" ") : "0s";
}

/** A chain timestamp as UTC, e.g. "2025-07-01 12:00:00Z". */
export const timestamp = (ts: bigint | number) =>
  Number(ts) === 0 ? "-" : new Date(Number(ts) * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");

/** A long hex id shortened for tables: "1234…5678"; full values are in --json. */
export const shortId = (id: bigint | string) => {
  const s = id.toString();
  return s.length > 14 ? `${s.slice(0, 6)}…${s.slice(-6)}` : s;
};

export function renderSkus(skus: readonly Sku[]): string {
  return table(
    ["id", "vendor", "name", "memory", "bandwidth", "status"],
    skus.map((s) => [
      String(s.id),
      s.vendor,
      s.name,
      gib(s.memoryMiB),
      `${s.bandwidthGBps} GB/s`,
      s.deprecated ? "deprecated" : "active",
    ]),
  );
}

/** Devices of a node by SKU name when the catalog is given ("2× GeForce RTX 3090"), else by id. */
export function deviceList(node: Node, skus?: readonly Sku[]): string {
  return node.devices
    .map((d) => {
      const sku = skus?.find((s) => s.id === d.skuId);
      return `${d.count}× ${sku ? sku.name : `SKU ${d.skuId}`}`;
    })
    .join(", ");
}

export function renderNodes(nodes: readonly Node[], skus?: readonly Sku[]): string {
  return table(
    ["id", "owner", "status", "memory", "devices", "bond"],
    nodes.map((n) => [
      n.id.toString(),
      n.owner,
      n.status,
      gib(n.memoryMiB),
      deviceList(n, skus),
      `${formatEther(n.bond)} ETH`,
    ]),
  );
}

export function renderNode(node: Node, skus?: readonly Sku[]): string {
  return keyValues([
    ["node", node.id.toString()],
    ["owner", node.owner],
    ["status", node.status],
    ["memory", `${gib(node.memoryMiB)} (${node.memoryMiB} MiB)`],
    ["devices", deviceList(node, skus)],
    ["bond", `${formatEther(node.bond)} ETH`],
    ["unlocks at", node.unlockAt === 0 ? "-" : timestamp(node.unlockAt)],
    ["metadata", node.metadataURI || "-"],
  ]);
}

export type ClassifiedModel = Model & { tier: "Small" | "Large" };

export function renderModels(models: readonly ClassifiedModel[]): string {
  return table(
    ["id", "name", "params", "training FLOP", "open", "tier"],
    models.map((m) => [
      m.id.toString(),
      m.name,
      humanCount(m.params),
      scientific(m.trainingFlop),
      m.openWeights ? "yes" : "no",
      m.tier,
    ]),
  );
}

export function renderModel(m: ClassifiedModel): string {
  return keyValues([
    ["model", m.id.toString()],
    ["name", m.name],
    ["params", countWithHuman(m.params)],
    ["training compute", flopWithHuman(m.trainingFlop)],
    ["open weights", m.openWeights ? "yes" : "no"],
    ["weights hash", m.weightsHash],
    ["uri", m.uri || "-"],
    ["registrant", m.registrant],
    ["registered at", timestamp(m.registeredAt)],
    ["tier now", m.tier],
  ]);
}

/** What a proposal does, decoded: "setThresholds(100B params, 1e25 FLOP)". */
export function describeActions(p: ProposalSummary): string {
  return p.actions
    .map((a) => {
      if (a.functionName === "setThresholds" && a.args) {
        const [params, flop] = a.args as [bigint, bigint];
        return `setThresholds(${humanCount(params)} params, ${scientific(flop)} FLOP)`;
      }
      if (a.functionName) return `${a.functionName}(${(a.args ?? []).map(String).join(", ")})`;
      return `call ${a.target} ${a.calldata.slice(0, 10)}`;
    })
    .join("; ");
}

export function renderProposals(proposals: readonly ProposalSummary[]): string {
  return table(
    ["#", "id", "state", "for", "against", "abstain", "quorum", "deadline", "action"],
    proposals.map((p) => [
      p.index.toString(),
      shortId(p.id),
      p.state,
      p.votes.for.toString(),
      p.votes.against.toString(),
      p.votes.abstain.toString(),
      `${p.quorum}${p.quorumReached ? " ✓" : ""}`,
      timestamp(p.deadline),
      describeActions(p),
    ]),
  );
}

/** The governance state report (`commons status`, and the end of `npm run demo`). */
export function renderGovernanceState(s: GovernanceState, title = "Compute Commons: governance state"): string {
  const g = s.guards;
  const r = s.registry;
  const quorumPct = s.governor.quorumDenominator === 0n ? 0n : (s.governor.quorumNumerator * 100n) / s.governor.quorumDenominator;
  const nextChange = s.nextChangeAt <= s.clock ? "now" : `${timestamp(s.nextChangeAt)} (in ${duration(s.nextChangeAt - s.clock)})`;
  const headroom = s.thresholds.maxSmallParams - s.floor.params;
  const sections = [
    `${title}  (chain clock ${timestamp(s.clock)})`,
    "",
    "Classification: a model is Small when both figures are at or below the line",
    keyValues([
      ["max Small params", countWithHuman(s.thresholds.maxSmallParams)],
      ["max Small training", flopWithHuman(s.thresholds.maxSmallTrainingFlop)],
      ["threshold changes", `${s.thresholdCheckpointCount} checkpoint(s); last ${timestamp(s.lastChangeAt)}; next allowed ${nextChange}`],
    ]),
    "",
    "Constitutional guards (immutable)",
    keyValues([
      [
        "consumer floor",
        `${countWithHuman(s.floor.params)}: the p${g.floorPercentile} node (${gib(s.floor.memoryMiB)}) at ${g.quantBits}-bit, ${g.overheadBps / 100}% overhead`,
      ],
      ["headroom above floor", headroom >= 0n ? countWithHuman(headroom) : `-${countWithHuman(-headroom)} (below the floor: raiseToFloor applies)`],
      ["rate limit", `one change per ${duration(g.minChangeInterval)}, each at most 2× up or down`],
    ]),
    "",
    "Registry",
    keyValues([
      ["nodes", `${r.activeNodeCount} active of ${r.nodeCount} registered`],
      ["memory", `${gib(r.totalMemoryMiB)} across active nodes`],
      ["bonded", `${formatEther(r.totalBonded)} ETH (bond ${formatEther(r.minBond)} ETH per node, unbonding ${duration(r.unbondingPeriod)})`],
      ["catalog / models", `${s.skuCount} SKUs, ${s.modelCount} models`],
    ]),
    "",
    "Governor",
    keyValues([
      ["voting", `delay ${duration(s.governor.votingDelay)}, period ${duration(s.governor.votingPeriod)}, quorum ${quorumPct}% of votes`],
      ["timelock delay", duration(s.governor.timelockDelay)],
      ["proposals", s.governor.proposalCount.toString()],
    ]),
  ];
  if (s.proposals.length > 0) sections.push("", "Latest proposals (newest first)", renderProposals(s.proposals));
  return sections.join("\n");
}
