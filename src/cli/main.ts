/**
 * `commons`: the command line for Compute Commons, a thin layer over the SDK. The command words route
 * through the nested table in `commands/`; the rest of the line is parsed against the command's declaration.
 * Exit codes: 0 success, 1 usage or input refused (nothing was sent), 2 chain or transaction failure.
 */
import { NoContractError } from "../errors/base.js";
import {
  commandHelp,
  parseCommandArgs,
  refuseSecretFlags,
  spellingOf,
  tableHelp,
  WRITE_FLAGS,
  type AnyCommand,
  type CommandTable,
} from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { errorDetail, errorJson, errorLine, exitCodeFor, registerSecret, UsageError, type Spelling } from "./errors.js";

const TOP_FOOTER = [
  "",
  "Keys for commands that send transactions (exactly one of):",
  `  --account <index>    ${WRITE_FLAGS.account.description}`,
  `  --keystore <file>    ${WRITE_FLAGS.keystore.description}`,
  "  COMMONS_PRIVATE_KEY  environment variable with a hex private key",
  "",
  "Exit codes: 0 ok, 1 usage or input refused (nothing sent), 2 chain or transaction failure.",
  "",
  "Examples:",
  "  commons status",
  "  commons attest --owner 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --device 2:2 --out rig.json --account 9",
  "  commons node register --attestation rig.json --account 1",
  "  commons node activate 1 --account 1",
  "  commons propose thresholds --max-small-params 100000000000 --account 1",
  "  commons vote 1 for --account 1",
];

type Route = { kind: "command"; command: AnyCommand; path: string; rest: string[] } | { kind: "help"; text: string };

const isHelp = (arg: string | undefined) => arg === "--help" || arg === "-h";

/** Follows the command words through the table: `node register …` → the `register` command of `node`. */
function route(argv: readonly string[]): Route {
  let table: CommandTable = COMMANDS;
  let summary = "commons: Compute Commons from the command line";
  let groupDefault: AnyCommand | undefined;
  const words: string[] = [];
  for (let i = 0; ; i++) {
    const word = argv[i];
    // A group with a default command runs it when flags (or nothing) follow its words.
    if (groupDefault && (word === undefined || word.startsWith("-"))) {
      return { kind: "command", command: groupDefault, path: words.join(" "), rest: argv.slice(i) };
    }
    if (word === undefined || word.startsWith("-")) {
      const help = word === undefined || isHelp(word) || argv.slice(i).some(isHelp);
      if (words.length === 0) {
        if (help) return { kind: "help", text: tableHelp(table, summary, TOP_FOOTER) };
        throw new UsageError("no command given");
      }
      const path = words.join(" ");
      if (help && argv.slice(i).some(isHelp))
        return { kind: "help", text: tableHelp(table, `commons ${path}: ${summary}`, [], `${path} `) };
      throw new UsageError(`"${path}" needs a subcommand: ${Object.keys(table).join(", ")}`, path);
    }
    const entry = Object.hasOwn(table, word) ? table[word] : undefined;
    if (entry === undefined) throw new UsageError(`unknown command "${[...words, word].join(" ")}"`);
    words.push(word);
    if (entry.kind === "command")
      return { kind: "command", command: entry, path: words.join(" "), rest: argv.slice(i + 1) };
    table = entry.commands;
    summary = entry.summary;
    groupDefault = entry.default;
  }
}

/** Flags as given before `--` (the error output needs `--json` and `--debug` even when parsing failed). */
const given = (argv: readonly string[], flag: string) => {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes(flag);
};

/** What the CLI adds to an SDK error it can say more about. */
function withHint(err: unknown): unknown {
  if (err instanceof NoContractError) {
    return new NoContractError(
      err.address,
      err.chainId ?? 0,
      err.contract,
      "this node does not have the recorded deployment (a fresh or restarted node?): deploy it again with commons deploy",
    );
  }
  return err;
}

export async function main(argv: readonly string[]): Promise<number> {
  // Secrets in the environment never print, whatever fails first.
  registerSecret(process.env.COMMONS_PRIVATE_KEY);
  registerSecret(process.env.COMMONS_KEYSTORE_PASSWORD);
  const json = given(argv, "--json");
  const debug = given(argv, "--debug");
  if (debug) process.env.COMMONS_DEBUG = "1";
  let spelling: Spelling | undefined;
  try {
    refuseSecretFlags(argv);
    const found = route(argv);
    if (found.kind === "help") {
      process.stdout.write(`${found.text}\n`);
      return 0;
    }
    const { command, path, rest } = found;
    spelling = (field) => spellingOf(command, field);
    const { args, flags } = parseCommandArgs(command, path, rest);
    if (flags.help) {
      process.stdout.write(`${commandHelp(command, path)}\n`);
      return 0;
    }
    await command.run({ path, args, flags });
    return 0;
  } catch (caught) {
    const err = withHint(caught);
    process.stderr.write(`${errorLine(err, spelling)}\n`);
    if (json) process.stdout.write(`${errorJson(err, spelling)}\n`);
    if (debug) process.stderr.write(`${errorDetail(caught)}\n`);
    return exitCodeFor(err);
  }
}

process.exitCode = await main(process.argv.slice(2));
