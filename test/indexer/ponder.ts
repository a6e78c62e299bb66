/**
 * The indexer (`indexer/`, Ponder) as a child process of a test: `ponder start` against the run's hardhat node
 * and deployment, with embedded PGlite in a data folder the test chooses (reused to restart on the same data),
 * on a free loopback port, in its own process group. Its log goes to `test-output/indexer-<port>.log`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { freePort, killGroup, NODE, ROOT, stopHardhatNode } from "../../scripts/lib/hardhatNode.js";
import { deployment, rpcUrl } from "../utils/chain.js";

const PONDER_CLI = path.join(ROOT, "node_modules/ponder/dist/esm/bin/ponder.js");
const LOG_DIR = path.join(ROOT, "test-output");

export type Indexer = {
  url: string;
  child: ChildProcess;
  /** POSTs a GraphQL query; rejects on an HTTP or GraphQL error. */
  graphql<T = Record<string, unknown>>(query: string): Promise<T>;
  /** Runs a read-only SQL query through `/sql/db` (the `@ponder/client` endpoint); the rows. */
  sql<T = Record<string, unknown>>(query: string): Promise<T[]>;
  /** SIGTERM to the group, SIGKILL after a grace period. */
  stop(): Promise<void>;
  /** SIGKILL to the group at once (a crash), once it has exited. */
  crash(): Promise<void>;
};

/** Polls `read` until `done` holds for its value; rejects with the last value (or error) after `timeoutMs`. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 60_000, intervalMs = 200, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (done(value)) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const shown =
        last instanceof Error ? last.message : JSON.stringify(last, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${shown?.slice(0, 2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Starts the indexer on `dataDir` (PGlite) and waits until its HTTP server answers `/ready` or `/health`. */
export async function startIndexer(dataDir: string, { schema = "commons_test" } = {}): Promise<Indexer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(path.join(LOG_DIR, `indexer-${port}.log`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    COMMONS_RPC_URL: rpcUrl,
    COMMONS_CHAIN_ID: String(deployment.chainId),
    COMMONS_DEPLOYMENT_ID: deployment.deploymentId,
    COMMONS_INDEXER_DATA: dataDir,
    PONDER_TELEMETRY_DISABLED: "true",
    NODE_ENV: "production",
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_PRIVATE_URL;
  const child = spawn(
    NODE,
    [PONDER_CLI, "--log-format", "json", "start", "--schema", schema, "--port", String(port), "-H", "127.0.0.1"],
    // From indexer/: ponder writes generated/schema.graphql in its working directory.
    { cwd: path.join(ROOT, "indexer"), env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);

  const post = async (body: unknown) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`GraphQL HTTP ${response.status}: ${await response.text()}`);
    return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  };

  const indexer: Indexer = {
    url,
    child,
    async graphql<T>(query: string) {
      const { data, errors } = await post({ query });
      if (errors !== undefined && errors.length > 0)
        throw new Error(`GraphQL: ${errors.map((e) => e.message).join("; ")}`);
      return data as T;
    },
    async sql<T>(query: string) {
      // `@ponder/client` sends drizzle's { sql, params } serialised by superjson; plain JSON is its form for these.
      const encoded = encodeURIComponent(JSON.stringify({ json: { sql: query, params: [] } }));
      const response = await fetch(`${url}/sql/db?sql=${encoded}`);
      if (!response.ok) throw new Error(`SQL HTTP ${response.status}: ${await response.text()}`);
      const result = (await response.json()) as T[] | { rows: T[] };
      return Array.isArray(result) ? result : result.rows;
    },
    stop: () => stopHardhatNode(child),
    async crash() {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      killGroup(child.pid, "SIGKILL");
      await gone;
    },
  };

  const early = new Promise<never>((_, reject) =>
    child.once("exit", (code, signal) =>
      reject(new Error(`the indexer exited (${signal ?? `exit ${code}`}); see test-output/indexer-${port}.log`)),
    ),
  );
  early.catch(() => {});
  try {
    await Promise.race([
      early,
      waitFor(
        async () => (await fetch(`${url}/health`)).status,
        (status) => status === 200,
        { timeoutMs: 90_000, what: `the indexer on ${url}` },
      ),
    ]);
  } catch (error) {
    await indexer.stop();
    throw error;
  }
  return indexer;
}
