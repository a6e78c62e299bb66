import { getAddress, isAddress, type Address } from "viem";
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
};

/** Ignition's future ids for each contract of the `ComputeCommons` module. */
export const IGNITION_IDS = {
  catalog: "ComputeCommons#HardwareCatalog",
  registry: "ComputeCommons#ComputeRegistry",
  classifier: "ComputeCommons#ModelClassifier",
  governor: "ComputeCommons#ComputeGovernor",
  timelock: "ComputeCommons#TimelockController",
  lens: "ComputeCommons#CommonsLens",
} as const;

const CONTRACTS = Object.keys(IGNITION_IDS) as (keyof typeof IGNITION_IDS)[];

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
  for (const name of CONTRACTS) {
    const value = input[name];
    if (typeof value !== "string" || value === "") {
      throw new DeploymentError(`Deployment for chain ${chainId} has no ${name} address`, chainId, name);
    }
    if (!isAddress(value, { strict: false }) || /^0x0{40}$/i.test(value)) {
      throw new DeploymentError(
        `Deployment for chain ${chainId}: ${name} address "${value}" is invalid`,
        chainId,
        name,
      );
    }
    out[name] = getAddress(value);
  }
  return out;
}

/** Builds a deployment from Ignition's `deployed_addresses.json` content. */
export function deploymentFromIgnition(addresses: Record<string, string>, chainId: number): CommonsDeployment {
  const input: Record<string, unknown> & { chainId: number } = { chainId };
  for (const name of CONTRACTS) input[name] = addresses[IGNITION_IDS[name]];
  return defineDeployment(input);
}
