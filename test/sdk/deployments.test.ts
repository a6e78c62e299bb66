/**
 * A deployment knows the block it was deployed in (from Ignition's journal), and event history scans start
 * there rather than at block 0: against the run's `hardhat node` and the deployment its global setup made.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/hardhatNode.js";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { http } from "viem";
import {
  chainIdFromJournal,
  commonsDeployments,
  createCommonsClient,
  defineDeployment,
  deployBlockFromJournal,
  DeploymentError,
  publishedDeployment,
} from "../../src/index.js";
import { loadDeployment } from "../../src/node.js";
import { deployment, freshChain, loadFixture, publicClient, rpcUrl, useChainSnapshot } from "../utils/chain.js";
import { countedReader, registerAttested } from "./helpers.js";
import { publishedDeployments, PublishError } from "../../scripts/gen-addresses.js";

const JOURNAL = path.join(ROOT, "ignition/deployments", deployment.deploymentId, "journal.jsonl");

describe("deployment block", () => {
  useChainSnapshot();

  it("should load the block of the deployment's first transaction from Ignition's journal", async () => {
    const loaded = loadDeployment({ chainId: 31337, deploymentId: deployment.deploymentId });
    expect(loaded.deployBlock).toBeGreaterThan(0);
    expect(loaded.deployBlock).toBe(deployment.deployBlock);
    // It is the block of the catalog's creation or earlier, and nothing of the system exists before it.
    const before = BigInt(loaded.deployBlock! - 1);
    expect(await publicClient.getCode({ address: loaded.catalog, blockNumber: before })).toBeUndefined();
  });

  it("should read the first confirmed transaction's block, skipping a line cut short", () => {
    const journal = readFileSync(JOURNAL, "utf8");
    expect(deployBlockFromJournal(`${journal}{"type":"TRANSACTION_CONFIRM","receipt":{"blockN`)).toBe(
      deployment.deployBlock,
    );
    expect(deployBlockFromJournal('{"chainId":31337,"type":"DEPLOYMENT_INITIALIZE"}\n')).toBeUndefined();
  });

  it("should scan history from the deployment block, not from block 0", async () => {
    await loadFixture(freshChain);
    await registerAttested(1, [{ skuId: SEED_SKU.RTX_3090, count: 1 }]);
    const { commons, counter } = countedReader();
    expect(await commons.getRegistrationHistory()).toHaveLength(1);
    const scans = counter.calls.filter((c) => c.method === "eth_getLogs");
    expect(scans.length).toBeGreaterThan(0);
    const from = (scans[0]!.params[0] as { fromBlock: string }).fromBlock;
    expect(BigInt(from)).toBe(BigInt(deployment.deployBlock!));
    // An explicit fromBlock still wins.
    const fromZero = countedReader();
    await fromZero.commons.getRegistrationHistory({ fromBlock: 0 });
    const first = fromZero.counter.calls.find((c) => c.method === "eth_getLogs")!;
    expect(BigInt((first.params[0] as { fromBlock: string }).fromBlock)).toBe(0n);
  });

  it("should refuse a deployBlock that is not a block number", () => {
    const { deploymentId: _, ...addresses } = deployment;
    expect(() => defineDeployment({ ...addresses, deployBlock: -1 })).toThrow(DeploymentError);
    expect(() => defineDeployment({ ...addresses, deployBlock: "soon" })).toThrow(
      /deployBlock "soon" is not a block number/,
    );
    expect(defineDeployment({ ...addresses, deployBlock: "7" }).deployBlock).toBe(7);
  });
});

describe("published deployments", () => {
  it("should read the chain id Ignition's journal records", () => {
    expect(chainIdFromJournal(readFileSync(JOURNAL, "utf8"))).toBe(31337);
    expect(chainIdFromJournal('{"type":"TRANSACTION_CONFIRM"}\n')).toBeUndefined();
  });

  it("should never publish a deployment on the local chain, even one listed", () => {
    expect(() => publishedDeployments(ROOT, [deployment.deploymentId])).toThrow(PublishError);
    expect(() => publishedDeployments(ROOT, [deployment.deploymentId])).toThrow(
      `deployment ${deployment.deploymentId} is on local chain 31337: a local chain is never published`,
    );
  });

  it("should resolve a chain's published deployment, and refuse a chain with none", () => {
    const { deploymentId: _, ...addresses } = deployment;
    expect(publishedDeployment(31337, { 31337: addresses })).toEqual(defineDeployment(addresses));
    expect(Object.keys(commonsDeployments)).not.toContain("31337");
    expect(() => publishedDeployment(31337)).toThrow(DeploymentError);
    expect(() => publishedDeployment(31337)).toThrow(/compute-commons publishes no deployment for chain 31337/);
    expect(() => createCommonsClient({ transport: http(rpcUrl) })).toThrow(
      "createCommonsClient needs a deployment, or a chain whose deployment the package publishes",
    );
  });
});
