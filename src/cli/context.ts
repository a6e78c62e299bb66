/**
 * From flags and environment to an SDK client: the RPC (`--rpc-url`), its chain id, the deployment
 * (`--deployment <dir>` or Ignition's folder for that chain), and for writes a key (`--account <index>` on
 * local chains, `COMMONS_PRIVATE_KEY`, or `--keystore <file>` with `COMMONS_KEYSTORE_PASSWORD`).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { bytesToHex, createPublicClient, createWalletClient, http, type Account, type Hex, type PublicClient } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { createCommonsClient, type CommonsClient } from "../clients/createCommonsClient.js";
import { deploymentFromIgnition, type CommonsDeployment } from "../deployments.js";
import { ChainMismatchError, DeploymentError } from "../errors/base.js";
import { loadDeployment } from "../node.js";
import { flag, UsageError, type ParsedArgs } from "./args.js";
import { KeyError, registerSecret, RpcUnreachableError } from "./errors.js";

export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
/** The mnemonic of Hardhat's (and Anvil's) default dev accounts: only for local chains. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
export const LOCAL_CHAIN_IDS = new Set([31337, 1337]);

export const rpcUrlOf = (args: ParsedArgs) => flag(args, "rpc-url") ?? process.env.COMMONS_RPC_URL ?? DEFAULT_RPC_URL;

/** The RPC's host for messages: never the path or query, which may carry an API key. */
export function rpcLabel(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return "the given URL";
  }
}

function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--rpc-url "${url}" is not a URL (e.g. http://127.0.0.1:8545)`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new UsageError(`--rpc-url must be http(s), got ${parsed.protocol}`);
  }
  return url;
}

export function publicClientFor(url: string): PublicClient {
  const local = /^(127\.|localhost|\[::1\])/.test(new URL(url).hostname);
  return createPublicClient({
    transport: http(url, { retryCount: local ? 0 : 2, timeout: 30_000 }),
    pollingInterval: local ? 100 : 2_000,
  });
}

/** The chain id the RPC reports; an unreachable RPC becomes one readable error. */
export async function rpcChainId(url: string, publicClient: PublicClient = publicClientFor(checkedUrl(url))): Promise<number> {
  try {
    return await publicClient.getChainId();
  } catch (err) {
    const cause = (err as { details?: string; shortMessage?: string; message?: string }) ?? {};
    const why = /ECONNREFUSED|fetch failed/i.test(`${cause.details} ${cause.message}`)
      ? "connection refused"
      : /timed? ?out/i.test(`${cause.shortMessage} ${cause.message}`)
        ? "timed out"
        : (cause.shortMessage ?? "no JSON-RPC answer");
    throw new RpcUnreachableError(`cannot reach the RPC at ${rpcLabel(url)} (${why})`, {
      cause: err instanceof Error ? err : undefined,
    });
  }
}

/** Chain id recorded by Ignition in a deployment folder's journal, if any. */
function journalChainId(dir: string): number | undefined {
  const journal = join(dir, "journal.jsonl");
  if (!existsSync(journal)) return undefined;
  const match = /"chainId":\s*(\d+)/.exec(readFileSync(journal, "utf8").slice(0, 4096));
  return match ? Number(match[1]) : undefined;
}

/**
 * The deployment to act on. With `--deployment <dir>` (an Ignition deployment folder, or its
 * `deployed_addresses.json`), its addresses, on the chain its journal records (or `--chain-id`, or the
 * RPC's). Otherwise Ignition's `chain-<id>` folder under the current directory, through the SDK's
 * `loadDeployment`. Any expected chain that differs from the RPC's is a ChainMismatchError.
 */
export function resolveDeployment(args: ParsedArgs, actualChainId: number): CommonsDeployment {
  const expectedFlag = flag(args, "chain-id");
  let expected: number | undefined;
  if (expectedFlag !== undefined) {
    if (!/^[0-9]{1,15}$/.test(expectedFlag)) throw new UsageError(`--chain-id "${expectedFlag}" is not a chain id (digits only)`);
    expected = Number(expectedFlag);
  }
  if (expected !== undefined && expected !== actualChainId) throw new ChainMismatchError(expected, actualChainId);
  const dirFlag = flag(args, "deployment");
  if (dirFlag === undefined) return loadDeployment({ chainId: actualChainId });
  const path = resolve(dirFlag);
  if (!existsSync(path)) throw new DeploymentError(`No deployment at ${dirFlag}`, expected);
  const dir = statSync(path).isDirectory() ? path : resolve(path, "..");
  const file = statSync(path).isDirectory() ? join(path, "deployed_addresses.json") : path;
  if (!existsSync(file)) throw new DeploymentError(`${dirFlag} has no deployed_addresses.json`, expected);
  const recorded = journalChainId(dir);
  if (expected !== undefined && recorded !== undefined && expected !== recorded) {
    throw new DeploymentError(`${basename(dir)} was deployed on chain ${recorded}, not ${expected}`, recorded);
  }
  const chainId = expected ?? recorded ?? actualChainId;
  if (chainId !== actualChainId) throw new ChainMismatchError(chainId, actualChainId);
  let addresses: Record<string, string>;
  try {
    addresses = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new DeploymentError(`${file} is not valid JSON`, chainId);
  }
  return deploymentFromIgnition(addresses, chainId);
}

