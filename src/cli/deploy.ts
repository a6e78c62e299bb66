/**
 * `commons deploy`: runs `hardhat ignition deploy` on the `commons` network of the project's
 * hardhat.config.ts (URL from COMMONS_RPC_URL, signing key from COMMONS_PRIVATE_KEY, both set here for the
 * child process only), under `--deployment-id chain-<id>`, so the addresses land where `loadDeployment`
 * looks. The CLI holds no deployment logic: the Ignition module is the single source.
 *
 * Before that it protects an existing deployment folder. On a Hardhat node Ignition silently wipes a folder
 * recorded on another node instance; the CLI lets that happen only when the recorded contracts are gone
 * (their node stopped or restarted), and otherwise refuses unless `--reset` is given. To tell, it writes the
 * RPC URL of a local deployment beside Ignition's files (`commons-deployment.json`).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createClient, http, type Address, type Hex } from "viem";
import { getCode } from "viem/actions";
import { isLoopbackUrl, LOCAL_CHAIN_IDS, rpcLabel } from "../connection.js";
import type { CommonsDeployment } from "../deployments.js";
import { DeploymentError } from "../errors/base.js";
import { loadDeployment } from "../node.js";
import type { Signer } from "./context.js";
import { redact, UsageError } from "./errors.js";
import type { Progress } from "./io.js";

export const MODULE = "ignition/modules/ComputeCommons.ts";
export const LOCAL_PARAMETERS = "ignition/parameters/local.json";
/** Beside Ignition's files: the RPC a local deployment was made through. */
const SIDECAR = "commons-deployment.json";

export type DeployOptions = {
  url: string;
  chainId: number;
  signer: Signer;
  parameters?: string | undefined;
  deploymentId?: string | undefined;
  buildProfile?: string | undefined;
  reset: boolean;
  yes: boolean;
};

export type DeployResult = { chainId: number; deploymentId: string; directory: string; deployment: CommonsDeployment };

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

export async function deploy(options: DeployOptions, step: Progress): Promise<DeployResult> {
  const root = process.cwd();
  const hardhatCli = join(root, "node_modules/hardhat/dist/src/cli.js");
  if (!existsSync(join(root, "hardhat.config.ts")) || !existsSync(hardhatCli) || !existsSync(join(root, MODULE))) {
    throw new UsageError(
      "commons deploy runs from the compute-commons project folder (hardhat.config.ts, the Ignition module, npm ci done)",
      "deploy",
    );
  }
  const { url, chainId, signer } = options;
  const local = LOCAL_CHAIN_IDS.has(chainId);
  if (!local && !options.yes) {
    throw new UsageError(
      `chain ${chainId} is not a local chain: deploying spends real ETH; pass --yes to confirm`,
      "deploy",
    );
  }
  const parameters = options.parameters ?? (local ? LOCAL_PARAMETERS : undefined);
  if (parameters !== undefined && !existsSync(resolve(parameters))) {
    throw new UsageError(`parameters file ${parameters} does not exist`, "deploy");
  }
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
    MODULE,
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
  const output = await runIgnition(
    root,
    args,
    {
      ...process.env,
      COMMONS_RPC_URL: url,
      COMMONS_PRIVATE_KEY: signer.privateKey,
      HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "true",
      ...(reset ? { HARDHAT_IGNITION_CONFIRM_RESET: "true" } : {}),
      FORCE_COLOR: "0",
    },
    step,
  );
  if (output.code !== 0) {
    const lines = redact(output.text)
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    const reason = lines.find((l) => /^(Error|HHE|IGN)|error/i.test(l)) ?? lines.at(-1) ?? `exit ${output.code}`;
    if (process.env.COMMONS_DEBUG === "1") process.stderr.write(`${redact(output.text)}\n`);
    throw new DeploymentError(`hardhat ignition deploy failed: ${reason}`, chainId);
  }
  const directory = join("ignition", "deployments", deploymentId);
  if (isLoopbackUrl(url))
    writeFileSync(join(root, directory, SIDECAR), `${JSON.stringify({ rpcUrl: url }, null, 2)}\n`);
  const deployment = loadDeployment({ chainId, root, deploymentId });
  return { chainId, deploymentId, directory, deployment };
}
