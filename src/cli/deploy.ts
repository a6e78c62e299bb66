/**
 * `commons deploy`: runs `hardhat ignition deploy` on the `commons` network of the project's
 * hardhat.config.ts (URL from COMMONS_RPC_URL, signing key from COMMONS_PRIVATE_KEY, both set here for the
 * child process only), under `--deployment-id chain-<id>`, so the addresses land where `loadDeployment`
 * looks. The CLI holds no deployment logic: the Ignition modules are the single source. On a local chain
 * (31337, 1337) it deploys `ComputeCommonsLocal.ts`, which deploys EAS too; elsewhere `ComputeCommons.ts`,
 * which takes the chain's canonical EAS as its `eas` parameter (from the parameters file or `--eas`).
 *
 * Before that it protects an existing deployment folder. On a Hardhat node Ignition silently wipes a folder
 * recorded on another node instance; the CLI lets that happen only when the recorded contracts are gone
 * (their node stopped or restarted), and otherwise refuses unless `--reset` is given. To tell, it writes the
 * RPC URL of a local deployment beside Ignition's files (`commons-deployment.json`).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createClient, getAddress, http, isAddress, type Address, type Hex } from "viem";
import { getCode } from "viem/actions";
import { isLoopbackUrl, LOCAL_CHAIN_IDS, rpcLabel } from "../connection.js";
import type { CommonsDeployment } from "../deployments.js";
import { DeploymentError } from "../errors/base.js";
import { loadDeployment } from "../node.js";
import type { Signer } from "./context.js";
import { redact, UsageError } from "./errors.js";
import type { Progress } from "./io.js";
import { verificationLines, type VerificationResult, type VerifierName } from "./verify.js";

/** The module for public chains: EAS is the chain's canonical one, the `eas` parameter. */
export const PUBLIC_MODULE = "ignition/modules/ComputeCommons.ts";
/** The module for local chains: deploys EAS (SchemaRegistry and EAS, from the npm package's artifacts) first. */
export const LOCAL_MODULE = "ignition/modules/ComputeCommonsLocal.ts";
export const LOCAL_PARAMETERS = "ignition/parameters/local.json";
/** The Hardhat script behind `--verify` (hardhat-verify on every contract of the deployment). */
const VERIFY_SCRIPT = "src/cli/verifyDeployment.ts";

/** The Ignition module for a chain: the local one on 31337 and 1337, the public one elsewhere. */
export const moduleFor = (chainId: number) => (LOCAL_CHAIN_IDS.has(chainId) ? LOCAL_MODULE : PUBLIC_MODULE);
/** Beside Ignition's files: the RPC a local deployment was made through. */
const SIDECAR = "commons-deployment.json";

export type DeployOptions = {
  url: string;
  chainId: number;
  signer: Signer;
  parameters?: string | undefined;
  /** The canonical EAS address for a public chain (merged into the parameters as `ComputeCommons.eas`). */
  eas?: string | undefined;
  /** The initial attesters on a public chain (merged into the parameters as `ComputeCommons.attesters`). */
  attesters?: readonly string[] | undefined;
  deploymentId?: string | undefined;
  buildProfile?: string | undefined;
  reset: boolean;
  yes: boolean;
  /** Verify every contract Ignition deployed on these explorers, after the deployment (public chains only). */
  verify?: readonly VerifierName[] | undefined;
};

export type DeployResult = {
  chainId: number;
  deploymentId: string;
  directory: string;
  deployment: CommonsDeployment;
  /** With `verify`: one result per deployed contract and explorer. */
  verification?: VerificationResult[];
  /** On a public chain: how to publish the deployment in the package's per-chain address maps. */
  publish?: string;
};

/** The committed list of the deployment ids whose addresses the package publishes (scripts/gen-addresses.ts). */
export const PUBLISHED_LIST = "ignition/published-deployments.json";

/** How to put a public deployment into `commonsDeployments` and the `…Address` maps of compute-commons/abi. */
export function publishHint(root: string, deploymentId: string): string {
  let listed = false;
  try {
    const ids = (JSON.parse(readFileSync(join(root, PUBLISHED_LIST), "utf8")) as { deploymentIds?: unknown })
      .deploymentIds;
    listed = Array.isArray(ids) && ids.includes(deploymentId);
  } catch {
    listed = false; // no list (an installed package, not the repository): the same advice
  }
  return (
    "to publish these addresses in the package's per-chain maps (compute-commons/abi, src/abi/addresses.ts): " +
    (listed ? "" : `add "${deploymentId}" to ${PUBLISHED_LIST}'s deploymentIds, then `) +
    "run npm run gen:addresses and commit both"
  );
}

