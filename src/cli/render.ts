/**
 * Renderers for people: tables and the governance state report, shared by the `commons` CLI and the demo.
 * Pure functions of the SDK's return values; every value reads as `src/domain.ts` writes it.
 */
import type { Bound, GetBoundsReturnType } from "../actions/governance/getBounds.js";
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
  sybilCostOf,
  utc,
  type SybilCost,
  type SybilPrice,
  type TierName,
} from "../domain.js";
import type {
  Attester,
  Ballot,
  BallotBucket,
  BallotState,
  Model,
  Node,
  ProposalAction,
  ProposalSummary,
  Sku,
  Thresholds,
} from "../types.js";
import { describeActionSummary } from "../utils/proposals.js";

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
export function deviceList(node: Pick<Node, "devices">, skus?: readonly Sku[]): string {
  return node.devices
    .map((d) => {
      const sku = skus?.find((s) => s.id === d.skuId);
      return `${d.count}× ${sku ? sku.name : `SKU ${d.skuId}`}`;
    })
    .join(", ");
}

/** A node's status as people read it: "Active", "Pending", "Active, challenged". */
export const nodeStatus = (node: Node): string => (node.challenge ? `${node.status}, challenged` : node.status);

export function renderNodes(nodes: readonly Node[], skus?: readonly Sku[]): string {
  return table(
    ["id", "owner", "status", "memory", "devices", "bond"],
    nodes.map((n) => [n.id.toString(), n.owner, nodeStatus(n), gib(n.memoryMiB), deviceList(n, skus), ether(n.bond)]),
  );
}

/** One node in full; `clock` (the chain's) words its times relative to now. */
export function renderNode(node: Node, skus: readonly Sku[] | undefined, clock: bigint): string {
  const when = (ts: number) => (ts === 0 ? "-" : dateWithRelative(ts, clock));
  return keyValues([
    ["node", node.id.toString()],
    ["owner", node.owner],
    ["status", nodeStatus(node)],
    ["memory", `${gib(node.memoryMiB)} (${node.memoryMiB} MiB)`],
    ["devices", deviceList(node, skus)],
    ["bond", ether(node.bond)],
    ["activatable from", when(node.activatableAt)],
    ["unlocks at", when(node.unlockAt)],
    ["attester", `id ${node.attesterId}`],
    ["attestation", `${node.attestationUid}, expires ${when(node.attestationExpiry)}`],
    [
      "challenge",
      node.challenge
        ? `by ${node.challenge.challenger}, answer due ${dateWithRelative(node.challenge.deadline, clock)}`
        : "-",
    ],
    ["metadata", node.metadataURI || "-"],
  ]);
}

export function renderAttesters(attesters: readonly Attester[]): string {
  return table(
    ["id", "attester"],
    attesters.map((a) => [String(a.id), a.address]),
  );
}

export type ClassifiedModel = Model & { tier: TierName };

