/**
 * Tiers under past thresholds, computed in the page from the threshold epochs (no request per model):
 * the contract's rule, `params <= maxSmallParams && trainingFlop <= maxSmallTrainingFlop` is Small.
 */
import type { Model } from "../../src/index.js";
import type { ThresholdEpoch } from "./load.js";

export type TierName = "Small" | "Large";

export function tierUnder(epoch: Pick<ThresholdEpoch, "maxSmallParams" | "maxSmallTrainingFlop">, model: Model): TierName {
  return model.params <= epoch.maxSmallParams && model.trainingFlop <= epoch.maxSmallTrainingFlop ? "Small" : "Large";
}

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
    const tier = tierUnder(epoch, model);
    if (spans.at(-1)?.tier === tier) return;
    spans.push({ tier, from: epoch.from > registeredAt ? epoch.from : registeredAt, epochIndex: i });
  });
  return spans;
}
