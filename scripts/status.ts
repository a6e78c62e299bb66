/**
 * Prints the governance state report (the same as `commons status`: who sets the thresholds, the sybil cost).
 *   npx hardhat run scripts/status.ts --network localhost
 * Env: DEPLOYMENT_ID (default chain-<id>).
 */
import { renderGovernanceState } from "../src/cli/render.js";
import { connectCommons, runScript } from "./lib/connect.js";

await runScript(async () => {
  const { commons } = await connectCommons();
  const [state, skus, bounds, ballots] = await Promise.all([
    commons.readGovernanceState(),
    commons.listSkus(),
    commons.getBounds(),
    commons.getBallotState(),
  ]);
  console.log(renderGovernanceState(state, { skus, bounds, ballots }));
});
