/**
 * Tiers under past thresholds, computed in the page from the threshold epochs with the SDK's `tierOf` (the
 * contract's rule), so there is no request per model.
 */
import { tierOf, type Model, type TierName } from "../../src/index.js";
import type { ThresholdEpoch } from "./load.js";

/** One stretch of time during which the model kept one tier. */
export type TierSpan = { tier: TierName; from: bigint; epochIndex: number };

/**
 * The model's tier over time, from its registration: consecutive epochs with the same tier merge, epochs
 * that ended before the model was registered are skipped (its first span starts at its registration).
 */
export function tierHistory(model: Model, epochs: readonly ThresholdEpoch[]): TierSpan[] {
  const registeredAt = BigInt(model.registeredAt);
  const spans: TierSpan[] = [];
  epochs.forEach((epoch, i) => {
    const next = epochs[i + 1];
    if (next !== undefined && next.from <= registeredAt) return;
    const tier = tierOf(epoch, model);
    if (spans.at(-1)?.tier === tier) return;
    spans.push({ tier, from: epoch.from > registeredAt ? epoch.from : registeredAt, epochIndex: i });
  });
  return spans;
}
