// Node entry: everything in the browser entry, plus loading deployments from Ignition's folder on disk.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import {
  chainIdFromJournal,
  deployBlockFromJournal,
  deploymentFromIgnition,
  type CommonsDeployment,
} from "./deployments.js";
import { DeploymentError } from "./errors/base.js";

export * from "./index.js";

export type LoadDeploymentParameters = {
  chainId: number;
  /** The project root holding `ignition/deployments`. Default the current directory. */
  root?: string;
  /** Ignition deployment id. Default `chain-<chainId>`, Ignition's own default. */
  deploymentId?: string;
};

/** Where Ignition (and `commons deploy`) records a chain's addresses. */
export function deploymentPath({ chainId, root = process.cwd(), deploymentId }: LoadDeploymentParameters): string {
  return join(resolve(root), "ignition", "deployments", deploymentId ?? `chain-${chainId}`, "deployed_addresses.json");
}

/**
 * Loads a deployment's addresses from Ignition's deployment folder.
 * @example const deployment = loadDeployment({ chainId: 31337 })
 */
export function loadDeployment(parameters: LoadDeploymentParameters): CommonsDeployment {
  const path = deploymentPath(parameters);
  if (!existsSync(path)) {
    throw new DeploymentError(
      `No deployment for chain ${parameters.chainId}: ${path} does not exist (deploy first: npm run deploy:local)`,
      parameters.chainId,
    );
  }
  let addresses: Record<string, string>;
  try {
    addresses = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new DeploymentError(`Deployment file ${path} is not valid JSON`, parameters.chainId);
  }
  return deploymentFromIgnition(addresses, parameters.chainId, journalDeployBlock(dirname(path)));
}

/** The block of the first transaction Ignition's journal in `dir` records (see `deployBlockFromJournal`). */
export function journalDeployBlock(dir: string): number | undefined {
  const journal = join(dir, "journal.jsonl");
  return existsSync(journal) ? deployBlockFromJournal(readFileSync(journal, "utf8")) : undefined;
}

/** The chain id Ignition's journal in `dir` records (see `chainIdFromJournal`). */
export function journalChainId(dir: string): number | undefined {
  const journal = join(dir, "journal.jsonl");
  return existsSync(journal) ? chainIdFromJournal(readFileSync(journal, "utf8")) : undefined;
}
