/**
 * `commons`: the command line for Compute Commons, a thin layer over the SDK.
 * Exit codes: 0 success, 1 usage or input error (nothing was sent), 2 chain or transaction failure.
 */
import { parseArgs, UsageError, type FlagSpec } from "./args.js";
import { COMMANDS, GLOBAL_FLAGS, KEY_FLAGS, type Command } from "./commands.js";
import { errorDetail, errorLine, exitCodeFor } from "./errors.js";

const GROUPS = ["catalog", "node", "model", "propose"];

function flagHelp(flags: readonly FlagSpec[]): string {
  const rows = flags.map((f) => [`--${f.name}${f.placeholder ? ` ${f.placeholder}` : f.kind === "value" ? " <value>" : ""}`, f.description]);
  const w = Math.max(...rows.map(([a]) => a!.length));
  return rows.map(([a, d]) => `  ${a!.padEnd(w)}  ${d}`).join("\n");
}

function commandHelp(c: Command): string {
  return [
    `${c.summary}`,
    "",
    `Usage: ${c.usage}`,
    ...(c.flags?.length ? ["", "Options:", flagHelp(c.flags)] : []),
    "",
    c.write ? "Key (one of):" : "",
    c.write ? `${flagHelp(KEY_FLAGS)}\n  (or the environment variable COMMONS_PRIVATE_KEY; keys are never accepted as flags)` : "",
    c.write ? "" : "",
    "Connection and output:",
    flagHelp(GLOBAL_FLAGS),
    "",
    "Examples:",
    ...c.examples.map((e) => `  ${e}`),
  ]
    .filter((l, i, a) => !(l === "" && a[i - 1] === ""))
    .join("\n");
}

function mainHelp(commands: readonly Command[] = COMMANDS, heading = "commons: Compute Commons from the command line"): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return [
    heading,
    "",
    "Usage: commons <command> [options]   (commons <command> --help for each command's options and examples)",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    "",
    "Connection and output (every command):",
    flagHelp(GLOBAL_FLAGS),
    "",
    "Keys for commands that send transactions (one of):",
    flagHelp(KEY_FLAGS),
    "  COMMONS_PRIVATE_KEY      environment variable with a hex private key",
    "",
    "Exit codes: 0 ok, 1 usage or input error (nothing sent), 2 chain or transaction failure.",
    "",
    "Examples:",
    "  commons status",
    "  commons node register --device 2:2 --account 1",
    "  commons propose thresholds --max-small-params 100000000000 --account 1",
  ].join("\n");
}

/** Splits the command words (one or two) from the rest, skipping flags and their values. */
function splitCommand(argv: readonly string[]): { words: string[]; rest: string[] } {
  const valueFlags = new Set(
    [...GLOBAL_FLAGS, ...KEY_FLAGS, ...COMMANDS.flatMap((c) => c.flags ?? [])].filter((f) => f.kind === "value").map((f) => `--${f.name}`),
  );
  const words: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith("-")) {
      rest.push(arg);
      if (valueFlags.has(arg) && i + 1 < argv.length) rest.push(argv[++i]!);
      continue;
    }
    const candidate = [...words, arg].join(" ");
    const isPrefix = COMMANDS.some((c) => c.name === candidate || c.name.startsWith(`${candidate} `));
    if (words.length < 2 && isPrefix) words.push(arg);
    else if (words.length === 0 || (words.length === 1 && GROUPS.includes(words[0]!) && !COMMANDS.some((c) => c.name === words[0]))) {
      // An unknown command (or subcommand of a group): report it as such.
      words.push(arg);
      rest.push(...argv.slice(i + 1));
      break;
    } else rest.push(arg);
  }
  return { words, rest };
}

export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes("--debug");
  if (debug) process.env.COMMONS_DEBUG = "1";
  try {
    const { words, rest } = splitCommand(argv);
    const help = rest.includes("--help") || rest.includes("-h");
    if (words.length === 0) {
      if (help || argv.length === 0) {
        process.stdout.write(`${mainHelp()}\n`);
        return 0;
      }
      throw new UsageError(`no command given`);
    }
    const name = words.join(" ");
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
      const group = COMMANDS.filter((c) => c.name.startsWith(`${words[0]} `));
      if (group.length > 0 && words.length === 1) {
        if (help) {
          process.stdout.write(`${mainHelp(group, `commons ${words[0]}: subcommands`)}\n`);
          return 0;
        }
        throw new UsageError(`"${words[0]}" needs a subcommand: ${group.map((c) => c.name.split(" ")[1]).join(", ")}`);
      }
      throw new UsageError(`unknown command "${name}"`);
    }
    if (help) {
      process.stdout.write(`${commandHelp(command)}\n`);
      return 0;
    }
    const specs = [...GLOBAL_FLAGS, ...(command.write ? KEY_FLAGS : []), ...(command.flags ?? [])];
    const args = parseArgs(rest, specs, command.name);
    await command.run(args);
    return 0;
  } catch (err) {
    process.stderr.write(`${errorLine(err)}\n`);
    if (debug) process.stderr.write(`${errorDetail(err)}\n`);
    return exitCodeFor(err);
  }
}

process.exitCode = await main(process.argv.slice(2));
