/**
 * The dashboard (`app/`) in a real browser against the run's `hardhat node`: built with Vite, served as
 * static files, opened in a real headless Chromium (`@sparticuz/chromium` from npm) through playwright-core.
 * The chain is seeded with the SDK (a fixture: five nodes, three models, a threshold proposal that is
 * Active); the page registers a node and votes through an injected wallet; once the proposal has passed (a
 * second fixture) the page shows the tier history. The page also finds the RPC and the addresses through
 * the deployment.json that `npm run app` writes. A dead RPC and a wrong address must each show a clear
 * message.
 *
 * Screenshot: test-output/dashboard.png every run; copied to docs/dashboard.png (committed, for the README)
 * when that file is missing or UPDATE_SCREENSHOTS=1, so that a test run does not dirty the worktree.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { keccak256, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import {
  advanceTime,
  deployment,
  devAccount,
  freshChain,
  loadFixture,
  rpcUrl,
  useChainSnapshot,
} from "../utils/chain.js";
import { NODE } from "../../scripts/lib/hardhatNode.js";
import { commonsFor } from "../sdk/helpers.js";
import {
  buildApp,
  dashboardUrl,
  injectWallet,
  launchChromium,
  loadStats,
  openDashboard,
  OUTPUT_DIR,
  serveStatic,
  type Browser,
  type StaticServer,
} from "./harness.js";
import { onSources, run } from "../utils/run.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Dev accounts that register a node each (SKU ids from the seeded catalog). */
const NODE_OWNERS = [
  { account: 1, devices: [{ skuId: SEED_SKU.RTX_3090, count: 1 }] }, // 24 GiB
  { account: 2, devices: [{ skuId: SEED_SKU.RTX_4090, count: 1 }] }, // 24 GiB
  { account: 3, devices: [{ skuId: SEED_SKU.RTX_3090, count: 2 }] }, // 48 GiB
  { account: 4, devices: [{ skuId: SEED_SKU.M4_PRO_64GB, count: 1 }] }, // 64 GiB
  { account: 5, devices: [{ skuId: SEED_SKU.RTX_3060_12GB, count: 1 }] }, // 12 GiB
] as const;
const MODEL_REGISTRANT = 6;
const WALLET_ACCOUNT = 4; // has a node (a vote at the proposal's snapshot) and has not voted yet

const MODELS = [
  { name: "Open 100B", params: 100_000_000_000n, trainingFlop: 10n ** 24n, openWeights: true },
  { name: "Llama 3.1 8B", params: 8_030_000_000n, trainingFlop: 1_224n * 10n ** 21n, openWeights: true },
  { name: "Frontier 1.8T", params: 1_800_000_000_000n, trainingFlop: 2n * 10n ** 25n, openWeights: false },
] as const;

/** Five nodes, three models, and a threshold proposal that is Active with one vote for. */
async function seeded() {
  await loadFixture(freshChain);
  for (const { account, devices } of NODE_OWNERS) await commonsFor(account).registerNode({ devices });
  for (const m of MODELS) {
    await commonsFor(MODEL_REGISTRANT).registerModel({
      ...m,
      weightsHash: keccak256(toHex(`${m.name} weights`)),
      uri: `https://example.org/models/${encodeURIComponent(m.name)}`,
    });
  }
  const { proposalId } = await commonsFor(1).proposeThresholds({
    maxSmallParams: 120_000_000_000n,
    maxSmallTrainingFlop: 10n ** 25n,
    description: "Raise Small to 120B: two used RTX 3090s run it",
  });
  await advanceTime(61); // past votingDelay: Active
  await commonsFor(3).castVote({ proposal: proposalId, support: "for" });
  return { proposalId };
}

