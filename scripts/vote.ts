/**
 * Votes on a proposal.
 *   PROPOSAL_ID=1 SUPPORT=for ACCOUNT=1 npx hardhat run scripts/vote.ts --network localhost
 * Env: PROPOSAL_ID (the proposal's number, 1, 2, …, or its full id), SUPPORT (for | against | abstain, default
 *      for), REASON optional, ACCOUNT, DEPLOYMENT_ID (default chain-<id>). On a local node, ADVANCE=1 first
 *      moves the clock past the proposal's snapshot.
 */
import type { Support } from "../src/index.js";
import { connectCommons, env, onTransactionHash, runScript } from "./lib/connect.js";

await runScript(
  async () => {
    const proposal = env("PROPOSAL_ID");
    const support = (process.env.SUPPORT ?? "for") as Support;
    const { commons, account, networkHelpers } = await connectCommons();
    if (process.env.ADVANCE === "1") {
      const { state, snapshot } = await commons.getProposal({ proposal });
      if (state === "Pending") await networkHelpers.time.increaseTo(snapshot + 1n);
    }
    const reason = process.env.REASON;
    await commons.castVote({ proposal, support, ...(reason ? { reason } : {}), onTransactionHash });
    console.log(`${account} voted ${support}`);
  },
  { proposal: "PROPOSAL_ID", support: "SUPPORT", reason: "REASON" },
);
