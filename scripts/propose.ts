/**
 * Proposes new classification thresholds (refused before sending when below the consumer floor or beyond
 * the 2× rate limit).
 *   MAX_SMALL_PARAMS=100000000000 ACCOUNT=1 npx hardhat run scripts/propose.ts --network localhost
 * Env: MAX_SMALL_PARAMS, MAX_SMALL_FLOP (each defaults to its current value), DESCRIPTION, ACCOUNT, DEPLOYMENT_ID.
 */
import { connectCommons, onTransactionHash, runScript } from "./lib/connect.js";

await runScript(
  async () => {
    const { commons } = await connectCommons();
    const current = await commons.getThresholds();
    const { proposalNumber, proposalId } = await commons.proposeThresholds({
      maxSmallParams: process.env.MAX_SMALL_PARAMS ?? current.maxSmallParams,
      maxSmallTrainingFlop: process.env.MAX_SMALL_FLOP ?? current.maxSmallTrainingFlop,
      description: process.env.DESCRIPTION ?? "Adjust the Small line",
      onTransactionHash,
    });
    console.log(`proposal ${proposalNumber} (id ${proposalId})`);
  },
  { maxSmallParams: "MAX_SMALL_PARAMS", maxSmallTrainingFlop: "MAX_SMALL_FLOP", description: "DESCRIPTION" },
);
