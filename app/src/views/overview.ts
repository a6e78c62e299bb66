/** Thresholds, guards, consumer floor figures, registry and governor settings: all from the one state read. */
import type { GovernanceState } from "../../../src/index.js";
import { html, raw, type Html } from "../dom.js";
import { compact, duration, ether, gib, grouped, percentBps, relative, scientific, utc } from "../../../src/index.js";

const stat = (label: string, value: Html | string, detail?: Html | string, testId?: string): Html =>
  html`<div class="stat" data-testid="${testId ?? ""}">
    <div class="stat-label">${label}</div>
    <div class="stat-value">${value}</div>
    ${detail === undefined ? "" : html`<div class="stat-detail">${detail}</div>`}
  </div>`;

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
          ${grouped(state.thresholdCheckpointCount)} threshold checkpoint${state.thresholdCheckpointCount === 1n ? "" : "s"}`,
      )}
    </div>
    <h3>Constitutional guards <span class="muted">(immutable)</span></h3>
    <dl class="guards" data-testid="guards">
      <dt>Floor percentile</dt><dd>p${g.floorPercentile}</dd>
      <dt>Quantization</dt><dd>${g.quantBits}-bit</dd>
      <dt>Memory overhead</dt><dd>${percentBps(g.overheadBps)}</dd>
      <dt>Min change interval</dt><dd>${duration(g.minChangeInterval)}</dd>
      <dt>Max move per change</dt><dd>×2 up or down</dd>
    </dl>`;
}

export function floorStatsView(state: GovernanceState): Html {
  const r = state.registry;
  const gap = state.thresholds.maxSmallParams - state.floor.params;
  return html`<div class="stats">
    ${stat(
      "Consumer floor",
      html`${compact(state.floor.params)} <span class="unit">params</span>`,
      html`p${state.guards.floorPercentile} node memory ${gib(state.floor.memoryMiB)} ·
        ${grouped(state.floor.params)} parameters`,
      "floor",
    )}
    ${stat(
      "Threshold above floor",
      gap >= 0n ? compact(gap) : html`<span class="bad">below by ${compact(-gap)}</span>`,
      gap >= 0n ? "headroom governance may not cut" : "anyone may call raiseToFloor()",
    )}
    ${stat(
      "Nodes",
      html`<span data-testid="active-nodes">${grouped(r.activeNodeCount)}</span> active`,
      html`<span data-testid="node-count">${grouped(r.nodeCount)}</span> registered ·
        ${gib(r.totalMemoryMiB)} · ${ether(r.totalBonded)} bonded`,
      "nodes-stat",
    )}
  </div>`;
}

export function settingsView(state: GovernanceState): Html {
  const r = state.registry;
  const g = state.governor;
  return html`<dl class="guards">
    <dt>Bond</dt><dd>${ether(r.minBond)}</dd>
    <dt>Devices per node</dt><dd>≤ ${grouped(r.maxDevicesPerNode)}, ≤ ${gib(r.maxNodeMemoryMiB)}</dd>
    <dt>Unbonding</dt><dd>${duration(r.unbondingPeriod)} (min ${duration(r.minUnbondingPeriod)})</dd>
    <dt>Voting delay / period</dt><dd>${duration(g.votingDelay)} / ${duration(g.votingPeriod)}</dd>
    <dt>Quorum</dt><dd>${grouped(g.quorumNumerator)}/${grouped(g.quorumDenominator)} of votes</dd>
    <dt>Timelock delay</dt><dd>${duration(g.timelockDelay)}</dd>
    <dt>Proposal threshold</dt><dd>${grouped(g.proposalThreshold)} vote${g.proposalThreshold === 1n ? "" : "s"}</dd>
    <dt>Catalog</dt><dd>${grouped(state.skuCount)} SKUs</dd>
  </dl>`;
}