export function renderModels(models: readonly ClassifiedModel[]): string {
  return table(
    ["id", "name", "params", "training FLOP", "open", "registrant", "tier"],
    models.map((m) => [
      m.id.toString(),
      m.name,
      compact(m.params),
      scientific(m.trainingFlop),
      m.openWeights ? "yes" : "no",
      m.registrant,
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

/** What a proposal does, from its summaries: "setThresholds on classifier; addAttester on attestations". */
export const describeActions = (p: ProposalSummary): string => p.actions.map(describeActionSummary).join("; ");

/** One decoded action with its arguments: "setThresholds(100B params, 10²⁵ FLOP) on classifier". */
export function describeAction(a: ProposalAction): string {
  const on = ` on ${a.contract ?? a.target}`;
  if (a.functionName === "setThresholds" && a.args) {
    const [params, trainingFlop] = a.args as [bigint, bigint];
    return `setThresholds(${compact(params)} params, ${flop(trainingFlop)})${on}`;
  }
  if (a.functionName) return `${a.functionName}(${(a.args ?? []).map(String).join(", ")})${on}`;
  return `call ${a.calldata.slice(0, 10)} (${(a.calldata.length - 2) / 2} bytes)${on}`;
}

export function renderProposals(proposals: readonly ProposalSummary[]): string {
  return table(
    ["#", "state", "for", "against", "abstain", "quorum", "veto", "deadline", "actions"],
    proposals.map((p) => [
      p.number.toString(),
      p.state,
      p.votes.for.toString(),
      p.votes.against.toString(),
      p.votes.abstain.toString(),
      `${p.quorum}${p.quorumReached ? " ✓" : ""}`,
      p.veto.threshold === 0n ? "-" : `${p.veto.votes}/${p.veto.threshold}`,
      utc(p.deadline),
      describeActions(p),
    ]),
  );
}

/** One proposal with its decoded actions (`commons proposals <n>`). */
export function renderProposal(p: ProposalSummary, actions: readonly ProposalAction[], clock: bigint): string {
  const when = (ts: bigint) => (ts === 0n ? "-" : dateWithRelative(ts, clock));
  return keyValues([
    ["proposal", p.number.toString()],
    ["proposer", p.proposer],
    ["state", p.state],
    ["votes", `${p.votes.for} for, ${p.votes.against} against, ${p.votes.abstain} abstain`],
    ["quorum", `${p.quorum}${p.quorumReached ? " (reached)" : ""}`],
    ["voting", `from ${when(p.snapshot)} to ${when(p.deadline)}`],
    ["executable from", when(p.eta)],
    ["veto", p.veto.threshold === 0n ? "-" : `${p.veto.votes} of the ${p.veto.threshold} vote(s) that cancel it`],
    ...actions.map((a, i) => [`action ${i + 1}`, describeAction(a)] as const),
  ]);
}

/** A value with its bounds: "1 min (bounds 1 s – 14 days)". */
const bounded = (value: string, min: string, max: string) => `${value} (bounds ${min} – ${max})`;
const durationBound = (value: bigint | number, b: Bound) => bounded(duration(value), duration(b.min), duration(b.max));
const etherBound = (value: bigint, b: Bound) => bounded(ether(value), ether(b.min), ether(b.max));

/**
 * What the governance state report shows beside the state: the catalog (for the sybil cost), the bounds, and
 * the ballots (who is in charge of the thresholds).
 */
export type StatusExtras = { skus: readonly Sku[]; bounds: GetBoundsReturnType; ballots?: BallotState | undefined };

/** The governance state report (`commons status`, and the end of `npm run demo`). */
export function renderGovernanceState(
  s: GovernanceState,
  extras?: StatusExtras,
  title = "Compute Commons: governance state",
): string {
  const g = s.guards;
  const r = s.registry;
  const p = r.params;
  const b = extras?.bounds;
  const quorumPct =
    s.governor.quorumDenominator === 0n ? 0n : (s.governor.quorumNumerator * 100n) / s.governor.quorumDenominator;
  const nextChange = s.nextChangeAt <= s.clock ? "now" : dateWithRelative(s.nextChangeAt, s.clock);
  const headroom = s.thresholds.maxSmallParams - s.floorRange.highest.params;
  const floorLine = (f: { memoryMiB: bigint; params: bigint }) => `${countWithCompact(f.params)} (${gib(f.memoryMiB)})`;
  const sections = [
    `${title}  (chain clock ${utc(s.clock)})`,
    "",
    "Classification: a model is Small when both figures are at or below the line",
    keyValues([
      ["max Small params", countWithCompact(s.thresholds.maxSmallParams)],
      ["max Small training", flop(s.thresholds.maxSmallTrainingFlop)],
      [
        "threshold changes",
        `${s.thresholdCheckpointCount} checkpoint(s); last ${utc(s.lastChangeAt)}; ` +
          (extras?.ballots?.inCharge === "ballots"
            ? "by proposal: refused while the ballots are in charge"
            : `next allowed ${nextChange}`),
      ],
      ...(extras?.ballots ? authorityLines(extras.ballots, s.thresholds, s.clock) : []),
    ]),
    "",
    "Consumer floor: what the floor-percentile active node runs",
    keyValues([
      [
        "floor now",
        `${floorLine(s.floor)}: the p${g.floorPercentile} node at ${g.quantBits}-bit, ${percentBps(g.overheadBps)} overhead`,
      ],
      [
        `over the last ${duration(g.floorWindow)}`,
        `lowest ${floorLine(s.floorRange.lowest)}, highest ${floorLine(s.floorRange.highest)}`,
      ],
      [
        "headroom",
        headroom >= 0n
          ? `${countWithCompact(headroom)} above the highest floor (what a proposal may not cut into)`
          : `-${countWithCompact(-headroom)}: below the floor (raiseToFloor lifts it toward the lowest)`,
      ],
    ]),
    "",
    "Constitutional guards (immutable)",
    keyValues([
      ["rate limit", `one governed change per ${duration(g.minChangeInterval)}, each at most 2× up or down`],
      [
        "raiseToFloor",
        `toward the lowest floor over the window, at most 2× per call, once per ${duration(g.raiseInterval)}` +
          (s.lastRaiseAt === 0n ? "" : ` (last ${utc(s.lastRaiseAt)})`),
      ],
    ]),
    "",
    "Registry",
    keyValues([
      ["nodes", `${r.activeNodeCount} active of ${r.nodeCount} registered`],
      ["memory", `${gib(r.totalMemoryMiB)} across active nodes`],
      ["bonded", ether(r.totalBonded)],
      [
        "bond",
        b
          ? `${etherBound(p.bondBase, b.bondBase)} + ${etherBound(p.bondPerGiB, b.bondPerGiB)} per GiB`
          : `${ether(p.bondBase)} + ${ether(p.bondPerGiB)} per GiB`,
      ],
      ["warm-up", `${duration(r.warmup)} from registration to activation (the voting delay + period)`],
      ["unbonding", b ? durationBound(p.unbondingPeriod, b.unbondingPeriod) : duration(p.unbondingPeriod)],
      ["keeper fee", b ? etherBound(p.keeperFee, b.keeperFee) : ether(p.keeperFee)],
      ["catalog / models", `${s.skuCount} SKUs, ${s.modelCount} models`],
    ]),
    "",
    `Attesters (${r.attesters.length}${b ? ` of at most ${b.maxAttesters}` : ""}): only their attestations register nodes`,
    r.attesters.length === 0
      ? "  (none: no node can register until governance adds one)"
      : r.attesters.map((a) => `  ${a}`).join("\n"),
    "",
    "Challenges",
    keyValues([
      ["deposit", b ? etherBound(s.challenges.deposit, b.challengeDeposit) : ether(s.challenges.deposit)],
      ["answer window", b ? durationBound(s.challenges.window, b.challengeWindow) : duration(s.challenges.window)],
      ["held and owed", ether(s.challenges.owed)],
    ]),
    "",
    "Governor",
    keyValues([
      [
        "voting",
        b
          ? `delay ${durationBound(s.governor.votingDelay, b.votingDelay)}, period ${durationBound(s.governor.votingPeriod, b.votingPeriod)}`
          : `delay ${duration(s.governor.votingDelay)}, period ${duration(s.governor.votingPeriod)}`,
      ],
      [
        "quorum",
        `${quorumPct}% of votes${b ? ` (bounds ${b.quorumNumerator.min}–${b.quorumNumerator.max}%)` : ""}, at least ${s.governor.minQuorumVotes} vote(s)`,
      ],
      [
        "late quorum",
        b ? durationBound(s.governor.voteExtension, b.voteExtension) : duration(s.governor.voteExtension),
      ],
      [
        "timelock delay",
        b ? durationBound(s.governor.timelockDelay, b.timelockDelay) : duration(s.governor.timelockDelay),
      ],
      [
        "pipeline",
        `${duration(s.governor.pipelineLength)} (delay + period + extension + timelock + challenge window), within the unbonding period of ${duration(p.unbondingPeriod)}`,
      ],
      ["proposals", s.governor.proposalCount.toString()],
    ]),
  ];
  const cost = extras ? sybilCostOf(s, extras.skus) : undefined;
  if (cost) {
    const price = (x: SybilPrice) =>
      `${x.votes} new node(s): ${x.devices} attested device(s), ${ether(x.bond)} of bonds`;
    sections.push(
      "",
      `Sybil cost today (${r.activeNodeCount} active node(s); one ${cost.cheapest.name} a node, ${ether(cost.bondPerNode)} each)`,
      keyValues([
        ["a quorum", price(cost.quorum)],
        ["a majority", price(cost.majority)],
        ["and", `${duration(cost.warmup)} of warm-up before they vote`],
        ["without an attester", "no price: every vote needs devices an attester signed for, each device id once"],
      ]),
    );
  }
  if (s.proposals.length > 0) sections.push("", "Latest proposals (newest first)", renderProposals(s.proposals));
  return sections.join("\n");
}

// ------------------------------------------------------------------------------------------------ ballots

/** A threshold pair in short: "100B params, 10²⁵ FLOP". */
const pair = (t: Thresholds) => `${compact(t.maxSmallParams)} params, ${flop(t.maxSmallTrainingFlop)}`;

/** When the next settlement may happen, or what it waits for. */
export function settlementWhen(b: BallotState, clock: bigint | number): string {
  if (b.inCharge === "governor") return "none while the governor is in charge";
  if (BigInt(b.nextSettleAt) > BigInt(clock)) return dateWithRelative(b.nextSettleAt, clock);
  const needed = b.quorum > 1n ? b.quorum : 1n;
  if (BigInt(b.liveBallots) < needed) return `when ${needed} ballot(s) count (${b.liveBallots} now)`;
  return b.expiredBallots > 0 ? `now, the ${b.expiredBallots} expired ballot(s) pruned first` : "now";
}

/** Where one threshold moves: "70B → 87.5B (up)" or "70B (unchanged)". */
function move(now: bigint, next: bigint, show: (v: bigint) => string): string {
  if (next === now) return `${show(now)} (unchanged)`;
  return `${show(now)} → ${show(next)} (${next > now ? "up" : "down"})`;
}

/** Where a settlement now would move the line (the preview counts expired ballots until they are pruned). */
export const lineMove = (b: BallotState, now: Thresholds): string =>
  `${move(now.maxSmallParams, b.next.maxSmallParams, compact)} params; ` +
  move(now.maxSmallTrainingFlop, b.next.maxSmallTrainingFlop, flop);

/** The report's lines on who sets the thresholds (`commons status`). */
function authorityLines(b: BallotState, now: Thresholds, clock: bigint): (readonly [string, string])[] {
  if (b.inCharge === "governor") return [["set by", "the governor: proposals within the guards (ballots wait)"]];
  return [
    ["set by", `the ballots: ${b.liveBallots} live, medians ${pair(b.medians)}`],
    ["next settlement", `${settlementWhen(b, clock)}: ${lineMove(b, now)}`],
  ];
}

/** A distribution as a text histogram: one row per non-empty bucket, the median's marked. */
export function renderDistribution(
  buckets: readonly BallotBucket[],
  median: bigint,
  show: (v: bigint) => string,
  barWidth = 24,
): string {
  if (buckets.length === 0) return "  (no ballots)";
  const most = Math.max(...buckets.map((b) => b.ballots));
  const ranges = buckets.map((b) => `${show(b.lowerBound)} – ${show(b.upperBound)}`);
  const w = Math.max(...ranges.map(width));
  return buckets
    .map((b, i) => {
      const bar = "█".repeat(Math.max(1, Math.round((b.ballots / most) * barWidth)));
      const mark = b.lowerBound === median ? "  ← median" : "";
      return `  ${pad(ranges[i]!, w, "end")}  ${bar} ${b.ballots}${mark}`;
    })
    .join("\n");
}

/** The ballots in full (`commons ballot show`): who is in charge, counts, medians, the next settlement, histograms. */
export function renderBallotState(
  b: BallotState,
  now: Thresholds,
  clock: bigint | number,
  ballot?: { nodeId: bigint; ballot: Ballot | undefined },
): string {
  const sections = [
    `Threshold ballots  (chain clock ${utc(clock)}, epoch ${b.epoch} of ${duration(b.epochLength)})`,
    keyValues([
      [
        "in charge",
        b.inCharge === "ballots"
          ? "the ballots: each epoch's settlement moves the line one step toward the medians"
          : "the governor: ballots count, but no settlement until a proposal hands the thresholds over",
      ],
      [
        "ballots",
        `${b.liveBallots} live, ${b.expiredBallots} expired; a settlement needs ${b.quorum > 1n ? b.quorum : 1n} (the quorum)`,
      ],
      [
        "lifetime",
        `${b.ballotLifetimeEpochs} epochs (${duration(b.ballotLifetimeEpochs * b.epochLength)}) from the cast`,
      ],
      ["medians", b.liveBallots + b.expiredBallots === 0 ? "- (no ballots)" : pair(b.medians)],
      ["line now", pair(now)],
      ["next settlement", settlementWhen(b, clock)],
      ["it moves", `${lineMove(b, now)}; at most ×1.25 up or ÷1.10 down per epoch, never below the floor`],
      ["last settled", b.lastSettledEpoch === undefined ? "never" : `epoch ${b.lastSettledEpoch}`],
    ]),
    "",
    "Params ballots (log-scale buckets, 32 per doubling)",
    renderDistribution(b.distribution.params, b.medians.maxSmallParams, compact),
    "",
    "Training-FLOP ballots",
    renderDistribution(b.distribution.flop, b.medians.maxSmallTrainingFlop, scientific),
  ];
  if (ballot) {
    const x = ballot.ballot;
    sections.push(
      "",
      x === undefined
        ? `Node ${ballot.nodeId}: no ballot`
        : `Node ${x.nodeId}: ${pair(x)}; cast in epoch ${x.castEpoch}, ` +
            `${x.expired ? "expired" : "counts until"} ${dateWithRelative(x.expiresAt, clock)} (epoch ${x.expiryEpoch})`,
    );
  }
  return sections.join("\n");
}
