/**
 * The indexer (`indexer/`, Ponder with embedded PGlite) against the run's hardhat node: after a governance
 * round driven with the SDK, its GraphQL and SQL answers equal the chain's own history reads (thresholds,
 * votes with their reasons, registrations); killed mid-way and restarted on the same data folder, it loses
 * and doubles nothing.
 *
 * One `beforeAll` sets up what every case needs (five active nodes, a model, and an indexer that follows the
 * chain from the start); each case then drives its own proposal, so any case runs alone (`-t`). The chain is
 * not reverted between cases (a revert under a running indexer is a reorg deeper than its finality window):
 * each compares the indexer with the whole history, and the file reverts the chain to where it found it once
 * the indexers are gone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { freePort } from "../../scripts/lib/hardhatNode.js";
import { getVoteHistory, IndexerBehindError, IndexerResponseError, IndexerUnreachableError } from "../../src/index.js";
import { buildApp, dashboardUrl, launchChromium, loadStats, openDashboard, serveStatic } from "../app/harness.js";
import { expectError } from "../sdk/expect.js";
import { deployment, publicClient, rpcUrl, testClient } from "../utils/chain.js";
import { commonsFor, registerActive, registerAttested } from "../sdk/helpers.js";
import { startIndexer, waitFor, type Indexer } from "./ponder.js";
import { countingReader, proposeAndVote, queueAndExecute, registerModel, RIGS } from "./round.js";

const reader = commonsFor(0);

// ---------------------------------------------------------------------------------- chain and indexer reads

const str = (v: bigint | number) => String(v);
const lower = (a: string) => a.toLowerCase();

async function chainView() {
  const [thresholds, votes, registrations] = await Promise.all([
    reader.getThresholdHistory(),
    reader.getVoteHistory(),
    reader.getRegistrationHistory(),
  ]);
  return {
    thresholds: thresholds.map((args) => ({
      maxSmallParams: str(args.newMaxSmallParams),
      maxSmallTrainingFlop: str(args.newMaxSmallTrainingFlop),
      raisedToFloor: args.raisedToFloor,
      blockNumber: str(args.blockNumber),
    })),
    votes: votes.map((args) => ({
      proposalId: str(args.proposalId),
      voter: lower(args.voter),
      support: args.support,
      weight: str(args.weight),
      reason: args.reason,
      transactionHash: args.transactionHash,
    })),
    registrations: registrations.map((args) => ({
      nodeId: str(args.nodeId),
      owner: lower(args.owner),
      memoryMiB: args.memoryMiB,
      attestationUid: args.attestationUid,
      attesterId: args.attesterId,
      blockNumber: str(args.blockNumber),
    })),
  };
}

type Items<T> = { items: T[] };

async function indexedView(indexer: Indexer) {
  const data = await indexer.graphql<{
    thresholdEpochs: Items<{
      maxSmallParams: string;
      maxSmallTrainingFlop: string;
      raisedToFloor: boolean;
      blockNumber: string;
    }>;
    votes: Items<{
      proposalId: string;
      voter: string;
      support: number;
      weight: string;
      reason: string;
      transactionHash: Hex;
    }>;
    nodeEvents: Items<{
      nodeId: string;
      owner: string;
      memoryMiB: number;
      attestationUid: Hex;
      attesterId: number;
      blockNumber: string;
    }>;
  }>(`{
    thresholdEpochs(orderBy: "epoch", orderDirection: "asc", limit: 1000) {
      items { maxSmallParams maxSmallTrainingFlop raisedToFloor blockNumber }
    }
    votes(orderBy: "blockNumber", orderDirection: "asc", limit: 1000) {
      items { proposalId voter support weight reason transactionHash }
    }
    nodeEvents(where: { kind: "registered" }, orderBy: "blockNumber", orderDirection: "asc", limit: 1000) {
      items { nodeId owner memoryMiB attestationUid attesterId blockNumber }
    }
  }`);
  return {
    thresholds: data.thresholdEpochs.items,
    votes: data.votes.items.map((v) => ({ ...v, voter: lower(v.voter) })),
    registrations: data.nodeEvents.items.map((n) => ({ ...n, owner: lower(n.owner) })),
  };
}

/** Waits until the indexer's view equals the chain's (it follows the chain a moment behind). */
async function expectIndexedAsChain(indexer: Indexer) {
  const expected = await chainView();
  const seen = await waitFor(
    () => indexedView(indexer),
    (view) => JSON.stringify(view) === JSON.stringify(expected),
    { timeoutMs: 30_000, what: "the indexer to catch up with the chain" },
  ).catch(async () => indexedView(indexer));
  expect(seen).toEqual(expected);
  return expected;
}

