/** The ballots' constants, mirrored so that input is checked before anything is sent. */
import { compact } from "../domain.js";
import { InvalidInputError } from "../errors/base.js";
import { toInteger, type IntegerInput } from "../internal/validate.js";

/**
 * What a ballot may ask for (`ThresholdBallots.MIN_PARAMS` … `MAX_PARAMS - 1`, `MIN_FLOP` … `MAX_FLOP - 1`): the
 * range the log-scale distributions hold. test/sdk/ballots.test.ts checks them against the chain.
 */
export const BALLOT_BOUNDS = {
  maxSmallParams: { min: 1n << 20n, max: (1n << 52n) - 1n },
  maxSmallTrainingFlop: { min: 1n << 50n, max: (1n << 114n) - 1n },
} as const;

/**
 * The most a settlement moves a threshold toward its median per epoch (`RAISE_NUMERATOR / RAISE_DENOMINATOR`,
 * `LOWER_NUMERATOR / LOWER_DENOMINATOR`): up ×1.25, down ÷1.10.
 */
export const BALLOT_STEP = {
  raise: { numerator: 5n, denominator: 4n },
  lower: { numerator: 10n, denominator: 11n },
} as const;

/**
 * A ballot's wish, a whole number (the SDK's `toInteger` rules) within `BALLOT_BOUNDS`: an `InvalidInputError`
 * naming the field and the bounds otherwise.
 * @example toBallotValue("100000000000", "maxSmallParams") // 100000000000n
 */
export function toBallotValue(value: IntegerInput, field: keyof typeof BALLOT_BOUNDS): bigint {
  const parsed = toInteger(value, field);
  const { min, max } = BALLOT_BOUNDS[field];
  if (parsed < min || parsed > max) {
    throw new InvalidInputError(
      field,
      `${parsed} is outside what a ballot may ask for: ${min}..${max} (${compact(min)} to ${compact(max)})`,
    );
  }
  return parsed;
}
