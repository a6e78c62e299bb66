/**
 * Executes a queued proposal after the timelock delay (anyone may).
 *   PROPOSAL_ID=1 npx hardhat run scripts/execute.ts --network localhost
 * Env: PROPOSAL_ID (number or full id), ACCOUNT, DEPLOYMENT_ID. On a local node, ADVANCE=1 first moves the
 *      clock past the proposal's eta.
 */
import { compact, flop } from "../src/index.js";
import { connectCommons, env, onTransactionHash, runScript } from "./lib/connect.js";

await runScript(
  async () => {
    const proposal = env("PROPOSAL_ID");
    const { commons, networkHelpers } = await connectCommons();
    if (process.env.ADVANCE === "1") {
      const { eta } = await commons.getProposal({ proposal });
      if (eta > 0n) await networkHelpers.time.increaseTo(eta + 1n);
    }
    await commons.executeProposal({ proposal, onTransactionHash });
    const t = await commons.getThresholds();
    console.log(
      `executed; Small is now up to ${compact(t.maxSmallParams)} parameters and ${flop(t.maxSmallTrainingFlop)}`,
    );
  },
  { proposal: "PROPOSAL_ID" },
);
