/**
 * How a `commons` command is declared and called: each command declares its positionals and flags once
 * (with the SDK parameter each one fills, so errors can name the flag), and `parseCommandArgs` reads argv
 * with `node:util`'s `parseArgs` against that declaration. Help text is generated from it too.
 */
import { parseArgs } from "node:util";
import { UsageError } from "./errors.js";

export type FlagSpec = {
  type: "string" | "boolean";
  description: string;
  /** Placeholder for the value in help, e.g. "<sku>[:<count>]". */
  placeholder?: string;
  /** May be given more than once (values in order). */
  multiple?: boolean;
  /** The SDK parameter this flag fills (e.g. `trainingFlop` for `--flop`), so errors name the flag. */
  field?: string;
  short?: string;
};

export type PositionalSpec = {
  name: string;
  description: string;
  optional?: boolean;
  /** Takes every remaining argument (the last positional only; at least one unless `optional`). */
  variadic?: boolean;
  /** The SDK parameter this argument fills. */
  field?: string;
};

export type Flags = Record<string, FlagSpec>;

type FlagValue<F extends FlagSpec> = F["type"] extends "boolean"
  ? boolean
  : F["multiple"] extends true
    ? string[]
    : string | undefined;

export type FlagValues<F extends Flags> = { [K in keyof F]: FlagValue<F[K]> };

export type PositionalValues<P extends readonly PositionalSpec[]> = {
  [E in P[number] as E["name"]]: E["variadic"] extends true
    ? string[]
    : E["optional"] extends true
      ? string | undefined
      : string;
};

/** Connection and output flags every command takes. */
export const GLOBAL_FLAGS = {
  "rpc-url": {
    type: "string",
    description: "JSON-RPC endpoint (default $COMMONS_RPC_URL or http://127.0.0.1:8545)",
    placeholder: "<url>",
  },
  deployment: {
    type: "string",
    description: "Ignition deployment folder (default ignition/deployments/chain-<id> here)",
    placeholder: "<dir>",
  },
  "chain-id": { type: "string", description: "refuse to act unless the RPC is on this chain", placeholder: "<id>" },
  json: {
    type: "boolean",
    description: 'machine-readable output on stdout (bigints as decimal strings; errors as {"error":{…}})',
  },
  debug: { type: "boolean", description: "print the full error with its causes (secrets and RPC paths redacted)" },
  help: { type: "boolean", description: "show help", short: "h" },
} as const satisfies Flags;

/** Flags of the commands that send a transaction. */
export const WRITE_FLAGS = {
  account: {
    type: "string",
    description: "local dev account by index (chains 31337 and 1337 only)",
    placeholder: "<index>",
  },
  keystore: {
    type: "string",
    description: "encrypted JSON keystore; password from $COMMONS_KEYSTORE_PASSWORD",
    placeholder: "<file>",
  },
  "block-timeout": {
    type: "string",
    description: "give up waiting for the receipt after this many seconds without a new block (default 30)",
    placeholder: "<seconds>",
    field: "stallTimeout",
  },
} as const satisfies Flags;

export type GlobalValues = FlagValues<typeof GLOBAL_FLAGS>;
export type WriteValues = FlagValues<typeof WRITE_FLAGS>;

/** What a command's `run` receives. */
export type CommandInput<F extends Flags, P extends readonly PositionalSpec[], W extends boolean> = {
  /** The command's words, e.g. "node register" (for messages: "commons node register needs a key"). */
  path: string;
  args: PositionalValues<P>;
  flags: FlagValues<F> & GlobalValues & (W extends true ? WriteValues : unknown);
};

export type Command<
  F extends Flags = Flags,
  P extends readonly PositionalSpec[] = readonly PositionalSpec[],
  W extends boolean = boolean,
> = {
  kind: "command";
  summary: string;
  positionals: P;
  flags: F;
  /** Signs a transaction: takes --account / --keystore (or COMMONS_PRIVATE_KEY) and --block-timeout. */
  write: W;
  examples: string[];
  /** Extra lines for the command's help. */
  notes?: string[];
  /** Flags people may reach for that this command refuses on purpose, each with the reason (`--device` on register). */
  refuses?: Record<string, string>;
  run(input: CommandInput<F, P, W>): Promise<void>;
};

/** A group of commands; its `default` runs when no subcommand follows (`commons attest --owner …`). */
export type Group = { kind: "group"; summary: string; commands: CommandTable; default?: AnyCommand | undefined };
export type CommandTable = Record<string, AnyCommand | Group>;

