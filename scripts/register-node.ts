/**
 * Registers a node from an attestation file (an attester's, e.g. from scripts/attest.ts or `commons attest`),
 * with its bond: the node is Pending until activated after its warm-up (scripts/activate-node.ts).
 *   ATTESTATION=rig.json ACCOUNT=1 npx hardhat run scripts/register-node.ts --network localhost
 * Env: ATTESTATION  the attestation file; ACCOUNT  index of the signing account, the attestation's owner
 *      (default 0); METADATA_URI optional; DEPLOYMENT_ID.
 */
import { existsSync, readFileSync } from "node:fs";
import { dateWithRelative, InvalidInputError, parseAttestation } from "../src/index.js";
import { connectCommons, env, onTransactionHash, runScript } from "./lib/connect.js";

await runScript(
  async () => {
    const file = env("ATTESTATION");
    if (!existsSync(file)) throw new InvalidInputError("ATTESTATION", `${file} does not exist`);
    const { commons, account, networkHelpers } = await connectCommons();
    const { signed } = parseAttestation(readFileSync(file, "utf8"), { chainId: commons.deployment.chainId });
    const { nodeId, activatableAt } = await commons.registerNode({
      ...signed,
      metadataURI: process.env.METADATA_URI ?? "",
      onTransactionHash,
    });
    console.log(
      `node ${nodeId} registered to ${account}; Pending until ${dateWithRelative(activatableAt, await networkHelpers.time.latest())}`,
    );
  },
  { attestation: "ATTESTATION", metadataURI: "METADATA_URI" },
);
