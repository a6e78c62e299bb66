/**
 * The `commons` CLI end to end, as child processes against the run's `hardhat node`: a deployment of its
 * own (`commons deploy`), nodes and a model registered, a full governance round (propose, vote, queue,
 * execute) asserted on `--json` output, and for every kind of bad input the one stderr line and the exit
 * code (1 usage/input, 2 chain/transaction).
 */
import { execFile } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { keccak256, toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetNetworkInstance, freePort, NODE, ROOT } from "../../scripts/lib/hardhatNode.js";
import { advanceTo, DEV_MNEMONIC, devAccount, latestTimestamp, rpcUrl, useChainSnapshot } from "../utils/chain.js";

const BIN = path.join(ROOT, "bin/commons.js");
const DEPLOYMENT_ID = `cli-e2e-${new URL(rpcUrl).port}`;
const DEPLOYMENT_DIR = path.join("ignition/deployments", DEPLOYMENT_ID);

type Run = { code: number; stdout: string; stderr: string };

/** Runs `commons <args>` in the repo; the key variables are cleared unless given. */
function commons(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      NODE,
      [BIN, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, COMMONS_PRIVATE_KEY: "", COMMONS_KEYSTORE_PASSWORD: "", COMMONS_RPC_URL: "", ...env },
        timeout: 240_000,
        maxBuffer: 10 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 99) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `commons` on the test node and this file's deployment. */
const onChain = (args: string[], env?: Record<string, string>) =>
  commons([...args, "--rpc-url", rpcUrl, "--deployment", DEPLOYMENT_DIR], env);

