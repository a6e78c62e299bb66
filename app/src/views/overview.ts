/**
 * Thresholds, guards, the consumer floor (now and over the window), node states, the sybil cost, registry,
 * attester and governor settings with their bounds: all from the one state read and the catalog the page
 * loads anyway (no request of their own, and never a list of every node).
 */
import type { GovernanceState, Node, Sku } from "../../../src/index.js";
import { html, raw, type Html } from "../dom.js";
import {
  CONSTANT_BOUNDS,
  compact,
  duration,
  ether,
  gib,
  grouped,
  percentBps,
  relative,
  scientific,
  shortHex,
  utc,
  type Bound,
} from "../../../src/index.js";
import { quorumNow, sybilCostOf } from "../sybil.js";

const stat = (label: string, value: Html | string, detail?: Html | string, testId?: string): Html =>
  html`<div class="stat" data-testid="${testId ?? ""}">
    <div class="stat-label">${label}</div>
    <div class="stat-value">${value}</div>
    ${detail === undefined ? "" : html`<div class="stat-detail">${detail}</div>`}
  </div>`;

const plural = (n: bigint | number, one: string, many = `${one}s`): string =>
  `${grouped(n)} ${BigInt(n) === 1n ? one : many}`;

export function thresholdsView(state: GovernanceState): Html {
  const t = state.thresholds;
  const g = state.guards;
  const changeOpen = state.nextChangeAt <= state.clock;
  return html`
    <div class="stats">
      ${stat(
        "Max Small parameters",
        compact(t.maxSmallParams),
        html`<span data-testid="max-small-params">${grouped(t.maxSmallParams)}</span> parameters`,
        "thresholds-params",
      )}
      ${stat(
        "Max Small training compute",
        html`${scientific(t.maxSmallTrainingFlop)} FLOP`,
        grouped(t.maxSmallTrainingFlop),
        "thresholds-flop",
      )}
      ${stat(
        "Next change allowed",
        changeOpen ? "now" : relative(state.nextChangeAt, state.clock),
        html`last change ${state.lastChangeAt === 0n ? "—" : utc(state.lastChangeAt)} ·
          ${plural(state.thresholdCheckpointCount, "threshold checkpoint")}`,
      )}
    </div>
    <h3>Constitutional guards <span class="muted">(immutable)</span></h3>
    <dl class="guards" data-testid="guards">
      <dt>Floor percentile</dt><dd>p${g.floorPercentile}</dd>
      <dt>Floor window</dt><dd>${duration(g.floorWindow)}</dd>
      <dt>Quantization</dt><dd>${g.quantBits}-bit</dd>
      <dt>Memory overhead</dt><dd>${percentBps(g.overheadBps)}</dd>
      <dt>Min change interval</dt><dd>${duration(g.minChangeInterval)}</dd>
      <dt>Max move per change</dt><dd>×2 up or down</dd>
      <dt>raiseToFloor</dt><dd>once per ${duration(g.raiseInterval)}, ×2 at most</dd>
    </dl>`;
}

const floorText = (f: { memoryMiB: bigint; params: bigint }): string => `${compact(f.params)} (${gib(f.memoryMiB)})`;

export function floorStatsView(state: GovernanceState): Html {
  const r = state.registry;
  const range = state.floorRange;
  const gap = state.thresholds.maxSmallParams - range.highest.params;
  const notActive = r.nodeCount - r.activeNodeCount;
  return html`<div class="stats">
    ${stat(
      "Consumer floor now",
      html`${compact(state.floor.params)} <span class="unit">params</span>`,
      html`p${state.guards.floorPercentile} node memory ${gib(state.floor.memoryMiB)} ·
        ${grouped(state.floor.params)} parameters`,
      "floor",
    )}
    ${stat(
      `Floor over the last ${duration(state.guards.floorWindow)}`,
      html`<span data-testid="floor-lowest">${compact(range.lowest.params)}</span> –
        <span data-testid="floor-highest">${compact(range.highest.params)}</span>`,
      html`lowest ${floorText(range.lowest)} (raiseToFloor aims here) · highest ${floorText(range.highest)}
        (no proposal may set the line below it)`,
      "floor-range",
    )}
    ${stat(
      "Threshold above the highest floor",
      gap >= 0n ? compact(gap) : html`<span class="bad">below by ${compact(-gap)}</span>`,
      gap >= 0n ? "headroom governance may not cut" : "anyone may call raiseToFloor()",
    )}
    ${stat(
      "Nodes",
      html`<span data-testid="active-nodes">${grouped(r.activeNodeCount)}</span> active`,
      html`<span data-testid="node-count">${grouped(r.nodeCount)}</span> registered ·
        ${gib(r.totalMemoryMiB)} · ${ether(r.totalBonded)} bonded
        <div class="small" data-testid="node-states"><span data-testid="nodes-not-active">${grouped(notActive)}</span>
          not active (pending, exiting, lapsed or gone: the registry counts only the active; see the node table)</div>`,
      "nodes-stat",
    )}
  </div>`;
}