/** Each proposal's tally and state from the chain, against the indexer's rows (SQL). */
async function expectProposalsAsChain(indexer: Indexer) {
  const rows = await indexer.sql<{
    proposal_id: string;
    state: string;
    for_votes: string;
    against_votes: string;
    abstain_votes: string;
  }>("select proposal_id, state, for_votes, against_votes, abstain_votes from proposal order by proposal_id");
  for (const row of rows) {
    const onChain = await reader.getProposal({ proposal: BigInt(row.proposal_id) });
    expect({ for: row.for_votes, against: row.against_votes, abstain: row.abstain_votes }).toEqual({
      for: str(onChain.votes.for),
      against: str(onChain.votes.against),
      abstain: str(onChain.votes.abstain),
    });
    // The indexer's states are the logged ones; before queued, the chain's depend on the clock.
    if (row.state !== "created") expect(row.state).toBe(onChain.state.toLowerCase());
  }
  return rows;
}

/** The SDK's three history reads, from a client. */
const historyOf = (client: typeof reader | ReturnType<typeof countingReader>["client"]) =>
  Promise.all([client.getThresholdHistory(), client.getVoteHistory(), client.getRegistrationHistory()]);

// ------------------------------------------------------------------------------------------------- tests

describe("indexer (Ponder) against the chain", () => {
  let before: Hex | undefined;
  const indexers: Indexer[] = [];
  const dataDirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "commons-indexer-"));
    dataDirs.push(dir);
    return dir;
  };
  const start = async (dir: string) => {
    const indexer = await startIndexer(dir);
    indexers.push(indexer);
    return indexer;
  };
  /** Follows the chain from before the set-up on; the cases that do not restart an indexer read this one. */
  let shared: Indexer;
  let nodeIds: bigint[];

  beforeAll(async () => {
    before = await testClient.snapshot();
    shared = await start(dataDir());
    nodeIds = await registerActive(RIGS);
    await registerModel(100_000_000_000n, 10n ** 24n); // Small at 120B, Large before
  });
  afterAll(async () => {
    for (const indexer of indexers) await indexer.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    if (before !== undefined) await testClient.revert({ id: before });
  });

  it("should hold the nodes' ballots as the chain does: cast, changed, withdrawn", async () => {
    const owner = (i: number) => commonsFor(RIGS[i]!.owner);
    await owner(0).castBallot({
      nodeId: nodeIds[0]!,
      maxSmallParams: 100_000_000_000n,
      maxSmallTrainingFlop: 10n ** 26n,
    });
    await owner(1).castBallot({
      nodeId: nodeIds[1]!,
      maxSmallParams: 60_000_000_000n,
      maxSmallTrainingFlop: 10n ** 24n,
    });
    await owner(1).castBallot({
      nodeId: nodeIds[1]!,
      maxSmallParams: 80_000_000_000n,
      maxSmallTrainingFlop: 10n ** 25n,
    });
    await owner(2).castBallot({
      nodeId: nodeIds[2]!,
      maxSmallParams: 90_000_000_000n,
      maxSmallTrainingFlop: 10n ** 25n,
    });
    await owner(2).withdrawBallot({ nodeId: nodeIds[2]! });

    type Row = {
      node_id: string;
      owner: string;
      max_small_params: string;
      max_small_training_flop: string;
      expiry_epoch: number;
      active: boolean;
      removal: string | null;
    };
    const rows = await waitFor(
      () =>
        shared.sql<Row>(
          "select node_id, owner, max_small_params, max_small_training_flop, expiry_epoch, active, removal from ballot order by node_id",
        ),
      (r) => r.length === 3 && r.some((row) => row.removal === "withdrawn"),
      { timeoutMs: 30_000, what: "the indexer to hold three ballots, one withdrawn" },
    );
    for (const [i, row] of rows.entries()) {
      const onChain = await reader.getBallot({ nodeId: nodeIds[i]! });
      expect(row.node_id).toBe(str(nodeIds[i]!));
      if (onChain === undefined) {
        expect({ active: row.active, removal: row.removal }).toEqual({ active: false, removal: "withdrawn" });
        continue;
      }
      expect({
        params: row.max_small_params,
        flop: row.max_small_training_flop,
        expiry: Number(row.expiry_epoch),
        active: row.active,
      }).toEqual({
        params: str(onChain.maxSmallParams),
        flop: str(onChain.maxSmallTrainingFlop),
        expiry: onChain.expiryEpoch,
        active: true,
      });
    }
    const [{ count }] = await shared.sql<{ count: string | number }>("select count(*) as count from ballot_event");
    expect(Number(count)).toBe(5); // four casts (one a change) and one removal
  });

  it("should answer a governance round's thresholds, votes and registrations as the chain does", async () => {
    const indexer = shared;
    const proposal = await proposeAndVote(120_000_000_000n, [
      { voter: 1, support: "for" },
      { voter: 2, support: "for" },
      { voter: 3, support: "against" },
      { voter: 4, support: "abstain" },
    ]);
    await queueAndExecute(proposal);

    const chain = await expectIndexedAsChain(indexer);
    expect(chain.thresholds.at(-1)!.maxSmallParams).toBe("120000000000");
    expect(chain.votes.filter((v) => v.proposalId === str(proposal)).map((v) => v.reason)).toEqual([
      "voter 1: for",
      "voter 2: for",
      "voter 3: against",
      "voter 4: abstain",
    ]);
    expect(chain.registrations.map((r) => r.nodeId)).toEqual(expect.arrayContaining(nodeIds.map(str)));

    const [row] = (await expectProposalsAsChain(indexer)).filter((p) => p.proposal_id === str(proposal));
    expect(row!.state).toBe("executed");
    const changes = await indexer.sql<{ kind: string }>(
      `select kind from proposal_event where proposal_id = ${proposal} order by block_number, log_index`,
    );
    expect(changes.map((c) => c.kind)).toEqual(["created", "queued", "executed"]);
    // The model's tier in the latest threshold epoch: Small at 120B (it was Large under the initial line).
    const tiers = await indexer.graphql<{ modelTiers: Items<{ epoch: number; tier: string }> }>(
      `{ modelTiers(orderBy: "epoch", orderDirection: "desc", limit: 1) { items { epoch tier } } }`,
    );
    expect(tiers.modelTiers.items[0]).toEqual({ epoch: chain.thresholds.length, tier: "small" });
    // Every tier the indexer holds equals the classifier's own answer under that epoch's thresholds.
    const history = await indexer.sql<{ model_id: string; epoch: number; tier: string; timestamp: string }>(
      "select t.model_id, t.epoch, t.tier, e.timestamp from model_tier t join threshold_epoch e on e.epoch = t.epoch order by t.model_id, t.epoch",
    );
    expect(history.map((t) => t.tier)).toEqual(expect.arrayContaining(["large", "small"]));
    // classifyModelAt answers for past seconds only: the latest epoch began in the latest block.
    await testClient.increaseTime({ seconds: 1 });
    await testClient.mine({ blocks: 1 });
    for (const t of history) {
      const onChain = await reader.classifyModel({ modelId: BigInt(t.model_id), timepoint: BigInt(t.timestamp) });
      expect({ model: t.model_id, epoch: t.epoch, tier: t.tier }).toEqual({
        model: t.model_id,
        epoch: t.epoch,
        tier: onChain.toLowerCase(),
      });
    }
  });

  it("should answer the SDK's history reads through indexerUrl as the chain does, one request each", async () => {
    const proposal = await proposeAndVote(135_000_000_000n, [
      { voter: 4, support: "for" },
      { voter: 5, support: "for" },
      { voter: 2, support: "against" },
    ]);
    await queueAndExecute(proposal);
    const { client, requests } = countingReader(shared.url);
    const chain = await historyOf(reader);
    const indexed = await waitFor(
      () => historyOf(client),
      (view) => view.every((rows, i) => rows.length === chain[i]!.length),
      { timeoutMs: 30_000, what: "the indexer to catch up with the chain" },
    );
    // Deep-equal: the same records (bigints, checksummed addresses, numbers) in the same order.
    expect(indexed).toEqual(chain);
    expect(chain[1].map((v) => v.reason)).toEqual(
      expect.arrayContaining(["voter 4: for", "voter 5: for", "voter 2: against"]),
    );

    const reads = [
      ["getThresholdHistory", () => client.getThresholdHistory(), () => reader.getThresholdHistory()],
      ["getVoteHistory", () => client.getVoteHistory(), () => reader.getVoteHistory()],
      ["getRegistrationHistory", () => client.getRegistrationHistory(), () => reader.getRegistrationHistory()],
    ] as const;
    for (const [name, viaIndexer, viaChain] of reads) {
      requests.indexer = 0;
      requests.rpc = 0;
      expect(await viaIndexer(), name).toEqual(await viaChain());
      expect(requests, name).toEqual({ indexer: 1, rpc: 0 });
    }

    // The actions as plain functions on the decorated client (as the dashboard calls them) ask the indexer too.
    requests.indexer = 0;
    requests.rpc = 0;
    expect(await getVoteHistory(client)).toEqual(chain[1]);
    expect(requests).toEqual({ indexer: 1, rpc: 0 });

    // A block range: the same slice as the chain's scan of it.
    const votes = chain[1];
    const range = { fromBlock: votes.at(-2)!.blockNumber, toBlock: votes.at(-1)!.blockNumber };
    expect(await client.getVoteHistory(range)).toEqual(await reader.getVoteHistory(range));
    expect(await client.getVoteHistory(range)).toHaveLength(2);
  });

  it("should read the dashboard's threshold history through the indexer with ?indexer=", async () => {
    const proposal = await proposeAndVote(110_000_000_000n, [
      { voter: 1, support: "for" },
      { voter: 3, support: "for" },
    ]);
    await queueAndExecute(proposal);
    const changes = await reader.getThresholdHistory();
    const { client } = countingReader(shared.url);
    await waitFor(
      () => client.getThresholdHistory(),
      (indexed) => indexed.length === changes.length,
      { timeoutMs: 30_000, what: "the indexer to index the threshold change" },
    );
    const browser = await launchChromium();
    const server = await serveStatic(await buildApp());
    try {
      const page = await browser.context.newPage();
      const url = new URL(dashboardUrl(server.url, rpcUrl, deployment));
      url.searchParams.set("indexer", shared.url);
      expect(await openDashboard(page, url.href)).toBe("ready");
      expect(await page.textContent("[data-testid=max-small-params]")).toBe("110,000,000,000");
      // Model 1 (100B) was Large under the initial line and is Small at 110B: its history spans the epochs.
      const history = page.locator("[data-testid=models-table] tbody tr", { hasText: "Model 1" }).locator(".history");
      expect((await history.textContent())?.replace(/\s+/g, " ")).toMatch(/Large.*→.*Small/);
      // One request to the indexer instead of the log scan (getBlockNumber and eth_getLogs windows).
      const stats = await loadStats(page);
      expect(stats.text).toContain("indexer ×1");
      expect(stats.text).not.toMatch(/eth_getLogs|eth_blockNumber/);
      expect(await page.textContent("#chain")).toContain(`history from the indexer at ${shared.url}`);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it("should throw typed errors when the indexer is unreachable, answers badly or is behind", async () => {
    const dead = countingReader(`http://127.0.0.1:${await freePort()}`);
    await expectError(dead.client.getVoteHistory(), IndexerUnreachableError, /Cannot reach the indexer/);
    expect(dead.requests.rpc, "no silent fall-back to the chain").toBe(0);
    // The hardhat node is no indexer: a JSON-RPC error where GraphQL data should be.
    const wrong = countingReader(rpcUrl);
    await expectError(wrong.client.getThresholdHistory(), IndexerResponseError, /answered badly/);
    const ahead = (await publicClient.getBlockNumber()) + 1_000n;
    const behind = await expectError(
      countingReader(shared.url).client.getRegistrationHistory({ toBlock: ahead }),
      IndexerBehindError,
    );
    expect(behind.toBlock).toBe(ahead);
    expect(behind.indexedBlock).toBeLessThan(ahead);
  });

  it("should lose and double nothing when killed mid-way and restarted on the same data", async () => {
    const dir = dataDir();
    let indexer = await start(dir);
    await registerAttested(7, [{ skuId: SEED_SKU.RX_7900_XTX, count: 1 }]);
    const proposal = await proposeAndVote(130_000_000_000n, [{ voter: 1, support: "for" }]);
    await expectIndexedAsChain(indexer);

    await indexer.crash();
    // While it is down: more votes, the proposal queued and executed, another registration and model.
    await commonsFor(2).castVote({ proposal, support: "for", reason: "while the indexer was down" });
    await commonsFor(3).castVote({ proposal, support: "against", reason: "me too" });
    await queueAndExecute(proposal);
    await registerAttested(8, [{ skuId: SEED_SKU.RTX_5090, count: 1 }]);
    await registerModel(125_000_000_000n, 10n ** 24n);

    indexer = await start(dir);
    const chain = await expectIndexedAsChain(indexer);
    expect(chain.votes.map((v) => v.reason)).toContain("while the indexer was down");
    await expectProposalsAsChain(indexer);

    // Nothing doubled: as many rows as logs, one epoch per ThresholdsUpdated, one tier per model and epoch.
    const count = async (from: string) =>
      Number((await indexer.sql<{ n: string }>(`select count(*) as n from ${from}`))[0]!.n);
    expect(await count("vote")).toBe(chain.votes.length);
    expect(await count("threshold_epoch")).toBe(chain.thresholds.length);
    expect(await count("node_event where kind = 'registered'")).toBe(chain.registrations.length);
    const executed = (await reader.listProposals()).filter((p) => p.state === "Executed");
    expect(executed.map((p) => p.id)).toContain(proposal);
    expect(await count("proposal_event where kind = 'executed'")).toBe(executed.length);
    const doubled = await indexer.sql(
      "select model_id, epoch from model_tier group by model_id, epoch having count(*) > 1",
    );
    expect(doubled).toEqual([]);
    const models = await reader.listModels();
    expect(await count("model")).toBe(models.length);
    const [memory] = await indexer.sql<{ mib: string }>(
      "select sum(memory_mib) as mib from node_event where kind = 'registered'",
    );
    expect(Number(memory!.mib)).toBe(chain.registrations.reduce((sum, r) => sum + r.memoryMiB, 0));
  });
});
