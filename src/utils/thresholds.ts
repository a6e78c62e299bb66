/** The classifier's guards on a threshold change, checked client-side before a proposal is sent. */
import { InvalidInputError, ThresholdBelowFloorError, ThresholdRateLimitError } from "../errors/base.js";
import type { ConsumerFloor, Thresholds } from "../types.js";

/** Both thresholds may move by at most this factor per change (`ModelClassifier.MAX_CHANGE_FACTOR`). */
const MAX_CHANGE_FACTOR = 2n;

function checkFactor(name: string, current: bigint, next: bigint): void {
  if (next <= current * MAX_CHANGE_FACTOR && next * MAX_CHANGE_FACTOR >= current) return;
  throw new ThresholdRateLimitError(
    name,
    `${name} may move at most 2x per change: ${current} allows ` +
      `${(current + 1n) / MAX_CHANGE_FACTOR}..${current * MAX_CHANGE_FACTOR}, got ${next}`,
  );
}

/**
 * The floor, the factor-of-2 limit, and a real change, as `ModelClassifier.setThresholds` checks them. `floor`
 * is the highest floor over the floor window (`state.floorRange.highest`): what the contract compares with.
 * @example checkThresholdChange(state.thresholds, { maxSmallParams: 100_000_000_000n, maxSmallTrainingFlop: 10n ** 25n }, state.floorRange.highest)
 */
export function checkThresholdChange(current: Thresholds, next: Thresholds, floor: ConsumerFloor): void {
  if (next.maxSmallParams === current.maxSmallParams && next.maxSmallTrainingFlop === current.maxSmallTrainingFlop) {
    throw new InvalidInputError("thresholds", "they equal the current thresholds");
  }
  if (next.maxSmallParams < floor.params) {
    throw new ThresholdBelowFloorError(next.maxSmallParams, floor.params, floor.memoryMiB);
  }
  checkFactor("maxSmallParams", current.maxSmallParams, next.maxSmallParams);
  checkFactor("maxSmallTrainingFlop", current.maxSmallTrainingFlop, next.maxSmallTrainingFlop);
}
