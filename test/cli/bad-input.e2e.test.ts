/**
 * The bad input found by trying careless commands (issue 12), one test per finding, against the run's
 * `hardhat node` and its deployment: each is refused with one line and the right exit code, and nothing is
 * sent. The findings that need another node (a node that dies, another node's deployment folder) are in
 * other-node.e2e.test.ts; the Hardhat scripts' in scripts.e2e.test.ts.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { formatEther, toHex } from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAddress } from "viem/accounts";
import { afterAll, describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { forgetNetworkInstance, freePort, ROOT } from "../../scripts/lib/hardhatNode.js";
import { DEV_MNEMONIC } from "../../src/connection.js";
import { activateAll, commonsFor, registerAttested } from "../sdk/helpers.js";
import {
  advanceTime,
  commonsContracts,
  deployment,
  devAccount,
  freshChain,
  loadFixture,
  publicClient,
  rpcUrl,
  useChainSnapshot,
} from "../utils/chain.js";
import { attestWithCli, commons, expectFailure, type Run } from "./helpers.js";

const DEPLOYMENT_DIR = path.join("ignition/deployments", deployment.deploymentId);
const PORT = new URL(rpcUrl).port;

/** `commons` on the test node and its deployment. */
const onChain = (args: string[], env?: Record<string, string>) =>
  commons([...args, "--rpc-url", rpcUrl, "--deployment", DEPLOYMENT_DIR], env);

const devKey = (index: number) =>
  toHex(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).getHdKey().privateKey!);

/** Runs a command that must be refused before sending: no block is mined meanwhile (automine mines each tx). */
async function refusedBeforeSending(run: () => Promise<Run>): Promise<Run> {
  const before = await publicClient.getBlockNumber({ cacheTime: 0 });
  const r = await run();
  expect(await publicClient.getBlockNumber({ cacheTime: 0 }), "a block was mined: something was sent").toBe(before);
  return r;
}

/**
 * Account 1 has an active node and proposed proposal 1, now Active; account 2 has one but delegated its vote
 * to account 1 before the proposal; account 7's node was registered with them but activated only after the
 * proposal's snapshot.
 */
async function activeProposal() {
  await loadFixture(freshChain);
  const [, , late] = [
    (await registerAttested(1, [{ skuId: SEED_SKU.RTX_4090, count: 1 }])).nodeId,
    (await registerAttested(2, [{ skuId: SEED_SKU.RTX_3090, count: 1 }])).nodeId,
    (await registerAttested(7, [{ skuId: SEED_SKU.RTX_5090, count: 1 }])).nodeId,
  ];
  await activateAll([1n, 2n]);
  await commonsFor(2).delegate({ delegatee: devAccount(1).address });
  const proposal = await commonsFor(1).proposeThresholds({
    maxSmallParams: 100_000_000_000n,
    maxSmallTrainingFlop: 10n ** 25n,
    description: "Raise Small to 100B",
  });
  await advanceTime(61);
  await commonsFor(0).activateNode({ nodeId: late });
  return proposal;
}

