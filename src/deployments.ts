import { getAddress, isAddress, type Address } from "viem";
import { commonsDeployments } from "./abi/addresses.js";
import { DeploymentError } from "./errors/base.js";

/** The addresses of one deployment of the system on one chain. */
export type CommonsDeployment = {
  chainId: number;
  catalog: Address;
  registry: Address;
  classifier: Address;
  governor: Address;
  timelock: Address;
  lens: Address;
  /** The attester set and the check of their EAS attestations (`HardwareAttestations`). */
  attestations: Address;
  /** Challenges of nodes, their deposits and payouts (`NodeChallenges`). */
  challenges: Address;
  /** The node veto on queued proposals (`NodeVeto`). */
  veto: Address;
  /** The nodes' standing threshold ballots and their settlement (`ThresholdBallots`). */
  ballots: Address;
  /**
   * The EAS contract whose off-chain attestations and revocations count. Ignition records it for a local
   * deployment (`ComputeCommons#EAS`); on a public chain it is the canonical EAS, a parameter of the module and
   * not a future, so it may be absent here: the actions read it from `attestations.eas()` either way, and
   * refuse to sign when a given one differs.
   */
  eas?: Address | undefined;
  /**
   * The block of the deployment's first transaction (from Ignition's journal): event history scans start
   * here, not at block 0. Absent when unknown (a deployment given by hand without it).
   */
  deployBlock?: number | undefined;
};

/** Ignition's future ids for each contract of the `ComputeCommons` module (both its public and local forms). */
export const IGNITION_IDS = {
  catalog: "ComputeCommons#HardwareCatalog",
  registry: "ComputeCommons#ComputeRegistry",
  classifier: "ComputeCommons#ModelClassifier",
  governor: "ComputeCommons#ComputeGovernor",
  timelock: "ComputeCommons#TimelockController",
  lens: "ComputeCommons#CommonsLens",
  attestations: "ComputeCommons#HardwareAttestations",
  challenges: "ComputeCommons#NodeChallenges",
  veto: "ComputeCommons#NodeVeto",
  ballots: "ComputeCommons#ThresholdBallots",
  /** Only in a deployment of `ComputeCommonsLocal.ts`, which deploys EAS itself. */
  eas: "ComputeCommons#EAS",
} as const;

/** The deployment's contracts by name. */
export type ContractName = keyof typeof IGNITION_IDS;

/** Every contract a deployment must name; `eas` may be left out (see `CommonsDeployment.eas`). */
export const REQUIRED_CONTRACTS = Object.keys(IGNITION_IDS).filter((name) => name !== "eas") as Exclude<
  ContractName,
  "eas"
>[];

function checkedAddress(chainId: number, name: string, value: unknown): Address {
  if (typeof value !== "string" || value === "") {
    throw new DeploymentError(`Deployment for chain ${chainId} has no ${name} address`, chainId, name);
  }
  if (!isAddress(value, { strict: false }) || /^0x0{40}$/i.test(value)) {
    throw new DeploymentError(`Deployment for chain ${chainId}: ${name} address "${value}" is invalid`, chainId, name);
  }
  return getAddress(value);
}

/**
 * Checks a deployment given as an object (browser entry): every contract present, every address valid.
 * @example defineDeployment({ chainId: 31337, catalog: "0x…", registry: "0x…", … })
 */
export function defineDeployment(input: Record<string, unknown> & { chainId: unknown }): CommonsDeployment {
  const chainId = Number(input.chainId);
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new DeploymentError(`Deployment has no valid chainId (got ${String(input.chainId)})`, undefined);
  }
  const out = { chainId } as CommonsDeployment;
  for (const name of REQUIRED_CONTRACTS) out[name] = checkedAddress(chainId, name, input[name]);
  if (input.eas !== undefined && input.eas !== null) out.eas = checkedAddress(chainId, "eas", input.eas);
  if (input.deployBlock !== undefined && input.deployBlock !== null) {
    const block = Number(input.deployBlock);
    if (!Number.isSafeInteger(block) || block < 0) {
      throw new DeploymentError(
        `Deployment for chain ${chainId}: deployBlock "${String(input.deployBlock)}" is not a block number`,
        chainId,
        "deployBlock",
      );
    }
    out.deployBlock = block;
  }
  return out;
}

/**
 * Builds a deployment from Ignition's `deployed_addresses.json` content, and the block of its first
 * transaction when known (`deployBlockFromJournal` reads it from the journal).
 */
export function deploymentFromIgnition(
  addresses: Record<string, string>,
  chainId: number,
  deployBlock?: number,
): CommonsDeployment {
  const input: Record<string, unknown> & { chainId: number } = { chainId, deployBlock };
  for (const name of Object.keys(IGNITION_IDS) as ContractName[]) input[name] = addresses[IGNITION_IDS[name]];
  return defineDeployment(input);
}

/**
 * The block of a deployment's first confirmed transaction, from the text of Ignition's `journal.jsonl` (one
 * JSON message per line; `TRANSACTION_CONFIRM` ones carry the receipt). Undefined when it has none.
 */
export function deployBlockFromJournal(journal: string): number | undefined {
  let first: number | undefined;
  for (const line of journal.split("\n")) {
    if (!line.includes('"TRANSACTION_CONFIRM"')) continue;
    let block: unknown;
    try {
      block = (JSON.parse(line) as { receipt?: { blockNumber?: unknown } }).receipt?.blockNumber;
    } catch {
      continue; // a line cut short by an interrupted deployment
    }
    if (typeof block === "number" && (first === undefined || block < first)) first = block;
  }
  return first;
}

/** The chain id Ignition's journal records (its `DEPLOYMENT_INITIALIZE` message). Undefined when it has none. */
export function chainIdFromJournal(journal: string): number | undefined {
  for (const line of journal.split("\n")) {
    if (!line.includes('"DEPLOYMENT_INITIALIZE"')) continue;
    try {
      const chainId = (JSON.parse(line) as { chainId?: unknown }).chainId;
      if (typeof chainId === "number") return chainId;
    } catch {
      continue;
    }
  }
  return undefined;
}

/**
 * The package's published deployment on `chainId`: `commonsDeployments` (src/abi/addresses.ts, generated from
 * Ignition's records of the deployments listed in ignition/published-deployments.json), or another such map.
 * Throws `DeploymentError` when it holds none for the chain.
 * @example const deployment = publishedDeployment(84532)
 */
export function publishedDeployment(
  chainId: number,
  deployments: Readonly<Record<number, CommonsDeployment>> = commonsDeployments,
): CommonsDeployment {
  const found = Object.hasOwn(deployments, chainId) ? deployments[chainId] : undefined;
  if (found === undefined) {
    const chains = Object.keys(deployments);
    throw new DeploymentError(
      `compute-commons publishes no deployment for chain ${chainId} (` +
        (chains.length === 0 ? "none is published yet" : `published: ${chains.join(", ")}`) +
        "): pass the deployment, e.g. loadDeployment() from compute-commons/node",
      chainId,
    );
  }
  return defineDeployment(found);
}
