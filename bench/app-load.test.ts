/**
 * How fast the dashboard paints the full state with 1,000 registered nodes, and with how many requests.
 *
 *   npm run bench:app        (vitest with bench/vitest.app-load.config.ts; not part of `npm test`)
 *
 * Registers 1,000 nodes from ten dev accounts (a mix of consumer rigs, one `eth_sendTransaction` each to the
 * node's unlocked accounts), builds and serves the page, opens it RUNS times in fresh pages and reports each
 * footer ("loaded in N ms with K requests") and the median. Results: test-output/app-load.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { encodeFunctionData, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRegistryAbi } from "../src/abi/index.js";
import { SEED_SKU } from "../ignition/modules/seedDevices.js";
import { NODES_PAGE_SIZE } from "../src/index.js";
import {
  buildApp,
  dashboardUrl,
  launchChromium,
  loadStats,
  openDashboard,
  OUTPUT_DIR,
  serveStatic,
  type Browser,
  type StaticServer,
} from "../test/app/harness.js";
import { deployment, devAccount, publicClient, rpcUrl, useChainSnapshot } from "../test/utils/chain.js";

const NODES = 1_000;
const RUNS = 5;
/** Rigs people own, cycled through. */
const RIGS = [
  [{ skuId: SEED_SKU.RTX_3090, count: 1 }],
  [{ skuId: SEED_SKU.RTX_4090, count: 1 }],
  [{ skuId: SEED_SKU.RTX_3060_12GB, count: 1 }],
  [{ skuId: SEED_SKU.RTX_3090, count: 2 }],
  [{ skuId: SEED_SKU.RTX_5090, count: 1 }],
  [{ skuId: SEED_SKU.RX_7900_XTX, count: 1 }],
  [{ skuId: SEED_SKU.M4_PRO_64GB, count: 1 }],
  [{ skuId: SEED_SKU.RTX_4090, count: 2 }],
  [{ skuId: SEED_SKU.M4_MAX_128GB, count: 1 }],
  [{ skuId: SEED_SKU.RTX_3090, count: 4 }],
  [{ skuId: SEED_SKU.M2_ULTRA_192GB, count: 1 }],
] as const;

describe("dashboard load with 1,000 nodes", () => {
  useChainSnapshot();
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveStatic(await buildApp());
    const bond = await publicClient.readContract({
      address: deployment.registry,
      abi: computeRegistryAbi,
      functionName: "minBond",
    });
    const started = Date.now();
    for (let i = 0; i < NODES; i++) {
      const data = encodeFunctionData({
        abi: computeRegistryAbi,
        functionName: "registerNode",
        args: [RIGS[i % RIGS.length]!, ""],
      });
      await publicClient.request({
        method: "eth_sendTransaction",
        params: [
          {
            from: devAccount(10 + (i % 10)).address,
            to: deployment.registry,
            data,
            value: `0x${bond.toString(16)}` as Hex,
            gas: "0x1e8480", // 2M: no estimate round trip
          },
        ],
      } as never);
    }
    const count = await publicClient.readContract({
      address: deployment.registry,
      abi: computeRegistryAbi,
      functionName: "nodeCount",
    });
    expect(count).toBe(BigInt(NODES));
    process.stderr.write(`[app-load] registered ${NODES} nodes in ${Date.now() - started} ms\n`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should paint the full state in one state read plus one request per list page", async () => {
    const url = dashboardUrl(server.url, rpcUrl, deployment);
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.context.newPage();
      expect(await openDashboard(page, url)).toBe("ready");
      expect(await page.textContent("[data-testid=node-count]")).toBe("1,000");
      runs.push(await loadStats(page));
      if (run === 0) await page.screenshot({ path: path.join(OUTPUT_DIR, "dashboard-1000-nodes.png"), fullPage: true });
      await page.close();
    }
    const nodePages = Math.ceil(NODES / NODES_PAGE_SIZE);
    // lens.contracts + lens.governanceState + node pages + lens.models + lens.skus
    for (const r of runs) expect(r.requests).toBe(2 + nodePages + 2);
    const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
    const result = {
      nodes: NODES,
      requests: runs[0]!.requests,
      medianMs: sorted[Math.floor(sorted.length / 2)],
      runsMs: runs.map((r) => r.ms),
      footer: runs[0]!.text,
    };
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(path.join(OUTPUT_DIR, "app-load.json"), `${JSON.stringify(result, null, 2)}\n`);
    process.stderr.write(`[app-load] ${JSON.stringify(result)}\n`);
  });
});
