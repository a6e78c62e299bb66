/**
 * The dashboard (`app/`) in a real browser against the run's `hardhat node`: built with Vite, served as
 * static files, opened in a real headless Chromium (`@sparticuz/chromium` from npm) through playwright-core.
 * The chain is seeded with the SDK (a fixture: five attested nodes activated after their warm-up, one that
 * exits, one still Pending, three models, a threshold proposal that is Active); the page shows the registry's
 * parameters, warm-up, attesters, node states, the floor over its window and the sybil cost (each checked
 * against the chain's own reads here), registers a node from an attestation file and votes through an
 * injected wallet, and finds wallets with EIP-6963 (two announced: the one picked sends, the other does not; malformed
 * announcements are ignored; `window.ethereum` when none is announced); once the proposal has passed (a second fixture) the page shows the tier history. The
 * page also finds the RPC and the addresses through the deployment.json that `npm run app` writes. A dead
 * RPC, a wrong address and a bad attestation file must each show a clear message.
 *
 * Screenshot: test-output/dashboard.png every run; copied to docs/dashboard.png (committed, for the README)
 * when that file is missing or UPDATE_SCREENSHOTS=1, so that a test run does not dirty the worktree.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { decodeFunctionData, keccak256, toHex, type Hex } from "viem";
import { hardhat } from "viem/chains";
import { waitForTransactionReceipt, writeContract } from "viem/actions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { commonsLensAbi, computeRegistryAbi, thresholdBallotsAbi } from "../../src/abi/index.js";
import { compact, duration, ether, grouped, serializeAttestation } from "../../src/index.js";
import {
  advanceTime,
  commonsContracts,
  deployment,
  devAccount,
  freshChain,
  publicClient,
  latestTimestamp,
  loadFixture,
  rpcUrl,
  useChainSnapshot,
} from "../utils/chain.js";
import { NODE } from "../../scripts/lib/hardhatNode.js";
import {
  attestFor,
  commonsFor,
  DEV_ATTESTER,
  executeWhenReady,
  passAndQueue,
  registerActive,
  registerAttested,
} from "../sdk/helpers.js";
import {
  buildApp,
  dashboardUrl,
  injectWallet,
  installWallets,
  launchChromium,
  loadStats,
  openDashboard,
  OUTPUT_DIR,
  serveStatic,
  type Browser,
  type StaticServer,
  type TestWalletInfo,
  walletCalls,
} from "./harness.js";
import { onSources, run } from "../utils/run.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Dev accounts whose attested nodes are activated (SKU ids from the seeded catalog). */
const NODE_OWNERS = [
  { owner: 1, devices: [{ skuId: SEED_SKU.RTX_3090, count: 1 }] }, // 24 GiB
  { owner: 2, devices: [{ skuId: SEED_SKU.RTX_4090, count: 1 }] }, // 24 GiB
  { owner: 3, devices: [{ skuId: SEED_SKU.RTX_3090, count: 2 }] }, // 48 GiB
  { owner: 4, devices: [{ skuId: SEED_SKU.M4_PRO_64GB, count: 1 }] }, // 64 GiB
  { owner: 5, devices: [{ skuId: SEED_SKU.RTX_3060_12GB, count: 1 }] }, // 12 GiB
];
/** Activated with the others, then exits: node #6, Exiting. */
const LEAVER = { owner: 8, devices: [{ skuId: SEED_SKU.RTX_5090, count: 1 }] };
/** Registered after the warm-up of the others: node #7, Pending. */
const LATECOMER = { owner: 7, devices: [{ skuId: SEED_SKU.RX_7900_XTX, count: 1 }] };
const MODEL_REGISTRANT = 6;
const WALLET_ACCOUNT = 4; // has an active node (a vote at the proposal's snapshot) and has not voted yet
const OTHER_WALLET_ACCOUNT = 5; // the same, for the first of two announced wallets

/** EIP-6963 wallets for the picker (`icon`: a data URI is shown, anything else is not). */
const ALPHA: TestWalletInfo = {
  uuid: "3f1c3b5e-7a0e-4a51-9c1a-0a1b2c3d4e01",
  name: "Alpha Wallet",
  icon: "https://wallet.example/alpha.png",
  rdns: "org.example.alpha",
};
const BETA: TestWalletInfo = {
  uuid: "3f1c3b5e-7a0e-4a51-9c1a-0a1b2c3d4e02",
  name: "Beta Wallet",
  icon: `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1" fill="teal"/></svg>')}`,
  rdns: "org.example.beta",
};

