/**
 * Attested hardware end to end through the `commons` CLI, as child processes against the run's `hardhat node`,
 * on a deployment of the file's own (`commons deploy`: the local Ignition module, EAS from its package's
 * artifacts, the dev attester of local.json): attest, register (refused without the owner's own attestation
 * or with a device already in a node), warm up and activate, add a second attester through governance, a
 * challenge answered by the other attester, one answered by the same attester (refused) and slashed, credits
 * claimed, a revoked attestation lapsed for the keeper fee, and the status report's floor and sybil cost.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import localParameters from "../../ignition/parameters/local.json" with { type: "json" };
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { forgetNetworkInstance, ROOT } from "../../scripts/lib/hardhatNode.js";
import { nodeChallengesAbi } from "../../src/abi/generated.js";
import {
  advanceTo,
  devAccount,
  freshChain,
  latestTimestamp,
  loadFixture,
  publicClient,
  rpcUrl,
  useChainSnapshot,
} from "../utils/chain.js";
import { attestWithCli, commons, expectFailure, parsed } from "./helpers.js";

const DEPLOYMENT_ID = `attested-e2e-${new URL(rpcUrl).port}`;
const DEPLOYMENT_DIR = path.join("ignition/deployments", DEPLOYMENT_ID);
const SECOND_ATTESTER = 8;
const CHALLENGER = 5;
const KEEPER = 6;

const onChain = (args: string[]) => commons([...args, "--rpc-url", rpcUrl, "--deployment", DEPLOYMENT_DIR]);
const json = async <T = any>(args: string[]): Promise<T> =>
  parsed<T>(await onChain([...args, "--json"]), args.join(" "));

/** The challenge deposit of this file's deployment, read from the contract. */
async function challengeDeposit(): Promise<bigint> {
  const addresses = JSON.parse(readFileSync(path.join(ROOT, DEPLOYMENT_DIR, "deployed_addresses.json"), "utf8"));
  return publicClient.readContract({
    address: addresses["ComputeCommons#NodeChallenges"],
    abi: nodeChallengesAbi,
    functionName: "deposit",
  });
}

/** A fresh deployment of this file's own. */
async function deployed() {
  await loadFixture(freshChain);
  rmSync(path.join(ROOT, DEPLOYMENT_DIR), { recursive: true, force: true });
  parsed(
    await commons(["deploy", "--rpc-url", rpcUrl, "--account", "0", "--deployment-id", DEPLOYMENT_ID, "--json"]),
    "deploy",
  );
}

/** Owners 1–3 each with a node attested by the dev attester; the first registration's warm-up before activation. */
const RIGS = [
  { owner: 1, devices: [`${SEED_SKU.RTX_3090}:2`] },
  { owner: 2, devices: [`${SEED_SKU.RTX_4090}`] },
  { owner: 3, devices: [`${SEED_SKU.RTX_5090}`] },
];

async function registered() {
  await loadFixture(deployed);
  const files: string[] = [];
  const nodes: { nodeId: string; activatableAt: number }[] = [];
  for (const rig of RIGS) {
    const file = await attestWithCli(onChain, devAccount(rig.owner).address, rig.devices);
    files.push(file);
    nodes.push(await json(["node", "register", "--attestation", file, "--account", String(rig.owner)]));
  }
  return { files, nodes };
}

async function active() {
  const { files, nodes } = await loadFixture(registered);
  await advanceTo(BigInt(nodes.at(-1)!.activatableAt));
  for (const { nodeId } of nodes) await json(["node", "activate", nodeId, "--account", String(KEEPER)]);
  return { files, ids: nodes.map((n) => n.nodeId) };
}

/** The active nodes, and account 8 added as a second attester by a proposal they pass. */
async function twoAttesters() {
  const { files, ids } = await loadFixture(active);
  const address = devAccount(SECOND_ATTESTER).address;
  const { proposalNumber } = await json(["propose", "attester", "--add", address, "--account", "1"]);
  const number = String(proposalNumber);
  const [proposal] = await json(["proposals"]);
  await advanceTo(BigInt(proposal.snapshot) + 1n);
  for (const voter of ["1", "2", "3"]) await json(["vote", number, "for", "--account", voter]);
  await advanceTo(BigInt(proposal.deadline) + 1n);
  await json(["queue", number, "--account", "0"]);
  const [queued] = await json(["proposals"]);
  await advanceTo(BigInt(queued.eta) + 1n);
  await json(["execute", number, "--account", "0"]);
  return { files, ids };
}

