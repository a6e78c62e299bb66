/**
 * Counts as people type them: raw digits by default (the SDK's rules: no floats, exponents, hex or signs),
 * and with `--units` a K/M/B/T suffix (`70B`, `8.03B`) or scientific notation (`1.224e24`), as long as the
 * result is a whole number. Errors name the flag (`--params`), not an SDK field.
 */
import { InvalidInputError } from "../errors/base.js";

const SUFFIXES: Record<string, bigint> = { K: 10n ** 3n, M: 10n ** 6n, B: 10n ** 9n, G: 10n ** 9n, T: 10n ** 12n };

/**
 * A whole number given as a decimal string. Without `units` digits only (the SDK's `toInteger` rules: no
 * floats, exponents, hex or signs). With `units`, also a decimal with a K/M/B/T suffix (`70B`, `8.03B`) or
 * in scientific notation (`1.224e24`), as long as the result is a whole number.
 */
export function parseCount(value: string, flag: string, units: boolean): string {
  if (/^[0-9]+$/.test(value)) return value;
  if (!units) {
    const hint = /^[0-9.]+(e[0-9]+|[kmbgt])$/i.test(value) ? " (suffixes and exponents need --units)" : "";
    throw new InvalidInputError(flag, `"${value}" is not a whole decimal number (digits only)${hint}`);
  }
  const m = /^([0-9]+)(?:\.([0-9]+))?(?:([KMBGT])|[eE]([0-9]{1,3}))$/i.exec(value);
  if (!m) throw new InvalidInputError(flag, `"${value}" is neither digits, <number>K/M/B/T nor <number>e<exponent>`);
  const [, whole, fraction = "", suffix, exponent] = m;
  const scale = suffix ? SUFFIXES[suffix.toUpperCase()]! : 10n ** BigInt(exponent!);
  const numerator = BigInt(whole! + fraction) * scale;
  const denominator = 10n ** BigInt(fraction.length);
  if (numerator % denominator !== 0n) throw new InvalidInputError(flag, `"${value}" is not a whole number`);
  return (numerator / denominator).toString();
}

const DURATION_UNITS: Record<string, bigint> = {
  s: 1n,
  m: 60n,
  min: 60n,
  h: 3_600n,
  d: 86_400n,
  w: 604_800n,
};

/**
 * A duration in seconds: digits (seconds) or digits with a unit, `45s`, `30m` (or `30min`), `12h`, `180d`, `2w`.
 * @example parseDuration("180d", "--expires-in") // 15552000n
 */
export function parseDuration(value: string, flag: string): bigint {
  const m = /^([0-9]{1,12})(s|m|min|h|d|w)?$/.exec(value.trim());
  if (!m) throw new InvalidInputError(flag, `"${value}" is not a duration (e.g. 3600, 90m, 12h, 180d, 2w)`);
  return BigInt(m[1]!) * DURATION_UNITS[m[2] ?? "s"]!;
}