/** A JSON-RPC request to `url`, or undefined when it does not answer (or knows no such method). */
async function rpc<T>(url: string, method: string): Promise<T | undefined> {
  try {
    return await createClient({ transport: http(url, { retryCount: 0, timeout: 5_000 }) }).request<{
      Method: string;
      Parameters: [];
      ReturnType: T;
    }>({ method, params: [] });
  } catch {
    return undefined;
  }
}

/** Whether the node at `url` has code at `address`. */
async function hasCode(url: string, address: Address): Promise<boolean> {
  const client = createClient({ transport: http(url, { retryCount: 0, timeout: 5_000 }) });
  const code: Hex | undefined = await getCode(client, { address }).catch(() => undefined);
  return code !== undefined && code !== "0x";
}

const instanceOf = async (url: string) =>
  (await rpc<{ instanceId?: string }>(url, "hardhat_metadata"))?.instanceId ?? undefined;

/** The Hardhat node instance Ignition recorded for a deployment id, if any. */
function recordedInstance(root: string, deploymentId: string): string | undefined {
  try {
    const file = join(root, "cache", ".hardhat-network-instances.json");
    return (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>)[deploymentId];
  } catch {
    return undefined;
  }
}

/**
 * Refuses to let Ignition replace a deployment folder whose contracts still run on another node. Returns
 * whether the folder is to be replaced (the caller passes `--reset` on to Ignition then).
 */
async function checkExistingDeployment(root: string, deploymentId: string, options: DeployOptions): Promise<boolean> {
  const directory = join(root, "ignition", "deployments", deploymentId);
  if (!existsSync(join(directory, "deployed_addresses.json")) || options.reset) return options.reset;
  const targetInstance = await instanceOf(options.url);
  if (targetInstance === undefined) return false; // not a Hardhat node: Ignition resumes from its journal
  if (recordedInstance(root, deploymentId) === targetInstance) return false; // this node's own deployment
  let home: string | undefined;
  try {
    home = (JSON.parse(readFileSync(join(directory, SIDECAR), "utf8")) as { rpcUrl?: string }).rpcUrl;
  } catch {
    home = undefined;
  }
  const folder = join("ignition", "deployments", deploymentId);
  if (home === undefined) {
    throw new UsageError(
      `${folder} holds a deployment made on another node (or on this one before a restart), and nothing says where: ` +
        "pass --reset to replace it, or --deployment-id <id> to deploy beside it",
      "deploy",
    );
  }
  let lens: Address | undefined;
  try {
    lens = loadDeployment({ chainId: options.chainId, root, deploymentId }).lens;
  } catch {
    lens = undefined; // an incomplete folder (a deployment that failed half way): nothing to keep
  }
  const homeAlive = home !== options.url && lens !== undefined && (await hasCode(home, lens));
  if (homeAlive) {
    throw new UsageError(
      `${folder} holds the deployment of the node at ${rpcLabel(home)}, which still runs it: ` +
        "pass --reset to replace it, or --deployment-id <id> to deploy beside it",
      "deploy",
    );
  }
  return true; // the recorded contracts are gone with their node: the folder is stale
}

function runIgnition(root: string, args: string[], env: NodeJS.ProcessEnv, step: Progress) {
  return new Promise<{ code: number | null; text: string }>((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const last = chunk
        .toString()
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .pop();
      if (last && /Batch|Executed|Deploy|Compil/i.test(last)) step.update(`ignition: ${redact(last).slice(0, 100)}`);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", fail);
    child.on("close", (code) => done({ code, text }));
  });
}

/** EAS's canonical address on a chain, from its npm package's `deployments/<network>/` (when installed). */
function canonicalEas(chainId: number): string | undefined {
  try {
    const pkg = dirname(
      createRequire(import.meta.url).resolve("@ethereum-attestation-service/eas-contracts/package.json"),
    );
    for (const network of readdirSync(join(pkg, "deployments"))) {
      const dir = join(pkg, "deployments", network);
      const id = existsSync(join(dir, ".chainId")) ? readFileSync(join(dir, ".chainId"), "utf8").trim() : "";
      if (id === String(chainId))
        return (JSON.parse(readFileSync(join(dir, "EAS.json"), "utf8")) as { address: string }).address;
    }
  } catch {
    // Not installed, or another layout: no hint.
  }
  return undefined;
}

