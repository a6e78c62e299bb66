/**
 * How the CLI ends on an error: one readable line on stderr (and `{"error":{"code","message"}}` on stdout
 * with `--json`), secrets and RPC URL credentials and paths redacted everywhere, and an exit code by class:
 * 1 when the input was refused before anything was sent, 2 for chain and transaction failures.
 */
import {
  BallotsInChargeError,
  CommonsError,
  InsufficientFundsError,
  InvalidInputError,
  MissingWalletError,
  NoVotesError,
  ThresholdBelowFloorError,
  ThresholdRateLimitError,
} from "../errors/base.js";

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

/** The RPC endpoint did not answer (closed port, DNS, timeout, not JSON-RPC), or stopped answering. */
export class RpcUnreachableError extends CommonsError {
  override name = "RpcUnreachableError";
}

/** No key, more than one, or an unusable one (bad format, wrong keystore password, dev account on a public chain). */
export class KeyError extends CommonsError {
  override name = "KeyError";
}

/** The RPC is not on the chain `--chain-id` asked for. */
export class WrongChainError extends CommonsError {
  override name = "WrongChainError";
}

export const EXIT_USAGE = 1;
export const EXIT_CHAIN = 2;

/** Refused before anything was sent: the caller's input or setup is wrong. */
const REFUSED = [
  UsageError,
  InvalidInputError,
  ThresholdBelowFloorError,
  ThresholdRateLimitError,
  BallotsInChargeError,
  MissingWalletError,
  KeyError,
  NoVotesError,
  InsufficientFundsError,
];

/** 1 for input refused before sending; 2 for everything else (chain, transaction, deployment, or a bug). */
export function exitCodeFor(err: unknown): number {
  return REFUSED.some((cls) => err instanceof cls) ? EXIT_USAGE : EXIT_CHAIN;
}

// ---------------------------------------------------------------------------------------------- redaction

/** Values that must never be printed: keys and passwords the process has seen. */
const secrets = new Set<string>();
/** Hosts of the RPC URLs in use: their URLs print as `https://host/…`, since paths and queries carry API keys. */
const rpcHosts = new Set<string>();

/** Registers a key or password: wherever the whole value appears in output, it prints as `[redacted]`. */
export function registerSecret(value: string | undefined): void {
  if (!value) return;
  secrets.add(value);
  if (/^0x[0-9a-fA-F]+$/.test(value)) secrets.add(value.slice(2));
}

/** Registers the RPC URL in use: its credentials, path and query never print. */
export function registerRpcUrl(url: string): void {
  try {
    rpcHosts.add(new URL(url).host.toLowerCase());
  } catch {
    // Not a URL: checked (and refused) where it is used.
  }
}

/** A URL for output: never its user and password; for an RPC URL, nor its path or query. */
export function sanitizeUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  const credentials = url.username !== "" || url.password !== "";
  const rpc = rpcHosts.has(url.host.toLowerCase());
  const hasPath = url.pathname !== "/" || url.search !== "" || url.hash !== "";
  if (!credentials && !(rpc && hasPath)) return text;
  return `${url.protocol}//${url.host}${rpc && hasPath ? "/…" : url.pathname + url.search + url.hash}`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What ends a value in output: whitespace, quotes, and the separators of lists, calls and JSON. */
const EDGE = `[\\s"'\`,;()\\[\\]{}<>]`;

/**
 * Output with every registered secret replaced where its whole value stands (between whitespace, quotes or
 * separators: never inside a longer value, which would mangle the text and give the secret away), and every
 * URL sanitized.
 */
export function redact(text: string): string {
  let out = text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>()\\]+/gi, sanitizeUrl);
  for (const secret of secrets) {
    const hex = /^(0x)?[0-9a-fA-F]+$/.test(secret);
    out = out.replace(new RegExp(`(?<=^|${EDGE})${escape(secret)}(?=$|${EDGE})`, hex ? "gim" : "gm"), "[redacted]");
  }
  return out;
}

// ------------------------------------------------------------------------------------------------- output

/** How a message names a parameter on the command line: `trainingFlop` → `--flop` (undefined: as it is). */
export type Spelling = (field: string) => string | undefined;

/** The parameter an error is about, when it says (`InvalidInputError.field`, a threshold error's field). */
const fieldOf = (err: unknown): string | undefined => {
  const field = (err as { field?: unknown } | null)?.field;
  return typeof field === "string" ? field : undefined;
};

/** The error's own message, one line, naming its parameter as the command line spells it. */
function messageOf(err: unknown, spelling?: Spelling): string {
  let message: string;
  if (err instanceof UsageError) {
    message = `${err.message} (see: commons ${err.command !== undefined ? `${err.command} ` : ""}--help)`;
  } else if (err instanceof CommonsError) {
    message = err.shortMessage;
  } else if (err instanceof Error) {
    message = err.message;
  } else {
    message = String(err);
  }
  const field = fieldOf(err);
  const spelled = field === undefined ? undefined : spelling?.(field);
  if (field !== undefined && spelled !== undefined) {
    message = message.replace(new RegExp(`(?<![\\w-])${escape(field)}(?![\\w])`), spelled);
  }
  return redact(
    message
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .join(" "),
  );
}

/** The one line printed on stderr for an error. */
export const errorLine = (err: unknown, spelling?: Spelling): string => `error: ${messageOf(err, spelling)}`;

/**
 * The `--json` form of an error: `code` is the error's class (`UsageError`, `InvalidInputError`, …) or, for
 * a contract revert, the custom error's name (`GovernorAlreadyCastVote`).
 */
export function errorJson(err: unknown, spelling?: Spelling): string {
  const code = err instanceof Error ? err.name : "Error";
  return JSON.stringify({ error: { code, message: messageOf(err, spelling) } });
}

/** The full error for `--debug`: stack and causes, redacted. */
export function errorDetail(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current && depth < 8; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current) parts.push("caused by:");
  }
  return redact(parts.join("\n"));
}