async function json<T = any>(args: string[]): Promise<T> {
  const r = await onChain([...args, "--json"]);
  expect(r.stderr.includes("error:") ? r.stderr : "", args.join(" ")).toBe("");
  expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** A failed command: exactly one error line (no stack trace), matching `pattern`, and the exit code. */
function expectFailure(r: Run, code: number, pattern: RegExp): void {
  const errorLines = r.stderr.split("\n").filter((l) => l.startsWith("error: "));
  expect(errorLines, r.stderr).toHaveLength(1);
  expect(errorLines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.code, r.stderr).toBe(code);
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
        expect.arrayContaining(["deploy", "status", "catalog list", "node register", "model classify", "propose thresholds", "vote", "queue", "execute", "proposals", "delegate"]),
      );
      for (const name of names) {
        const h = await commons([...name.split(" "), "--help"]);
        expect(h.code, name).toBe(0);
        expect(h.stdout, name).toMatch(/Usage: commons /);
        expect(h.stdout, name).toMatch(/Examples:\n {2}commons /);
      }
    });
  });

  describe("deploy and governance round", () => {
    let proposalId: string;
    let nodeOfAccount1: string;
    let modelId: string;
    let beforeExecution: bigint;

    beforeAll(async () => {
      rmSync(path.join(ROOT, DEPLOYMENT_DIR), { recursive: true, force: true });
    });

    it("should deploy a fresh system with the Ignition module", async () => {
      const r = await commons(["deploy", "--rpc-url", rpcUrl, "--account", "0", "--deployment-id", DEPLOYMENT_ID, "--json"]);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.chainId).toBe(31337);
      expect(out.deploymentId).toBe(DEPLOYMENT_ID);
      expect(out.governor).toMatch(/^0x[0-9a-fA-F]{40}$/);
      expect(existsSync(path.join(ROOT, DEPLOYMENT_DIR, "deployed_addresses.json"))).toBe(true);
    }, 300_000);

    it("should list the seeded catalog", async () => {
      const skus = await json<{ id: number; name: string; memoryMiB: number }[]>(["catalog", "list"]);
      expect(skus).toHaveLength(9);
      expect(skus[1]).toMatchObject({ id: 2, name: "GeForce RTX 3090 24 GB", memoryMiB: 24576 });
    });

    it("should register nodes with progress on stderr and ids on stdout", async () => {
      const rigs = [
        { account: "1", devices: ["2:2"] }, // 2x RTX 3090
        { account: "2", devices: ["3"] }, // RTX 4090
        { account: "3", devices: ["4"] }, // RTX 5090
      ];
      const ids: string[] = [];
      for (const rig of rigs) {
        const r = await onChain(["node", "register", ...rig.devices.flatMap((d) => ["--device", d]), "--account", rig.account, "--json"]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toMatch(/tx 0x[0-9a-f]{64}/);
        const out = JSON.parse(r.stdout);
        expect(out.owner).toBe(devAccount(Number(rig.account)).address);
        expect(out.transactionHash).toMatch(/^0x[0-9a-f]{64}$/);
        ids.push(out.nodeId);
      }
      nodeOfAccount1 = ids[0]!;
      const nodes = await json<{ id: string; status: string; memoryMiB: number }[]>(["node", "list"]);
      expect(nodes.map((n) => n.id)).toEqual(ids);
      expect(nodes[0]).toMatchObject({ status: "Active", memoryMiB: 49152 });
    });

    it("should register a model with --units and classify it Large", async () => {
      const out = await json([
        "model", "register", "--name", "Qwen2.5 72B", "--params", "72.7B", "--flop", "7.8e24", "--units",
        "--weights-hash", keccak256(toHex("Qwen/Qwen2.5-72B")), "--open-weights", "--account", "4",
      ]);
      expect(out.tier).toBe("Large");
      modelId = out.modelId;
      const [model] = await json<{ params: string; trainingFlop: string; tier: string }[]>(["model", "list"]);
      expect(model).toMatchObject({ params: "72700000000", trainingFlop: "7800000000000000000000000", tier: "Large" });
    });

    it("should refuse a threshold below the consumer floor before sending (exit 1)", async () => {
      const r = await onChain(["propose", "thresholds", "--max-small-params", "50000000000", "--account", "1"]);
      expectFailure(r, 1, /below the consumer floor of \d+ parameters/);
    });

    it("should refuse a threshold change beyond the rate limit (exit 1)", async () => {
      const r = await onChain(["propose", "thresholds", "--max-small-params", "150B", "--units", "--account", "1"]);
      expectFailure(r, 1, /at most 2x/);
    });

    it("should propose, vote, queue and execute a threshold raise", async () => {
      const status = await json(["status"]);
      await advanceTo(BigInt(status.nextChangeAt) + 1n);

      const proposed = await json(["propose", "thresholds", "--max-small-params", "100000000000", "--account", "1"]);
      proposalId = proposed.proposalId;
      expect(proposed.maxSmallParams).toBe("100000000000");
      expect(proposed.description).toContain(`#proposer=${devAccount(1).address}`);

      let [p] = await json(["proposals"]);
      expect(p).toMatchObject({ id: proposalId, state: "Pending" });
      await advanceTo(BigInt(p.snapshot) + 1n);

      for (const [account, support] of [["1", "for"], ["2", "for"], ["3", "against"]] as const) {
        const vote = await json(["vote", proposalId, support, "--account", account]);
        expect(vote).toMatchObject({ support, weight: "1" });
      }
      // Voting twice reverts; the key from the environment never shows, not even with --debug.
      const key = toHex(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 1 }).getHdKey().privateKey!);
      const twice = await onChain(["vote", proposalId, "for", "--debug"], { COMMONS_PRIVATE_KEY: key });
      expect(twice.code).toBe(2);
      expect(twice.stderr).toMatch(new RegExp(`^error: GovernorAlreadyCastVote: ${devAccount(1).address} has already voted$`, "m"));
      expect(twice.stderr.toLowerCase()).not.toContain(key.slice(2).toLowerCase());

      [p] = await json(["proposals"]);
      expect(p.votes).toEqual({ for: "2", against: "1", abstain: "0" });

      await advanceTo(BigInt(p.deadline) + 1n);
      const queued = await json(["queue", proposalId, "--account", "5"]);
      beforeExecution = await latestTimestamp();
      await advanceTo(BigInt(queued.eta) + 1n);
      const executed = await json(["execute", proposalId, "--account", "5"]);
      expect(executed.thresholds).toEqual({ maxSmallParams: "100000000000", maxSmallTrainingFlop: "10000000000000000000000000" });
      await advanceTo((await latestTimestamp()) + 1n);

      const after = await json(["status"]);
      expect(after.thresholds.maxSmallParams).toBe("100000000000");
      expect(after.proposals[0]).toMatchObject({ id: proposalId, state: "Executed" });
    });

    it("should show the re-classification and the history", async () => {
      expect((await json(["model", "classify", modelId])).tier).toBe("Small");
      const then = await json(["model", "classify", modelId, "--at", beforeExecution.toString()]);
      expect(then).toMatchObject({ tier: "Large", thresholds: { maxSmallParams: "70000000000" } });
      const figures = await json(["model", "classify", "--params", "72700000000", "--flop", "7800000000000000000000000"]);
      expect(figures.tier).toBe("Small");
    });

    it("should print the status report as a table", async () => {
      const r = await onChain(["status"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/max Small params\s+100,000,000,000 \(100B\)/);
      expect(r.stdout).toMatch(/Executed/);
    });

    describe("bad input", () => {
      it("should refuse an exponent without --units (exit 1)", async () => {
        expectFailure(await onChain(["model", "classify", "--params", "7e9", "--flop", "1"]), 1, /"7e9" is not a whole decimal number/);
      });

      it("should refuse an unknown command and an unknown flag (exit 1)", async () => {
        expectFailure(await commons(["frobnicate"]), 1, /unknown command "frobnicate"/);
        expectFailure(await commons(["node", "frob"]), 1, /unknown command "node frob"/);
        expectFailure(await onChain(["status", "--bogus"]), 1, /unknown option --bogus/);
      });

      it("should refuse an unknown SKU before sending (exit 1)", async () => {
        expectFailure(await onChain(["node", "register", "--device", "99", "--account", "6"]), 1, /unknown SKU 99/);
      });

      it("should refuse the wrong network (exit 2)", async () => {
        expectFailure(await onChain(["status", "--chain-id", "1"]), 2, /Wrong network: the deployment is on chain 1 but the RPC is chain 31337/);
      });

      it("should report an unreachable RPC (exit 2)", async () => {
        const port = await freePort();
        const r = await commons(["status", "--rpc-url", `http://127.0.0.1:${port}`, "--deployment", DEPLOYMENT_DIR]);
        expectFailure(r, 2, new RegExp(`cannot reach the RPC at 127\\.0\\.0\\.1:${port}`));
      });

      it("should ask for a key and never take one as a flag (exit 1)", async () => {
        expectFailure(await onChain(["vote", proposalId, "for"]), 1, /needs a key/);
        expectFailure(await onChain(["vote", proposalId, "for", "--private-key", "0x01"]), 1, /keys never go on the command line/);
      });

      it("should decode a reverted transaction: exiting a node you don't own (exit 2)", async () => {
        const r = await onChain(["node", "exit", nodeOfAccount1, "--account", "2"]);
        expectFailure(r, 2, new RegExp(`ComputeRegistryNotNodeOwner: ${devAccount(2).address} does not own node ${nodeOfAccount1}`));
      });

      it("should refuse a malformed key without echoing it (exit 1)", async () => {
        const r = await onChain(["vote", proposalId, "for"], { COMMONS_PRIVATE_KEY: "0xdeadbeefcafe" });
        expectFailure(r, 1, /COMMONS_PRIVATE_KEY is not a 32-byte hex private key/);
        expect(r.stderr).not.toContain("deadbeefcafe");
      });
    });
  });
});