/**
 * A command of any flags and positionals, as the table holds it. `run` is a method, so a command declared
 * with its own input type fits; the router only ever calls it with the input parsed from that declaration.
 */
export type AnyCommand = {
  kind: "command";
  summary: string;
  positionals: readonly PositionalSpec[];
  flags: Flags;
  write: boolean;
  examples: string[];
  notes?: string[];
  refuses?: Record<string, string>;
  run(input: {
    path: string;
    args: Record<string, string | string[] | undefined>;
    flags: Record<string, unknown>;
  }): Promise<void>;
};

/** Declares a command; the types of `run`'s input follow from its flags and positionals. */
export function defineCommand<
  const F extends Flags,
  const P extends readonly PositionalSpec[],
  const W extends boolean = false,
>(spec: {
  summary: string;
  positionals?: P;
  flags?: F;
  write?: W;
  examples: string[];
  notes?: string[];
  refuses?: Record<string, string>;
  run(input: CommandInput<F, P, W>): Promise<void>;
}): AnyCommand {
  return {
    kind: "command",
    summary: spec.summary,
    positionals: spec.positionals ?? [],
    flags: spec.flags ?? {},
    write: spec.write ?? false,
    examples: spec.examples,
    ...(spec.notes ? { notes: spec.notes } : {}),
    ...(spec.refuses ? { refuses: spec.refuses } : {}),
    run: spec.run,
  };
}

export const defineGroup = (summary: string, commands: CommandTable, defaultCommand?: AnyCommand): Group => ({
  kind: "group",
  summary,
  commands,
  ...(defaultCommand ? { default: defaultCommand } : {}),
});

/** Every flag a command takes: its own, the global ones, and the key and wait flags when it writes. */
export function flagsOf(command: AnyCommand): Flags {
  return { ...command.flags, ...(command.write ? WRITE_FLAGS : {}), ...GLOBAL_FLAGS };
}

/** Flags that would put a secret on the command line: refused with a pointer to the safe ways. */
const SECRET_FLAGS = new Set(["private-key", "privatekey", "key", "mnemonic", "password", "keystore-password"]);

/**
 * Refuses `--private-key` and friends wherever they appear before `--`, and the flags a command refuses on
 * purpose (`refuses`, each with its reason), in one pass over the arguments.
 */
export function refuseSecretFlags(argv: readonly string[], path?: string, refuses?: Record<string, string>): void {
  for (const arg of argv) {
    if (arg === "--") return;
    const flag = /^--([^=]+)/.exec(arg)?.[1];
    if (flag === undefined) continue;
    const name = flag.toLowerCase();
    if (SECRET_FLAGS.has(name)) {
      throw new UsageError(
        `--${name} is not accepted: keys never go on the command line; set COMMONS_PRIVATE_KEY, or use --keystore <file> with COMMONS_KEYSTORE_PASSWORD`,
        path,
      );
    }
    const reason = refuses?.[flag];
    if (reason !== undefined) throw new UsageError(`--${flag} is not accepted here: ${reason}`, path);
  }
}

/** node:util's parse errors, worded like ours. */
function usageErrorFrom(err: unknown, path: string): UsageError {
  const { code, message } = err as { code?: string; message?: string };
  const option = /'(-[^' ]+)/.exec(message ?? "")?.[1];
  const argument = /argument '([^']*)'/i.exec(message ?? "")?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError(`unknown option ${option ?? message}`, path);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return message?.includes("does not take an argument")
        ? new UsageError(`${option} takes no value`, path)
        : new UsageError(`${option} needs a value`, path);
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return new UsageError(`unexpected argument "${argument ?? message}"`, path);
    default:
      return new UsageError(message ?? String(err), path);
  }
}

/** Parses a command's arguments (everything after its words) against its declaration. */
export function parseCommandArgs(
  command: AnyCommand,
  path: string,
  argv: readonly string[],
): { args: Record<string, string | string[] | undefined>; flags: Record<string, unknown> } {
  refuseSecretFlags(argv, path, command.refuses);
  const specs = flagsOf(command);
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true; tokens: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    throw usageErrorFrom(err, path);
  }
  const seen = new Map<string, number>();
  for (const token of parsed.tokens) {
    if (token.kind !== "option") continue;
    const count = (seen.get(token.name) ?? 0) + 1;
    seen.set(token.name, count);
    if (count > 1 && !specs[token.name]?.multiple && specs[token.name]?.type === "string") {
      throw new UsageError(`--${token.name} given more than once`, path);
    }
  }
  const declared = command.positionals;
  const given = parsed.positionals;
  const required = declared.filter((p) => !p.optional).length;
  if (given.length < required && !parsed.values.help) {
    throw new UsageError(
      `missing ${declared
        .slice(given.length, required)
        .map((p) => `<${p.name}>`)
        .join(" ")}`,
      path,
    );
  }
  const variadic = declared.at(-1)?.variadic === true;
  if (given.length > declared.length && !variadic) {
    throw new UsageError(`unexpected argument "${given[declared.length]}"`, path);
  }
  const args: Record<string, string | string[] | undefined> = Object.fromEntries(
    declared.map((p, i) => [p.name, p.variadic ? given.slice(i) : given[i]]),
  );
  const flags: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = parsed.values[name];
    flags[name] = spec.type === "boolean" ? value === true : spec.multiple ? (value ?? []) : value;
  }
  return { args, flags };
}

