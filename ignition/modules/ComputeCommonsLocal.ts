import { createRequire } from "node:module";
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { buildSystem } from "./system.js";

const require = createRequire(import.meta.url);
// EAS pins solc 0.8.29, which cannot be fetched here: deploy its package's own artifacts, as shipped.
const artifacts = "@ethereum-attestation-service/eas-contracts/artifacts/contracts";
/**
 * A package artifact in Hardhat 3's format. They ship as Hardhat 2's `hh-sol-artifact-1`; Ignition copies
 * them into the deployment folder and then refuses any later deploy to that folder (`--reset` too) until
 * `ignition migrate`. The fields Ignition reads are the same in both formats.
 */
const packageArtifact = (file: string) => ({ ...require(`${artifacts}/${file}`), _format: "hh3-artifact-1" });
const schemaRegistryArtifact = packageArtifact("SchemaRegistry.sol/SchemaRegistry.json");
const easArtifact = packageArtifact("EAS.sol/EAS.json");

/**
 * The system on a local chain (Hardhat's in-process network, `hardhat node`, anvil): EAS's SchemaRegistry and
 * EAS are deployed from the npm package's artifacts first. Same module id and future ids as the public
 * `ComputeCommons.ts`, so the SDK reads both deployments alike.
 */
export default buildModule("ComputeCommons", (m) => {
  const schemaRegistry = m.contract("SchemaRegistry", schemaRegistryArtifact, []);
  const eas = m.contract("EAS", easArtifact, [schemaRegistry]);
  return { schemaRegistry, eas, ...buildSystem(m, eas) };
});
