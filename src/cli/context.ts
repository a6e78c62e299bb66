/**
 * From flags and environment to an SDK client: the RPC (`--rpc-url`), its chain id, the deployment
 * (`--deployment <dir>` or Ignition's folder for that chain), and for writes exactly one key (`--account
 * <index>` on local chains, `COMMONS_PRIVATE_KEY`, or `--keystore <file>` with `COMMONS_KEYSTORE_PASSWORD`).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { bytesToHex, createClient, http, type Account, type Hex, type HttpTransport } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { getBlock, getChainId, getCode } from "viem/actions";
import { createCommonsClient, type CommonsClient } from "../clients/createCommonsClient.js";
import {
  checkRpcUrl,
  DEV_MNEMONIC,
  isLoopbackUrl,
  LOCAL_CHAIN_IDS,
  pickRpcUrl,
  RPC_URL_VARIABLE,
  rpcLabel,
  rpcUrlFromEnv,
} from "../connection.js";
import { commonsDeployments } from "../abi/addresses.js";
import { deploymentFromIgnition, publishedDeployment, type CommonsDeployment } from "../deployments.js";
import { DeploymentError, NoContractError } from "../errors/base.js";
import { deploymentPath, journalChainId, journalDeployBlock, loadDeployment } from "../node.js";
import type { GlobalValues, WriteValues } from "./command.js";
import {
  KeyError,
  registerRpcUrl,
  registerSecret,
  RpcUnreachableError,
  UsageError,
  WrongChainError,
} from "./errors.js";

type ConnectionFlags = Pick<GlobalValues, "rpc-url" | "deployment" | "chain-id">;
type KeyFlags = Pick<WriteValues, "account" | "keystore">;

/** The RPC URL to use: `--rpc-url`, else `$COMMONS_RPC_URL`, else a local node; checked and registered for redaction. */
export function rpcUrlOf(flags: Pick<GlobalValues, "rpc-url">): string {
  const fromFlag = flags["rpc-url"];
  const fromEnv = rpcUrlFromEnv(process.env);
  const url = checkRpcUrl(
    pickRpcUrl(fromFlag, fromEnv),
    fromFlag === undefined && fromEnv !== undefined ? RPC_URL_VARIABLE : "rpcUrl",
  );
  registerRpcUrl(url);
  return url;
}

/** The HTTP transport to the RPC: no retries against a local node (a dead one should fail at once). */
export const transportFor = (url: string): HttpTransport =>
  http(url, { retryCount: isLoopbackUrl(url) ? 0 : 2, timeout: 30_000 });

