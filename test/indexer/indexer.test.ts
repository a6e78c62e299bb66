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
import { keccak256, toHex, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { advanceTime, testClient } from "../utils/chain.js";
import { commonsFor, executeWhenReady, registerActive, registerAttested } from "../sdk/helpers.js";
import { startIndexer, waitFor, type Indexer } from "./ponder.js";

const reader = commonsFor(0);

/** Five attested nodes of 12 to 64 GiB (owners 1 to 5): enough consumer memory for a Small line at 120B. */
const RIGS = [
  { owner: 1, devices: [{ skuId: SEED_SKU.RTX_3090, count: 1 }] },
  { owner: 2, devices: [{ skuId: SEED_SKU.RTX_4090, count: 1 }] },
  { owner: 3, devices: [{ skuId: SEED_SKU.RTX_3090, count: 2 }] },
  { owner: 4, devices: [{ skuId: SEED_SKU.M4_PRO_64GB, count: 1 }] },
  { owner: 5, devices: [{ skuId: SEED_SKU.RTX_3060_12GB, count: 1 }] },
];

let models = 0;
async function registerModel(params: bigint, trainingFlop: bigint) {
  const name = `Model ${++models}`;
  return commonsFor(6).registerModel({
    name,
    params,
    trainingFlop,
    openWeights: true,
    weightsHash: keccak256(toHex(`${name} weights`)),
    uri: `https://example.org/models/${models}`,
  });
}

/** Proposes a new Small line, waits out the voting delay and has each voter vote with a reason. */
async function proposeAndVote(
  maxSmallParams: bigint,
  voters: readonly { voter: number; support: "for" | "against" | "abstain" }[],
) {
  const { proposalId } = await commonsFor(1).proposeThresholds({
    maxSmallParams,
    maxSmallTrainingFlop: 10n ** 25n,
    description: `Small up to ${maxSmallParams / 10n ** 9n}B`,
  });
  await advanceTime(61); // past votingDelay: Active
  for (const { voter, support } of voters) {
    await commonsFor(voter).castVote({ proposal: proposalId, support, reason: `voter ${voter}: ${support}` });
  }
  return proposalId;
}

/** Past the voting period, queued, then executed after the timelock delay. */
async function queueAndExecute(proposal: bigint) {
  await advanceTime(301);
  await reader.queueProposal({ proposal });
  await executeWhenReady(proposal);
}

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
