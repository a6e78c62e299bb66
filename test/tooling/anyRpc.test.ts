/**
 * One variable, any port: with COMMONS_RPC_URL pointing at a free port (never 8545), the README's local
 * commands all talk to that node: `npm run node` listens there, `npm run deploy:local` deploys there, a
 * Hardhat script (`--network localhost`), the CLI and `npm run example` (the SDK example, run from the
 * sources) use it, and `npm run app`'s deployment file carries it for the dashboard.
 *
 * `npm run deploy:local` writes `ignition/deployments/chain-31337`, which may hold a developer's own local
 * deployment: the test moves that folder (and Ignition's instance record for it) aside first and puts it
 * back afterwards; a run that was killed in between has it put back by the next one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPublicClient, http, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenAddress } from "../../scripts/node.js";
import { chainIdAt, freePort, HARDHAT_CLI, NODE, ROOT, stopHardhatNode } from "../../scripts/lib/hardhatNode.js";
import { deploymentFromIgnition } from "../../src/deployments.js";
import { npmCommand, onSources, run, runFailing } from "../utils/run.js";

const DEPLOYMENTS = path.join(ROOT, "ignition/deployments");
const LOCAL = path.join(DEPLOYMENTS, "chain-31337");
const KEPT = path.join(DEPLOYMENTS, ".chain-31337.kept-by-test");
const INSTANCES = path.join(ROOT, "cache/.hardhat-network-instances.json");
const KEPT_INSTANCE = path.join(ROOT, "cache/.chain-31337-instance.kept-by-test.json");

function readInstances(): Record<string, unknown> {
  return existsSync(INSTANCES) ? (JSON.parse(readFileSync(INSTANCES, "utf8")) as Record<string, unknown>) : {};
}

function writeInstance(value: unknown): void {
  const instances = readInstances();
  if (value === undefined) delete instances["chain-31337"];
  else instances["chain-31337"] = value;
  mkdirSync(path.dirname(INSTANCES), { recursive: true });
  writeFileSync(INSTANCES, `${JSON.stringify(instances, null, 2)}\n`);
}

/** Puts back what `keepLocalDeployment` moved aside (also after a killed run). */
function restoreLocalDeployment(): void {
  if (!existsSync(KEPT_INSTANCE)) return;
  rmSync(LOCAL, { recursive: true, force: true });
  if (existsSync(KEPT)) renameSync(KEPT, LOCAL);
  writeInstance((JSON.parse(readFileSync(KEPT_INSTANCE, "utf8")) as { value?: unknown }).value);
  rmSync(KEPT_INSTANCE);
}

function keepLocalDeployment(): void {
  restoreLocalDeployment();
  if (existsSync(LOCAL)) renameSync(LOCAL, KEPT);
  // Written last: its presence means "something was moved aside".
  writeFileSync(KEPT_INSTANCE, JSON.stringify({ value: readInstances()["chain-31337"] }));
  writeInstance(undefined);
}

