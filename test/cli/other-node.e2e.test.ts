/**
 * The bad input of issue 12 that needs more than the run's node: a second `hardhat node` (fresh, as after a
 * restart) for a deployment folder of another node, and a third one that dies while the CLI waits for a
 * receipt. Both are real nodes on free loopback ports, stopped by PID at the end.
 */
import type { ChildProcess } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import {
  forgetNetworkInstance,
  freePort,
  ROOT,
  startHardhatNode,
  stopHardhatNode,
} from "../../scripts/lib/hardhatNode.js";
import { deployment, devAccount, freshChain, loadFixture, rpcUrl, useChainSnapshot } from "../utils/chain.js";
import { attestWithCli, commons, expectFailure, parsed, rpcCall, startCommons } from "./helpers.js";

const DEPLOYMENTS = path.join(ROOT, "ignition/deployments");
const addressesOf = (id: string) => readFileSync(path.join(DEPLOYMENTS, id, "deployed_addresses.json"), "utf8");
const log = (message: string) => process.stderr.write(`[other-node] ${message}\n`);

/** Deployment folders this file creates, removed at the end. */
const created = new Set<string>();
function deployTo(url: string, id: string, extra: string[] = []) {
  created.add(id);
  return commons(["deploy", "--rpc-url", url, "--account", "0", "--deployment-id", id, "--json", ...extra]);
}

const MAIN_ID = `other-node-main-${new URL(rpcUrl).port}`;

/** A deployment on the run's node made by `commons deploy`, which records the node it was made through. */
async function mainNodeDeployment() {
  await loadFixture(freshChain);
  rmSync(path.join(DEPLOYMENTS, MAIN_ID), { recursive: true, force: true });
  return parsed(await deployTo(rpcUrl, MAIN_ID), "deploy to the run's node");
}

describe("commons CLI: another node", () => {
  useChainSnapshot();
  let second: { child: ChildProcess; rpcUrl: string };
  let clean: string;

  beforeAll(async () => {
    second = await startHardhatNode(path.join(ROOT, "test-output/hardhat-node-second.log"), log);
    clean = await rpcCall<string>(second.rpcUrl, "evm_snapshot");
  });

  beforeEach(async () => {
    await rpcCall(second.rpcUrl, "evm_revert", [clean]);
    clean = await rpcCall<string>(second.rpcUrl, "evm_snapshot");
  });

  afterAll(async () => {
    if (second) await stopHardhatNode(second.child);
    for (const id of created) {
      rmSync(path.join(DEPLOYMENTS, id), { recursive: true, force: true });
      forgetNetworkInstance(id);
    }
  });

  it("should name the missing contract when a fresh node meets another node's deployment folder (exit 2)", async () => {
    const r = await commons([
      "status",
      "--rpc-url",
      second.rpcUrl,
      "--deployment",
      `ignition/deployments/${deployment.deploymentId}`,
    ]);
    expectFailure(
      r,
      2,
      new RegExp(
        `No contract at ${deployment.lens} \\(lens\\) on chain 31337: this node does not have the recorded deployment .*commons deploy`,
      ),
    );
  });

  it("should refuse to deploy over a folder whose contracts another node still runs, unless --reset (exit 1)", async () => {
    // The run's own deployment (by hardhat ignition: no record of its node): never replaced silently.
    const before = addressesOf(deployment.deploymentId);
    expectFailure(
      await commons([
        "deploy",
        "--rpc-url",
        second.rpcUrl,
        "--account",
        "0",
        "--deployment-id",
        deployment.deploymentId,
      ]),
      1,
      /holds a deployment made on another node \(or on this one before a restart\), and nothing says where: pass --reset/,
    );
    expect(addressesOf(deployment.deploymentId)).toBe(before);

    // A deployment made by commons deploy names its node, which still runs it.
    const main = await loadFixture(mainNodeDeployment);
    expectFailure(
      await deployTo(second.rpcUrl, MAIN_ID),
      1,
      new RegExp(
        `holds the deployment of the node at 127\\.0\\.0\\.1:${new URL(rpcUrl).port}, which still runs it: pass --reset`,
      ),
    );
    expect(JSON.parse(addressesOf(MAIN_ID))["ComputeCommons#CommonsLens"]).toBe(main.lens);

    // --reset replaces it with the second node's deployment.
    const replaced = parsed(await deployTo(second.rpcUrl, MAIN_ID, ["--reset"]), "deploy --reset");
    const code = await rpcCall<string>(second.rpcUrl, "eth_getCode", [replaced.lens, "latest"]);
    expect(code).not.toBe("0x");
  });

  it("should replace a folder whose contracts are gone with their node, without --reset", async () => {
    await loadFixture(mainNodeDeployment);
    // A copy of that folder as its node left it when it stopped: the node it names answers no more.
    const id = `other-node-gone-${new URL(second.rpcUrl).port}`;
    created.add(id);
    rmSync(path.join(DEPLOYMENTS, id), { recursive: true, force: true });
    cpSync(path.join(DEPLOYMENTS, MAIN_ID), path.join(DEPLOYMENTS, id), { recursive: true });
    const dead = `http://127.0.0.1:${await freePort()}`;
    writeFileSync(path.join(DEPLOYMENTS, id, "commons-deployment.json"), JSON.stringify({ rpcUrl: dead }));
    const out = parsed(await deployTo(second.rpcUrl, id), "deploy over a stale folder");
    expect(await rpcCall<string>(second.rpcUrl, "eth_getCode", [out.lens, "latest"])).not.toBe("0x");
  });

  it("should give up after --block-timeout seconds without a block when the node dies mid-transaction (exit 2)", async () => {
    const doomed = await startHardhatNode(path.join(ROOT, "test-output/hardhat-node-doomed.log"), log);
    try {
      const id = `other-node-doomed-${new URL(doomed.rpcUrl).port}`;
      parsed(await deployTo(doomed.rpcUrl, id), "deploy to the doomed node");
      const onDoomed = (args: string[]) =>
        commons([...args, "--rpc-url", doomed.rpcUrl, "--deployment", `ignition/deployments/${id}`]);
      const file = await attestWithCli(onDoomed, devAccount(1).address, [`${SEED_SKU.RTX_3090}`]);
      await rpcCall(doomed.rpcUrl, "evm_setAutomine", [false]);
      const register = startCommons([
        "node",
        "register",
        "--attestation",
        file,
        "--account",
        "1",
        "--block-timeout",
        "5",
        "--rpc-url",
        doomed.rpcUrl,
        "--deployment",
        `ignition/deployments/${id}`,
      ]);
      await register.waitForStderr(/tx 0x[0-9a-f]{64}/);
      await stopHardhatNode(doomed.child);
      const stoppedAt = Date.now();
      const r = await register.done;
      const waited = Date.now() - stoppedAt;
      expectFailure(
        r,
        2,
        new RegExp(
          `^error: the RPC at 127\\.0\\.0\\.1:${new URL(doomed.rpcUrl).port}: No new block for 5 s while waiting for transaction 0x[0-9a-f]{64}.*; it may still be mined$`,
        ),
      );
      expect(waited, "the CLI waited too long").toBeLessThan(15_000);
    } finally {
      await stopHardhatNode(doomed.child);
    }
  });
});
