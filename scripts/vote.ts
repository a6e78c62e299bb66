/**
 * Votes on a proposal.
 *   PROPOSAL_ID=… SUPPORT=for ACCOUNT=1 npx hardhat run scripts/vote.ts --network localhost
 * Env: PROPOSAL_ID, SUPPORT (for | against | abstain, default for), REASON optional, ACCOUNT.
 *      On a local node, ADVANCE=1 first moves the clock past the proposal's snapshot.
 */
import type { Support } from "../src/index.js";
import { connectCommons, env, onTransactionHash } from "./lib/connect.js";

const { commons, account, networkHelpers } = await connectCommons();
const proposalId = BigInt(env("PROPOSAL_ID"));
if (process.env.ADVANCE === "1") {
  const proposal = (await commons.governance.listProposals()).find((p) => p.id === proposalId);
  if (proposal && proposal.state === "Pending") await networkHelpers.time.increaseTo(proposal.snapshot + 1n);
}
const support = (process.env.SUPPORT ?? "for") as Support;
const reason = process.env.REASON;
await commons.governance.castVote({ proposalId, support, ...(reason ? { reason } : {}), onTransactionHash });
console.log(`${account} voted ${support}`);
