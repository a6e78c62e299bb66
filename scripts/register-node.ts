/**
 * Registers a node with its bond.
 *   DEVICES=2:2 ACCOUNT=1 npx hardhat run scripts/register-node.ts --network localhost
 * Env: DEVICES  comma-separated <skuId>:<count> (e.g. "2:2" for two RTX 3090s; `commons catalog list` for ids)
 *      ACCOUNT  index of the signing account (default 0); METADATA_URI optional; DEPLOYMENT_ID.
 */
import { parseDeviceSpec } from "../src/index.js";
import { connectCommons, env, onTransactionHash, runScript } from "./lib/connect.js";

await runScript(
  async () => {
    const devices = env("DEVICES")
      .split(",")
      .map((line) => parseDeviceSpec(line));
    const { commons, account } = await connectCommons();
    const { nodeId } = await commons.registerNode({
      devices,
      metadataURI: process.env.METADATA_URI ?? "",
      onTransactionHash,
    });
    console.log(`node ${nodeId} registered to ${account}`);
  },
  { devices: "DEVICES", metadataURI: "METADATA_URI" },
);
