/**
 * Renderers for people: tables and the governance state report, shared by the `commons` CLI and the demo.
 * Pure functions of the SDK's return values; every value reads as `src/domain.ts` writes it.
 */
import type { GovernanceState } from "../actions/governance/readGovernanceState.js";
import {
  compact,
  dateWithRelative,
  duration,
  ether,
  flop,
  gib,
  grouped,
  percentBps,
  scientific,
  utc,
  type TierName,
} from "../domain.js";
import type { Model, Node, ProposalSummary, Sku } from "../types.js";

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

/** A count in full and in short: `"70,000,000,000 (70B)"`. */
export const countWithCompact = (n: bigint) => `${grouped(n)} (${compact(n)})`;

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
    nodes.map((n) => [n.id.toString(), n.owner, n.status, gib(n.memoryMiB), deviceList(n, skus), ether(n.bond)]),
  );
}

export function renderNode(node: Node, skus?: readonly Sku[]): string {
  return keyValues([
    ["node", node.id.toString()],
    ["owner", node.owner],
    ["status", node.status],
    ["memory", `${gib(node.memoryMiB)} (${node.memoryMiB} MiB)`],
    ["devices", deviceList(node, skus)],
    ["bond", ether(node.bond)],
    ["unlocks at", node.unlockAt === 0 ? "-" : utc(node.unlockAt)],
    ["metadata", node.metadataURI || "-"],
  ]);
}

export type ClassifiedModel = Model & { tier: TierName };

export function renderModels(models: readonly ClassifiedModel[]): string {
  return table(
    ["id", "name", "params", "training FLOP", "open", "tier"],
    models.map((m) => [
      m.id.toString(),
      m.name,
      compact(m.params),
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
    ["params", countWithCompact(m.params)],
    ["training compute", flop(m.trainingFlop)],
    ["open weights", m.openWeights ? "yes" : "no"],
    ["weights hash", m.weightsHash],
    ["uri", m.uri || "-"],
    ["registrant", m.registrant],
    ["registered at", utc(m.registeredAt)],
    ["tier now", m.tier],
  ]);
}

/** What a proposal does, decoded: "setThresholds(100B params, 10²⁵ FLOP)". */
export function describeActions(p: ProposalSummary): string {
  return p.actions
    .map((a) => {
      if (a.functionName === "setThresholds" && a.args) {
        const [params, trainingFlop] = a.args as [bigint, bigint];
        return `setThresholds(${compact(params)} params, ${flop(trainingFlop)})`;
      }
      if (a.functionName) return `${a.functionName}(${(a.args ?? []).map(String).join(", ")})`;
      return `call ${a.target} ${a.calldata.slice(0, 10)}`;
    })
    .join("; ");
}

export function renderProposals(proposals: readonly ProposalSummary[]): string {
  return table(
    ["#", "state", "for", "against", "abstain", "quorum", "deadline", "action"],
    proposals.map((p) => [
      p.number.toString(),
      p.state,
      p.votes.for.toString(),
      p.votes.against.toString(),
      p.votes.abstain.toString(),
      `${p.quorum}${p.quorumReached ? " ✓" : ""}`,
      utc(p.deadline),
      describeActions(p),
    ]),
  );
}

/** The governance state report (`commons status`, and the end of `npm run demo`). */
export function renderGovernanceState(s: GovernanceState, title = "Compute Commons: governance state"): string {
  const g = s.guards;
  const r = s.registry;
  const quorumPct =
    s.governor.quorumDenominator === 0n ? 0n : (s.governor.quorumNumerator * 100n) / s.governor.quorumDenominator;
  const nextChange = s.nextChangeAt <= s.clock ? "now" : dateWithRelative(s.nextChangeAt, s.clock);
  const headroom = s.thresholds.maxSmallParams - s.floor.params;
  const sections = [
    `${title}  (chain clock ${utc(s.clock)})`,
    "",
    "Classification: a model is Small when both figures are at or below the line",
    keyValues([
      ["max Small params", countWithCompact(s.thresholds.maxSmallParams)],
      ["max Small training", flop(s.thresholds.maxSmallTrainingFlop)],
      [
        "threshold changes",
        `${s.thresholdCheckpointCount} checkpoint(s); last ${utc(s.lastChangeAt)}; next allowed ${nextChange}`,
      ],
    ]),
    "",
    "Constitutional guards (immutable)",
    keyValues([
      [
        "consumer floor",
        `${countWithCompact(s.floor.params)}: the p${g.floorPercentile} node (${gib(s.floor.memoryMiB)}) at ${g.quantBits}-bit, ${percentBps(g.overheadBps)} overhead`,
      ],
      [
        "headroom above floor",
        headroom >= 0n
          ? countWithCompact(headroom)
          : `-${countWithCompact(-headroom)} (below the floor: raiseToFloor applies)`,
      ],
      ["rate limit", `one change per ${duration(g.minChangeInterval)}, each at most 2× up or down`],
    ]),
    "",
    "Registry",
    keyValues([
      ["nodes", `${r.activeNodeCount} active of ${r.nodeCount} registered`],
      ["memory", `${gib(r.totalMemoryMiB)} across active nodes`],
      [
        "bonded",
        `${ether(r.totalBonded)} (bond ${ether(r.minBond)} per node, unbonding ${duration(r.unbondingPeriod)})`,
      ],
      ["catalog / models", `${s.skuCount} SKUs, ${s.modelCount} models`],
    ]),
    "",
    "Governor",
    keyValues([
      [
        "voting",
        `delay ${duration(s.governor.votingDelay)}, period ${duration(s.governor.votingPeriod)}, quorum ${quorumPct}% of votes`,
      ],
      ["timelock delay", duration(s.governor.timelockDelay)],
      ["proposals", s.governor.proposalCount.toString()],
    ]),
  ];
  if (s.proposals.length > 0) sections.push("", "Latest proposals (newest first)", renderProposals(s.proposals));
  return sections.join("\n");
}