describe("commons CLI: attested hardware", () => {
  useChainSnapshot();

  afterAll(() => {
    rmSync(path.join(ROOT, DEPLOYMENT_DIR), { recursive: true, force: true });
    forgetNetworkInstance(DEPLOYMENT_ID);
  });

  it("should list the dev attester of local.json as the only attester", async () => {
    await loadFixture(deployed);
    const attesters = await json<{ address: string }[]>(["attesters"]);
    expect(attesters.map((a) => a.address)).toEqual(localParameters.ComputeCommons.attesters);
  });

  it("should register from the owner's own attestation only, one node per device, Pending until the warm-up", async () => {
    const { files, nodes } = await loadFixture(registered);
    // Another owner's file: the attestation names its recipient (refused before sending).
    expectFailure(
      await onChain(["node", "register", "--attestation", files[0]!, "--account", "4"]),
      1,
      new RegExp(`it attests devices of ${devAccount(1).address}, not of ${devAccount(4).address}`),
    );
    // The same rig attested again (same device ids) cannot be a second node while the first holds it.
    const again = await attestWithCli(onChain, devAccount(1).address, RIGS[0]!.devices);
    expectFailure(
      await onChain(["node", "register", "--attestation", again, "--account", "1"]),
      2,
      new RegExp(`ComputeRegistryDeviceInUse: device 0x[0-9a-f]{64} is in node ${nodes[0]!.nodeId} already`),
    );

    const shown = await json(["node", "show", nodes[0]!.nodeId]);
    expect(shown.status).toBe("Pending");
    // Too early: activation waits out the warm-up.
    expectFailure(
      await onChain(["node", "activate", nodes[0]!.nodeId, "--account", String(KEEPER)]),
      2,
      new RegExp(`ComputeRegistryWarmingUp: node ${nodes[0]!.nodeId} is warming up until`),
    );
    expect((await json(["status"])).activeNodeCount ?? "0").toBe("0");
  });

  it("should refuse an attestation file signed by someone who is not an attester", async () => {
    await loadFixture(deployed);
    const r = await onChain([
      "attest",
      "--owner",
      devAccount(4).address,
      "--device",
      `${SEED_SKU.RTX_3090}`,
      "--out",
      "never.json",
      "--account",
      "7",
    ]);
    expectFailure(r, 1, new RegExp(`${devAccount(7).address} is not an active attester`));
  });

  it("should activate after the warm-up: the nodes vote and count for the floor", async () => {
    const { ids } = await loadFixture(active);
    const nodes = await json<{ id: string; status: string }[]>(["node", "list"]);
    expect(nodes.map((n) => [n.id, n.status])).toEqual(ids.map((id) => [id, "Active"]));
    const status = await json(["status"]);
    expect(status.sybilCost.quorum.votes).toBe("1");
    expect(BigInt(status.sybilCost.majority.votes)).toBe(4n);
    expect(BigInt(status.sybilCost.majority.bond)).toBe(4n * BigInt(status.sybilCost.bondPerNode));
  });

  it("should add a second attester through governance, who answers a challenge", async () => {
    const { ids } = await loadFixture(twoAttesters);
    const attesters = await json<{ address: string }[]>(["attesters"]);
    expect(attesters.map((a) => a.address)).toContain(devAccount(SECOND_ATTESTER).address);

    const node = ids[1]!;
    await json(["node", "challenge", node, "--account", String(CHALLENGER)]);
    expect((await json(["node", "show", node])).challenge).toBeTruthy();
    // The same attester cannot vouch for the rig a second time.
    const same = await attestWithCli(onChain, devAccount(2).address, RIGS[1]!.devices);
    expectFailure(
      await onChain(["node", "answer", node, "--attestation", same, "--account", "2"]),
      2,
      new RegExp(
        `NodeChallengesSameAttester: node ${node} was attested by attester \\d+: the answer needs another attester`,
      ),
    );
    const other = await attestWithCli(onChain, devAccount(2).address, RIGS[1]!.devices, { attester: SECOND_ATTESTER });
    await json(["node", "answer", node, "--attestation", other, "--account", "2"]);
    expect((await json(["node", "show", node])).status).toBe("Active");
    // The challenge deposit went to the owner.
    const credit = await json(["credit", "show", devAccount(2).address]);
    expect(BigInt(credit.amount)).toBe(await challengeDeposit());
  });

  it("should slash an unanswered challenge: half to the challenger, who claims it", async () => {
    const { ids } = await loadFixture(twoAttesters);
    const node = ids[2]!;
    await json(["node", "challenge", node, "--account", String(CHALLENGER)]);
    expectFailure(
      await onChain(["node", "resolve", node, "--account", String(KEEPER)]),
      2,
      new RegExp(`NodeChallengesNotExpired: node ${node}'s owner may answer until .*: resolve after that`),
    );
    await advanceTo((await latestTimestamp()) + BigInt(localParameters.ComputeCommons.challengeWindow) + 1n);
    await json(["node", "resolve", node, "--account", String(KEEPER)]);
    expect((await json(["node", "show", node])).status).toBe("Slashed");
    const before = await publicClient.getBalance({ address: devAccount(CHALLENGER).address });
    await json(["credit", "claim", "--account", String(CHALLENGER)]);
    expect(await publicClient.getBalance({ address: devAccount(CHALLENGER).address })).toBeGreaterThan(before);
  });

  it("should lapse a node whose attestation its attester revoked, paying the keeper", async () => {
    const { files, ids } = await loadFixture(active);
    await json(["attest", "revoke", files[0]!, "--account", "9"]);
    const lapsed = await json(["node", "lapse", ids[0]!, "--account", String(KEEPER)]);
    expect(BigInt(lapsed.fee)).toBeGreaterThan(0n);
    expect((await json(["node", "show", ids[0]!])).status).toBe("Lapsed");
    expect((await json(["node", "list"])).filter((n: { status: string }) => n.status === "Active")).toHaveLength(2);
  });
});
