/**
 * The `commons` CLI end to end, as child processes against the run's `hardhat node`: a deployment of its
 * own (`commons deploy`), nodes and a model registered, a full governance round (propose, vote, queue,
 * execute) by short proposal numbers, asserted on `--json` output, and for every kind of bad input the one
 * stderr line and the exit code (1 usage/input, 2 chain/transaction). The bad input found by trying careless
 * commands (issue 12) has its own file, bad-input.e2e.test.ts.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { forgetNetworkInstance, freePort, ROOT } from "../../scripts/lib/hardhatNode.js";
import { DEV_MNEMONIC } from "../../src/connection.js";
import {
  advanceTo,
  devAccount,
  freshChain,
  latestTimestamp,
  loadFixture,
  rpcUrl,
  useChainSnapshot,
} from "../utils/chain.js";
import { attestWithCli, commons, expectFailure, parsed, README_MODEL_ARGS, type Run } from "./helpers.js";

const DEPLOYMENT_ID = `cli-e2e-${new URL(rpcUrl).port}`;
const DEPLOYMENT_DIR = path.join("ignition/deployments", DEPLOYMENT_ID);

/** `commons` on the test node and this file's deployment. */
const onChain = (args: string[], env?: Record<string, string>) =>
  commons([...args, "--rpc-url", rpcUrl, "--deployment", DEPLOYMENT_DIR], env);

const json = async <T = any>(args: string[]): Promise<T> =>
  parsed<T>(await onChain([...args, "--json"]), args.join(" "));

/** A fresh system deployed with `commons deploy` (into this file's deployment folder). */
async function deployed() {
  await loadFixture(freshChain);
  rmSync(path.join(ROOT, DEPLOYMENT_DIR), { recursive: true, force: true });
  return commons(["deploy", "--rpc-url", rpcUrl, "--account", "0", "--deployment-id", DEPLOYMENT_ID, "--json"]);
}

const RIGS = [
  { account: "1", devices: [`${SEED_SKU.RTX_3090}:2`] },
  { account: "2", devices: [`${SEED_SKU.RTX_4090}`] },
  { account: "3", devices: [`${SEED_SKU.RTX_5090}`] },
];

/**
 * The deployment, and a node for each of dev accounts 1–3: attested by the dev attester, registered and
 * (after the warm-up) activated with the CLI.
 */
async function withNodes() {
  await loadFixture(deployed);
  const runs: Run[] = [];
  for (const rig of RIGS) {
    const file = await attestWithCli(onChain, devAccount(Number(rig.account)).address, rig.devices);
    runs.push(await onChain(["node", "register", "--attestation", file, "--account", rig.account, "--json"]));
  }
  const ids = runs.map((r) => JSON.parse(r.stdout).nodeId as string);
  await advanceTo(BigInt(JSON.parse(runs.at(-1)!.stdout).activatableAt));
  for (const id of ids) await json(["node", "activate", id, "--account", "5"]);
  return { runs, ids };
}

/** The nodes, and Qwen2.5 72B registered with `--units` by dev account 4. */
async function withModel() {
  const { ids } = await loadFixture(withNodes);
  const registered = await json([...README_MODEL_ARGS]);
  return { ids, registered, modelId: registered.modelId as string };
}

/** A whole governance round on proposal 1 by its number: propose, three votes, queue, execute. */
async function governanceRound() {
  const { modelId } = await loadFixture(withModel);
  const status = await json(["status"]);
  await advanceTo(BigInt(status.nextChangeAt) + 1n);

  const proposed = await json(["propose", "thresholds", "--max-small-params", "100000000000", "--account", "1"]);
  const [pending] = await json(["proposals"]);
  await advanceTo(BigInt(pending.snapshot) + 1n);
  const votes = [];
  for (const [account, support] of [
    ["1", "for"],
    ["2", "for"],
    ["3", "against"],
  ] as const) {
    votes.push({ support, out: await json(["vote", "1", support, "--account", account]) });
  }
  // Voting twice reverts; the key from the environment never shows, not even with --debug.
  const key = toHex(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 1 }).getHdKey().privateKey!);
  const twice = await onChain(["vote", "1", "for", "--debug"], { COMMONS_PRIVATE_KEY: key });
  const [tallied] = await json(["proposals"]);

  await advanceTo(BigInt(tallied.deadline) + 1n);
  const queued = await onChain(["queue", "1", "--account", "5"]);
  const beforeExecution = await latestTimestamp();
  const [waiting] = await json(["proposals"]);
  await advanceTo(BigInt(waiting.eta) + 1n);
  const executed = await json(["execute", "1", "--account", "5"]);
  await advanceTo((await latestTimestamp()) + 1n);
  return { modelId, proposed, pending, votes, key, twice, tallied, queued, executed, beforeExecution };
}

