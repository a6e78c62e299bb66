/**
 * Prints the governance state report (the same as `commons status`).
 *   npx hardhat run scripts/status.ts --network localhost
 * Env: DEPLOYMENT_ID (default chain-<id>).
 */
import { renderGovernanceState } from "../src/cli/render.js";
import { connectCommons, runScript } from "./lib/connect.js";

await runScript(async () => {
  const { commons } = await connectCommons();
  console.log(renderGovernanceState(await commons.readGovernanceState()));
});
