/**
 * How the dashboard's first paint scales with the registry: the same requests and about the same time with
 * 100 attested nodes and with 10,000 (issue 14 item 1, "the first screen in O(1) requests").
 *
 *   npm run bench:app        (vitest with bench/vitest.app-load.config.ts; not part of `npm test`)
 *
 * Fills the registry with attested nodes, a mix of consumer rigs, through `BatchRegistrar` (contracts/anchors,
 * deployed here only): the dev attester signs one attestation per node whose recipient is the registrar (the
 * first with the SDK's `createHardwareAttestation`, which also checks the signing domain against the chain;
 * the rest locally on that domain, each with its own development device ids), the registrar registers them
 * in batches paying each bond, and after the warm-up activates them, a chunk at a time. At each size it
 * builds and serves the page, opens it RUNS times in fresh pages (after one warm-up load) and reads each
 * footer ("loaded in N ms with K requests"). Seeding the large size stops at the last chunk that fits in
 * SEED_BUDGET_MS (APP_LOAD_BUDGET_MS overrides it); the size reached is the one reported.
 *
 * Results: test-output/app-load.json, and bench/results.json under `app` (its other keys kept).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { format } from "prettier";
import { encodeDeployData, encodeFunctionData, toHex, type Abi, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRegistryAbi } from "../src/abi/index.js";
import { SEED_DEVICES, SEED_SKU } from "../ignition/modules/seedDevices.js";
import {
  attestationTypedData,
  devDeviceIds,
  encodeDeviceData,
  type CreateHardwareAttestationReturnType,
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
/** The small size and the large one (the large one as far as the seeding budget allows). */
const SMALL = 100;
const LARGE = 10_000;
const SEED_BUDGET_MS = Number(process.env.APP_LOAD_BUDGET_MS ?? 10 * 60_000);
/** Measured loads per size, after one warm-up load. */
const RUNS = 9;
/** The goals: first paint in at most this many requests, the same at both sizes, and the time ratio. */
const MAX_REQUESTS = 8;
const MAX_TIME_RATIO = 1.5;
/** Nodes signed, registered and activated at a time while seeding the large size. */
const CHUNK = 1_000;
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

/** The registrar and the first attestation (through the SDK), whose domain signs every other node's. */
type Seeder = { registrar: Address; abi: Abi; first: CreateHardwareAttestationReturnType; registered: number };

async function deployRegistrar(): Promise<Seeder> {
  const artifact = batchRegistrarArtifact();
  const registrar = (
    await mined(walletFor(0).sendTransaction({ data: encodeDeployData({ ...artifact, args: [deployment.registry] }) }))
  ).contractAddress as Address;
  await testClient.setBalance({ address: registrar, value: 10n ** 26n });
  // The SDK reads the schema and EAS's domain and checks the digest; the other nodes are signed on its domain.
  const first = await commonsFor(DEV_ATTESTER).createHardwareAttestation({
    recipient: registrar,
    devices: RIGS[0]!,
    deviceIds: devDeviceIds({ owner: registrar, devices: RIGS[0]!, rig: "bench-0" }),
  });
  return { registrar, abi: artifact.abi, first, registered: 0 };
}

