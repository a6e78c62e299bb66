/**
 * A real `hardhat node` as a child process, for the TypeScript tests' global setup and the read-path
 * benchmark: a free loopback port, its own process group (so stopping it kills everything it started), a
 * wait until it answers, and tidying of Ignition's instance record afterwards. Node built-ins only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const HARDHAT_CLI = path.join(ROOT, "node_modules/hardhat/dist/src/cli.js");
// Hardhat 3 needs Node 22: the repo pins it as a dependency (node_modules/.bin/node). Fall back to the Node
// running us (which is that one when started through npm scripts or npx).
const LOCAL_NODE = path.join(ROOT, "node_modules/.bin/node");
export const NODE = existsSync(LOCAL_NODE) ? LOCAL_NODE : process.execPath;

const NODE_START_TIMEOUT_MS = 90_000;
const KILL_GRACE_MS = 5_000;
const NODE_START_ATTEMPTS = 3;

/** A port the OS considers free on 127.0.0.1 (there is a small window before the node binds it). */
export function freePort(): Promise<number> {
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

/** The chain id the RPC at `rpcUrl` answers with, or undefined when nothing answers. */
export async function chainIdAt(rpcUrl: string): Promise<number | undefined> {
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
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** SIGTERM to the node's process group, SIGKILL if it is still there after a grace period. */
export async function stopHardhatNode(child: ChildProcess): Promise<void> {
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
 * Starts `hardhat node` on a free port, in its own process group, and waits until it answers with its chain
 * id (31337, or `chainId` to simulate a public network). Another process may grab the port between the probe and the node's bind: then the node exits and
 * we try another port.
 */
export async function startHardhatNode(
  logFile: string,
  onRetry: (message: string) => void = () => {},
  { chainId: expectedChainId = 31337, chainType }: { chainId?: number; chainType?: "l1" | "op" | "generic" } = {},
): Promise<{ child: ChildProcess; port: number; rpcUrl: string }> {
  // Another chain id (and type) simulates a public network: the SDK and the CLI treat it as one.
  const chain = [
    ...(expectedChainId === 31337 ? [] : ["--chain-id", String(expectedChainId)]),
    ...(chainType === undefined ? [] : ["--chain-type", chainType]),
  ];
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const rpcUrl = `http://127.0.0.1:${port}`;
    const logFd = openSync(logFile, "w");
    const child = spawn(NODE, [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", String(port), ...chain], {
      cwd: ROOT,
      env: process.env,
      stdio: ["ignore", logFd, logFd],
      detached: true, // its own process group, so stopping it kills the group
    });
    closeSync(logFd);
    try {
      const chainId = await waitForNode(rpcUrl, child, logFile);
      if (chainId !== expectedChainId) throw new Error(`unexpected chain id ${chainId} on port ${port}`);
      // An answer from a process that took the port first, while ours failed to bind, doesn't count.
      await new Promise((r) => setTimeout(r, 200));
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`hardhat node on ${port} exited`);
      return { child, port, rpcUrl };
    } catch (error) {
      await stopHardhatNode(child);
      if (attempt >= NODE_START_ATTEMPTS) throw error;
      onRetry(`node start on port ${port} failed (${(error as Error).message}); trying another port`);
    }
  }
}

/**
 * `ignition deploy` on a Hardhat node records the node's instance id per deployment id in
 * `cache/.hardhat-network-instances.json`; drop a throwaway deployment's entry so the file doesn't grow.
 */
export function forgetNetworkInstance(deploymentId: string): void {
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
