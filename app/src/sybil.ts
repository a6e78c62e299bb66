/**
 * The sybil cost the dashboard shows is the SDK's `sybilCostOf` (src/domain.ts), the one `commons status`
 * prints, so the page and the CLI print the same numbers. Only the quorum at present is the page's own.
 */
import type { GovernanceState } from "../../src/index.js";

export { sybilCostOf } from "../../src/index.js";

/**
 * The quorum a proposal made now would need if nobody joined: the governor's `quorum` rule (the fraction of
 * the votes, one per active node, rounded up; never below the absolute minimum).
 */
export function quorumNow(state: GovernanceState): bigint {
  const g = state.governor;
  const fraction =
    (state.registry.activeNodeCount * g.quorumNumerator + g.quorumDenominator - 1n) / g.quorumDenominator;
  return fraction > g.minQuorumVotes ? fraction : g.minQuorumVotes;
}
