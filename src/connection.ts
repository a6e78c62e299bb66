/**
 * Where the tools connect by default (`COMMONS_RPC_URL`, else a local node), and the checks on what they are
 * given: the RPC URL (http(s) only), the local chains, and the public dev mnemonic that only those may use. Shared by the CLI, the dashboard,
 * the scripts and the tests. Browser-safe.
 */
import { InvalidInputError } from "./errors/base.js";

/** A local `hardhat node` (or anvil) on its default port. */
export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";

/**
 * The one environment variable that moves every tool off the default RPC: the CLI, the Hardhat `localhost`
 * network, `npm run node`, `npm run example` and the dashboard's `deployment.json` (`npm run app`).
 */
export const RPC_URL_VARIABLE = "COMMONS_RPC_URL";

/**
 * The RPC URL that `COMMONS_RPC_URL` sets in `env` (pass `process.env`), or undefined when it is unset or empty.
 * @example rpcUrlFromEnv({ COMMONS_RPC_URL: "http://127.0.0.1:9545" }) // "http://127.0.0.1:9545"
 */
export function rpcUrlFromEnv(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return env[RPC_URL_VARIABLE] || undefined;
}

/**
 * The RPC URL to use: the first of `sources` that is given (in order of precedence; undefined and null are
 * not), else DEFAULT_RPC_URL. Not checked: that is `checkRpcUrl`'s job, so an empty flag is reported there.
 * @example pickRpcUrl(flags["rpc-url"], rpcUrlFromEnv(process.env)) // the flag, else COMMONS_RPC_URL, else the default
 */
export function pickRpcUrl(...sources: readonly (string | null | undefined)[]): string {
  return sources.find((source): source is string => source !== undefined && source !== null) ?? DEFAULT_RPC_URL;
}

/** Chains of local dev nodes (Hardhat, anvil, Ganache): the only ones the dev mnemonic may sign on. */
export const LOCAL_CHAIN_IDS: ReadonlySet<number> = new Set([31337, 1337]);

/** The mnemonic behind Hardhat's (and anvil's) default dev accounts. Public: local chains only. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/**
 * An RPC URL, checked: an http(s) URL, so that a typo fails here rather than as a network error.
 * @example checkRpcUrl(" http://127.0.0.1:8545 ") // "http://127.0.0.1:8545"
 */
export function checkRpcUrl(text: string, field = "rpcUrl"): string {
  const value = text.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError(field, `"${value}" is not a URL (e.g. ${DEFAULT_RPC_URL})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidInputError(field, `must be http(s), got ${url.protocol}`);
  }
  return value;
}

/** Whether the URL points at this machine (a dev node: no retries needed, fast polling). */
export function isLoopbackUrl(url: string): boolean {
  try {
    return /^(127\.|localhost$|\[::1\]$)/.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** The RPC's host for messages: never its credentials, path or query, which may carry an API key. */
export function rpcLabel(url: string): string {
  try {
    return new URL(url).host || "the RPC";
  } catch {
    return "the given URL";
  }
}