export type Signer = { account: Account; privateKey: Hex; source: string };

/**
 * The signing key for writes, from exactly one source. Keys are registered as secrets so no error line can
 * print them. Returns undefined when no source is given.
 */
export async function resolveSigner(args: ParsedArgs, chainId: number): Promise<Signer | undefined> {
  const index = flag(args, "account");
  const keystore = flag(args, "keystore");
  if (index !== undefined && keystore !== undefined) throw new UsageError("give either --account or --keystore, not both");
  if (index !== undefined) {
    if (!/^[0-9]{1,4}$/.test(index)) throw new UsageError(`--account "${index}" is not an account index (0, 1, 2, …)`);
    if (!LOCAL_CHAIN_IDS.has(chainId)) {
      throw new KeyError(
        `--account uses the public dev mnemonic and is only allowed on local chains (31337, 1337); this is chain ${chainId}: use --keystore or COMMONS_PRIVATE_KEY`,
      );
    }
    const hd = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: Number(index) });
    const privateKey = bytesToHex(hd.getHdKey().privateKey!);
    registerSecret(privateKey);
    return { account: privateKeyToAccount(privateKey), privateKey, source: `dev account ${index}` };
  }
  if (keystore !== undefined) {
    const password = process.env.COMMONS_KEYSTORE_PASSWORD;
    registerSecret(password);
    if (password === undefined) throw new KeyError("--keystore needs the password in COMMONS_KEYSTORE_PASSWORD");
    if (!existsSync(keystore)) throw new KeyError(`keystore file ${keystore} does not exist`);
    // ethers is an optional peer dependency of the package: only keystores need it.
    const { Wallet } = await import("ethers").catch(() => {
      throw new KeyError("--keystore needs the ethers package: npm install ethers@6");
    });
    let privateKey: Hex;
    try {
      const wallet = await Wallet.fromEncryptedJson(readFileSync(keystore, "utf8"), password);
      privateKey = wallet.privateKey as Hex;
    } catch {
      throw new KeyError(`cannot decrypt keystore ${keystore}: wrong COMMONS_KEYSTORE_PASSWORD or not a JSON keystore`);
    }
    registerSecret(privateKey);
    return { account: privateKeyToAccount(privateKey), privateKey, source: `keystore ${basename(keystore)}` };
  }
  const env = process.env.COMMONS_PRIVATE_KEY;
  if (env !== undefined && env !== "") {
    registerSecret(env);
    const hex = (env.startsWith("0x") ? env : `0x${env}`) as Hex;
    if (!/^0x[0-9a-fA-F]{64}$/.test(hex)) throw new KeyError("COMMONS_PRIVATE_KEY is not a 32-byte hex private key");
    registerSecret(hex);
    try {
      return { account: privateKeyToAccount(hex), privateKey: hex, source: "COMMONS_PRIVATE_KEY" };
    } catch {
      throw new KeyError("COMMONS_PRIVATE_KEY is not a valid secp256k1 private key");
    }
  }
  return undefined;
}

export function missingKey(command: string): KeyError {
  return new KeyError(
    `commons ${command} signs a transaction and needs a key: --account <index> (local chains), COMMONS_PRIVATE_KEY, or --keystore <file> with COMMONS_KEYSTORE_PASSWORD`,
  );
}

export type Session = {
  url: string;
  chainId: number;
  commons: CommonsClient;
  signer: Signer | undefined;
};

/** Connects: RPC reachable, deployment found and on this chain, key loaded when `write`. */
export async function connect(args: ParsedArgs, command: string, write: boolean): Promise<Session> {
  const url = checkedUrl(rpcUrlOf(args));
  const publicClient = publicClientFor(url);
  const chainId = await rpcChainId(url, publicClient);
  const deployment = resolveDeployment(args, chainId);
  const signer = write ? await resolveSigner(args, chainId) : undefined;
  if (write && !signer) throw missingKey(command);
  const walletClient = signer
    ? createWalletClient({ account: signer.account, transport: http(url, { retryCount: 0 }), pollingInterval: 100 })
    : undefined;
  const commons = createCommonsClient({ publicClient, walletClient, deployment });
  return { url, chainId, commons, signer };
}
