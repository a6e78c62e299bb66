/**
 * Executes a queued proposal after the timelock delay (anyone may).
 *   PROPOSAL_ID=… npx hardhat run scripts/execute.ts --network localhost
 * Env: PROPOSAL_ID, ACCOUNT. On a local node, ADVANCE=1 first moves the clock past the proposal's eta.
 */
import { connectCommons, env, onTransactionHash } from "./lib/connect.js";

const { commons, networkHelpers } = await connectCommons();
const proposalId = BigInt(env("PROPOSAL_ID"));
if (process.env.ADVANCE === "1") {
  const proposal = (await commons.governance.listProposals()).find((p) => p.id === proposalId);
  if (proposal && proposal.eta > 0n) await networkHelpers.time.increaseTo(proposal.eta + 1n);
}
await commons.governance.execute({ proposalId, onTransactionHash });
const t = await commons.classifier.getThresholds();
console.log(`executed; Small is now up to ${t.maxSmallParams} parameters and ${t.maxSmallTrainingFlop} FLOP`);
