/**
 * The node table (one page read at a time, all nodes or one owner's), the models with their tiers, and the
 * proposals with tallies.
 */
import type { GovernanceState, Model, ProposalActionSummary, ProposalSummary, Sku } from "../../../src/index.js";
import { html, raw, type Html } from "../dom.js";
import {
  compact,
  describeActionSummary,
  ether,
  gib,
  grouped,
  relative,
  scientific,
  shortHex,
  tierOf,
  utc,
  type TierName,
} from "../../../src/index.js";
import type { NodePage, ThresholdEpoch } from "../load.js";
import { tierHistory } from "../tiers.js";
import { addressCell, nodeStatusText } from "./overview.js";

/** Nodes per page of the node table by default, and the sizes the user may pick. */
export const NODES_PER_PAGE = 20;
export const NODE_PAGE_SIZES = [5, 20, 100] as const;

const tierBadge = (tier: TierName): Html => html`<span class="tier tier-${tier.toLowerCase()}">${tier}</span>`;

export type NodeTableState = {
  /** A page is being read (the pager's buttons wait for it). */
  loading: boolean;
  /** The last page read failed: why. */
  error?: string | undefined;
  canWrite: boolean;
};

/** The owner filter and the page size: a form, so that Enter applies it. */
function nodeFilter(page: NodePage, disabled: boolean): Html {
  const off = disabled ? raw("disabled") : "";
  return html`<form id="nodes-filter" class="inline-form nodes-filter">
    <label class="grow">Owner <input name="owner" type="text" spellcheck="false" placeholder="0x… (all nodes when empty)"
      value="${page.owner ?? ""}" ${off} /></label>
    <label>Per page <select name="page-size" ${off}>
      ${NODE_PAGE_SIZES.map((n) => html`<option value="${String(n)}" ${n === page.limit ? raw("selected") : ""}>${String(n)}</option>`)}
    </select></label>
    <button type="submit" ${off}>Show</button>
    ${page.owner === undefined ? "" : html`<button type="button" class="secondary" data-action="nodes-all" ${off}>All nodes</button>`}
  </form>`;
}

