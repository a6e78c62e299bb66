/**
 * Prints the governance state report (the same as `commons status`).
 *   npx hardhat run scripts/status.ts --network localhost
 */
import { renderGovernanceState } from "../src/cli/format.js";
import { connectCommons } from "./lib/connect.js";

const { commons } = await connectCommons();
console.log(renderGovernanceState(await commons.readGovernanceState()));
