/**
 * Queues a succeeded proposal in the timelock (anyone may).
 *   PROPOSAL_ID=1 npx hardhat run scripts/queue.ts --network localhost
 * Env: PROPOSAL_ID (number or full id), ACCOUNT, DEPLOYMENT_ID. On a local node, ADVANCE=1 first moves the
 *      clock past the voting deadline.
 */
import { dateWithRelative } from "../src/index.js";
import { connectCommons, env, onTransactionHash, runScript } from "./lib/connect.js";

await runScript(
  async () => {
    const proposal = env("PROPOSAL_ID");
    const { commons, networkHelpers } = await connectCommons();
    if (process.env.ADVANCE === "1") {
      await networkHelpers.time.increaseTo((await commons.getProposal({ proposal })).deadline + 1n);
    }
    const { events } = await commons.queueProposal({ proposal, onTransactionHash });
    console.log(
      `queued; executable from ${dateWithRelative(events[0]!.args.etaSeconds, await networkHelpers.time.latest())}`,
    );
  },
  { proposal: "PROPOSAL_ID" },
);
