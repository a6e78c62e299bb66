/**
 * ABIs for the tests, read from Hardhat's build artifacts (test-only: the SDK will ship generated `as const`
 * ABIs in `src/abi/`). The global setup compiles before any test module loads, so the files exist.
 *
 * The ABIs are typed through Hardhat's generated `artifacts/**\/artifacts.d.ts` (`ArtifactMap`), so viem
 * infers function names, arguments and return types as it would from an `as const` ABI.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ArtifactMap } from "hardhat/types/artifacts";

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../artifacts");

/** Artifact paths, relative to `artifacts/`, by contract name. */
const ARTIFACT_PATHS = {
  HardwareCatalog: "contracts/catalog/HardwareCatalog.sol/HardwareCatalog.json",
  ComputeRegistry: "contracts/registry/ComputeRegistry.sol/ComputeRegistry.json",
  ModelClassifier: "contracts/classification/ModelClassifier.sol/ModelClassifier.json",
  ComputeGovernor: "contracts/governance/ComputeGovernor.sol/ComputeGovernor.json",
  TimelockController: "@openzeppelin/contracts/governance/TimelockController.sol/TimelockController.json",
} as const;

type ContractName = keyof typeof ARTIFACT_PATHS;

/** Reads one contract's ABI from its artifact. */
export function loadAbi<N extends ContractName>(name: N): ArtifactMap[N]["abi"] {
  const file = path.join(ARTIFACTS, ARTIFACT_PATHS[name]);
  let artifact: { contractName?: string; abi?: unknown };
  try {
    artifact = JSON.parse(readFileSync(file, "utf8")) as typeof artifact;
  } catch (error) {
    throw new Error(`cannot read the ${name} artifact at ${file}: run \`npx hardhat build\` first`, {
      cause: error,
    });
  }
  if (artifact.contractName !== name || !Array.isArray(artifact.abi)) {
    throw new Error(`${file} is not the ${name} artifact`);
  }
  return artifact.abi as ArtifactMap[N]["abi"];
}

export const hardwareCatalogAbi = loadAbi("HardwareCatalog");
export const computeRegistryAbi = loadAbi("ComputeRegistry");
export const modelClassifierAbi = loadAbi("ModelClassifier");
export const computeGovernorAbi = loadAbi("ComputeGovernor");
export const timelockControllerAbi = loadAbi("TimelockController");