/** The flag or argument that fills an SDK parameter, as it is spelled on the command line. */
export function spellingOf(command: AnyCommand, field: string): string | undefined {
  const matches = (f: string | undefined) => f !== undefined && (field === f || field.startsWith(`${f}[`));
  const flag = Object.entries(flagsOf(command)).find(([, spec]) => matches(spec.field));
  if (flag) return `--${flag[0]}`;
  const positional = command.positionals.find((p) => matches(p.field));
  return positional ? `<${positional.name}>` : undefined;
}

// ------------------------------------------------------------------------------------------------- help

function flagRows(flags: Flags): string[] {
  const rows = Object.entries(flags).map(([name, spec]) => {
    const value = spec.type === "string" ? ` ${spec.placeholder ?? "<value>"}` : "";
    return [`${spec.short ? `-${spec.short}, ` : ""}--${name}${value}`, spec.description] as const;
  });
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, d]) => `  ${a.padEnd(width)}  ${d}`);
}

export function usageLine(command: AnyCommand, path: string): string {
  const positionals = command.positionals.map((p) => {
    const word = `<${p.name}>${p.variadic ? "…" : ""}`;
    return p.optional ? `[${word}]` : word;
  });
  const flags = Object.entries(command.flags).map(([name, spec]) => {
    const value = spec.type === "string" ? ` ${spec.placeholder ?? "<value>"}` : "";
    return `[--${name}${value}]${spec.multiple ? " …" : ""}`;
  });
  return ["commons", path, ...positionals, ...flags].join(" ");
}

export function commandHelp(command: AnyCommand, path: string): string {
  const lines = [command.summary, "", `Usage: ${usageLine(command, path)}`];
  if (command.positionals.length > 0) {
    const width = Math.max(...command.positionals.map((p) => p.name.length + 2));
    lines.push(
      "",
      "Arguments:",
      ...command.positionals.map((p) => `  ${`<${p.name}>`.padEnd(width)}  ${p.description}`),
    );
  }
  if (Object.keys(command.flags).length > 0) lines.push("", "Options:", ...flagRows(command.flags));
  if (command.write) {
    lines.push(
      "",
      "Key (exactly one of) and waiting:",
      ...flagRows(WRITE_FLAGS),
      "  (or the environment variable COMMONS_PRIVATE_KEY; keys are never accepted as flags)",
    );
  }
  lines.push("", "Connection and output:", ...flagRows(GLOBAL_FLAGS));
  if (command.notes) lines.push("", ...command.notes);
  lines.push("", "Examples:", ...command.examples.map((e) => `  ${e}`));
  return lines.join("\n");
}

/** Every command of a table with its words, depth first (a group's default command under the group's words). */
export function commandsOf(table: CommandTable, prefix = ""): { path: string; command: AnyCommand }[] {
  return Object.entries(table).flatMap(([word, entry]) =>
    entry.kind === "group"
      ? [
          ...(entry.default ? [{ path: `${prefix}${word}`, command: entry.default }] : []),
          ...commandsOf(entry.commands, `${prefix}${word} `),
        ]
      : [{ path: `${prefix}${word}`, command: entry }],
  );
}

export function tableHelp(table: CommandTable, heading: string, footer: readonly string[], prefix = ""): string {
  const rows = commandsOf(table, prefix);
  const width = Math.max(...rows.map((r) => r.path.length));
  return [
    heading,
    "",
    `Usage: commons ${prefix}<command> [options]   (commons <command> --help for each command's options and examples)`,
    "",
    "Commands:",
    ...rows.map((r) => `  ${r.path.padEnd(width)}  ${r.command.summary}`),
    "",
    "Connection and output (every command):",
    ...flagRows(GLOBAL_FLAGS),
    ...footer,
  ].join("\n");
}
