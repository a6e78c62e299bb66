import { getAddress, isAddress, type Address } from "viem";
import { InvalidInputError } from "../errors/base.js";

/** What the SDK accepts where a whole number is expected. */
export type IntegerInput = bigint | number | string;

const MAX_UINT256 = (1n << 256n) - 1n;

/**
 * Parses a whole number strictly: a bigint, a safe-integer `number`, or a decimal string of digits.
 * Refuses floats, exponents (`7e9`), hex, signs, blanks, unsafe numbers and values outside [min, max].
 */
export function toInteger(value: IntegerInput, field: string, min = 0n, max = MAX_UINT256): bigint {
  let parsed: bigint;
  if (typeof value === "bigint") {
    parsed = value;
  } else if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new InvalidInputError(field, `${value} is not a whole number`);
    if (!Number.isSafeInteger(value)) {
      throw new InvalidInputError(field, `${value} is above 2^53; pass a bigint or a decimal string`);
    }
    parsed = BigInt(value);
  } else if (typeof value === "string") {
    if (!/^[0-9]+$/.test(value)) {
      throw new InvalidInputError(field, `"${value}" is not a whole decimal number (digits only)`);
    }
    parsed = BigInt(value);
  } else {
    throw new InvalidInputError(field, `expected a whole number, got ${typeof value}`);
  }
  if (parsed < min) throw new InvalidInputError(field, `${parsed} is below the minimum ${min}`);
  if (parsed > max) throw new InvalidInputError(field, `${parsed} is above the maximum ${max}`);
  return parsed;
}

/** A positive whole number below 2^bits. */
export const toPositive = (value: IntegerInput, field: string, bits = 256) =>
  toInteger(value, field, 1n, (1n << BigInt(bits)) - 1n);

/** A checksummed, non-zero address. */
export function toAddress(value: string, field: string): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false })) {
    throw new InvalidInputError(field, `"${value}" is not an address`);
  }
  if (/^0x0{40}$/i.test(value)) throw new InvalidInputError(field, "the zero address is not allowed here");
  return getAddress(value);
}

/** A UTF-8 string of at most `maxBytes` bytes (and at least one, unless `allowEmpty`). */
export function toText(value: string, field: string, maxBytes: number, allowEmpty = false): string {
  if (typeof value !== "string") throw new InvalidInputError(field, "must be a string");
  const bytes = new TextEncoder().encode(value).length;
  if (!allowEmpty && bytes === 0) throw new InvalidInputError(field, "must not be empty");
  if (bytes > maxBytes) throw new InvalidInputError(field, `is ${bytes} bytes; the limit is ${maxBytes}`);
  return value;
}
