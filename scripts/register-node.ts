/**
 * Registers a node with its bond.
 *   DEVICES=2:2 ACCOUNT=1 npx hardhat run scripts/register-node.ts --network localhost
 * Env: DEVICES  comma-separated <skuId>:<count> (e.g. "2:2" for two RTX 3090s; `commons catalog list` for ids)
 *      ACCOUNT  index of the signing account (default 0); METADATA_URI optional.
 */
import { connectCommons, env, onTransactionHash } from "./lib/connect.js";

const devices = env("DEVICES").split(",").map((line) => {
  const [skuId, count = "1"] = line.trim().split(":");
  return { skuId: skuId!, count };
});
const { commons, account } = await connectCommons();
const { nodeId } = await commons.registry.registerNode({ devices, metadataURI: process.env.METADATA_URI ?? "", onTransactionHash });
console.log(`node ${nodeId} registered to ${account}`);
