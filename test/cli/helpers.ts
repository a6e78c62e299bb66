/** Running the `commons` CLI (and the Hardhat scripts) as child processes, and reading what they print. */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { keccak256, toHex } from "viem";
import { expect } from "vitest";
import { HARDHAT_CLI, NODE, ROOT } from "../../scripts/lib/hardhatNode.js";

export const BIN = path.join(ROOT, "bin/commons.js");

export type Run = { code: number; stdout: string; stderr: string };

/** The environment of a run: the key and RPC variables cleared unless given. */
const envWith = (env: Record<string, string>) => ({
  ...process.env,
  COMMONS_PRIVATE_KEY: "",
  COMMONS_KEYSTORE_PASSWORD: "",
  COMMONS_RPC_URL: "",
  ...env,
});

function run(file: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      NODE,
      [file, ...args],
      { cwd: ROOT, env: envWith(env), timeout: 240_000, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 99) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The README walkthrough's model, Qwen2.5 72B, registered with `--units` by dev account 4: `commons <these>`. */
export const README_MODEL_ARGS: readonly string[] = [
  "model",
  "register",
  "--name",
  "Qwen2.5 72B",
  "--params",
  "72.7B",
  "--flop",
  "7.8e24",
  "--units",
  "--weights-hash",
  keccak256(toHex("Qwen/Qwen2.5-72B")),
  "--open-weights",
  "--account",
  "4",
];

/** Runs `commons <args>` in the repository. */
export const commons = (args: string[], env: Record<string, string> = {}): Promise<Run> => run(BIN, args, env);

/** Runs `hardhat run --no-compile <script>` on the `localhost` network, at `rpcUrl` through `COMMONS_RPC_URL`. */
export const hardhatScript = (script: string, rpcUrl: string, env: Record<string, string>): Promise<Run> =>
  run(HARDHAT_CLI, ["run", "--no-compile", "--network", "localhost", script], { COMMONS_RPC_URL: rpcUrl, ...env });

/** Starts `commons <args>` without waiting for it: for a test that acts while the command runs. */
export function startCommons(args: string[], env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(NODE, [BIN, ...args], {
    cwd: ROOT,
    env: envWith(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) =>
    child.on("close", (code) => resolve({ code: code ?? 99, stdout, stderr })),
  );
  /** Resolves once stderr matches `pattern`. */
  const waitForStderr = async (pattern: RegExp, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(stderr)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${pattern} on stderr: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { done, waitForStderr };
}

/**
 * A failed command: exactly one error line matching `pattern`, no stack trace (unless `--debug` asked for
 * one), and the exit code.
 */
export function expectFailure(r: Run, code: number, pattern: RegExp, { debug = false } = {}): string {
  const errorLines = r.stderr.split("\n").filter((l) => l.startsWith("error: "));
  expect(errorLines, r.stderr).toHaveLength(1);
  expect(errorLines[0]).toMatch(pattern);
  if (!debug) expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.code, r.stderr).toBe(code);
  return errorLines[0]!;
}

/** A command that succeeded, its `--json` output parsed. */
export function parsed<T = any>(r: Run, what: string): T {
  expect(r.stderr.includes("error:") ? r.stderr : "", what).toBe("");
  expect(r.code, `${what}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** One JSON-RPC call to a node, outside the SDK (test set-up: automine, snapshots). */
export async function rpcCall<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** Where this run's attestation files go (`commons attest --out`). */
const ATTESTATION_DIR = mkdtempSync(path.join(tmpdir(), "commons-attestations-"));
let attestationFiles = 0;

/**
 * `commons attest` as dev account `attester` (default 9, the dev attester of local.json) for `owner`'s
 * `devices` (`<sku>[:<count>]` each), into a new file: its path, for `commons node register --attestation`.
 * `run` is the file's own `commons` on its node and deployment; with `byIndex: false` it signs with the key it
 * sets itself (a public chain: no dev accounts by index).
 */
export async function attestWithCli(
  run: (args: string[]) => Promise<Run>,
  owner: `0x${string}`,
  devices: readonly string[],
  { attester = 9, byIndex = true }: { attester?: number; byIndex?: boolean } = {},
): Promise<string> {
  const out = path.join(ATTESTATION_DIR, `attestation-${++attestationFiles}.json`);
  const args = ["attest", "--owner", owner, ...devices.flatMap((d) => ["--device", d]), "--out", out];
  parsed(await run([...args, ...(byIndex ? ["--account", String(attester)] : []), "--json"]), "commons attest");
  return out;
}
