/**
 * Queues a succeeded proposal in the timelock (anyone may).
 *   PROPOSAL_ID=… npx hardhat run scripts/queue.ts --network localhost
 * Env: PROPOSAL_ID, ACCOUNT. On a local node, ADVANCE=1 first moves the clock past the voting deadline.
 */
import { connectCommons, env, onTransactionHash } from "./lib/connect.js";

const { commons, networkHelpers } = await connectCommons();
const proposalId = BigInt(env("PROPOSAL_ID"));
if (process.env.ADVANCE === "1") {
  const proposal = (await commons.governance.listProposals()).find((p) => p.id === proposalId);
  if (proposal) await networkHelpers.time.increaseTo(proposal.deadline + 1n);
}
const { events } = await commons.governance.queue({ proposalId, onTransactionHash });
console.log(`queued; executable from unix time ${events[0]?.args.etaSeconds}`);