async function waitForChain(rpcUrl: string, child: ChildProcess, log: string): Promise<number> {
  for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
    if (child.exitCode !== null) throw new Error(`npm run node exited ${child.exitCode}: ${readFileSync(log, "utf8")}`);
    const chainId = await chainIdAt(rpcUrl);
    if (chainId !== undefined) return chainId;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no node at ${rpcUrl}: ${readFileSync(log, "utf8")}`);
}

describe("any RPC URL through COMMONS_RPC_URL", () => {
  let rpcUrl: string;
  let node: ChildProcess;
  let env: NodeJS.ProcessEnv;
  const scratch = mkdtempSync(path.join(tmpdir(), "commons-any-rpc-"));

  beforeAll(async () => {
    keepLocalDeployment();
    const port = await freePort();
    expect(port).not.toBe(8545);
    rpcUrl = `http://127.0.0.1:${port}`;
    env = { COMMONS_RPC_URL: rpcUrl };
    const log = path.join(scratch, "node.log");
    const fd = openSync(log, "w");
    const [npm, prefix] = npmCommand();
    node = spawn(npm, [...prefix, "run", "node"], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", fd, fd],
      detached: true, // npm, the script and hardhat node in one process group, stopped together
    });
    closeSync(fd);
    expect(await waitForChain(rpcUrl, node, log)).toBe(31337);
  });

  afterAll(async () => {
    if (node) await stopHardhatNode(node);
    restoreLocalDeployment();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("should deploy with npm run deploy:local, then work from a Hardhat script, the CLI, npm run example and the app's file", async () => {
    const [npm, prefix] = npmCommand();
    await run(npm, [...prefix, "run", "deploy:local"], ROOT, env);
    const addresses: Record<string, string> = JSON.parse(
      readFileSync(path.join(LOCAL, "deployed_addresses.json"), "utf8"),
    );
    const deployment = deploymentFromIgnition(addresses, 31337);
    const client = createPublicClient({ transport: http(rpcUrl) });
    expect(await client.getCode({ address: deployment.registry as Address })).toMatch(/^0x[0-9a-f]{100,}/);

    // A write and a read through Hardhat scripts on `--network localhost`, then the CLI with no --rpc-url.
    const hardhat = (script: string, extra: NodeJS.ProcessEnv = {}) =>
      run(NODE, [HARDHAT_CLI, "run", script, "--network", "localhost"], ROOT, { ...env, ...extra });
    // The dev attester (account 9) signs a rig for account 1, who registers it; activated after the warm-up.
    const rig = path.join(scratch, "rig.json");
    const owner = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; // dev account 1
    await hardhat("scripts/attest.ts", { OWNER: owner, DEVICES: "2:2", OUT: rig, ACCOUNT: "9" });
    expect(await hardhat("scripts/register-node.ts", { ATTESTATION: rig, ACCOUNT: "1" })).toMatch(
      /node 1 registered to 0x/,
    );
    expect(await hardhat("scripts/activate-node.ts", { NODE_ID: "1", ADVANCE: "1", ACCOUNT: "0" })).toMatch(/node 1/);
    expect(await hardhat("scripts/status.ts")).toMatch(/nodes\s+1 active of 1 registered/);
    const status = JSON.parse(await run(NODE, ["bin/commons.js", "status", "--json"], ROOT, env)) as {
      registry: { activeNodeCount: string };
    };
    expect(status.registry.activeNodeCount).toBe("1");

    // The README's SDK example (npm run example), from the sources: dist/ plays no part.
    const example = await run(npm, [...prefix, "run", "example"], ROOT, { ...env, ACCOUNT: "8" });
    expect(example).toMatch(/registered node 2 for 0x[0-9a-fA-F]{40} \(dev account 8\)/);
    expect(example).toMatch(/registered model 1 \(Llama 3.1 8B\): Small/);
    expect(example).toMatch(/refused before sending: maxSmallParams may move at most 2x per change/);
    const again = await runFailing(npm, [...prefix, "run", "example"], ROOT, { ...env, ACCOUNT: "abc" });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('error: ACCOUNT "abc" is not a dev account index (0 to 19)');

    const file = path.join(scratch, "deployment.json");
    await run(NODE, onSources("scripts/write-app-deployment.ts", "chain-31337", "31337", file), ROOT, env);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      chainId: 31337,
      rpcUrl,
      "ComputeCommons#ComputeRegistry": deployment.registry,
    });
  });

  it("should refuse, with exit 1, to start npm run node where it cannot listen", async () => {
    const [npm, prefix] = npmCommand();
    const refused = await runFailing(npm, [...prefix, "run", "node"], ROOT, {
      COMMONS_RPC_URL: "https://rpc.example.org/v3/key",
    });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain("error: COMMONS_RPC_URL must be http:// for a local node, got https:");
    expect(listenAddress("http://127.0.0.1:9545")).toEqual({ hostname: "127.0.0.1", port: 9545 });
    expect(listenAddress("http://[::1]:9545")).toEqual({ hostname: "::1", port: 9545 });
    expect(() => listenAddress("http://10.0.0.7:8545")).toThrow("npm run node starts a node on this machine");
    expect(() => listenAddress("not a url")).toThrow('COMMONS_RPC_URL "not a url" is not a URL');
    expect(() => listenAddress("http://127.0.0.1:8545/rpc")).toThrow("with nothing after it");
  });
});