/** A deployment of this file's own (`commons deploy`), then the chain as it was before it: a restarted node. */
const OWN_ID = `bad-input-${PORT}`;
async function staleDeploymentFolder() {
  await loadFixture(freshChain);
  rmSync(path.join(ROOT, "ignition/deployments", OWN_ID), { recursive: true, force: true });
  const r = await commons(["deploy", "--rpc-url", rpcUrl, "--account", "0", "--deployment-id", OWN_ID, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { lens: string; directory: string };
}

describe("commons CLI: bad input", () => {
  useChainSnapshot();

  afterAll(() => {
    rmSync(path.join(ROOT, "ignition/deployments", OWN_ID), { recursive: true, force: true });
    forgetNetworkInstance(OWN_ID);
  });

  it("should refuse a vote with no votes before sending, saying why (exit 1)", async () => {
    await loadFixture(activeProposal);
    const noNode = await refusedBeforeSending(() => onChain(["vote", "1", "for", "--account", "6"]));
    expectFailure(
      noNode,
      1,
      new RegExp(`${devAccount(6).address} has no votes in this proposal: it has registered no node`),
    );

    const delegated = await refusedBeforeSending(() => onChain(["vote", "1", "for", "--account", "2"]));
    expectFailure(delegated, 1, new RegExp(`it delegated its votes to ${devAccount(1).address}`));

    const late = await refusedBeforeSending(() => onChain(["vote", "1", "for", "--account", "7"]));
    expectFailure(late, 1, /its 1 vote\(s\) came after the proposal's snapshot \(\d{4}-\d\d-\d\d [\d:]+ UTC\)/);

    // The proposer's own vote counts: two, its own and account 2's.
    const counted = await onChain(["vote", "1", "for", "--account", "1", "--json"]);
    expect(counted.code, counted.stderr).toBe(0);
    expect(JSON.parse(counted.stdout)).toMatchObject({ weight: "2" });
  });

  it("should take exactly one key source (exit 1)", async () => {
    await loadFixture(activeProposal);
    const both = await refusedBeforeSending(() =>
      onChain(["vote", "1", "for", "--account", "1"], { COMMONS_PRIVATE_KEY: devKey(1) }),
    );
    expectFailure(both, 1, /give exactly one key source, not --account and COMMONS_PRIVATE_KEY/);
    const two = await onChain(["vote", "1", "for", "--account", "1", "--keystore", "k.json"]);
    expectFailure(two, 1, /give exactly one key source, not --account and --keystore/);
  });

  it("should redact whole secret values only, and RPC URL credentials and paths, in every output", async () => {
    // A password that is part of longer words prints those words whole; standing alone, it is redacted.
    const env = { COMMONS_KEYSTORE_PASSWORD: "latest", COMMONS_PRIVATE_KEY: devKey(3) };
    const longer = await commons(
      ["status", "--rpc-url", rpcUrl, "--deployment", "./latest-deployment", "--debug"],
      env,
    );
    expectFailure(longer, 2, /No deployment at \.\/latest-deployment$/, { debug: true });
    expect(longer.stderr).toMatch(/^\s+at /m); // --debug: the stack, redacted
    expect(longer.stderr).not.toContain("[redacted]");
    const whole = await commons(["status", "--rpc-url", rpcUrl, "--deployment", "latest", "--debug", "--json"], env);
    expectFailure(whole, 2, /No deployment at \[redacted\]$/, { debug: true });
    const key = await commons(["status", "--rpc-url", rpcUrl, "--deployment", devKey(3), "--debug", "--json"], env);
    expectFailure(key, 2, /No deployment at \[redacted\]$/, { debug: true });
    for (const r of [whole, key]) {
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/No deployment at latest|[0-9a-f]{64}/);
      expect(JSON.parse(r.stdout)).toEqual({
        error: { code: "DeploymentError", message: "No deployment at [redacted]" },
      });
    }

    // An RPC URL with credentials and an API key in its path and query: only its host ever prints.
    const port = await freePort();
    const secretUrl = `http://alice:hunter2@127.0.0.1:${port}/v3/SECRETKEY?apikey=SECRETQUERY`;
    const dead = await commons(["status", "--rpc-url", secretUrl, "--deployment", DEPLOYMENT_DIR, "--debug", "--json"]);
    expectFailure(dead, 2, new RegExp(`cannot reach the RPC at 127\\.0\\.0\\.1:${port} `), { debug: true });
    const everything = `${dead.stdout}${dead.stderr}`;
    expect(everything).toContain(`127.0.0.1:${port}`);
    for (const secret of ["alice", "hunter2", "SECRETKEY", "SECRETQUERY"]) expect(everything).not.toContain(secret);
  });

  it("should say there is no contract at the recorded address, and how to redeploy (exit 2)", async () => {
    const { lens } = await loadFixture(staleDeploymentFolder);
    await loadFixture(freshChain); // the node as it was before that deployment: the folder is stale
    const dir = path.join("ignition/deployments", OWN_ID);
    const read = await commons(["status", "--rpc-url", rpcUrl, "--deployment", dir]);
    expectFailure(
      read,
      2,
      new RegExp(
        `No contract at ${lens} \\(lens\\) on chain 31337: this node does not have the recorded deployment .*commons deploy`,
      ),
    );
    const write = await refusedBeforeSending(() =>
      commons([
        "node",
        "register",
        "--attestation",
        "rig.json",
        "--account",
        "1",
        "--rpc-url",
        rpcUrl,
        "--deployment",
        dir,
      ]),
    );
    expectFailure(write, 2, new RegExp(`No contract at ${lens} \\(lens\\)`));
  });

  it("should say an account has no ETH for gas and the bond (exit 1)", async () => {
    await loadFixture(freshChain);
    const key = generatePrivateKey();
    const file = await attestWithCli(onChain, privateKeyToAddress(key), [`${SEED_SKU.RTX_3090}`]);
    const bond = await commonsContracts().registry.read.bondFor([24_576n]); // an RTX 3090's 24 GiB
    const r = await refusedBeforeSending(() =>
      onChain(["node", "register", "--attestation", file], { COMMONS_PRIVATE_KEY: key }),
    );
    expectFailure(
      r,
      1,
      new RegExp(
        `Account ${privateKeyToAddress(key)} has 0 ETH: not enough to pay for gas and the ${formatEther(bond).replace(".", "\\.")} ETH the transaction sends`,
      ),
    );
  });

  it("should print errors as {error: {code, message}} on stdout with --json", async () => {
    await loadFixture(activeProposal);
    const usage = await commons(["node", "frob", "--json"]);
    expectFailure(usage, 1, /unknown command "node frob"/);
    expect(JSON.parse(usage.stdout)).toEqual({
      error: { code: "UsageError", message: 'unknown command "node frob" (see: commons --help)' },
    });
    const revert = await onChain(["node", "exit", "1", "--account", "2", "--json"]);
    const line = expectFailure(revert, 2, /ComputeRegistryNotNodeOwner/);
    expect(JSON.parse(revert.stdout)).toEqual({
      error: { code: "ComputeRegistryNotNodeOwner", message: line.slice("error: ".length) },
    });
  });

  it("should word --chain-id for what it is (exit 2)", async () => {
    await loadFixture(freshChain);
    const r = await onChain(["status", "--chain-id", "11155111"]);
    expectFailure(
      r,
      2,
      new RegExp(
        `^error: Wrong network: --chain-id 11155111 was asked for, but the RPC at 127\\.0\\.0\\.1:${PORT} is on chain 31337$`,
      ),
    );
    expect(r.stderr).not.toMatch(/the deployment is on chain 11155111/);
  });

  it("should name the flag or argument at fault, not the SDK's field (exit 1)", async () => {
    await loadFixture(activeProposal);
    const hash = `0x${"ab".repeat(32)}`;
    const register = ["model", "register", "--name", "x", "--params", "1", "--weights-hash", hash, "--account", "4"];
    expectFailure(await onChain([...register, "--flop", "0"]), 1, /^error: Invalid --flop: 0 is below the minimum 1$/);
    expectFailure(
      await onChain([
        "model",
        "register",
        "--name",
        "",
        "--params",
        "1",
        "--flop",
        "1",
        "--weights-hash",
        hash,
        "--account",
        "4",
      ]),
      1,
      /^error: Invalid --name: must not be empty$/,
    );
    expectFailure(
      await onChain(["attest", "--owner", devAccount(5).address, "--device", "0", "--out", "x.json", "--account", "9"]),
      1,
      /^error: Invalid --device: 0 is below the minimum 1$/,
    );
    expectFailure(
      await onChain(["propose", "thresholds", "--max-small-params", "40000000000", "--account", "1"]),
      1,
      /^error: --max-small-params 40000000000 is below the consumer floor of \d+ parameters/,
    );
    expectFailure(
      await onChain(["vote", "abc", "for", "--account", "1"]),
      1,
      /^error: Invalid <proposal>: "abc" is not a whole decimal number/,
    );
    expectFailure(
      await onChain(["node", "show", "1.5"]),
      1,
      /^error: Invalid <nodeId>: "1\.5" is not a whole decimal number/,
    );
  });

  it("should accept the short proposal number, and refuse one that does not exist (exit 1)", async () => {
    await loadFixture(activeProposal);
    const [listed] = JSON.parse((await onChain(["proposals", "--json"])).stdout);
    expect(listed).toMatchObject({ number: "1", state: "Active" });
    expectFailure(
      await refusedBeforeSending(() => onChain(["vote", "7", "for", "--account", "1"])),
      1,
      /^error: Invalid <proposal>: there is no proposal 7 \(there are 1\)$/,
    );
    const byId = await onChain(["vote", listed.id, "against", "--account", "1", "--json"]);
    expect(byId.code, byId.stderr).toBe(0);
    expect(JSON.parse(byId.stdout)).toMatchObject({ proposalId: listed.id, support: "against" });
  });
});