const MODELS = [
  { name: "Open 100B", params: 100_000_000_000n, trainingFlop: 10n ** 24n, openWeights: true },
  { name: "Llama 3.1 8B", params: 8_030_000_000n, trainingFlop: 1_224n * 10n ** 21n, openWeights: true },
  { name: "Frontier 1.8T", params: 1_800_000_000_000n, trainingFlop: 2n * 10n ** 25n, openWeights: false },
] as const;

/** Five active attested nodes, one Exiting, one Pending, three models, and an Active proposal with one vote for. */
async function seeded() {
  await loadFixture(freshChain);
  const [, , , , , leaver] = await registerActive([...NODE_OWNERS, LEAVER]);
  await commonsFor(LEAVER.owner).exitNode({ nodeId: leaver! });
  await registerAttested(LATECOMER.owner, LATECOMER.devices);
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

/** The seeded chain with four ballots: nodes 1-3 want 100B and 10²⁶ FLOP, node 4 wants 60B and 10²⁴. */
async function withBallots() {
  await loadFixture(seeded);
  const wishes = [
    [1, 100_000_000_000n, 10n ** 26n],
    [2, 100_000_000_000n, 10n ** 26n],
    [3, 100_000_000_000n, 10n ** 26n],
    [4, 60_000_000_000n, 10n ** 24n],
  ] as const;
  for (const [owner, params, flop] of wishes) {
    const hash = await writeContract(commonsFor(owner), {
      address: deployment.ballots,
      abi: thresholdBallotsAbi,
      functionName: "castBallot",
      args: [BigInt(owner), params, flop],
      chain: hardhat,
    });
    await waitForTransactionReceipt(publicClient, { hash });
  }
}

/** The proposal passed and executed (the Small line at 120B), and a new one Active with two votes. */
async function passed() {
  const { proposalId } = await loadFixture(seeded);
  await passAndQueue(proposalId, [1, 2, 5]);
  await executeWhenReady(proposalId);
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

/**
 * The sybil cost from the contracts' own reads (not the lens, not the SDK's formula): votes are the
 * registry's total supply; the quorum today is the governor's `quorum` at the last second; a sybil needs the
 * fewest new nodes x whose votes reach the quorum of n + x votes (never below the minimum), a majority more
 * than n (and a quorum); each node's bond is the registry's `bondFor` the smallest live catalog SKU.
 */
async function expectedSybilCost() {
  const { registry, governor, catalog } = commonsContracts();
  const [votes, numerator, denominator, floors, skuCount] = await Promise.all([
    registry.read.totalSupply(),
    governor.read.quorumNumerator(),
    governor.read.quorumDenominator(),
    governor.read.floors(),
    catalog.read.skuCount(),
  ]);
  const quorumNow = await governor.read.quorum([(await latestTimestamp()) - 1n]);
  const skus = await Promise.all(Array.from({ length: Number(skuCount) }, (_, i) => catalog.read.sku([BigInt(i + 1)])));
  const smallest = Math.min(...skus.filter((s) => !s.deprecated).map((s) => Number(s.memoryMiB)));
  const bondPerNode = await registry.read.bondFor([BigInt(smallest)]);
  const quorumOf = (total: bigint) => {
    const fraction = (total * numerator + denominator - 1n) / denominator;
    return fraction > BigInt(floors.minQuorumVotes) ? fraction : BigInt(floors.minQuorumVotes);
  };
  let quorum = 1n;
  while (quorum < quorumOf(votes + quorum)) quorum++;
  const majority = votes + 1n > quorum ? votes + 1n : quorum;
  return { votes, quorumNow, bondPerNode, quorum, majority };
}

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.textContent(`[data-testid=${testId}]`)) ?? "").replace(/\s+/g, " ").trim();
}