/** The proposal passed and executed (the Small line at 120B), and a new one Active with two votes. */
async function passed() {
  const { proposalId } = await loadFixture(seeded);
  for (const account of [1, 2, 5]) await commonsFor(account).castVote({ proposal: proposalId, support: "for" });
  await advanceTime(400); // past the deadline, late-quorum extension included
  await commonsFor(1).queueProposal({ proposal: proposalId });
  await advanceTime(700); // past the timelock delay and the rate limit's interval since deployment
  await commonsFor(1).executeProposal({ proposal: proposalId });
  // A new proposal, Active, for the screenshot and the vote buttons.
  const next = await commonsFor(2).proposeThresholds({
    maxSmallParams: 140_000_000_000n,
    maxSmallTrainingFlop: 2n * 10n ** 25n,
    description: "Raise Small to 140B and 2e25 FLOP",
  });
  await advanceTime(61);
  await commonsFor(3).castVote({ proposal: next.proposalId, support: "against" });
  await commonsFor(4).castVote({ proposal: next.proposalId, support: "for" });
}

async function modelTier(page: Page, name: string): Promise<string> {
  const row = page.locator("[data-testid=models-table] tbody tr", { hasText: name });
  return (await row.locator("[data-testid=model-tier]").textContent())?.trim() ?? "";
}

