/**
 * A small argument parser (no dependencies): `--flag value`, `--flag=value`, boolean `--flag`, repeatable
 * flags, positionals, and `--` to end the flags. Unknown flags and missing values are usage errors.
 */
import { InvalidInputError } from "../errors/base.js";

/** A mistake in how the command was called (unknown command or flag, missing argument): exit code 1. */
export class UsageError extends Error {
  override name = "UsageError";
  /** The command whose usage to point at, e.g. "node register". */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

export type FlagSpec = {
  name: string;
  /** `value` takes an argument; `boolean` does not. */
  kind: "value" | "boolean";
  description: string;
  /** Placeholder for help, e.g. "<sku>[:<count>]". */
  placeholder?: string;
  repeatable?: boolean;
};

export type ParsedArgs = {
  positionals: string[];
  values: Record<string, string[]>;
  booleans: Set<string>;
};

/** Flags that would put a secret on the command line: refused with a pointer to the safe ways. */
const SECRET_FLAGS = new Set(["private-key", "privatekey", "key", "mnemonic", "password", "keystore-password"]);

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], command?: string): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: ParsedArgs = { positionals: [], values: {}, booleans: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--") || arg === "--") {
      if (/^-[a-zA-Z]/.test(arg) && arg !== "-h") {
        throw new UsageError(`unknown option ${arg} (options are spelled --name)`, command);
      }
      out.positionals.push(arg === "-h" ? "--help" : arg);
      if (arg === "-h") out.booleans.add("help");
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (SECRET_FLAGS.has(name.toLowerCase())) {
      throw new UsageError(
        `--${name} is not accepted: keys never go on the command line; set COMMONS_PRIVATE_KEY, or use --keystore <file> with COMMONS_KEYSTORE_PASSWORD`,
        command,
      );
    }
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`unknown option --${name}`, command);
    if (spec.kind === "boolean") {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`, command);
      out.booleans.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith("--") && value.length > 2)) {
        throw new UsageError(`--${name} needs a value${spec.placeholder ? ` ${spec.placeholder}` : ""}`, command);
      }
      i++;
    }
    const list = (out.values[name] ??= []);
    if (list.length > 0 && !spec.repeatable) throw new UsageError(`--${name} given more than once`, command);
    list.push(value);
  }
  return out;
}

/** The single value of a flag, or undefined. */
export const flag = (args: ParsedArgs, name: string): string | undefined => args.values[name]?.[0];

/** A flag that must be there. */
export function requireFlag(args: ParsedArgs, name: string, command: string): string {
  const value = flag(args, name);
  if (value === undefined) throw new UsageError(`--${name} is required`, command);
  return value;
}

/** Exactly `names.length` positionals. */
export function positionals(args: ParsedArgs, names: readonly string[], command: string): string[] {
  if (args.positionals.length < names.length) {
    throw new UsageError(`missing ${names.slice(args.positionals.length).map((n) => `<${n}>`).join(" ")}`, command);
  }
  if (args.positionals.length > names.length) {
    throw new UsageError(`unexpected argument "${args.positionals[names.length]}"`, command);
  }
  return args.positionals;
}

const SUFFIXES: Record<string, bigint> = { K: 10n ** 3n, M: 10n ** 6n, B: 10n ** 9n, G: 10n ** 9n, T: 10n ** 12n };

/**
 * A whole number given as a decimal string. Without `units` digits only (the SDK's `toInteger` rules: no
 * floats, exponents, hex or signs). With `units`, also a decimal with a K/M/B/T suffix (`70B`, `8.03B`) or
 * in scientific notation (`1.224e24`), as long as the result is a whole number.
 */
export function parseCount(value: string, field: string, units: boolean): string {
  if (/^[0-9]+$/.test(value)) return value;
  if (!units) {
    const hint = /^[0-9.]+(e[0-9]+|[kmbgt])$/i.test(value) ? " (suffixes and exponents need --units)" : "";
    throw new InvalidInputError(field, `"${value}" is not a whole decimal number (digits only)${hint}`);
  }
  const m = /^([0-9]+)(?:\.([0-9]+))?(?:([KMBGT])|[eE]([0-9]{1,3}))$/i.exec(value);
  if (!m) throw new InvalidInputError(field, `"${value}" is neither digits, <number>K/M/B/T nor <number>e<exponent>`);
  const [, whole, fraction = "", suffix, exponent] = m;
  const scale = suffix ? SUFFIXES[suffix.toUpperCase()]! : 10n ** BigInt(exponent!);
  const numerator = BigInt(whole! + fraction) * scale;
  const denominator = 10n ** BigInt(fraction.length);
  if (numerator % denominator !== 0n) throw new InvalidInputError(field, `"${value}" is not a whole number`);
  return (numerator / denominator).toString();
}
