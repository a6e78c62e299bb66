/**
 * Vitest global setup: one real `hardhat node` process per test run, on a free loopback port, with the
 * system deployed by the production Ignition module (`ignition/modules/ComputeCommons.ts`) using the short
 * local timings (`ignition/parameters/local.json`).
 *
 * Steps: compile (`hardhat build`), pick a free port, start the node in its own process group, wait until
 * it answers `eth_chainId`, deploy with `hardhat ignition deploy --network testnode` (the URL comes from
 * `COMMONS_RPC_URL`) under a deployment id unique to the run, then `provide` the RPC URL and the addresses
 * to the tests (`inject("rpcUrl")`, `inject("deployment")`). Teardown kills the node's process group by PID
 * and removes the run's deployment folder.
 *
 * The node's log goes to `test-output/hardhat-node.log` (gitignored, overwritten by each run), useful when a
 * test fails.
 *
 * Everything builds with the default profile (`ignition deploy --build-profile default` too): Ignition's own
 * default, the production profile, would recompile every file in isolation and overwrite the artifacts that
 * `hardhat test solidity` just built.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { deploymentFromIgnition, type CommonsDeployment } from "../../src/deployments.js";

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

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const HARDHAT_CLI = path.join(ROOT, "node_modules/hardhat/dist/src/cli.js");
// Hardhat 3 needs Node 22: the repo pins it as a dependency (node_modules/.bin/node). Fall back to the
// Node running vitest (which is that one when vitest is started through npm scripts or npx).
const LOCAL_NODE = path.join(ROOT, "node_modules/.bin/node");
const NODE = existsSync(LOCAL_NODE) ? LOCAL_NODE : process.execPath;
const MODULE = "ignition/modules/ComputeCommons.ts";
const PARAMETERS = "ignition/parameters/local.json";
const LOG_DIR = path.join(ROOT, "test-output");

const NODE_START_TIMEOUT_MS = 90_000;
const KILL_GRACE_MS = 5_000;
const NODE_START_ATTEMPTS = 3;


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

/** A port the OS considers free on 127.0.0.1 (there is a small window before the node binds it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("no port from listen(0)"));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

async function chainIdAt(rpcUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await response.json()) as { result?: string };
    return body.result === undefined ? undefined : Number(body.result);
  } catch {
    return undefined;
  }
}

/** Waits until the node answers, or fails early if the process died. */
async function waitForNode(rpcUrl: string, child: ChildProcess, logFile: string): Promise<number> {
  const deadline = Date.now() + NODE_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`hardhat node exited early (${child.signalCode ?? child.exitCode}); see ${logFile}`);
    }
    const chainId = await chainIdAt(rpcUrl);
    if (chainId !== undefined) return chainId;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`hardhat node did not answer at ${rpcUrl} within ${NODE_START_TIMEOUT_MS} ms; see ${logFile}`);
}

/** Signals the whole process group; ignores a group that is already gone. */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** SIGTERM to the node's process group, SIGKILL if it is still there after a grace period. */
async function stopNode(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once("exit", () => resolve()));
  killGroup(pid, "SIGTERM");
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((r) => setTimeout(() => r(true), KILL_GRACE_MS).unref()),
  ]);
  // Also on a clean exit: anything left in the group goes too.
  killGroup(pid, "SIGKILL");
  if (timedOut) await exited;
}

/**
 * `ignition deploy` on a Hardhat node records the node's instance id per deployment id in
 * `cache/.hardhat-network-instances.json`; drop this run's entry so the file doesn't grow with every run.
 */
function forgetNetworkInstance(deploymentId: string): void {
  const file = path.join(ROOT, "cache/.hardhat-network-instances.json");
  try {
    const instances = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    if (!(deploymentId in instances)) return;
    delete instances[deploymentId];
    writeFileSync(file, `${JSON.stringify(instances, null, 2)}\n`);
  } catch {
    // No file, or not the shape we know: nothing to tidy.
  }
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
  return { ...deploymentFromIgnition(addresses, chainId), deploymentId };
}

/**
 * Starts `hardhat node` on a free port, in its own process group, and waits until it answers. Another
 * process may grab the port between the probe and the node's bind: then the node exits and we try another.
 */
async function startNode(logFile: string): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const logFd = openSync(logFile, "w");
    const child = spawn(NODE, [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: ROOT,
      env: process.env,
      stdio: ["ignore", logFd, logFd],
      detached: true, // its own process group, so teardown can kill the group
    });
    closeSync(logFd);
    try {
      const chainId = await waitForNode(`http://127.0.0.1:${port}`, child, logFile);
      if (chainId !== 31337) throw new Error(`unexpected chain id ${chainId} on port ${port}`);
      // An answer from a process that took the port first, while ours failed to bind, doesn't count.
      await new Promise((r) => setTimeout(r, 200));
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`hardhat node on ${port} exited`);
      return { child, port };
    } catch (error) {
      await stopNode(child);
      if (attempt >= NODE_START_ATTEMPTS) throw error;
      log(`node start on port ${port} failed (${(error as Error).message}); trying another port`);
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const timings: string[] = [];
  let started = Date.now();
  const lap = (what: string): void => {
    timings.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)}s`);
    started = Date.now();
  };

  await runHardhat(["build", "--quiet"]);
  lap("build");

  await removeStaleDeployments();
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, "hardhat-node.log");

  const { child, port } = await startNode(logFile);
  const rpcUrl = `http://127.0.0.1:${port}`;
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
    await stopNode(child);
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
        "testnode",
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
