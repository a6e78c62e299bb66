/**
 * How fast the dashboard paints the full state with 1,000 registered attested nodes, and with how many requests.
 *
 *   npm run bench:app        (vitest with bench/vitest.app-load.config.ts; not part of `npm test`)
 *
 * Fills the registry with 1,000 attested nodes, a mix of consumer rigs, through `BatchRegistrar`
 * (contracts/anchors, deployed here only): the dev attester signs one attestation per node whose recipient is
 * the registrar (the first with the SDK's `createHardwareAttestation`, which also checks the signing domain
 * against the chain; the rest locally on that domain, each with its own development device ids), the
 * registrar registers them in batches paying each bond, and after the warm-up activates them. Then it builds
 * and serves the page, opens it RUNS times in fresh pages and reports each footer ("loaded in N ms with K
 * requests") and the median. Results: test-output/app-load.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { encodeDeployData, encodeFunctionData, toHex, type Abi, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRegistryAbi } from "../src/abi/index.js";
import { SEED_DEVICES, SEED_SKU } from "../ignition/modules/seedDevices.js";
import {
  attestationTypedData,
  devDeviceIds,
  encodeDeviceData,
  NODES_PAGE_SIZE,
  type DeviceLine,
  type OffchainAttestation,
} from "../src/index.js";
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
import { commonsFor, DEV_ATTESTER } from "../test/sdk/helpers.js";
import {
  advanceTime,
  commonsContracts,
  deployment,
  mined,
  publicClient,
  rpcUrl,
  testClient,
  useChainSnapshot,
  walletFor,
} from "../test/utils/chain.js";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const NODES = 1_000;
const RUNS = 5;
/** Nodes per registerMany / activateMany transaction (each well below the 16.7M gas a transaction may use). */
const REGISTER_BATCH = 25;
const ACTIVATE_BATCH = 100;
const TX_GAS = 16_700_000n;
/** Rigs people own, cycled through. */
const RIGS: DeviceLine[][] = [
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
];
const memoryOf = (rig: readonly DeviceLine[]) =>
  rig.reduce((sum, line) => sum + SEED_DEVICES[line.skuId - 1]!.memoryMiB * line.count, 0);

function batchRegistrarArtifact(): { abi: Abi; bytecode: Hex } {
  const file = path.join(ROOT, "artifacts/contracts/anchors/BatchRegistrar.sol/BatchRegistrar.json");
  return JSON.parse(readFileSync(file, "utf8")) as { abi: Abi; bytecode: Hex };
}

/** 1,000 attestations for the registrar, signed by the dev attester, and the registrar's transactions. */
async function fillRegistry(): Promise<void> {
  const deployer = walletFor(0);
  const artifact = batchRegistrarArtifact();
  const registrar = (
    await mined(deployer.sendTransaction({ data: encodeDeployData({ ...artifact, args: [deployment.registry] }) }))
  ).contractAddress as Address;
  await testClient.setBalance({ address: registrar, value: 10n ** 24n });

  // The first through the SDK (it reads the schema, EAS's domain and checks the digest); the rest on its domain.
  const first = await commonsFor(DEV_ATTESTER).createHardwareAttestation({
    recipient: registrar,
    devices: RIGS[0]!,
    deviceIds: devDeviceIds({ owner: registrar, devices: RIGS[0]!, rig: "bench-0" }),
  });
  const attester = walletFor(DEV_ATTESTER);
  const signed: { attestation: OffchainAttestation; signature: Hex; memoryMiB: bigint }[] = [
    { attestation: first.attestation, signature: first.signature, memoryMiB: BigInt(memoryOf(RIGS[0]!)) },
  ];
  for (let i = 1; i < NODES; i++) {
    const devices = RIGS[i % RIGS.length]!;
    const attestation: OffchainAttestation = {
      ...first.attestation,
      data: encodeDeviceData(
        devices,
        devDeviceIds({ owner: registrar, devices, rig: `bench-${i}` }),
        toHex(0, { size: 32 }),
      ),
      salt: toHex(i, { size: 32 }),
    };
    const signature = await attester.signTypedData(attestationTypedData(attestation, first.domain));
    signed.push({ attestation, signature, memoryMiB: BigInt(memoryOf(devices)) });
  }

  for (let from = 0; from < NODES; from += REGISTER_BATCH) {
    const batch = signed.slice(from, from + REGISTER_BATCH);
    const data = encodeFunctionData({
      abi: artifact.abi,
      functionName: "registerMany",
      args: [
        batch.map((s) => s.attestation),
        first.attester,
        batch.map((s) => s.signature),
        batch.map((s) => s.memoryMiB),
        "",
      ],
    });
    await mined(deployer.sendTransaction({ to: registrar, data, gas: TX_GAS }));
  }
  await advanceTime((await commonsContracts().registry.read.warmup()) + 1n);
  for (let from = 0; from < NODES; from += ACTIVATE_BATCH) {
    const data = encodeFunctionData({
      abi: artifact.abi,
      functionName: "activateMany",
      args: [BigInt(from + 1), BigInt(Math.min(ACTIVATE_BATCH, NODES - from))],
    });
    await mined(deployer.sendTransaction({ to: registrar, data, gas: TX_GAS }));
  }
}

describe("dashboard load with 1,000 attested nodes", () => {
  useChainSnapshot();
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveStatic(await buildApp());
    const started = Date.now();
    await fillRegistry();
    const read = (functionName: "nodeCount" | "activeNodeCount") =>
      publicClient.readContract({ address: deployment.registry, abi: computeRegistryAbi, functionName });
    expect(await read("nodeCount")).toBe(BigInt(NODES));
    expect(await read("activeNodeCount")).toBe(BigInt(NODES));
    process.stderr.write(`[app-load] registered and activated ${NODES} attested nodes in ${Date.now() - started} ms\n`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should paint the full state in one state read plus one request per list page", async () => {
    const url = dashboardUrl(server.url, rpcUrl, deployment);
    const runs = [];
    let sybil = "";
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.context.newPage();
      expect(await openDashboard(page, url)).toBe("ready");
      expect(await page.textContent("[data-testid=node-count]")).toBe("1,000");
      expect(await page.textContent("[data-testid=nodes-active]")).toBe("1,000");
      runs.push(await loadStats(page));
      if (run === 0) {
        sybil = ((await page.textContent("[data-testid=sybil-cost] tbody")) ?? "").replace(/\s+/g, " ").trim();
        await page.screenshot({ path: path.join(OUTPUT_DIR, "dashboard-1000-nodes.png"), fullPage: true });
      }
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
      sybil,
    };
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(path.join(OUTPUT_DIR, "app-load.json"), `${JSON.stringify(result, null, 2)}\n`);
    process.stderr.write(`[app-load] ${JSON.stringify(result)}\n`);
  });
});