export function nodesView(page: NodePage, skus: readonly Sku[], clock: bigint, table: NodeTableState): Html {
  const whose = page.owner === undefined ? "" : html` of <code title="${page.owner}">${shortHex(page.owner)}</code>`;
  const note = table.error
    ? html`<p class="bad small" role="alert">${table.error}</p>`
    : table.loading
      ? html`<p class="muted small">Reading the page…</p>`
      : "";
  if (page.total === 0n) {
    const none = page.owner === undefined ? "No nodes registered yet." : html`No nodes registered by this owner.`;
    return html`${nodeFilter(page, table.loading)}${note}<p class="empty" data-testid="nodes-empty">${none}</p>`;
  }
  const pages = Number((page.total + BigInt(page.limit) - 1n) / BigInt(page.limit));
  const current = Math.floor(page.offset / page.limit);
  const skuName = (id: number): string => skus[id - 1]?.name ?? `SKU ${id}`;
  const disabled = (off: boolean) => (off || table.loading ? raw("disabled") : "");
  return html`${nodeFilter(page, table.loading)}${note}
    <table class="table" data-testid="nodes-table">
      <thead><tr><th>#</th><th>Owner</th><th>Status</th><th class="num">Memory</th><th>Devices</th><th class="num">Bond</th><th>Attestation</th></tr></thead>
      <tbody>
        ${page.nodes.map(
          (node) => html`<tr>
            <td>${grouped(node.id)}</td>
            <td>${addressCell(node.owner)}</td>
            <td>${nodeStatusText(node, clock, table.canWrite)}</td>
            <td class="num">${gib(node.memoryMiB)}</td>
            <td>${node.devices.map((d, i) => html`${i > 0 ? ", " : ""}${d.count}× ${skuName(d.skuId)}`)}</td>
            <td class="num">${ether(node.bond)}</td>
            <td class="small">attester #${node.attesterId}, expires ${relative(node.attestationExpiry, clock)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <nav class="pager" aria-label="Node pages">
      <button type="button" data-action="nodes-page" data-page="${current - 1}" ${disabled(current === 0)}>← Prev</button>
      <span data-testid="nodes-page">page ${current + 1} of ${grouped(pages)} · nodes ${grouped(page.offset + 1)}–${grouped(
        page.offset + page.nodes.length,
      )} of ${grouped(page.total)}${whose}</span>
      <button type="button" data-action="nodes-page" data-page="${current + 1}" ${disabled(current >= pages - 1)}>Next →</button>
    </nav>`;
}

export function modelsView(models: readonly Model[], epochs: readonly ThresholdEpoch[]): Html {
  if (models.length === 0) return html`<p class="empty">No models registered yet.</p>`;
  const current = epochs.at(-1)!;
  return html`<table class="table" data-testid="models-table">
    <thead><tr><th>#</th><th>Model</th><th class="num">Parameters</th><th class="num">Training FLOP</th><th>Weights</th><th>Tier</th><th>Tier history</th></tr></thead>
    <tbody>
      ${models.map((model) => {
        const spans = tierHistory(model, epochs);
        return html`<tr>
          <td>${grouped(model.id)}</td>
          <td>${model.uri ? html`<a href="${safeHref(model.uri)}" rel="noreferrer noopener">${model.name}</a>` : model.name}
            <div class="muted small">registered ${utc(model.registeredAt)}</div></td>
          <td class="num" title="${grouped(model.params)}">${compact(model.params)}</td>
          <td class="num" title="${grouped(model.trainingFlop)}">${scientific(model.trainingFlop)}</td>
          <td>${model.openWeights ? "open" : "closed"}</td>
          <td data-testid="model-tier">${tierBadge(tierOf(current, model))}</td>
          <td class="history">${
            epochs.length === 1
              ? html`<span class="muted">thresholds never changed</span>`
              : spans.length === 1
                ? html`<span class="muted">${spans[0]!.tier} under all ${epochs.length} threshold sets</span>`
                : spans.map(
                    (span, i) =>
                      html`${i > 0 ? html`<span class="arrow">→</span>` : ""}${tierBadge(span.tier)}<span class="muted small">
                          ${i === 0 ? "from registration" : `since ${utc(span.from)}`}</span>`,
                  )
          }</td>
        </tr>`;
      })}
    </tbody>
  </table>
  ${epochs.length > 1 ? epochsView(epochs) : ""}`;
}

function epochsView(epochs: readonly ThresholdEpoch[]): Html {
  return html`<details class="epochs" data-testid="threshold-history">
    <summary>Threshold history (${epochs.length} sets)</summary>
    <ol>
      ${epochs.map(
        (e) => html`<li>${e.from === 0n ? "at deployment" : `since ${utc(e.from)}`}: Small up to
          ${compact(e.maxSmallParams)} parameters and ${scientific(e.maxSmallTrainingFlop)} FLOP
          ${e.raisedToFloor ? html`<span class="muted">(raised to the floor)</span>` : ""}</li>`,
      )}
    </ol>
  </details>`;
}

/** Only http(s) and ipfs links become clickable. */
function safeHref(uri: string): string {
  return /^(https?|ipfs):/i.test(uri) ? uri : "#";
}

export type VoteAbility = { canVote: boolean; note?: string };

export function proposalsView(state: GovernanceState, proposals: readonly ProposalSummary[], vote: VoteAbility): Html {
  if (proposals.length === 0) return html`<p class="empty">No proposals yet.</p>`;
  return html`<div class="proposals">${proposals.map((p) => proposalCard(state, p, vote))}</div>`;
}

function proposalCard(state: GovernanceState, p: ProposalSummary, vote: VoteAbility): Html {
  const total = p.votes.for + p.votes.against + p.votes.abstain;
  const pct = (v: bigint): number => (total === 0n ? 0 : Number((v * 1000n) / total) / 10);
  const quorumCounted = p.votes.for + p.votes.abstain;
  return html`<article class="proposal" data-testid="proposal" data-state="${p.state}">
    <header>
      <span class="state state-${p.state.toLowerCase()}">${p.state}</span>
      <strong title="${`id ${p.id}`}">Proposal #${grouped(p.number)}</strong>
      <span class="muted">by ${addressCell(p.proposer)}</span>
    </header>
    <ul class="actions">
      ${p.actions.map(actionItem)}
    </ul>
    <div class="tally" role="img" aria-label="${`for ${p.votes.for}, against ${p.votes.against}, abstain ${p.votes.abstain}`}">
      <span class="for" style="${`width:${pct(p.votes.for)}%`}"></span><span class="against" style="${`width:${pct(p.votes.against)}%`}"></span><span class="abstain" style="${`width:${pct(p.votes.abstain)}%`}"></span>
    </div>
    <div class="tally-legend" data-testid="tally">
      <span><i class="dot for"></i>For ${grouped(p.votes.for)}</span>
      <span><i class="dot against"></i>Against ${grouped(p.votes.against)}</span>
      <span><i class="dot abstain"></i>Abstain ${grouped(p.votes.abstain)}</span>
      <span class="${p.quorumReached ? "ok" : "muted"}">Quorum ${grouped(quorumCounted)} / ${grouped(p.quorum)}${p.quorumReached ? " ✓" : ""}</span>
      ${
        p.state === "Queued" || p.veto.votes > 0n
          ? html`<span data-testid="veto">Veto ${grouped(p.veto.votes)} / ${grouped(p.veto.threshold)}</span>`
          : ""
      }
    </div>
    <dl class="times">
      <dt>Voting starts</dt><dd>${utc(p.snapshot)} <span class="muted">(${relative(p.snapshot, state.clock)})</span></dd>
      <dt>Deadline</dt><dd>${utc(p.deadline)} <span class="muted">(${relative(p.deadline, state.clock)})</span></dd>
      ${p.eta > 0n ? html`<dt>Executable</dt><dd>${utc(p.eta)} <span class="muted">(${relative(p.eta, state.clock)})</span></dd>` : ""}
    </dl>
    ${
      p.state === "Active"
        ? html`<div class="vote">
            ${(["for", "against", "abstain"] as const).map(
              (support) =>
                html`<button type="button" class="vote-${support}" data-action="vote" data-proposal="${p.id.toString()}" data-support="${support}"
                  ${vote.canVote ? "" : raw("disabled")}>Vote ${support}</button>`,
            )}
            ${vote.note ? html`<span class="muted small">${vote.note}</span>` : ""}
          </div>`
        : p.state === "Queued"
          ? html`<div class="vote">
              <button type="button" class="vote-veto" data-action="veto" data-proposal="${p.id.toString()}"
                ${vote.canVote ? "" : raw("disabled")}>Veto</button>
              <span class="muted small">While it waits in the timelock, nodes that had votes at its snapshot may
                veto it; ${grouped(p.veto.threshold)} veto votes cancel it.</span>
              ${vote.note ? html`<span class="muted small">${vote.note}</span>` : ""}
            </div>`
          : ""
    }
  </article>`;
}

/** One summarised action: `setThresholds on classifier` (its arguments are one `getProposalActions` away). */
function actionItem(a: ProposalActionSummary): Html {
  return html`<li><code title="${a.signature ?? a.selector}">${describeActionSummary(a)}</code>
    <span class="muted small">${grouped(a.calldataLength)} bytes of calldata</span></li>`;
}