describe("commons CLI", () => {
  useChainSnapshot();

  afterAll(() => {
    rmSync(path.join(ROOT, DEPLOYMENT_DIR), { recursive: true, force: true });
    forgetNetworkInstance(DEPLOYMENT_ID);
  });

  describe("help", () => {
    it("should print help with an example for every command", async () => {
      const top = await commons(["--help"]);
      expect(top.code).toBe(0);
      const names = [...top.stdout.matchAll(/^ {2}([a-z]+(?: [a-z]+)?) {2,}/gm)].map((m) => m[1]!);
      expect(names).toEqual(
        expect.arrayContaining([
          "deploy",
          "status",
          "catalog list",
          "node register",
          "model classify",
          "propose thresholds",
          "vote",
          "queue",
          "execute",
          "proposals",
          "delegate",
        ]),
      );
      for (const name of names) {
        const h = await commons([...name.split(" "), "--help"]);
        expect(h.code, name).toBe(0);
        expect(h.stdout, name).toMatch(/Usage: commons /);
        expect(h.stdout, name).toMatch(/Examples:\n {2}commons /);
      }
    });
  });

  describe("deploy", () => {
    it("should deploy a fresh system with the Ignition module", async () => {
      const out = parsed(await loadFixture(deployed), "deploy");
      expect(out.chainId).toBe(31337);
      expect(out.deploymentId).toBe(DEPLOYMENT_ID);
      expect(out.governor).toMatch(/^0x[0-9a-fA-F]{40}$/);
    }, 300_000);

    it("should list the seeded catalog", async () => {
      await loadFixture(deployed);
      const skus = await json<{ id: number; name: string; memoryMiB: number }[]>(["catalog", "list"]);
      expect(skus).toHaveLength(9);
      expect(skus[SEED_SKU.RTX_3090 - 1]).toMatchObject({ id: 2, name: "GeForce RTX 3090 24 GB", memoryMiB: 24576 });
    });
  });

  describe("bad input", () => {
    // Ordered by fixture: none, then the deployment, then its nodes (each revert drops the later snapshots).
    it("should refuse an exponent without --units (exit 1)", async () => {
      expectFailure(
        await onChain(["model", "classify", "--params", "7e9", "--flop", "1"]),
        1,
        /Invalid --params: "7e9" is not a whole decimal number/,
      );
    });

    it("should refuse an unknown command and an unknown flag (exit 1)", async () => {
      expectFailure(await commons(["frobnicate"]), 1, /unknown command "frobnicate"/);
      expectFailure(await commons(["node", "frob"]), 1, /unknown command "node frob"/);
      expectFailure(await onChain(["status", "--bogus"]), 1, /unknown option --bogus/);
    });

    it("should report an unreachable RPC (exit 2)", async () => {
      const port = await freePort();
      const r = await commons(["status", "--rpc-url", `http://127.0.0.1:${port}`, "--deployment", DEPLOYMENT_DIR]);
      expectFailure(r, 2, new RegExp(`cannot reach the RPC at 127\\.0\\.0\\.1:${port}`));
    });

    it("should refuse to attest an unknown SKU before signing (exit 1)", async () => {
      await loadFixture(deployed);
      const args = ["attest", "--owner", devAccount(6).address, "--device", "99", "--out", "never.json"];
      expectFailure(await onChain([...args, "--account", "9"]), 1, /unknown SKU 99/);
    });

    it("should refuse the wrong network, naming the flag (exit 2)", async () => {
      await loadFixture(deployed);
      expectFailure(
        await onChain(["status", "--chain-id", "1"]),
        2,
        new RegExp(
          `Wrong network: --chain-id 1 was asked for, but the RPC at 127\\.0\\.0\\.1:${new URL(rpcUrl).port} is on chain 31337`,
        ),
      );
    });

    it("should ask for a key and never take one as a flag (exit 1)", async () => {
      await loadFixture(deployed);
      expectFailure(await onChain(["vote", "1", "for"]), 1, /needs a key/);
      expectFailure(
        await onChain(["vote", "1", "for", "--private-key", "0x01"]),
        1,
        /keys never go on the command line/,
      );
    });

    it("should refuse a malformed key without echoing it (exit 1)", async () => {
      await loadFixture(deployed);
      const r = await onChain(["vote", "1", "for"], { COMMONS_PRIVATE_KEY: "0xdeadbeefcafe" });
      expectFailure(r, 1, /COMMONS_PRIVATE_KEY is not a 32-byte hex private key/);
      expect(r.stderr).not.toContain("deadbeefcafe");
    });

    it("should decode a reverted transaction: exiting a node you don't own (exit 2)", async () => {
      const { ids } = await loadFixture(withNodes);
      const r = await onChain(["node", "exit", ids[0]!, "--account", "2"]);
      expectFailure(
        r,
        2,
        new RegExp(`ComputeRegistryNotNodeOwner: ${devAccount(2).address} does not own node ${ids[0]}`),
      );
    });
  });

  describe("nodes and models", () => {
    it("should register nodes with progress on stderr and ids on stdout", async () => {
      const { runs, ids } = await loadFixture(withNodes);
      runs.forEach((r, i) => {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toMatch(/tx 0x[0-9a-f]{64}/);
        const out = JSON.parse(r.stdout);
        expect(out.owner).toBe(devAccount(Number(RIGS[i]!.account)).address);
        expect(out.transactionHash).toMatch(/^0x[0-9a-f]{64}$/);
      });
      const nodes = await json<{ id: string; status: string; memoryMiB: number }[]>(["node", "list"]);
      expect(nodes.map((n) => n.id)).toEqual(ids);
      expect(nodes[0]).toMatchObject({ status: "Active", memoryMiB: 49152 });
    });

    it("should refuse a threshold below the consumer floor before sending (exit 1)", async () => {
      await loadFixture(withNodes);
      const r = await onChain(["propose", "thresholds", "--max-small-params", "50000000000", "--account", "1"]);
      expectFailure(r, 1, /below the consumer floor of \d+ parameters/);
    });

    it("should refuse a threshold change beyond the rate limit (exit 1)", async () => {
      await loadFixture(withNodes);
      const r = await onChain(["propose", "thresholds", "--max-small-params", "150B", "--units", "--account", "1"]);
      expectFailure(r, 1, /at most 2x/);
    });

    it("should register a model with --units and classify it Large", async () => {
      const { registered } = await loadFixture(withModel);
      expect(registered.tier).toBe("Large");
      const [model] = await json<{ params: string; trainingFlop: string; tier: string }[]>(["model", "list"]);
      expect(model).toMatchObject({ params: "72700000000", trainingFlop: "7800000000000000000000000", tier: "Large" });
    });
  });

  describe("governance round", () => {
    it("should propose, vote, queue and execute a threshold raise, by the proposal's number", async () => {
      const round = await loadFixture(governanceRound);
      expect(round.proposed).toMatchObject({ proposalNumber: "1", maxSmallParams: "100000000000" });
      expect(round.proposed.description).toContain(`#proposer=${devAccount(1).address}`);
      expect(round.pending).toMatchObject({ number: "1", id: round.proposed.proposalId, state: "Pending" });
      for (const { support, out } of round.votes) {
        expect(out).toMatchObject({ support, weight: "1", proposalId: round.proposed.proposalId });
      }
      expect(round.twice.code).toBe(2);
      expect(round.twice.stderr).toMatch(
        new RegExp(`^error: GovernorAlreadyCastVote: ${devAccount(1).address} has already voted$`, "m"),
      );
      expect(round.twice.stderr.toLowerCase()).not.toContain(round.key.slice(2).toLowerCase());
      expect(round.tallied.votes).toEqual({ for: "2", against: "1", abstain: "0" });
      // queue prints when the proposal becomes executable, as a date and how long until then.
      expect(round.queued.code, round.queued.stderr).toBe(0);
      expect(round.queued.stdout).toMatch(
        /^proposal 1 queued; executable from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in 1 min\)$/m,
      );
      expect(round.executed.thresholds).toEqual({
        maxSmallParams: "100000000000",
        maxSmallTrainingFlop: "10000000000000000000000000",
      });

      const after = await json(["status"]);
      expect(after.thresholds.maxSmallParams).toBe("100000000000");
      expect(after.proposals[0]).toMatchObject({ number: "1", id: round.proposed.proposalId, state: "Executed" });
    });

    it("should show the re-classification and the history", async () => {
      const { modelId, beforeExecution } = await loadFixture(governanceRound);
      expect((await json(["model", "classify", modelId])).tier).toBe("Small");
      const then = await json(["model", "classify", modelId, "--at", beforeExecution.toString()]);
      expect(then).toMatchObject({ tier: "Large", thresholds: { maxSmallParams: "70000000000" } });
      const figures = await json([
        "model",
        "classify",
        "--params",
        "72700000000",
        "--flop",
        "7800000000000000000000000",
      ]);
      expect(figures.tier).toBe("Small");
    });

    it("should print the status report and the proposals as tables, numbered the same", async () => {
      await loadFixture(governanceRound);
      const r = await onChain(["status"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/max Small params\s+100,000,000,000 \(100B\)/);
      expect(r.stdout).toMatch(/Executed/);
      const table = await onChain(["proposals"]);
      expect(table.stdout).toMatch(/^1\s+Executed\s+2\s+1\s+0\s/m);
    });
  });
});
