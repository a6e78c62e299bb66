/**
 * The README's local walkthrough with the waits it states, and no more: a fresh deployment with the local
 * timings (`ignition/parameters/local.json`), three rigs attested by the dev attester, registered from their
 * attestation files and activated after the warm-up, and a model; then propose, wait the voting delay,
 * vote, wait the voting period, queue, wait the timelock delay, execute. The execution must pass: the
 * classifier's `minChangeInterval` (counted from deployment for the first change) is shorter than that
 * pipeline. The README's minutes are read from the README and must be the parameters' seconds.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import localParameters from "../ignition/parameters/local.json" with { type: "json" };
import { forgetNetworkInstance, ROOT } from "../scripts/lib/hardhatNode.js";
import { commons as cli, parsed, README_MODEL_ARGS } from "./cli/helpers.js";
import { devAccount, freshChain, loadFixture, rpcUrl, testClient, useChainSnapshot } from "./utils/chain.js";

const local = localParameters.ComputeCommons;
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const WALKTHROUGH = /## Local walkthrough\n\n```sh\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
const DEPLOYMENT_ID = `walkthrough-${new URL(rpcUrl).port}`;
const DEPLOYMENT_DIR = path.join(ROOT, "ignition/deployments", DEPLOYMENT_ID);

/** The minutes a README comment states, in seconds: `<command> … # after the <what> (N min locally)`. */
function statedWait(command: string, what: string): number {
  const escaped = command.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`^npx commons ${escaped}\\s+# after the ${what} \\((\\d+) min locally\\)$`, "m").exec(
    WALKTHROUGH,
  );
  if (match === null)
    throw new Error(`the README's walkthrough has no "npx commons ${command}  # after the ${what} (N min locally)"`);
  return Number(match[1]) * 60;
}

/** The README's way to wait: move the node's clock, then mine a block (`npm run node` mines one a second). */
async function wait(seconds: number): Promise<void> {
  await testClient.increaseTime({ seconds });
  await testClient.mine({ blocks: 1 });
}

/** `commons <args> --json` on the walkthrough's deployment (its RPC and key from its flags only), parsed. */
async function commons(args: string[]): Promise<Record<string, any>> {
  const flags = ["--rpc-url", rpcUrl, ...(args[0] === "deploy" ? [] : ["--deployment", DEPLOYMENT_DIR]), "--json"];
  return parsed(await cli([...args, ...flags]), args.join(" "));
}

describe("the README's local walkthrough", () => {
  useChainSnapshot();

  afterAll(() => {
    rmSync(DEPLOYMENT_DIR, { recursive: true, force: true });
    forgetNetworkInstance(DEPLOYMENT_ID);
  });

  it("should state the waits and the change interval that local.json sets", () => {
    expect(statedWait("node activate 1 --account 0", "warm-up")).toBe(local.votingDelay + local.votingPeriod);
    expect(statedWait("vote 1 for --account 1", "voting delay")).toBe(local.votingDelay);
    expect(statedWait("queue 1 --account 0", "voting period")).toBe(local.votingPeriod);
    expect(statedWait("execute 1 --account 0", "timelock delay")).toBe(local.timelockDelay);
    const interval = /once per `minChangeInterval` \((\d+) min locally\)/.exec(README)?.[1];
    expect(Number(interval) * 60).toBe(local.minChangeInterval);
    // The first change is counted from deployment: the pipeline alone must cover the interval.
    expect(local.votingDelay + local.votingPeriod + local.timelockDelay).toBeGreaterThan(local.minChangeInterval);
  });

  it("should execute the threshold raise after exactly the stated waits", { timeout: 300_000 }, async () => {
    await loadFixture(freshChain);
    await commons(["deploy", "--account", "0", "--deployment-id", DEPLOYMENT_ID]);
    // The dev attester signs each rig for its owner; the owners register from the files, then anyone
    // activates the nodes after the stated warm-up.
    const files = mkdtempSync(path.join(tmpdir(), "walkthrough-"));
    const rigs = [
      { account: 1, device: "2:2" },
      { account: 2, device: "4" },
      { account: 3, device: "6" },
    ];
    const nodeIds: string[] = [];
    for (const { account, device } of rigs) {
      const out = path.join(files, `rig${account}.json`);
      await commons([
        "attest",
        "--owner",
        devAccount(account).address,
        "--device",
        device,
        "--out",
        out,
        "--account",
        "9",
      ]);
      nodeIds.push((await commons(["node", "register", "--attestation", out, "--account", String(account)])).nodeId);
    }
    expect(nodeIds, "the README activates nodes 1, 2 and 3").toEqual(["1", "2", "3"]);
    const refused = await cli(["node", "register", "--device", "2", "--account", "5", "--rpc-url", rpcUrl]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /--device is not accepted here: a node's devices come from an attester's attestation/,
    );
    await wait(statedWait("node activate 1 --account 0", "warm-up"));
    for (const nodeId of nodeIds) await commons(["node", "activate", nodeId, "--account", "0"]);
    const { modelId } = await commons([...README_MODEL_ARGS]);
    expect((await commons(["model", "classify", String(modelId)])).tier).toBe("Large");

    // The walkthrough's own deployment: its first proposal is number 1, as the README's commands say.
    const { proposalNumber } = await commons([
      "propose",
      "thresholds",
      "--max-small-params",
      "100000000000",
      "--account",
      "1",
    ]);
    const proposal = String(proposalNumber);
    expect(proposal).toBe("1");
    await wait(local.votingDelay + 1); // voting opens the second after the delay, as the README says
    await commons(["vote", proposal, "for", "--account", "1"]);
    await commons(["vote", proposal, "for", "--account", "2"]);
    await wait(local.votingPeriod);
    await commons(["queue", proposal, "--account", "0"]);
    await wait(local.timelockDelay);
    const executed = await commons(["execute", proposal, "--account", "0"]);
    expect(executed.thresholds.maxSmallParams).toBe("100000000000");
    expect((await commons(["model", "classify", String(modelId)])).tier).toBe("Small");
  });
});