/** The first proposal passed and Queued in the timelock: open to the node veto. */
async function queued() {
  const { proposalId } = await loadFixture(seeded);
  await passAndQueue(proposalId, [1, 2, 5]);
  return { proposalId };
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
    expect(await page.textContent("[data-testid=node-count]")).toBe("7");
    expect(await page.textContent("[data-testid=active-nodes]")).toBe("5");
    // The registry counts the active nodes only: the rest (one Pending, one Exiting) are "not active".
    expect(await page.textContent("[data-testid=nodes-not-active]")).toBe("2");
    // The histogram of the active nodes (12, 24, 24, 48, 64 GiB) from the registry's buckets, not a node list.
    expect(await page.getAttribute("svg.plot", "aria-label")).toContain("Histogram of 5 active nodes' memory");
    expect(await page.locator("svg.plot rect.bar").count()).toBe(4);
    expect(await page.locator("[data-testid=nodes-table] tbody tr").count()).toBe(7);
    expect(await page.locator("[data-testid=nodes-table] tbody tr", { hasText: "Exiting" }).count()).toBe(1);
    expect(await page.locator("[data-testid=nodes-table] tbody tr", { hasText: "Pending" }).textContent()).toContain(
      "activatable in",
    );

    expect(await modelTier(page, "Open 100B")).toBe("Large");
    expect(await modelTier(page, "Llama 3.1 8B")).toBe("Small");
    expect(await modelTier(page, "Frontier 1.8T")).toBe("Large");

    const proposal = page.locator("[data-testid=proposal][data-state=Active]");
    expect(await proposal.count()).toBe(1);
    expect(await proposal.textContent()).toContain("setThresholds on classifier");
    // The same short number as the CLI and the SDK (`ProposalSummary.number`).
    expect(await proposal.locator("header").textContent()).toContain("Proposal #1");
    expect(await proposal.locator("[data-testid=tally]").textContent()).toContain("For 1");

    // Without a wallet: read-only, write buttons disabled with a note.
    expect(await page.textContent("[data-testid=wallet-note]")).toContain("Read-only");
    expect(await proposal.locator("button.vote-for").isDisabled()).toBe(true);

    // Registry parameters, warm-up and attesters, as the contracts hold them.
    const { registry, attestations } = commonsContracts();
    const [params, warmup, attesters] = await Promise.all([
      registry.read.parameters(),
      registry.read.warmup(),
      attestations.read.attesters(),
    ]);
    expect(await text(page, "bond-formula")).toContain(`${ether(params.bondBase)} (`);
    expect(await text(page, "bond-formula")).toContain(`+ ${ether(params.bondPerGiB)} per GiB`);
    expect(await text(page, "keeper-fee")).toContain(ether(params.keeperFee));
    expect(await text(page, "unbonding")).toContain(duration(params.unbondingPeriod));
    expect(await text(page, "warmup")).toContain(duration(warmup));
    expect(attesters).toEqual([devAccount(DEV_ATTESTER).address]);
    expect(await text(page, "attester-count")).toBe("(1 of at most 16)");
    expect(await text(page, "attesters")).toBe(attesters[0]);

    // The floor over the window, from the classifier's and the registry's own reads.
    const range = await commonsFor(0).getFloorRange();
    expect(await text(page, "floor-lowest")).toBe(compact(range.lowest.params));
    expect(await text(page, "floor-highest")).toBe(compact(range.highest.params));
    expect(await text(page, "floor-range")).toContain(`Floor over the last ${duration(range.window)}`);

    // The sybil cost: what a quorum and a majority take today.
    const cost = await expectedSybilCost();
    expect(cost.votes).toBe(5n);
    expect(await text(page, "quorum-now")).toBe(grouped(cost.quorumNow));
    expect(await text(page, "sybil-bond-per-node")).toBe(ether(cost.bondPerNode));
    expect(await text(page, "sybil-quorum-nodes")).toBe(grouped(cost.quorum));
    expect(await text(page, "sybil-quorum-devices")).toBe(grouped(cost.quorum));
    expect(await text(page, "sybil-quorum-bond")).toBe(ether(cost.quorum * cost.bondPerNode));
    expect(await text(page, "sybil-majority-nodes")).toBe(grouped(cost.majority));
    expect(await text(page, "sybil-majority-devices")).toBe(grouped(cost.majority));
    expect(await text(page, "sybil-majority-bond")).toBe(ether(cost.majority * cost.bondPerNode));

    // One state read, one deployment check, the histogram, ONE page of nodes, one page per other list and the
    // ballots' state: never a request per item, and never the whole node list.
    const stats = await loadStats(page);
    expect(stats.requests).toBe(7);
    expect(stats.text).toContain("lens.governanceState ×1");
    expect(stats.text).toContain("lens.histogram ×1");
    expect(stats.text).toContain("registry.packedNodes ×1");
    await page.close();
  });

  it("should show the ballots' distributions, medians and who moves the line", async () => {
    await loadFixture(withBallots);
    const page = await browser.context.newPage();
    expect(await openDashboard(page, url)).toBe("ready");
    expect(await text(page, "ballots-authority")).toContain("governance proposals");
    expect(await page.textContent("[data-testid=ballots-count] .stat-value")).toBe("4");
    // Median (the 2nd of 4 in order) of 60B, 100B, 100B, 100B: 100B's bucket, which starts at 98.8B.
    expect(await page.textContent("[data-testid=ballots-median] .stat-value")).toBe(compact(98_784_247_808n));
    expect(await page.locator("[data-testid=ballots-params] li").count()).toBe(2);
    expect(await page.locator("[data-testid=ballots-params] li.median").textContent()).toContain("3");
    expect(await page.locator("[data-testid=ballots-flop] li").count()).toBe(2);
    expect(await text(page, "ballots-move")).toContain("when the ballots are in charge");
    await page.close();
  });

  it("should register a node from an attestation file and cast a vote through an injected wallet", async () => {
    await loadFixture(seeded);
    const page = await browser.context.newPage();
    await injectWallet(page, rpcUrl, devAccount(WALLET_ACCOUNT).address);
    expect(await openDashboard(page, url)).toBe("ready");
    await page.click("button[data-action=connect]");
    await page.waitForSelector("[data-testid=wallet-account]");
    expect(await page.textContent("[data-testid=wallet-account]")).toContain("chain 31337");
    const submit = "#register-form button[type=submit]";

    // A file that is not an attestation: refused before anything is sent, saying why.
    await page.fill("#register-form textarea[name=attestation]", '{ "format": "something else" }');
    await page.click(submit);
    await page.waitForSelector(".message-error");
    expect(await page.textContent("#message")).toContain("This is not a usable attestation: the attestation file");
    await page.fill("#register-form textarea[name=attestation]", "not json");
    await page.click(submit);
    await page.waitForSelector(".message-error >> text=is not JSON");

    // An attestation of another owner's devices: the SDK refuses it before sending.
    const others = serializeAttestation(await attestFor(5, [{ skuId: SEED_SKU.RTX_4090, count: 1 }]), 31337);
    await page.fill("#register-form textarea[name=attestation]", others);
    await page.click(submit);
    await page.waitForSelector(".message-error >> text=failed", { timeout: 30_000 });
    expect(await page.textContent("[data-testid=node-count]")).toBe("7");

    // The wallet's own attestation, loaded as a file: node #8, Pending, its bond from the attested memory.
    const devices = [{ skuId: SEED_SKU.RTX_5090, count: 2 }];
    const mine = serializeAttestation(await attestFor(WALLET_ACCOUNT, devices), 31337);
    await page.setInputFiles("#register-form input[name=attestation-file]", {
      name: "rig.json",
      mimeType: "application/json",
      buffer: Buffer.from(mine),
    });
    await page.waitForFunction(() =>
      document.querySelector<HTMLTextAreaElement>("#register-form textarea")?.value.includes("format"),
    );
    await page.click(submit);
    await page.waitForSelector(".message-success", { timeout: 30_000 });
    const bond = await commonsContracts().registry.read.bondFor([2n * 32_768n]);
    expect(await page.textContent("#message")).toContain("Registered node #8");
    expect(await page.textContent("#message")).toContain(`2× GeForce RTX 5090 32 GB, 64 GiB, bond ${ether(bond)}`);
    expect(await page.textContent("[data-testid=node-count]")).toBe("8");
    expect(await page.textContent("[data-testid=nodes-not-active]")).toBe("3");
    expect((await commonsFor(0).getNode({ nodeId: 8n })).bond).toBe(bond);

    await page.click("[data-testid=proposal][data-state=Active] button.vote-for");
    await page.waitForSelector(".message-success >> text=Voted for", { timeout: 30_000 });
    expect(await page.locator("[data-testid=proposal][data-state=Active] [data-testid=tally]").textContent()).toContain(
      "For 2",
    );
    await page.close();
  });

  it("should discover two EIP-6963 wallets, send with the one picked (the second) and switch to the other", async () => {
    const { proposalId } = await loadFixture(seeded);
    const alpha = devAccount(OTHER_WALLET_ACCOUNT).address;
    const beta = devAccount(WALLET_ACCOUNT).address;
    const page = await browser.context.newPage();
    await installWallets(page, rpcUrl, [
      { account: alpha, info: ALPHA },
      { account: beta, info: BETA },
    ]);
    expect(await openDashboard(page, url)).toBe("ready");

    // Both listed by name, in order of announcement, once each (they announce on load and on request).
    const options = page.locator("[data-testid=wallet-picker] [data-testid=wallet-option]");
    expect(await options.count()).toBe(2);
    expect((await options.allTextContents()).map((t) => t.trim())).toEqual(["Alpha Wallet", "Beta Wallet"]);
    // Only the data:image/ icon is rendered.
    expect(await options.nth(0).locator("img").count()).toBe(0);
    expect(await options.nth(1).locator("img").getAttribute("src")).toBe(BETA.icon);
    await page.locator("header.top").screenshot({ path: path.join(OUTPUT_DIR, "dashboard-wallet-picker.png") });

    await page.check(`[data-testid=wallet-option][data-uuid="${BETA.uuid}"] input`);
    await page.click("#wallet button[data-action=connect]");
    await page.waitForSelector("[data-testid=wallet-account]");
    expect(await text(page, "wallet-name")).toBe("Beta Wallet");
    expect(await page.getAttribute("[data-testid=wallet-account] code", "title")).toBe(beta);
    await page.locator("header.top").screenshot({ path: path.join(OUTPUT_DIR, "dashboard-wallet-connected.png") });

    await page.click("[data-testid=proposal][data-state=Active] button.vote-for");
    await page.waitForSelector(".message-success >> text=Voted for", { timeout: 30_000 });

    // On chain: the second wallet's account voted, with the transaction the second wallet sent.
    const calls = await walletCalls(page);
    const sent = calls[BETA.uuid]!.filter((c) => c.method === "eth_sendTransaction");
    expect(sent).toHaveLength(1);
    const tx = await publicClient.getTransaction({ hash: sent[0]!.result as `0x${string}` });
    expect(tx.from.toLowerCase()).toBe(beta.toLowerCase());
    const { governor } = commonsContracts();
    expect(await governor.read.hasVoted([BigInt(proposalId), beta])).toBe(true);
    expect(await governor.read.hasVoted([BigInt(proposalId), alpha])).toBe(false);
    expect(calls[ALPHA.uuid]!.map((c) => c.method)).toEqual([]);

    // Switching: the picker again, with the connected wallet kept until another is connected.
    await page.click("button[data-action=switch-wallet]");
    await page.check(`[data-testid=wallet-option][data-uuid="${ALPHA.uuid}"] input`);
    await page.click("#wallet button[data-action=connect]");
    await page.waitForSelector("[data-testid=wallet-name] >> text=Alpha Wallet");
    expect(await page.getAttribute("[data-testid=wallet-account] code", "title")).toBe(alpha);
    expect((await walletCalls(page))[ALPHA.uuid]!.some((c) => c.method === "eth_sendTransaction")).toBe(false);
    await page.close();
  });

  it("should ignore malformed EIP-6963 announcements, fall back to window.ethereum, and take wallets that announce late", async () => {
    await loadFixture(seeded);
    const injected = devAccount(WALLET_ACCOUNT).address;
    const late = devAccount(OTHER_WALLET_ACCOUNT).address;
    const hostile = '<img src=x onerror="window.__xss = 1">Late Wallet';
    const page = await browser.context.newPage();
    await installWallets(
      page,
      rpcUrl,
      [
        { account: injected },
        { account: late, info: { ...ALPHA, name: hostile, icon: "javascript:alert(1)" }, late: true },
      ],
      [
        { detail: { info: { uuid: "no-request", name: "No request", icon: "", rdns: "x.none" }, provider: {} } },
        { detail: { info: { uuid: 7, name: "Numeric uuid", icon: "", rdns: "x.num" } }, withProvider: true },
        { detail: { provider: "not an object" } },
        { detail: null },
      ],
    );
    expect(await openDashboard(page, url)).toBe("ready");

    // None of the malformed ones is listed: the page falls back to window.ethereum, one click to connect.
    expect(await page.locator("#wallet [data-testid=wallet-option]").count()).toBe(1);
    expect(await text(page, "wallet-option")).toBe("Injected wallet");
    await page.click("#wallet button[data-action=connect]");
    await page.waitForSelector("[data-testid=wallet-account]");
    expect(await text(page, "wallet-name")).toBe("Injected wallet");
    expect(await page.getAttribute("[data-testid=wallet-account] code", "title")).toBe(injected);

    // A wallet that announces after the page has loaded (twice: listed once) can be switched to; its name
    // is text and its non-data: icon is dropped.
    await page.evaluate(() => {
      const w = window as unknown as { __announceLate: () => void };
      w.__announceLate();
      window.dispatchEvent(new Event("eip6963:requestProvider"));
    });
    await page.click("button[data-action=switch-wallet]");
    expect(await page.locator("#wallet [data-testid=wallet-option]").count()).toBe(1);
    expect(await text(page, "wallet-option")).toBe(hostile);
    expect(await page.locator("#wallet img").count()).toBe(0);
    await page.click("#wallet button[data-action=connect]");
    await page.waitForSelector(`[data-testid=wallet-account] code[title="${late}"]`);
    expect(await text(page, "wallet-name")).toBe(hostile);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const calls = await walletCalls(page);
    expect(calls.malformed ?? []).toEqual([]);
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
    expect(stats.requests).toBeLessThanOrEqual(11);
    // The floor range after the change: still the classifier's and the registry's.
    const range = await commonsFor(0).getFloorRange();
    expect(await text(page, "floor-highest")).toBe(compact(range.highest.params));

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

  it("should veto a queued proposal through an injected wallet", async () => {
    const { proposalId } = await loadFixture(queued);
    const page = await browser.context.newPage();
    await injectWallet(page, rpcUrl, devAccount(WALLET_ACCOUNT).address);
    expect(await openDashboard(page, url)).toBe("ready");
    const card = page.locator("[data-testid=proposal][data-state=Queued]");
    expect(await card.locator("button.vote-veto").isDisabled()).toBe(true); // no wallet connected yet
    await page.click("button[data-action=connect]");
    await page.waitForSelector("[data-testid=wallet-account]");
    await card.locator("button.vote-veto").click();
    await page.waitForSelector(".message-success >> text=Vetoed with 1 vote", { timeout: 30_000 });
    const { veto } = await commonsFor(0).getProposal({ proposal: proposalId });
    expect(veto.votes).toBe(1n);
    expect(await text(page, "veto")).toBe(`Veto 1 / ${grouped(veto.threshold)}`);
    await page.close();
  });

  it("should let anyone activate a Pending node once its warm-up is over", async () => {
    await loadFixture(passed); // node #7's warm-up is over by now
    const page = await browser.context.newPage();
    expect(await openDashboard(page, url)).toBe("ready");
    const row = page.locator("[data-testid=nodes-table] tbody tr", { hasText: "Pending" });
    expect(await row.textContent()).toContain("warm-up over");
    expect(await row.locator("button[data-action=activate]").isDisabled()).toBe(true); // no wallet
    await page.close();

    const withWallet = await browser.context.newPage();
    await injectWallet(withWallet, rpcUrl, devAccount(MODEL_REGISTRANT).address); // not the node's owner
    expect(await openDashboard(withWallet, url)).toBe("ready");
    await withWallet.click("button[data-action=connect]");
    await withWallet.waitForSelector("[data-testid=wallet-account]");
    await withWallet.click("[data-testid=nodes-table] button[data-action=activate][data-node='7']");
    await withWallet.waitForSelector(".message-success", { timeout: 30_000 });
    expect(await withWallet.textContent("#message")).toContain("Activated node #7");
    expect(await withWallet.textContent("[data-testid=active-nodes]")).toBe("6");
    expect(await withWallet.locator("[data-testid=nodes-table] tbody tr", { hasText: "Pending" }).count()).toBe(0);
    expect((await commonsFor(0).getNode({ nodeId: 7n })).status).toBe("Active");
    await withWallet.close();
  });

  it("should read the node table one page at a time, all nodes or one owner's", async () => {
    await loadFixture(seeded);
    const page = await browser.context.newPage();
    // Every node page the page reads, as the node sees it: the offset and limit of each packedNodes / nodesOf.
    const pages: { fn: string; args: readonly unknown[] }[] = [];
    page.on("request", (request) => {
      if (request.url() !== rpcUrl && request.url() !== `${rpcUrl}/`) return;
      const body = JSON.parse(request.postData() ?? "{}") as {
        method?: string;
        params?: [{ data?: Hex; input?: Hex }];
      };
      const data = body.params?.[0]?.data ?? body.params?.[0]?.input;
      if (body.method !== "eth_call" || !data) return;
      for (const abi of [computeRegistryAbi, commonsLensAbi]) {
        try {
          const { functionName, args } = decodeFunctionData({ abi, data });
          if (functionName === "packedNodes" || functionName === "nodesOf")
            pages.push({ fn: functionName, args: args ?? [] });
        } catch {
          // another contract's function
        }
      }
    });
    expect(await openDashboard(page, url)).toBe("ready");
    // First paint: one page, never the whole list.
    expect(pages).toEqual([{ fn: "packedNodes", args: [0n, 20n] }]);
    expect(await text(page, "nodes-page")).toBe("page 1 of 1 · nodes 1–7 of 7");

    // Five a page: page 1, then Next reads page 2 only (one request each).
    await page.selectOption("#nodes-filter select[name=page-size]", "5");
    await page.click("#nodes-filter button[type=submit]");
    await page.waitForSelector("[data-testid=nodes-page] >> text=page 1 of 2");
    expect(await page.locator("[data-testid=nodes-table] tbody tr").count()).toBe(5);
    await page.click("button[data-action=nodes-page] >> text=Next");
    await page.waitForSelector("[data-testid=nodes-page] >> text=page 2 of 2");
    expect(await text(page, "nodes-page")).toBe("page 2 of 2 · nodes 6–7 of 7");
    expect(await page.locator("[data-testid=nodes-table] tbody tr").count()).toBe(2);
    expect(await page.locator("button[data-action=nodes-page] >> text=Next").isDisabled()).toBe(true);
    await page.click("button[data-action=nodes-page] >> text=Prev");
    await page.waitForSelector("[data-testid=nodes-page] >> text=page 1 of 2");
    expect(pages.slice(1)).toEqual([
      { fn: "packedNodes", args: [0n, 5n] },
      { fn: "packedNodes", args: [5n, 5n] },
      { fn: "packedNodes", args: [0n, 5n] },
    ]);

    // One owner's nodes: the lens's nodesOf page (the latecomer has node #7 only).
    const owner = devAccount(LATECOMER.owner).address;
    await page.fill("#nodes-filter input[name=owner]", owner.toLowerCase());
    await page.click("#nodes-filter button[type=submit]");
    await page.waitForSelector("[data-testid=nodes-page] code");
    expect(await text(page, "nodes-page")).toContain("page 1 of 1 · nodes 1–1 of 1 of");
    expect(pages.at(-1)).toEqual({ fn: "nodesOf", args: [owner, 0n, 5n] });
    const rows = page.locator("[data-testid=nodes-table] tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Pending");
    // Not an address: said, and nothing read.
    const before = pages.length;
    await page.fill("#nodes-filter input[name=owner]", "0x1234");
    await page.click("#nodes-filter button[type=submit]");
    await page.waitForSelector("#nodes [role=alert] >> text=Not an address");
    expect(pages.length).toBe(before);
    await page.click("button[data-action=nodes-all]");
    await page.waitForSelector("[data-testid=nodes-page] >> text=page 1 of 2");
    expect(pages.at(-1)).toEqual({ fn: "packedNodes", args: [0n, 5n] });
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
      expect(await page.textContent("[data-testid=node-count]")).toBe("7");
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
