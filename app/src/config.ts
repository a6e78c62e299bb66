/**
 * Where the dashboard reads from: an RPC URL and a deployment (the system's addresses on one chain).
 *
 * Sources, first match wins:
 * - RPC: `?rpc=<url>`, else the `rpcUrl` of `deployment.json` (COMMONS_RPC_URL when `npm run app` wrote it),
 *   else http://127.0.0.1:8545 (a local `hardhat node`).
 * - Deployment: `?deployment=<url-encoded JSON>`, else `deployment.json` next to the page (written by
 *   `scripts/write-app-deployment.ts`), else whatever the user pastes into the form.
 * - Indexer: `?indexer=<url>` (an indexer of the deployment, `npm run indexer`): the page's history reads go
 *   through it instead of log scans; without it, none.
 *
 * A deployment is given either in the SDK's shape (`{ chainId, catalog, registry, classifier, governor,
 * timelock, lens }`) or as Ignition's `deployed_addresses.json` (`{ "ComputeCommons#ComputeRegistry": … }`)
 * with a `chainId` beside the addresses (31337, a local node, when it has none).
 */
import {
  checkRpcUrl as checkUrl,
  DEFAULT_RPC_URL,
  defineDeployment,
  deploymentFromIgnition,
  IGNITION_IDS,
  InvalidInputError,
  pickRpcUrl,
  type CommonsDeployment,
} from "../../src/index.js";

export { DEFAULT_RPC_URL };
/** A deployment without a `chainId` is taken to be on a local `hardhat node`. */
const LOCAL_CHAIN_ID = 31337;

export type DashboardConfig = {
  rpcUrl: string;
  /** The deployment's JSON as given (shown in the form), and where it came from. */
  deploymentText: string;
  deploymentSource: "query" | "deployment.json" | "none";
};

/** A problem with what the user gave us (as opposed to what the chain answered). */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Checks a URL the page reads from (the SDK's check: http(s) only), as a `ConfigError` naming `what`. */
function checkHttpUrl(text: string, what: string, field: string): string {
  try {
    return checkUrl(text, field);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new ConfigError(`${what} ${error.reason}`);
    throw error;
  }
}

/** Checks an RPC URL, as a `ConfigError` for the page. */
export const checkRpcUrl = (text: string): string => checkHttpUrl(text, "RPC URL", "rpcUrl");

/** The indexer of `?indexer=<url>`, checked; undefined when the page has none (history from log scans). */
export function readIndexerUrl(location: Location): string | undefined {
  const text = new URLSearchParams(location.search).get("indexer")?.trim();
  return text ? checkHttpUrl(text, "Indexer URL", "indexerUrl") : undefined;
}

/** Parses a deployment in either accepted shape; messages say what is wrong. */
export function parseDeployment(text: string): CommonsDeployment {
  if (text.trim() === "") throw new ConfigError("No deployment: paste the deployment's JSON below.");
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The deployment is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new ConfigError("The deployment must be a JSON object of contract addresses.");
  }
  const record = input as Record<string, unknown>;
  const isIgnition = Object.values(IGNITION_IDS).some((id) => id in record);
  try {
    if (isIgnition) {
      const chainId = record.chainId === undefined ? LOCAL_CHAIN_ID : Number(record.chainId);
      const deployBlock = record.deployBlock === undefined ? undefined : Number(record.deployBlock);
      return deploymentFromIgnition(record as Record<string, string>, chainId, deployBlock);
    }
    return defineDeployment(record as Record<string, unknown> & { chainId: unknown });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

/** Reads the page's configuration: query parameters first, then `deployment.json` beside the page. */
export async function readConfig(location: Location): Promise<DashboardConfig> {
  const query = new URLSearchParams(location.search);
  const fromQuery = query.get("deployment");
  if (fromQuery !== null)
    return { rpcUrl: pickRpcUrl(query.get("rpc")), deploymentText: fromQuery, deploymentSource: "query" };
  const fromFile = await fetchDeploymentFile(new URL("deployment.json", location.href).href);
  if (fromFile === undefined)
    return { rpcUrl: pickRpcUrl(query.get("rpc")), deploymentText: "", deploymentSource: "none" };
  return {
    rpcUrl: pickRpcUrl(query.get("rpc"), fileRpcUrl(fromFile)),
    deploymentText: fromFile,
    deploymentSource: "deployment.json",
  };
}

/** The `rpcUrl` a deployment file carries, if any (a file that is not JSON is reported by parseDeployment). */
function fileRpcUrl(text: string): string | undefined {
  try {
    const { rpcUrl } = JSON.parse(text) as { rpcUrl?: unknown };
    return typeof rpcUrl === "string" ? rpcUrl : undefined;
  } catch {
    return undefined;
  }
}

/** The text of `deployment.json`, or undefined when the page has none (404, or a dev server's HTML fallback). */
async function fetchDeploymentFile(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
    if (!response.ok) return undefined;
    const text = await response.text();
    return text.trimStart().startsWith("{") ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The page's URL for this configuration (shareable; the form navigates to it). */
export function configUrl(location: Location, rpcUrl: string, deploymentText: string | undefined): string {
  const url = new URL(location.href);
  const indexer = url.searchParams.get("indexer");
  url.search = "";
  if (indexer !== null) url.searchParams.set("indexer", indexer);
  if (rpcUrl !== DEFAULT_RPC_URL) url.searchParams.set("rpc", rpcUrl);
  if (deploymentText !== undefined) url.searchParams.set("deployment", JSON.stringify(JSON.parse(deploymentText)));
  return url.href;
}
