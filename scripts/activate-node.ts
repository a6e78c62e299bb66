/**
 * Activates a node after its warm-up: its vote and floor weight start (anyone may).
 *   NODE_ID=1 npx hardhat run scripts/activate-node.ts --network localhost
 * Env: NODE_ID, ACCOUNT, DEPLOYMENT_ID. On a local node, ADVANCE=1 first moves the clock past the warm-up.
 */
import { connectCommons, env, onTransactionHash, runScript } from "./lib/connect.js";

await runScript(
  async () => {
    const nodeId = env("NODE_ID");
    const { commons, networkHelpers } = await connectCommons();
    if (process.env.ADVANCE === "1") {
      const { status, activatableAt } = await commons.getNode({ nodeId });
      if (status === "Pending") await networkHelpers.time.increaseTo(activatableAt);
    }
    await commons.activateNode({ nodeId, onTransactionHash });
    console.log(`node ${nodeId} activated`);
  },
  { nodeId: "NODE_ID" },
);
