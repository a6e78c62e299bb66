/**
 * The threshold ballots: who moves the line now, the nodes' distributions and medians, the next settlement and
 * where it will move the line. From one `ThresholdBallots.state()` call (`getBallotState`), never a ballot list.
 */
import type { BallotBucket, BallotState, GovernanceState } from "../../../src/index.js";
import { html, type Html } from "../dom.js";
import { compact, grouped, relative, scientific, utc } from "../../../src/index.js";

const arrow = (from: bigint, to: bigint, show: (v: bigint) => string): string =>
  from === to ? `stays at ${show(from)}` : `${show(from)} → ${show(to)}`;

/** A horizontal bar per non-empty bucket, the median's marked. */
function bars(buckets: BallotBucket[], median: bigint, show: (v: bigint) => string, testId: string): Html {
  if (buckets.length === 0) return html`<p class="muted small" data-testid="${testId}">No ballots yet.</p>`;
  const most = Math.max(...buckets.map((b) => b.ballots));
  return html`<ul class="ballot-bars" data-testid="${testId}">
    ${buckets.map(
      (b) =>
        html`<li class="${b.lowerBound === median ? "median" : ""}">
          <span class="bar-label">${show(b.lowerBound)}</span>
          <span class="bar" style="width: ${Math.max(2, Math.round((b.ballots / most) * 100))}%"></span>
          <span class="bar-count">${grouped(b.ballots)}</span>
        </li>`,
    )}
  </ul>`;
}

export function ballotsView(ballots: BallotState, state: GovernanceState): Html {
  const t = state.thresholds;
  const inCharge = ballots.inCharge === "ballots";
  const flop = (v: bigint) => `${scientific(v)} FLOP`;
  const settleText =
    ballots.nextSettleAt <= Number(state.clock) ? "now" : relative(BigInt(ballots.nextSettleAt), state.clock);
  return html`
    <div class="stats">
      <div class="stat" data-testid="ballots-authority">
        <div class="stat-label">The line is moved by</div>
        <div class="stat-value">${inCharge ? "the nodes' ballots" : "governance proposals"}</div>
        <div class="stat-detail">${inCharge ? "a settlement once per epoch" : "ballots are counted but do not settle"}</div>
      </div>
      <div class="stat" data-testid="ballots-count">
        <div class="stat-label">Live ballots</div>
        <div class="stat-value">${grouped(ballots.liveBallots)}</div>
        <div class="stat-detail">quorum ${grouped(ballots.quorum)} · ${grouped(ballots.expiredBallots)} expired</div>
      </div>
      <div class="stat" data-testid="ballots-median">
        <div class="stat-label">Median wish</div>
        <div class="stat-value">${ballots.liveBallots === 0 ? "—" : compact(ballots.medians.maxSmallParams)}</div>
        <div class="stat-detail">${ballots.liveBallots === 0 ? "" : flop(ballots.medians.maxSmallTrainingFlop)}</div>
      </div>
      <div class="stat" data-testid="ballots-next">
        <div class="stat-label">Next settlement</div>
        <div class="stat-value">${inCharge ? settleText : "—"}</div>
        <div class="stat-detail" data-testid="ballots-move">
          ${
            inCharge
              ? html`params ${arrow(t.maxSmallParams, ballots.next.maxSmallParams, compact)} · FLOP
                ${arrow(t.maxSmallTrainingFlop, ballots.next.maxSmallTrainingFlop, scientific)}`
              : "when the ballots are in charge"
          }
        </div>
      </div>
    </div>
    <p class="muted small">
      Epoch ${grouped(ballots.epoch)} (${grouped(ballots.epochLength)} s each, since ${utc(BigInt(ballots.genesis))}); a
      ballot counts for ${grouped(ballots.ballotLifetimeEpochs)} epochs; a settlement moves each line toward its median
      by at most ×1.25 up or ÷1.10 down, never below the floor.
      ${ballots.lastSettledEpoch === undefined ? "Never settled." : `Last settled: epoch ${grouped(ballots.lastSettledEpoch)}.`}
    </p>
    <div class="ballot-dists">
      <div>
        <h3>Params wished</h3>
        ${bars(ballots.distribution.params, ballots.medians.maxSmallParams, compact, "ballots-params")}
      </div>
      <div>
        <h3>Training compute wished</h3>
        ${bars(ballots.distribution.flop, ballots.medians.maxSmallTrainingFlop, flop, "ballots-flop")}
      </div>
    </div>`;
}