/** The chain id the RPC reports; an unreachable RPC becomes one readable error. */
export async function rpcChainId(url: string, transport: HttpTransport = transportFor(url)): Promise<number> {
  try {
    return await getChainId(createClient({ transport }));
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

/** The chain `--chain-id` asks for, checked against the RPC's. */
function checkChainIdFlag(flags: ConnectionFlags, url: string, actualChainId: number): number | undefined {
  const wanted = flags["chain-id"];
  if (wanted === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(wanted)) throw new UsageError(`--chain-id "${wanted}" is not a chain id (digits only)`);
  const chainId = Number(wanted);
  if (chainId !== actualChainId) {
    throw new WrongChainError(
      `Wrong network: --chain-id ${chainId} was asked for, but the RPC at ${rpcLabel(url)} is on chain ${actualChainId}`,
    );
  }
  return chainId;
}

/**
 * The deployment to act on. With `--deployment <dir>` (an Ignition deployment folder, or its
 * `deployed_addresses.json`), its addresses, on the chain its journal records. Otherwise Ignition's
 * `chain-<id>` folder under the current directory, through the SDK's `loadDeployment`, and without one the
 * package's published deployment of the chain (`commonsDeployments`), when it has one.
 */
export function resolveDeployment(flags: ConnectionFlags, url: string, actualChainId: number): CommonsDeployment {
  checkChainIdFlag(flags, url, actualChainId);
  const dirFlag = flags.deployment;
  if (dirFlag === undefined) {
    const published = Object.hasOwn(commonsDeployments, actualChainId);
    if (published && !existsSync(deploymentPath({ chainId: actualChainId }))) return publishedDeployment(actualChainId);
    return loadDeployment({ chainId: actualChainId });
  }
  const path = resolve(dirFlag);
  if (!existsSync(path)) throw new DeploymentError(`No deployment at ${dirFlag}`, undefined);
  const dir = statSync(path).isDirectory() ? path : resolve(path, "..");
  const file = statSync(path).isDirectory() ? join(path, "deployed_addresses.json") : path;
  if (!existsSync(file)) throw new DeploymentError(`${dirFlag} has no deployed_addresses.json`, undefined);
  const recorded = journalChainId(dir);
  if (recorded !== undefined && recorded !== actualChainId) {
    throw new WrongChainError(
      `Wrong network: ${basename(dir)} was deployed on chain ${recorded}, but the RPC at ${rpcLabel(url)} is on chain ${actualChainId}`,
    );
  }
  let addresses: Record<string, string>;
  try {
    addresses = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new DeploymentError(`${file} is not valid JSON`, actualChainId);
  }
  return deploymentFromIgnition(addresses, actualChainId, journalDeployBlock(dir));
}

export type Signer = { account: Account; privateKey: Hex; source: string };

function devAccount(index: string, chainId: number): Signer {
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

async function keystoreAccount(keystore: string): Promise<Signer> {
  const password = process.env.COMMONS_KEYSTORE_PASSWORD;
  registerSecret(password);
  if (password === undefined || password === "") {
    throw new KeyError("--keystore needs the password in COMMONS_KEYSTORE_PASSWORD");
  }
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

function envAccount(value: string): Signer {
  registerSecret(value);
  const hex = (value.startsWith("0x") ? value : `0x${value}`) as Hex;
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex)) throw new KeyError("COMMONS_PRIVATE_KEY is not a 32-byte hex private key");
  registerSecret(hex);
  try {
    return { account: privateKeyToAccount(hex), privateKey: hex, source: "COMMONS_PRIVATE_KEY" };
  } catch {
    throw new KeyError("COMMONS_PRIVATE_KEY is not a valid secp256k1 private key");
  }
}

/**
 * The signing key for writes, from exactly one source; keys are registered as secrets so that no output
 * can print them. Undefined when no source is given.
 */
export async function resolveSigner(flags: Partial<KeyFlags>, chainId: number): Promise<Signer | undefined> {
  const env = process.env.COMMONS_PRIVATE_KEY || undefined;
  registerSecret(env);
  const given = [
    flags.account !== undefined && "--account",
    flags.keystore !== undefined && "--keystore",
    env !== undefined && "COMMONS_PRIVATE_KEY",
  ].filter((source): source is string => source !== false);
  if (given.length > 1) {
    throw new KeyError(`give exactly one key source, not ${given.join(" and ")}`);
  }
  if (flags.account !== undefined) return devAccount(flags.account, chainId);
  if (flags.keystore !== undefined) return keystoreAccount(flags.keystore);
  if (env !== undefined) return envAccount(env);
  return undefined;
}

export function missingKey(path: string): KeyError {
  return new KeyError(
    `commons ${path} signs a transaction and needs a key: --account <index> (local chains), COMMONS_PRIVATE_KEY, or --keystore <file> with COMMONS_KEYSTORE_PASSWORD`,
  );
}

export type Session = {
  url: string;
  chainId: number;
  commons: CommonsClient;
  signer: Signer | undefined;
};

/** Connects: RPC reachable, deployment found and on this chain, and for a write a key and the contracts there. */
export async function connect(
  input: { path: string; flags: ConnectionFlags & Partial<KeyFlags> },
  write: boolean,
): Promise<Session> {
  const url = rpcUrlOf(input.flags);
  const transport = transportFor(url);
  const chainId = await rpcChainId(url, transport);
  const deployment = resolveDeployment(input.flags, url, chainId);
  const signer = write ? await resolveSigner(input.flags, chainId) : undefined;
  if (write && !signer) throw missingKey(input.path);
  const commons = createCommonsClient({
    transport,
    account: signer?.account,
    deployment,
    pollingInterval: isLoopbackUrl(url) ? 100 : 2_000,
  });
  // A transaction to an address without code would "succeed" and do nothing: check before any write.
  if (write) {
    const code = await getCode(commons, { address: deployment.lens }).catch(() => "unknown");
    if (code === undefined || code === "0x") throw new NoContractError(deployment.lens, chainId, "lens");
  }
  return { url, chainId, commons, signer };
}

/** The chain's clock (the latest block's timestamp, or a given block's), for "in 6 min" beside dates. */
export const chainClock = async (session: Pick<Session, "commons">, blockNumber?: bigint): Promise<bigint> =>
  (await getBlock(session.commons, blockNumber === undefined ? { blockTag: "latest" } : { blockNumber })).timestamp;