/** Signs, registers and (after the warm-up) activates nodes until `to` are registered and active. */
async function seedTo(seeder: Seeder, to: number): Promise<void> {
  const deployer = walletFor(0);
  const attester = walletFor(DEV_ATTESTER);
  const { first, registrar, abi } = seeder;
  const from = seeder.registered;
  const signed: { attestation: OffchainAttestation; signature: Hex; memoryMiB: bigint }[] = [];
  for (let i = from; i < to; i++) {
    const devices = RIGS[i % RIGS.length]!;
    const attestation: OffchainAttestation =
      i === 0
        ? first.attestation
        : {
            ...first.attestation,
            data: encodeDeviceData(
              devices,
              devDeviceIds({ owner: registrar, devices, rig: `bench-${i}` }),
              toHex(0, { size: 32 }),
            ),
            salt: toHex(i, { size: 32 }),
          };
    const signature =
      i === 0 ? first.signature : await attester.signTypedData(attestationTypedData(attestation, first.domain));
    signed.push({ attestation, signature, memoryMiB: BigInt(memoryOf(devices)) });
  }
  for (let at = 0; at < signed.length; at += REGISTER_BATCH) {
    const batch = signed.slice(at, at + REGISTER_BATCH);
    const data = encodeFunctionData({
      abi,
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
  for (let at = from; at < to; at += ACTIVATE_BATCH) {
    const data = encodeFunctionData({
      abi,
      functionName: "activateMany",
      args: [BigInt(at + 1), BigInt(Math.min(ACTIVATE_BATCH, to - at))],
    });
    await mined(deployer.sendTransaction({ to: registrar, data, gas: TX_GAS }));
  }
  seeder.registered = to;
}

type SizeResult = {
  nodes: number;
  requests: number;
  /** Each measured run's requests. */
  requestsPerRun: number[];
  medianMs: number;
  runsMs: number[];
  /** Requests by JSON-RPC method and contract function, from the footer. */
  footer: string;
  seedMs: number;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Opens the dashboard once to warm up, then RUNS times, each in a fresh page. */
async function measure(browser: Browser, url: string, nodes: number, seedMs: number): Promise<SizeResult> {
  const runs = [];
  for (let run = -1; run < RUNS; run++) {
    const page = await browser.context.newPage();
    expect(await openDashboard(page, url)).toBe("ready");
    expect(await page.textContent("[data-testid=node-count]")).toBe(nodes.toLocaleString("en-US"));
    expect(await page.textContent("[data-testid=active-nodes]")).toBe(nodes.toLocaleString("en-US"));
    const stats = await loadStats(page);
    // One page of the node table, never the whole list.
    expect(stats.text).toContain("registry.packedNodes ×1");
    expect(stats.text).toContain("lens.histogram ×1");
    if (run === 0)
      await page.screenshot({ path: path.join(OUTPUT_DIR, `dashboard-${nodes}-nodes.png`), fullPage: true });
    if (run >= 0) runs.push(stats);
    await page.close();
  }
  const runsMs = runs.map((r) => r.ms);
  const requestsPerRun = runs.map((r) => r.requests);
  const result = {
    nodes,
    requests: runs[0]!.requests,
    requestsPerRun,
    medianMs: median(runsMs),
    runsMs,
    footer: runs[0]!.text,
    seedMs,
  };
  process.stderr.write(`[app-load] ${JSON.stringify(result)}\n`);
  return result;
}

/** Writes the figures to test-output/app-load.json and under `app` in bench/results.json (other keys kept). */
async function writeResults(small: SizeResult, large: SizeResult): Promise<void> {
  const sameRequests = [small, large].every((size) => size.requestsPerRun.every((r) => r === small.requests));
  const requestsMet = sameRequests && small.requests <= MAX_REQUESTS;
  const ratio = Math.round((large.medianMs / small.medianMs) * 100) / 100;
  const timeMet = ratio <= MAX_TIME_RATIO;
  const app = {
    what: "the dashboard's first paint in headless Chromium against a local hardhat node: requests and median ms (footer)",
    small: { nodes: small.nodes, requests: small.requests, medianMs: small.medianMs, runsMs: small.runsMs },
    large: { nodes: large.nodes, requests: large.requests, medianMs: large.medianMs, runsMs: large.runsMs },
    largeTarget: LARGE,
    seedLargeMs: large.seedMs,
    timeRatio: ratio,
    goal: `the same requests at ${SMALL} and ${grouped(large.nodes)} nodes (<= ${MAX_REQUESTS}); median time at the large size <= ${MAX_TIME_RATIO}x the small`,
    requestsMet,
    timeMet,
    met: requestsMet && timeMet,
  };
  mkdirSync(OUTPUT_DIR, { recursive: true });
  writeFileSync(path.join(OUTPUT_DIR, "app-load.json"), `${JSON.stringify({ ...app, small, large }, null, 2)}\n`);
  const file = path.join(ROOT, "bench/results.json");
  const results = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  // As prettier writes it (the repository's format check covers this file).
  writeFileSync(file, await format(JSON.stringify({ ...results, app }), { parser: "json" }));
  process.stderr.write(`[app-load] ${JSON.stringify(app)}\n`);
}

const grouped = (n: number): string => n.toLocaleString("en-US");

describe(`dashboard first paint at ${SMALL} and ${grouped(LARGE)} attested nodes`, () => {
  useChainSnapshot();
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveStatic(await buildApp());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should paint the first screen in the same few requests and about the same time at both sizes", async () => {
    const url = dashboardUrl(server.url, rpcUrl, deployment);
    const read = (functionName: "nodeCount" | "activeNodeCount") =>
      publicClient.readContract({ address: deployment.registry, abi: computeRegistryAbi, functionName });

    let started = Date.now();
    const seeder = await deployRegistrar();
    await seedTo(seeder, SMALL);
    expect(await read("activeNodeCount")).toBe(BigInt(SMALL));
    const small = await measure(browser, url, SMALL, Date.now() - started);

    // The large size, a chunk at a time, as long as the next chunk is expected to fit in the budget.
    started = Date.now();
    let chunkMs = 0;
    while (seeder.registered < LARGE && Date.now() - started + chunkMs <= SEED_BUDGET_MS) {
      const chunkStarted = Date.now();
      await seedTo(seeder, Math.min(LARGE, Math.floor(seeder.registered / CHUNK) * CHUNK + CHUNK));
      chunkMs = Date.now() - chunkStarted;
      process.stderr.write(`[app-load] ${seeder.registered} nodes active after ${Date.now() - started} ms\n`);
    }
    expect(await read("nodeCount")).toBe(BigInt(seeder.registered));
    expect(await read("activeNodeCount")).toBe(BigInt(seeder.registered));
    const large = await measure(browser, url, seeder.registered, Date.now() - started);

    await writeResults(small, large);
    for (const size of [small, large]) expect(size.requests).toBeLessThanOrEqual(MAX_REQUESTS);
    expect(large.requestsPerRun).toEqual(small.requestsPerRun);
  });
});
