/**
 * How the CLI ends on an error: one readable line on stderr, secrets redacted, and an exit code by class:
 * 1 for usage and input errors, 2 for chain and transaction failures.
 */
import {
  ChainMismatchError,
  CommonsError,
  DeploymentError,
  InvalidInputError,
  MissingWalletError,
  ThresholdBelowFloorError,
  ThresholdRateLimitError,
  TransactionRevertedError,
} from "../errors/base.js";
import { ContractRevertError } from "../errors/contract.js";
import { UsageError } from "./args.js";

/** The RPC endpoint did not answer (closed port, DNS, timeout, not JSON-RPC). */
export class RpcUnreachableError extends CommonsError {
  override name = "RpcUnreachableError";
}

/** No key, or an unusable one (bad format, wrong keystore password, dev account on a public chain). */
export class KeyError extends CommonsError {
  override name = "KeyError";
}

export const EXIT_USAGE = 1;
export const EXIT_CHAIN = 2;

export function exitCodeFor(err: unknown): number {
  if (
    err instanceof UsageError ||
    err instanceof InvalidInputError ||
    err instanceof ThresholdBelowFloorError ||
    err instanceof ThresholdRateLimitError ||
    err instanceof MissingWalletError ||
    err instanceof KeyError
  ) {
    return EXIT_USAGE;
  }
  if (
    err instanceof RpcUnreachableError ||
    err instanceof ChainMismatchError ||
    err instanceof ContractRevertError ||
    err instanceof TransactionRevertedError ||
    err instanceof DeploymentError
  ) {
    return EXIT_CHAIN;
  }
  // Anything else that went wrong talking to the chain (a CommonsError wrapping a viem error) is a chain
  // failure too; a plain bug is 2 as well, never 0.
  return EXIT_CHAIN;
}

/** Values that must never be printed: keys and passwords the process has seen. */
const secrets = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (!value) return;
  secrets.add(value);
  if (/^0x[0-9a-fA-F]+$/.test(value)) secrets.add(value.slice(2));
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join("[redacted]");
    out = out.replace(new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), "[redacted]");
  }
  return out;
}

/** The one line printed for an error: the error's class of cause, then its short message. */
export function errorLine(err: unknown): string {
  let message: string;
  if (err instanceof UsageError) {
    message = `${err.message}${err.command !== undefined ? ` (see: commons ${err.command} --help)` : " (see: commons --help)"}`;
  } else if (err instanceof CommonsError) {
    message = err.shortMessage;
  } else if (err instanceof Error) {
    message = err.message;
  } else {
    message = String(err);
  }
  const first = message.split("\n").map((l) => l.trim()).filter(Boolean).join(" ");
  return `error: ${redact(first)}`;
}

/** The full error for `--debug`: stack and causes, secrets redacted. */
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
