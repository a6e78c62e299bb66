/**
 * `npm run node`: a `hardhat node` (the `devnode` network of hardhat.config.ts: a block every second)
 * listening where COMMONS_RPC_URL points (default http://127.0.0.1:8545), so one variable sets the port for
 * the node, `npm run deploy:local`, the Hardhat scripts
 * (`--network localhost`), the CLI and `npm run app`. Extra arguments go to `hardhat node`.
 *
 *   COMMONS_RPC_URL=http://127.0.0.1:9545 npm run node
 */
import { spawn } from "node:child_process";
import { DEFAULT_RPC_URL, pickRpcUrl, rpcUrlFromEnv } from "../src/connection.js";
import { HARDHAT_CLI, ROOT } from "./lib/hardhatNode.js";

// Runs under `node --import ./scripts/lib/source-hooks.js` (package.json), which maps the `.js` imports to `.ts`.
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "0.0.0.0"]);

/** Host and port for `hardhat node` from an RPC URL; a clear error for one it cannot serve. */
export function listenAddress(rpcUrl: string): { hostname: string; port: number } {
  let url: URL;
  try {
    url = new URL(rpcUrl);
  } catch {
    throw new Error(`COMMONS_RPC_URL "${rpcUrl}" is not a URL (e.g. ${DEFAULT_RPC_URL})`);
  }
  if (url.protocol !== "http:")
    throw new Error(`COMMONS_RPC_URL must be http:// for a local node, got ${url.protocol}`);
  if (!LOCAL_HOSTS.has(url.hostname)) {
    throw new Error(
      `COMMONS_RPC_URL points at ${url.hostname}: npm run node starts a node on this machine (use 127.0.0.1, or unset it)`,
    );
  }
  if (url.pathname !== "/" || url.search !== "" || url.username !== "") {
    throw new Error(`COMMONS_RPC_URL for a local node is http://<host>:<port> with nothing after it`);
  }
  const port = url.port === "" ? 80 : Number(url.port);
  return { hostname: url.hostname === "[::1]" ? "::1" : url.hostname, port };
}

if (import.meta.main) {
  let address: { hostname: string; port: number };
  try {
    address = listenAddress(pickRpcUrl(rpcUrlFromEnv(process.env)));
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  }
  const child = spawn(
    process.execPath, // Node 22 under npm scripts
    [
      HARDHAT_CLI,
      "--network",
      "devnode",
      "node",
      "--hostname",
      address.hostname,
      "--port",
      String(address.port),
      ...process.argv.slice(2),
    ],
    { cwd: ROOT, stdio: "inherit" },
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
