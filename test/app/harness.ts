/**
 * Browser harness for the dashboard (`app/`): build it with Vite, serve the static files on a free
 * loopback port, drive a real headless Chromium with playwright-core, and seed the chain with the SDK.
 * Used by `dashboard.browser.test.ts` and by the 1,000-node measurement (`bench/app-load.test.ts`).
 *
 * The browser comes from npm, so `npm ci` is the only set-up: `@sparticuz/chromium` ships a compressed
 * Chromium (headless shell) with its GPU emulation and a font. The first launch unpacks it (about 2 s) into
 * `node_modules/.cache/compute-commons/chromium-<version>/`; later launches reuse it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sparticuz from "@sparticuz/chromium";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { build } from "vite";
import type { CommonsDeployment } from "../../src/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const OUTPUT_DIR = path.join(ROOT, "test-output");
const CHROMIUM_PACKAGE = path.join(ROOT, "node_modules/@sparticuz/chromium");
/**
 * The package's flags for a headless shell, plus the ones that keep Chromium off the network on a closed
 * one (playwright-core passes most of them too; here they do not depend on its defaults).
 */
const CHROMIUM_ARGS = [
  ...sparticuz.args,
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-quic",
  "--disable-sync",
  "--no-first-run",
  "--no-pings",
];

/**
 * Unpacks `@sparticuz/chromium` once per version and returns the binary and its fontconfig file. The package
 * unpacks into `os.tmpdir()`, so a child process does it with TMPDIR pointing at a fresh folder, which is
 * then renamed into place: concurrent runs never see a half-written binary, and no other Chromium in /tmp
 * is picked up by mistake.
 */