/** The parameter file this repository keeps for a public chain (public timings, that chain's canonical EAS). */
export const NETWORK_PARAMETERS: Readonly<Record<number, string>> = {
  11155111: "ignition/parameters/sepolia.json",
  84532: "ignition/parameters/base-sepolia.json",
  11155420: "ignition/parameters/optimism-sepolia.json",
  421614: "ignition/parameters/arbitrum-sepolia.json",
};

/**
 * The parameters for a public chain: the file's, with `--eas` and `--attester` merged into a temporary copy.
 * The public module needs the canonical EAS and at least one attester (a deployment without attesters could
 * never register a node, nor add an attester through a vote): without them, a clear error before anything
 * is sent, naming the canonical EAS address when EAS's package knows it.
 */
function publicParameters(
  chainId: number,
  file: string | undefined,
  eas: string | undefined,
  attesters: readonly string[],
): string {
  let parameters: Record<string, Record<string, unknown>> = {};
  if (file !== undefined) {
    try {
      parameters = JSON.parse(readFileSync(resolve(file), "utf8")) as typeof parameters;
    } catch (err) {
      throw new UsageError(`parameters file ${file} is not valid JSON (${(err as Error).message})`, "deploy");
    }
  }
  const own = { ...parameters.ComputeCommons };
  if (eas !== undefined) {
    if (!isAddress(eas, { strict: false })) throw new UsageError(`--eas "${eas}" is not an address`, "deploy");
    own.eas = getAddress(eas);
  }
  if (typeof own.eas !== "string" || own.eas === "") {
    const canonical = canonicalEas(chainId);
    throw new UsageError(
      `chain ${chainId} needs the canonical EAS address: pass --eas <address>, or set "eas" under "ComputeCommons" in --parameters` +
        (canonical ? ` (EAS's package lists ${canonical} for chain ${chainId})` : ""),
      "deploy",
    );
  }
  if (attesters.length > 0) {
    for (const a of attesters) {
      if (!isAddress(a, { strict: false })) throw new UsageError(`--attester "${a}" is not an address`, "deploy");
    }
    own.attesters = attesters.map((a) => getAddress(a));
  }
  if (!Array.isArray(own.attesters) || own.attesters.length === 0) {
    throw new UsageError(
      `chain ${chainId} needs at least one attester: pass --attester <address> (once per attester), or set "attesters" under "ComputeCommons" in --parameters`,
      "deploy",
    );
  }
  const out = join(mkdtempSync(join(tmpdir(), "commons-deploy-")), "parameters.json");
  writeFileSync(out, JSON.stringify({ ...parameters, ComputeCommons: own }, null, 2));
  return out;
}

