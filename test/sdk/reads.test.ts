import { describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { bondFor, NODES_PAGE_SIZE, runnableParams, tierName, tierOf } from "../../src/index.js";
import { commonsContracts, freshChain, loadFixture, useChainSnapshot } from "../utils/chain.js";
import { activateAll, commonsFor, countedReader, registerAttested } from "./helpers.js";

useChainSnapshot();

/** 23 attested nodes over four owners (dev accounts 1–4) with a mix of devices; the first ten activated. */
async function twentyThreeNodes() {
  await loadFixture(freshChain);
  const skus = [SEED_SKU.RTX_3090, SEED_SKU.RTX_4090, SEED_SKU.RTX_5090, SEED_SKU.M4_PRO_64GB];
  const ids: bigint[] = [];
  for (let i = 0; i < 23; i++) {
    const devices = [{ skuId: skus[i % skus.length]!, count: 1 + (i % 2) }];
    ids.push((await registerAttested(1 + (i % 4), devices, { metadataURI: `ipfs://rig-${i}` })).nodeId);
  }
  await activateAll(ids.slice(0, 10));
}

describe("SDK reads", () => {
  it("should read the whole governance state in exactly one request", async () => {
    await loadFixture(freshChain);
    const { commons, counter } = countedReader();
    const state = await commons.readGovernanceState();
    expect(counter.requests).toBe(1);
    expect(counter.methods).toEqual(["eth_call"]);
    expect(state.thresholds).toEqual({ maxSmallParams: 70_000_000_000n, maxSmallTrainingFlop: 10n ** 25n });
    expect(state.guards).toEqual({
      floorPercentile: 50,
      floorWindow: 320n,
      quantBits: 4,
      overheadBps: 1000,
      minChangeInterval: 300n,
      raiseInterval: 60n,
    });
    expect(state.skuCount).toBe(9n);
    expect(state.governor).toMatchObject({ quorumNumerator: 4n, minQuorumVotes: 1n, pipelineLength: 540n });
    expect(state.nextChangeAt).toBe(state.lastChangeAt + 300n);
    expect(state.registry).toMatchObject({ warmup: 360n, attesters: [commonsFor(9).account.address] });
    expect(state.registry.params).toMatchObject({
      bondBase: 10n ** 16n,
      bondPerGiB: 5n * 10n ** 14n,
      unbondingPeriod: 600,
    });
    expect(state.challenges).toEqual({ deposit: 5n * 10n ** 16n, window: 60n, owed: 0n });
  });

  it("should list N nodes in ceil(N / pageSize) requests, never one per node", async () => {
    await loadFixture(twentyThreeNodes);
    const { commons, counter } = countedReader();
    const total = Number((await commons.readGovernanceState()).registry.nodeCount);
    expect(total).toBeGreaterThanOrEqual(23);

    for (const pageSize of [1, 5, 10, 23, 100]) {
      counter.requests = 0;
      const nodes = await commons.listNodes({ pageSize });
      expect(nodes).toHaveLength(total);
      expect(counter.requests).toBe(Math.max(1, Math.ceil(total / pageSize)));
      expect(nodes.map((n) => n.id)).toEqual(Array.from({ length: total }, (_, i) => BigInt(i + 1)));
    }
    counter.requests = 0;
    await commons.listNodes();
    expect(counter.requests).toBe(Math.ceil(total / NODES_PAGE_SIZE));

    const packed = await commons.listNodes({ pageSize: 100 });
    const last = packed.at(-1)!;
    expect(last).toMatchObject({ metadataURI: "ipfs://rig-22", status: "Pending" });
    expect("challenge" in last).toBe(false); // packed pages carry no challenges
    expect(last.bond).toBe(bondFor({ bondBase: 10n ** 16n, bondPerGiB: 5n * 10n ** 14n }, last.memoryMiB));
    expect(last.activatableAt).toBeGreaterThan(0);
    expect(packed.slice(0, 10).every((n) => n.status === "Active" && n.activatableAt === 0)).toBe(true);

    // The lens's decoded pages: the same nodes with their challenges, in as many requests.
    counter.requests = 0;
    const decoded = await commons.listNodes({ pageSize: 10, challenges: true });
    expect(counter.requests).toBe(Math.ceil(total / 10));
    expect(decoded).toEqual(packed.map((n) => ({ ...n, challenge: null })));
    expect(await commons.getNode({ nodeId: last.id })).toEqual(decoded.at(-1));
  });

  it("should list an owner's nodes, newest first", async () => {
    await loadFixture(twentyThreeNodes);
    const { commons, counter } = countedReader();
    const owner = commonsFor(1).account.address;
    const mine = await commons.listNodes({ owner, pageSize: 2 });
    expect(mine.length).toBeGreaterThanOrEqual(6);
    expect(mine.every((n) => n.owner === owner)).toBe(true);
    expect(mine.map((n) => n.id)).toEqual([...mine.map((n) => n.id)].sort((a, b) => (a < b ? 1 : -1)));
    expect(counter.requests).toBe(Math.ceil(mine.length / 2));
  });

  it("should list the catalog's SKUs and agree with single reads", async () => {
    await loadFixture(freshChain);
    const { commons, counter } = countedReader();
    const skus = await commons.listSkus({ pageSize: 4 });
    expect(counter.requests).toBe(3); // 9 SKUs in pages of 4
    expect(skus.map((s) => s.name)).toContain("GeForce RTX 4090 24 GB");
    expect(await commons.getSku({ skuId: SEED_SKU.RTX_4090 })).toEqual(skus[SEED_SKU.RTX_4090 - 1]);
  });

  it("should mirror CapacityMath.runnableParams exactly on many inputs", async () => {
    const { classifier } = commonsContracts();
    let seed = 42n;
    const next = (mod: bigint) => {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
      return seed % mod;
    };
    const cases: [bigint, bigint, bigint][] = [
      [24_576n, 4n, 1000n],
      [49_152n, 4n, 1000n],
      [0n, 1n, 0n],
      [1n, 32n, 9999n],
      [1_048_576n, 1n, 0n],
    ];
    for (let i = 0; i < 60; i++) cases.push([next(1_048_577n), 1n + next(32n), next(10_000n)]);
    for (const [memoryMiB, quantBits, overheadBps] of cases) {
      const onChain = await classifier.read.runnableParams([memoryMiB, quantBits, overheadBps]);
      expect(runnableParams(memoryMiB, quantBits, overheadBps)).toBe(onChain);
    }
    expect(runnableParams(24_576n, 4n, 1000n)).toBe(46_385_646_796n);
  });

  it("should mirror ModelClassifier.classify exactly with tierOf, at and around both thresholds", async () => {
    await loadFixture(freshChain);
    const { classifier } = commonsContracts();
    const thresholds = await classifier.read.thresholds();
    const around = (v: bigint) => [1n, v - 1n, v, v + 1n, v * 2n];
    for (const params of around(thresholds.maxSmallParams)) {
      for (const trainingFlop of around(thresholds.maxSmallTrainingFlop)) {
        const onChain = tierName(await classifier.read.classify([params, trainingFlop]));
        expect(tierOf(thresholds, { params, trainingFlop }), `${params} params, ${trainingFlop} FLOP`).toBe(onChain);
      }
    }
  });
});