/**
 * What a quorum and a majority cost today for someone who brings new nodes (the SDK's `sybilCost`): one vote
 * a node, each node at least one attested device and the bond of the catalog's smallest SKU.
 */
export function sybilView(state: GovernanceState, skus: readonly Sku[]): Html {
  const cost = sybilCostOf(state, skus);
  const r = state.registry;
  const g = state.governor;
  const votes = r.activeNodeCount;
  if (!cost) return html`<p class="empty">The catalog has no SKU a node could register with: no price.</p>`;
  const row = (goal: string, testId: string, p: { votes: bigint; devices: bigint; bond: bigint }): Html =>
    html`<tr data-testid="${testId}">
      <th>${goal}</th>
      <td class="num" data-testid="${`${testId}-nodes`}">${grouped(p.votes)}</td>
      <td class="num" data-testid="${`${testId}-devices`}">${grouped(p.devices)}</td>
      <td class="num" data-testid="${`${testId}-bond`}">${ether(p.bond)}</td>
    </tr>`;
  return html`<p class="small" data-testid="sybil-basis">
      Votes today: <b>${grouped(votes)}</b> (one per active node) · quorum today
      <b data-testid="quorum-now">${grouped(quorumNow(state))}</b> (${grouped(g.quorumNumerator)}/${grouped(g.quorumDenominator)} of
      the votes, at least ${plural(g.minQuorumVotes, "vote")}).
      Each new vote is a new node: at least one attested device with its own device id, and a bond of at least
      <b data-testid="sybil-bond-per-node">${ether(cost.bondPerNode)}</b> (one ${cost.cheapest.vendor} ${cost.cheapest.name},
      the catalog's smallest SKU, ${gib(cost.cheapest.memoryMiB)}).
    </p>
    <table class="table sybil" data-testid="sybil-cost">
      <thead><tr><th>To reach alone</th><th class="num">New nodes</th><th class="num">Attested devices</th><th class="num">Bonds</th></tr></thead>
      <tbody>
        ${row("A quorum (with nobody else voting)", "sybil-quorum", cost.quorum)}
        ${row("A majority (more than every active vote)", "sybil-majority", cost.majority)}
      </tbody>
    </table>
    <p class="muted small">The quorum counts the new nodes' votes too (it is a fraction of all votes at the
      snapshot). The new votes count only after ${duration(cost.warmup)} of warm-up, and without an attester
      signing for that many distinct devices no price buys them (${plural(r.attesters.length, "attester")} today).</p>`;
}

const range = (b: Bound, show: (v: bigint) => string): Html =>
  html`<span class="muted small">(${show(b.min)} – ${show(b.max)})</span>`;
const count = (v: bigint): string => grouped(v);

