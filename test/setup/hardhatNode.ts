/**
 * Vitest global setup: one real `hardhat node` process per test run, on a free loopback port, with the
 * system deployed by the Ignition module for local chains (`ignition/modules/ComputeCommonsLocal.ts`: EAS from
 * its npm package's artifacts, then the production system over it) using the short local timings and the dev
 * attester (`ignition/parameters/local.json`).
 *
 * Steps: compile the contracts (`hardhat build --no-tests`: the Solidity tests are `npm run test:sol`'s), pick
 * a free port, start the node in its own process group, wait until it answers `eth_chainId`, deploy with
 * `hardhat ignition deploy --network localhost` (the URL comes from `COMMONS_RPC_URL`) under a deployment id
 * unique to the run, then `provide` the RPC URL and the addresses to the tests (`inject("rpcUrl")`,
 * `inject("deployment")`). Teardown kills the node's process group by PID and removes the run's deployment
 * folder.
 *
 * The node's log goes to `test-output/hardhat-node.log` (gitignored, overwritten by each run), useful when a
 * test fails.
 *
 * Everything builds with the default profile (`ignition deploy --build-profile default` too): Ignition's own
 * default, the production profile, would recompile every file in isolation and overwrite the artifacts that
 * `hardhat test solidity` just built.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import {
  chainIdAt,
  forgetNetworkInstance,
  HARDHAT_CLI,
  killGroup,
  NODE,
  ROOT,
  startHardhatNode,
  stopHardhatNode,
} from "../../scripts/lib/hardhatNode.js";
import { deploymentFromIgnition, type CommonsDeployment } from "../../src/deployments.js";
import { journalDeployBlock } from "../../src/node.js";

/** The deployment as the SDK takes it, plus the Ignition deployment id of this run. */
export type TestDeployment = CommonsDeployment & { deploymentId: string };

declare module "vitest" {
  export interface ProvidedContext {
    /** JSON-RPC URL of the run's `hardhat node`. */
    rpcUrl: string;
    /** The Ignition deployment on that node. */
    deployment: TestDeployment;
  }
}

const MODULE = "ignition/modules/ComputeCommonsLocal.ts";
const PARAMETERS = "ignition/parameters/local.json";
const LOG_DIR = path.join(ROOT, "test-output");

function log(message: string): void {
  process.stderr.write(`[hardhat-node] ${message}\n`);
}

/** Runs the Hardhat CLI to completion; rejects with its output when it fails. */
function runHardhat(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [HARDHAT_CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`hardhat ${args.join(" ")} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

/**
 * Removes `ignition/deployments/test-<port>` folders that an interrupted run left behind: those whose port
 * no longer answers (a concurrent run's node still does, so its folder stays).
 */
async function removeStaleDeployments(): Promise<void> {
  const dir = path.join(ROOT, "ignition/deployments");
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    const port = /^test-(\d+)$/.exec(entry)?.[1];
    if (port === undefined) continue;
    if ((await chainIdAt(`http://127.0.0.1:${port}`)) !== undefined) continue;
    rmSync(path.join(dir, entry), { recursive: true, force: true });
    forgetNetworkInstance(entry);
  }
}

function readDeployment(deploymentId: string, chainId: number): TestDeployment {
  const file = path.join(ROOT, "ignition/deployments", deploymentId, "deployed_addresses.json");
  const addresses = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  return {
    ...deploymentFromIgnition(addresses, chainId, journalDeployBlock(path.dirname(file))),
    deploymentId,
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const timings: string[] = [];
  let started = Date.now();
  const lap = (what: string): void => {
    timings.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)}s`);
    started = Date.now();
  };

  await runHardhat(["build", "--quiet", "--no-tests"]);
  lap("build");

  await removeStaleDeployments();
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, "hardhat-node.log");

  const { child, port, rpcUrl } = await startHardhatNode(logFile, log);
  const deploymentId = `test-${port}`;
  const deploymentDir = path.join(ROOT, "ignition/deployments", deploymentId);
  // Last resort if vitest exits without running the teardown: process.kill is synchronous.
  const killOnExit = (): void => {
    if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
  };
  process.once("exit", killOnExit);

  let torndown = false;
  const teardown = async (): Promise<void> => {
    if (torndown) return;
    torndown = true;
    await stopHardhatNode(child);
    process.removeListener("exit", killOnExit);
    rmSync(deploymentDir, { recursive: true, force: true });
    forgetNetworkInstance(deploymentId);
  };

  lap("node start");
  try {
    await runHardhat(
      [
        "ignition",
        "deploy",
        MODULE,
        "--network",
        "localhost",
        "--parameters",
        PARAMETERS,
        "--deployment-id",
        deploymentId,
        "--build-profile",
        "default",
      ],
      { COMMONS_RPC_URL: rpcUrl },
    );
    lap("deploy");

    project.provide("rpcUrl", rpcUrl);
    project.provide("deployment", readDeployment(deploymentId, 31337));
    log(`${rpcUrl} (pid ${child.pid}, log ${path.relative(ROOT, logFile)}): ${timings.join(", ")}`);
  } catch (error) {
    await teardown();
    throw error;
  }

  return teardown;
}