describe("Dashboard dapp (app/) in Chromium", () => {
  useChainSnapshot();

  let server: StaticServer;
  let browser: Browser;
  let url: string;
  let appDir: string;

  beforeAll(async () => {
    // Launch first: without Chromium the test fails at once with a clear message.
    browser = await launchChromium();
    appDir = await buildApp();
    server = await serveStatic(appDir);
    url = dashboardUrl(server.url, rpcUrl, deployment);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should show the thresholds, guards, floor, nodes, model tiers and the open proposal", async () => {
    await loadFixture(seeded);
    const page = await browser.context.newPage();
    expect(await openDashboard(page, url)).toBe("ready");

    expect(await page.textContent("[data-testid=max-small-params]")).toBe("70,000,000,000");
    expect(await page.textContent("[data-testid=thresholds-params] .stat-value")).toBe("70B");
    expect(await page.textContent("[data-testid=thresholds-flop] .stat-value")).toBe("10²⁵ FLOP");
    expect(await page.textContent("[data-testid=guards]")).toContain("p50");
    // Median of 12, 24, 24, 48, 64 GiB is 24 GiB: 46.4B parameters at 4-bit with 10% overhead.
    expect(await page.textContent("[data-testid=floor]")).toContain("46.4B");
    expect(await page.textContent("[data-testid=node-count]")).toBe("5");
    expect(await page.locator("svg.plot rect.bar").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=nodes-table] tbody tr").count()).toBe(5);

    expect(await modelTier(page, "Open 100B")).toBe("Large");
    expect(await modelTier(page, "Llama 3.1 8B")).toBe("Small");
    expect(await modelTier(page, "Frontier 1.8T")).toBe("Large");

    const proposal = page.locator("[data-testid=proposal][data-state=Active]");
    expect(await proposal.count()).toBe(1);
    expect(await proposal.textContent()).toContain("setThresholds(120B");
    // The same short number as the CLI and the SDK (`ProposalSummary.number`).
    expect(await proposal.locator("header").textContent()).toContain("Proposal #1");
    expect(await proposal.locator("[data-testid=tally]").textContent()).toContain("For 1");

    // Without a wallet: read-only, write buttons disabled with a note.
    expect(await page.textContent("[data-testid=wallet-note]")).toContain("Read-only");
    expect(await proposal.locator("button.vote-for").isDisabled()).toBe(true);

    // One state read, one deployment check, one page per list: never a request per item.
    const stats = await loadStats(page);
    expect(stats.requests).toBeLessThanOrEqual(5);
    expect(stats.text).toContain("lens.governanceState ×1");
    await page.close();
  });

  it("should register a node and cast a vote through an injected wallet", async () => {
    await loadFixture(seeded);
    const page = await browser.context.newPage();
    await injectWallet(page, rpcUrl, devAccount(WALLET_ACCOUNT).address);
    expect(await openDashboard(page, url)).toBe("ready");
    await page.click("button[data-action=connect]");
    await page.waitForSelector("[data-testid=wallet-account]");
    expect(await page.textContent("[data-testid=wallet-account]")).toContain("chain 31337");

    await page.selectOption("#register-form select[name=sku]", String(SEED_SKU.RTX_5090));
    await page.fill("#register-form input[name=count]", "2");
    await page.click("#register-form button[type=submit]");
    await page.waitForSelector(".message-success", { timeout: 30_000 });
    expect(await page.textContent("#message")).toContain("Registered node #6");
    expect(await page.textContent("[data-testid=node-count]")).toBe("6");

    await page.click("[data-testid=proposal][data-state=Active] button.vote-for");
    await page.waitForSelector(".message-success >> text=Voted for", { timeout: 30_000 });
    expect(await page.locator("[data-testid=proposal][data-state=Active] [data-testid=tally]").textContent()).toContain(
      "For 2",
    );
    await page.close();
  });

  it("should show the tier history once the proposal has passed", async () => {
    await loadFixture(passed);
    const page = await browser.context.newPage();
    expect(await openDashboard(page, url)).toBe("ready");

    expect(await page.textContent("[data-testid=max-small-params]")).toBe("120,000,000,000");
    expect(await modelTier(page, "Open 100B")).toBe("Small");
    const history = page.locator("[data-testid=models-table] tbody tr", { hasText: "Open 100B" }).locator(".history");
    expect((await history.textContent())?.replace(/\s+/g, " ")).toMatch(/Large.*→.*Small/);
    expect(await page.locator("[data-testid=proposal][data-state=Executed]").count()).toBe(1);
    expect(await page.locator("[data-testid=proposal][data-state=Active]").count()).toBe(1);

    const stats = await loadStats(page);
    // History adds getBlockNumber, getLogs and a block per threshold change to the first paint.
    expect(stats.requests).toBeLessThanOrEqual(9);

    mkdirSync(OUTPUT_DIR, { recursive: true });
    const shot = path.join(OUTPUT_DIR, "dashboard.png");
    await page.screenshot({ path: shot, fullPage: true });
    const docsShot = path.join(ROOT, "docs/dashboard.png");
    if (!existsSync(docsShot) || process.env.UPDATE_SCREENSHOTS === "1") {
      mkdirSync(path.dirname(docsShot), { recursive: true });
      copyFileSync(shot, docsShot);
    }
    await page.close();
  });

  it("should read the RPC and the addresses from the deployment.json that npm run app writes", async () => {
    await loadFixture(seeded);
    // The suite's node is on a free port, never 8545: the page can only find it through the file.
    const file = path.join(appDir, "deployment.json");
    const script = onSources("scripts/write-app-deployment.ts", deployment.deploymentId, "31337", file);
    await run(NODE, script, ROOT, { COMMONS_RPC_URL: rpcUrl });
    const page = await browser.context.newPage();
    try {
      expect(await openDashboard(page, server.url)).toBe("ready");
      expect(await page.inputValue("#rpc-url")).toBe(rpcUrl);
      expect(await page.textContent("#deployment-source")).toContain("from deployment.json");
      expect(Number(await page.textContent("[data-testid=node-count]"))).toBeGreaterThanOrEqual(5);
    } finally {
      await page.close();
      rmSync(file);
    }
  });

  it("should say that the RPC cannot be reached when its URL is dead", async () => {
    await loadFixture(seeded);
    const page = await browser.context.newPage();
    const dead = dashboardUrl(server.url, "http://127.0.0.1:1", deployment);
    expect(await openDashboard(page, dead)).toBe("error");
    expect(await page.textContent("#message")).toContain("Cannot reach the RPC at http://127.0.0.1:1");
    await page.screenshot({ path: path.join(OUTPUT_DIR, "dashboard-dead-rpc.png") });
    await page.close();
  });

  it("should name the contract that is missing when an address is wrong", async () => {
    await loadFixture(seeded);
    const page = await browser.context.newPage();
    const nobody = devAccount(9).address;
    expect(await openDashboard(page, dashboardUrl(server.url, rpcUrl, { ...deployment, lens: nobody }))).toBe("error");
    expect(await page.textContent("#message")).toContain(`No contract at ${nobody} (lens) on chain 31337`);

    expect(await openDashboard(page, dashboardUrl(server.url, rpcUrl, { ...deployment, registry: nobody }))).toBe(
      "error",
    );
    expect(await page.textContent("#message")).toContain(`No contract at ${nobody} (registry) on chain 31337`);
    await page.close();
  });
});
