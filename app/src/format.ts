/** Number, unit and time formatting for the dashboard. Pure functions; no DOM. */

const SUFFIXES = [
  [1_000_000_000_000n, "T"],
  [1_000_000_000n, "B"],
  [1_000_000n, "M"],
  [1_000n, "k"],
] as const;

/** `70000000000n` → `"70,000,000,000"`. */
export function grouped(value: bigint | number): string {
  const s = BigInt(value).toString();
  const negative = s.startsWith("-");
  const digits = negative ? s.slice(1) : s;
  return (negative ? "-" : "") + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `70000000000n` → `"70B"`, `46385646796n` → `"46.4B"` (rounded to one decimal below 100 of a unit). */
export function compact(value: bigint | number): string {
  const v = BigInt(value);
  for (const [unit, suffix] of SUFFIXES) {
    if (v >= unit) {
      const tenths = (v * 10n + unit / 2n) / unit;
      const whole = tenths / 10n;
      const decimal = tenths % 10n;
      return whole >= 100n || decimal === 0n ? `${whole}${suffix}` : `${whole}.${decimal}${suffix}`;
    }
  }
  return v.toString();
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** `10n ** 25n` → `"10²⁵"`, `12n * 10n ** 23n` → `"1.2 × 10²⁴"`: training compute in scientific notation. */
export function scientific(value: bigint): string {
  if (value < 1000n) return value.toString();
  const digits = value.toString();
  const exponent = digits.length - 1;
  const sup = String(exponent)
    .split("")
    .map((d) => SUPERSCRIPT[Number(d)])
    .join("");
  const mantissa = `${digits[0]}.${digits.slice(1, 3)}`.replace(/\.?0+$/, "");
  return mantissa === "1" ? `10${sup}` : `${mantissa} × 10${sup}`;
}

/** MiB → `"24 GiB"` / `"1.5 GiB"`. */
export function gib(memoryMiB: bigint | number): string {
  const value = Number(memoryMiB) / 1024;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} GiB`;
}

/** Wei → `"0.01 ETH"` without float rounding. */
export function ether(wei: bigint): string {
  const whole = wei / 10n ** 18n;
  const frac = (wei % 10n ** 18n).toString().padStart(18, "0").replace(/0+$/, "");
  return `${whole}${frac ? `.${frac}` : ""} ETH`;
}

/** Seconds → `"1 min"`, `"30 days"`, `"2 h 5 min"`. */
export function duration(seconds: bigint | number): string {
  let s = Number(seconds);
  if (s < 60) return `${s} s`;
  const parts: string[] = [];
  const units = [
    [86_400, "day"],
    [3_600, "h"],
    [60, "min"],
  ] as const;
  for (const [size, name] of units) {
    const n = Math.floor(s / size);
    if (n > 0) {
      parts.push(name === "day" ? `${n} ${n === 1 ? "day" : "days"}` : `${n} ${name}`);
      s -= n * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/** Unix seconds → `"2025-06-01 12:00:00 UTC"`. */
export function utc(timestamp: bigint | number): string {
  return new Date(Number(timestamp) * 1000).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " UTC");
}

/** A timestamp relative to the chain's clock: `"in 5 min"`, `"3 days ago"`, `"now"`. */
export function relative(timestamp: bigint, clock: bigint): string {
  const delta = Number(timestamp - clock);
  if (delta === 0) return "now";
  return delta > 0 ? `in ${duration(delta)}` : `${duration(-delta)} ago`;
}

/** `0x1234…abcd`. */
export function shortHex(value: string, keep = 4): string {
  return value.length <= 2 + keep * 2 + 1 ? value : `${value.slice(0, 2 + keep)}…${value.slice(-keep)}`;
}

/** Basis points → `"10%"` / `"12.5%"`. */
export function percentBps(bps: number | bigint): string {
  const value = Number(bps) / 100;
  return `${Number.isInteger(value) ? value : value.toFixed(2).replace(/0+$/, "")}%`;
}