/** Registry, attester, challenge and governor settings, each with the bounds no vote can leave. */
export function settingsView(state: GovernanceState): Html {
  const r = state.registry;
  const p = r.params;
  const g = state.governor;
  const b = CONSTANT_BOUNDS;
  const upTo = (max: bigint): Html => html`<span class="muted small">(≤ ${duration(max)})</span>`;
  return html`<dl class="guards" data-testid="settings">
      <dt>Bond</dt><dd data-testid="bond-formula">${ether(p.bondBase)} ${range(b.bondBase, ether)} + ${ether(p.bondPerGiB)}
        per GiB ${range(b.bondPerGiB, ether)}</dd>
      <dt>Devices per node</dt><dd>≤ ${grouped(p.maxDevicesPerNode)} ${range(b.maxDevicesPerNode, count)}</dd>
      <dt>Memory per node</dt><dd>≤ ${gib(p.maxNodeMemoryMiB)} ${range(b.maxNodeMemoryMiB, gib)}</dd>
      <dt>Keeper fee</dt><dd data-testid="keeper-fee">${ether(p.keeperFee)} ${range(b.keeperFee, ether)}</dd>
      <dt>Unbonding</dt><dd data-testid="unbonding">${duration(p.unbondingPeriod)}
        ${range({ min: BigInt(r.config.minUnbondingPeriod), max: b.maxUnbondingPeriod }, duration)}</dd>
      <dt>Warm-up</dt><dd data-testid="warmup">${duration(r.warmup)} <span class="muted small">(min ${duration(r.config.minWarmup)}: registration to vote)</span></dd>
      <dt>Challenge deposit</dt><dd>${ether(state.challenges.deposit)} ${range(b.challengeDeposit, ether)}</dd>
      <dt>Challenge window</dt><dd>${duration(state.challenges.window)} ${upTo(b.maxChallengeWindow)}</dd>
      <dt>Voting delay / period</dt><dd>${duration(g.votingDelay)} ${upTo(b.maxVotingDelay)} / ${duration(g.votingPeriod)}
        ${upTo(b.maxVotingPeriod)}</dd>
      <dt>Late-quorum extension</dt><dd>${duration(g.voteExtension)} ${upTo(b.maxVoteExtension)}</dd>
      <dt>Quorum</dt><dd>${grouped(g.quorumNumerator)}/${grouped(g.quorumDenominator)} of votes
        ${range(b.quorumNumerator, (v) => `${v}%`)}, at least ${plural(g.minQuorumVotes, "vote")}</dd>
      <dt>Timelock delay</dt><dd>${duration(g.timelockDelay)} ${upTo(b.maxTimelockDelay)}</dd>
      <dt>Proposal threshold</dt><dd>${plural(g.proposalThreshold, "vote")} ${range(b.proposalThreshold, count)}</dd>
      <dt>Pipeline</dt><dd>${duration(g.pipelineLength)} <span class="muted small">(within the unbonding period)</span></dd>
      <dt>Catalog</dt><dd>${plural(state.skuCount, "SKU")}</dd>
      <dt>Models</dt><dd>${grouped(state.modelCount)}</dd>
    </dl>
    <h3>Attesters <span class="muted" data-testid="attester-count">(${grouped(r.attesters.length)} of at most ${grouped(b.maxAttesters)})</span></h3>
    ${
      r.attesters.length === 0
        ? html`<p class="bad small" data-testid="attesters">None: no node can register until governance adds one.</p>`
        : html`<ul class="attesters small" data-testid="attesters">
            ${r.attesters.map((a) => html`<li><code title="${a}">${a}</code></li>`)}
          </ul>`
    }
    <p class="muted small">Only their EAS attestations register nodes; each device id is in one live node at most.</p>`;
}

/** A Pending node whose warm-up is over: anyone may activate it (`activateNode`). */
export const activatable = (node: Node, clock: bigint): boolean =>
  node.status === "Pending" && node.activatableAt > 0 && BigInt(node.activatableAt) <= clock;

/**
 * A node's life stage, with when it changes next (warm-up end, unlock); a Pending node past its warm-up gets
 * an Activate button (enabled with a wallet).
 */
export function nodeStatusText(node: Node, clock: bigint, canWrite = false): Html {
  const when =
    node.status === "Pending" && node.activatableAt > 0
      ? activatable(node, clock)
        ? " · warm-up over"
        : ` · activatable ${relative(node.activatableAt, clock)}`
      : node.status === "Exiting" && node.unlockAt > 0
        ? ` · unlocks ${relative(node.unlockAt, clock)}`
        : "";
  return html`<span class="status status-${node.status.toLowerCase()}">${node.status}</span><span class="muted small">${when}</span>${
    activatable(node, clock)
      ? html` <button type="button" class="small-button" data-action="activate" data-node="${node.id.toString()}"
          ${canWrite ? "" : raw("disabled")}>Activate</button>`
      : ""
  }`;
}

/** The short form of an address for a list. */
export const addressCell = (address: string): Html => html`<code title="${address}">${shortHex(address)}</code>`;
