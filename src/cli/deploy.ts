/**
 * `commons deploy`: runs `hardhat ignition deploy` on the `commons` network of the project's
 * hardhat.config.ts (URL from COMMONS_RPC_URL, signing key from COMMONS_PRIVATE_KEY, both set here for the
 * child process only), under `--deployment-id chain-<id>`, so the addresses land where `loadDeployment`
 * looks. The CLI holds no deployment logic: the Ignition module is the single source.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { DeploymentError } from "../errors/base.js";
import { loadDeployment } from "../node.js";
import type { CommonsDeployment } from "../deployments.js";
import { flag, UsageError, type ParsedArgs } from "./args.js";
import { LOCAL_CHAIN_IDS, missingKey, resolveSigner } from "./context.js";
import { redact } from "./errors.js";
import type { Progress } from "./io.js";

export const MODULE = "ignition/modules/ComputeCommons.ts";
export const LOCAL_PARAMETERS = "ignition/parameters/local.json";

export type DeployResult = { chainId: number; deploymentId: string; directory: string; deployment: CommonsDeployment };

export async function deploy(
  args: ParsedArgs,
  url: string,
  chainId: number,
  step: Progress,
): Promise<DeployResult> {
  const root = process.cwd();
  const hardhatCli = join(root, "node_modules/hardhat/dist/src/cli.js");
  if (!existsSync(join(root, "hardhat.config.ts")) || !existsSync(hardhatCli) || !existsSync(join(root, MODULE))) {
    throw new UsageError("commons deploy runs from the compute-commons project folder (hardhat.config.ts, the Ignition module, npm ci done)", "deploy");
  }
  const local = LOCAL_CHAIN_IDS.has(chainId);
  if (!local && !args.booleans.has("yes")) {
    throw new UsageError(`chain ${chainId} is not a local chain: deploying spends real ETH; pass --yes to confirm`, "deploy");
  }
  const signer = await resolveSigner(args, chainId);
  if (!signer) throw missingKey("deploy");

  const parameters = flag(args, "parameters") ?? (local ? LOCAL_PARAMETERS : undefined);
  if (parameters !== undefined && !existsSync(resolve(parameters))) {
    throw new UsageError(`parameters file ${parameters} does not exist`, "deploy");
  }
  const deploymentId = flag(args, "deployment-id") ?? `chain-${chainId}`;
  if (!/^[a-zA-Z0-9_-]+$/.test(deploymentId)) throw new UsageError(`--deployment-id "${deploymentId}" may only hold letters, digits, - and _`, "deploy");
  const buildProfile = flag(args, "build-profile") ?? "default";

  const hhArgs = [
    hardhatCli,
    "--build-profile",
    buildProfile,
    "ignition",
    "deploy",
    MODULE,
    "--network",
    "commons",
    "--deployment-id",
    deploymentId,
    ...(parameters ? ["--parameters", parameters] : []),
    ...(args.booleans.has("reset") ? ["--reset"] : []),
  ];
  step.update(`compiling and deploying with Ignition to chain ${chainId} as ${signer.account.address} (${deploymentId})`);
  const output = await new Promise<{ code: number | null; text: string }>((done, fail) => {
    const child = spawn(process.execPath, hhArgs, {
      cwd: root,
      env: {
        ...process.env,
        COMMONS_RPC_URL: url,
        COMMONS_PRIVATE_KEY: signer.privateKey,
        HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "true",
        HARDHAT_IGNITION_CONFIRM_RESET: "true",
        FORCE_COLOR: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const last = chunk.toString().split("\n").map((l) => l.trim()).filter(Boolean).pop();
      if (last && /Batch|Executed|Deploy|Compil/i.test(last)) step.update(`ignition: ${redact(last).slice(0, 100)}`);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", fail);
    child.on("close", (code) => done({ code, text }));
  });
  if (output.code !== 0) {
    const lines = redact(output.text).split("\n").map((l) => l.trim()).filter(Boolean);
    const reason = lines.find((l) => /^(Error|HHE|IGN)|error/i.test(l)) ?? lines.at(-1) ?? `exit ${output.code}`;
    if (process.env.COMMONS_DEBUG === "1") process.stderr.write(`${redact(output.text)}\n`);
    throw new DeploymentError(`hardhat ignition deploy failed: ${reason}`, chainId);
  }
  const deployment = loadDeployment({ chainId, root, deploymentId });
  return { chainId, deploymentId, directory: join("ignition", "deployments", deploymentId), deployment };
}