export async function deploy(options: DeployOptions, step: Progress): Promise<DeployResult> {
  const root = process.cwd();
  const hardhatCli = join(root, "node_modules/hardhat/dist/src/cli.js");
  const module = moduleFor(options.chainId);
  const missing = [
    "hardhat.config.ts",
    hardhatCli,
    module,
    ...(options.verify === undefined ? [] : [VERIFY_SCRIPT]),
  ].some((file) => !existsSync(resolve(root, file)));
  if (missing) {
    throw new UsageError(
      "commons deploy runs from the compute-commons project folder (hardhat.config.ts, the Ignition module, npm ci done)",
      "deploy",
    );
  }
  const { url, chainId, signer } = options;
  const local = LOCAL_CHAIN_IDS.has(chainId);
  if (local && options.verify !== undefined) {
    throw new UsageError(
      `--verify is for public chains: chain ${chainId} is a local one, with no explorer to verify on`,
      "deploy",
    );
  }
  if (!local && !options.yes) {
    throw new UsageError(
      `chain ${chainId} is not a local chain: deploying spends real ETH; pass --yes to confirm`,
      "deploy",
    );
  }
  const given = options.parameters ?? (local ? LOCAL_PARAMETERS : NETWORK_PARAMETERS[chainId]);
  if (given !== undefined && !existsSync(resolve(given))) {
    throw new UsageError(`parameters file ${given} does not exist`, "deploy");
  }
  if (local && options.eas !== undefined) {
    throw new UsageError(
      `--eas is for public chains: on chain ${chainId} the local module deploys EAS itself`,
      "deploy",
    );
  }
  if (local && (options.attesters?.length ?? 0) > 0) {
    throw new UsageError(
      `--attester is for public chains: on chain ${chainId} the attesters are local.json's (or --parameters')`,
      "deploy",
    );
  }
  const parameters = local ? given : publicParameters(chainId, given, options.eas, options.attesters ?? []);
  const deploymentId = options.deploymentId ?? `chain-${chainId}`;
  if (!/^[a-zA-Z0-9_-]+$/.test(deploymentId)) {
    throw new UsageError(`--deployment-id "${deploymentId}" may only hold letters, digits, - and _`, "deploy");
  }
  const reset = await checkExistingDeployment(root, deploymentId, options);

  const args = [
    hardhatCli,
    "--build-profile",
    options.buildProfile ?? "default",
    "ignition",
    "deploy",
    module,
    "--network",
    "commons",
    "--deployment-id",
    deploymentId,
    ...(parameters ? ["--parameters", parameters] : []),
    ...(reset ? ["--reset"] : []),
  ];
  step.update(
    `compiling and deploying with Ignition to chain ${chainId} as ${signer.account.address} (${deploymentId})`,
  );
  const env = {
    ...process.env,
    COMMONS_RPC_URL: url,
    COMMONS_PRIVATE_KEY: signer.privateKey,
    HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "true",
    ...(reset ? { HARDHAT_IGNITION_CONFIRM_RESET: "true" } : {}),
    FORCE_COLOR: "0",
  };
  const output = await runIgnition(root, args, env, step);
  if (output.code !== 0) throw new DeploymentError(`hardhat ignition deploy failed: ${failureOf(output)}`, chainId);
  const directory = join("ignition", "deployments", deploymentId);
  if (isLoopbackUrl(url))
    writeFileSync(join(root, directory, SIDECAR), `${JSON.stringify({ rpcUrl: url }, null, 2)}\n`);
  const deployment = loadDeployment({ chainId, root, deploymentId });
  const publish = local ? {} : { publish: publishHint(root, deploymentId) };
  if (options.verify === undefined) return { chainId, deploymentId, directory, deployment, ...publish };
  step.update(`verifying the deployed contracts on ${options.verify.join(", ")}`);
  const verification = await verifyDeployment(root, hardhatCli, options.buildProfile ?? "default", deploymentId, {
    env,
    verifiers: options.verify,
    chainId,
    step,
  });
  return { chainId, deploymentId, directory, deployment, verification, ...publish };
}

/** The line of a failed Hardhat run that says why (its full output with --debug), secrets redacted. */
function failureOf(output: { code: number | null; text: string }): string {
  const lines = redact(output.text)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (process.env.COMMONS_DEBUG === "1") process.stderr.write(`${redact(output.text)}\n`);
  return lines.find((l) => /^(Error|HHE|IGN)|error/i.test(l)) ?? lines.at(-1) ?? `exit ${output.code}`;
}

/**
 * Runs `verifyDeployment.ts` as a Hardhat script on the `commons` network (hardhat-verify's `verifyContract`
 * for every contract Ignition deployed, on each explorer), and reads its results. `COMMONS_VERIFY_CHAIN_ID`
 * tells hardhat.config.ts which chain descriptor the explorer URL overrides (COMMONS_ETHERSCAN_API_URL, …)
 * apply to.
 */
async function verifyDeployment(
  root: string,
  hardhatCli: string,
  buildProfile: string,
  deploymentId: string,
  run: { env: NodeJS.ProcessEnv; verifiers: readonly VerifierName[]; chainId: number; step: Progress },
): Promise<VerificationResult[]> {
  const resultsFile = join(mkdtempSync(join(tmpdir(), "commons-verify-")), "results.json");
  const args = [
    hardhatCli,
    "--build-profile",
    buildProfile,
    "run",
    "--no-compile",
    "--network",
    "commons",
    VERIFY_SCRIPT,
  ];
  const output = await runIgnition(
    root,
    args,
    {
      ...run.env,
      COMMONS_VERIFY_DEPLOYMENT_ID: deploymentId,
      COMMONS_VERIFY_PROVIDERS: run.verifiers.join(","),
      COMMONS_VERIFY_RESULTS: resultsFile,
      COMMONS_VERIFY_CHAIN_ID: String(run.chainId),
    },
    run.step,
  );
  if (output.code !== 0 || !existsSync(resultsFile)) {
    throw new DeploymentError(`deployed, but verification did not run: ${failureOf(output)}`, run.chainId);
  }
  if (process.env.COMMONS_DEBUG === "1") process.stderr.write(`${redact(output.text)}\n`);
  const results = JSON.parse(readFileSync(resultsFile, "utf8")) as VerificationResult[];
  for (const line of verificationLines(results)) process.stderr.write(`${redact(line)}\n`);
  return results.map((r) => (r.error === undefined ? r : { ...r, error: redact(r.error) }));
}