export function chromiumExecutable(): { executablePath: string; fontconfigFile: string } {
  const version = (JSON.parse(readFileSync(path.join(CHROMIUM_PACKAGE, "package.json"), "utf8")) as { version: string })
    .version;
  const cache = path.join(ROOT, "node_modules/.cache/compute-commons");
  const dir = path.join(cache, `chromium-${version}`);
  const executablePath = path.join(dir, "chromium");
  const fontconfigFile = path.join(dir, "fonts.conf");
  if (existsSync(fontconfigFile)) return { executablePath, fontconfigFile };

  rmSync(dir, { recursive: true, force: true }); // an older, incomplete copy
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(path.join(cache, `chromium-${version}.unpacking-`));
  try {
    const unpack = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", 'import c from "@sparticuz/chromium"; console.log(await c.executablePath());'],
      { cwd: ROOT, env: { ...process.env, TMPDIR: staging }, encoding: "utf8", timeout: 120_000 },
    );
    const unpacked = unpack.stdout.trim();
    if (unpack.status !== 0 || unpacked !== path.join(staging, "chromium")) {
      throw new Error(
        `could not unpack @sparticuz/chromium ${version} (run npm ci): ${unpack.stderr || unpack.stdout}`,
      );
    }
    // The system's fonts first (when there are any), then the package's Open Sans, so text renders either way.
    writeFileSync(
      path.join(staging, "fonts.conf"),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
        `  <dir>${path.join(dir, "fonts")}</dir>\n  <cachedir>${path.join(dir, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another run got there first: use its copy.
      if (!existsSync(fontconfigFile)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { executablePath, fontconfigFile };
}

/** Builds the dashboard into `test-output/app-dist` (not `app/dist`, which `npm run app:build` owns). */
export async function buildApp(): Promise<string> {
  const outDir = path.join(OUTPUT_DIR, "app-dist");
  await build({
    configFile: path.join(ROOT, "app/vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export type StaticServer = { url: string; close: () => Promise<void> };

/** Serves `dir` on 127.0.0.1 at a free port (GET only, no directory listing, no path escape). */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.join(dir, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("static server has no port");
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export type Browser = { context: BrowserContext; close: () => Promise<void> };

/** Launches the npm-shipped Chromium headless with a fresh profile. */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, fontconfigFile } = chromiumExecutable();
  const userDataDir = mkdtempSync(path.join(tmpdir(), "commons-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, FONTCONFIG_FILE: fontconfigFile },
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The page's URL for an RPC and a deployment (both as query parameters). */
export function dashboardUrl(base: string, rpcUrl: string, deployment: CommonsDeployment): string {
  const url = new URL(base);
  url.searchParams.set("rpc", rpcUrl);
  // The SDK's shape, without what a test deployment carries beside it (its Ignition deployment id).
  const { deploymentId: _, ...addresses } = deployment as CommonsDeployment & { deploymentId?: string };
  url.searchParams.set("deployment", JSON.stringify(addresses));
  return url.href;
}

/** Opens the page and waits until it has loaded (`ready`) or given up (`error`). */
export async function openDashboard(page: Page, url: string): Promise<"ready" | "error"> {
  await page.goto(url);
  await page.waitForSelector("body[data-status=ready], body[data-status=error]", { timeout: 60_000 });
  return (await page.getAttribute("body", "data-status")) as "ready" | "error";
}

/** Load time and request count from the page's footer ("loaded in N ms with K requests"). */
export async function loadStats(page: Page): Promise<{ ms: number; requests: number; text: string }> {
  const text = (await page.textContent("#footer")) ?? "";
  const match = /loaded in (\d+) ms with (\d+) requests/.exec(text);
  if (!match) throw new Error(`no load stats in the footer: "${text}"`);
  return { ms: Number(match[1]), requests: Number(match[2]), text: text.replace(/\s+/g, " ").trim() };
}

/** EIP-6963's `info` of a test wallet. */
export type TestWalletInfo = { uuid: string; name: string; icon: string; rdns: string };

/**
 * A test wallet: an EIP-1193 provider that signs as `account`. With `info` it announces itself with EIP-6963
 * (on load and on every `eip6963:requestProvider`; with `late`, only once the test calls
 * `window.__announceLate()`); without, it is the legacy `window.ethereum`.
 */
export type TestWallet = { account: string; info?: TestWalletInfo; late?: boolean };

/** A malformed EIP-6963 announcement: `detail` as given, plus (`withProvider`) a working provider. */
export type MalformedAnnouncement = { detail: unknown; withProvider?: boolean };

/** What each test wallet was asked, by uuid (`window.ethereum` for the legacy one, `malformed` for those). */
export type WalletCalls = Record<string, { method: string; result?: unknown }[]>;

/**
 * Installs test wallets in the page before its scripts run. Each forwards every request to the node, whose
 * dev accounts are unlocked (so the node signs as the wallet's account), and records what it was asked in
 * `window.__walletCalls` (read it with `walletCalls`): enough to exercise the dashboard's writes and to tell
 * which wallet sent them.
 */
export async function installWallets(
  page: Page,
  rpcUrl: string,
  wallets: readonly TestWallet[],
  malformed: readonly MalformedAnnouncement[] = [],
): Promise<void> {
  await page.addInitScript(
    ({ rpcUrl, wallets, malformed }) => {
      type Call = { method: string; result?: unknown };
      const page = window as unknown as {
        ethereum?: unknown;
        __walletCalls: Record<string, Call[]>;
        __announceLate: () => void;
      };
      const calls: Record<string, Call[]> = {};
      page.__walletCalls = calls;
      let id = 0;
      const provider = (key: string, account: string) => {
        const log = (calls[key] ??= []);
        return {
          async request({ method, params }: { method: string; params?: unknown[] }) {
            const call: Call = { method };
            log.push(call);
            if (method === "eth_requestAccounts" || method === "eth_accounts") return (call.result = [account]);
            const response = await fetch(rpcUrl, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: params ?? [] }),
            });
            const body = (await response.json()) as {
              result?: unknown;
              error?: { code: number; message: string; data?: unknown };
            };
            if (body.error) throw Object.assign(new Error(body.error.message), body.error);
            return (call.result = body.result);
          },
          on() {},
          removeListener() {},
        };
      };
      const late: (() => void)[] = [];
      const announcer = (detail: unknown, deferred: boolean) => {
        const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail }));
        const start = () => {
          window.addEventListener("eip6963:requestProvider", announce);
          announce();
        };
        if (deferred) late.push(start);
        else start();
      };
      page.__announceLate = () => late.forEach((start) => start());
      for (const w of wallets) {
        if (!w.info) page.ethereum = provider("window.ethereum", w.account);
        else
          announcer(
            Object.freeze({ info: Object.freeze({ ...w.info }), provider: provider(w.info.uuid, w.account) }),
            w.late === true,
          );
      }
      for (const m of malformed) {
        const detail = m.withProvider
          ? { ...(m.detail as object), provider: provider("malformed", wallets[0]!.account) }
          : m.detail;
        announcer(detail, false);
      }
    },
    { rpcUrl, wallets, malformed },
  );
}

/** The legacy injected wallet (`window.ethereum`) only, signing as `account`. */
export async function injectWallet(page: Page, rpcUrl: string, account: string): Promise<void> {
  await installWallets(page, rpcUrl, [{ account }]);
}

/** What the page asked each wallet installed by `installWallets`, by uuid. */
export async function walletCalls(page: Page): Promise<WalletCalls> {
  return page.evaluate(() => (window as unknown as { __walletCalls: WalletCalls }).__walletCalls);
}
