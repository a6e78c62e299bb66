import { defineCommand } from "../command.js";
import { connect } from "../context.js";
import { output } from "../io.js";
import { sybilCostOf } from "../../domain.js";
import { renderGovernanceState } from "../render.js";

export const status = defineCommand({
  summary:
    "the governance state report: thresholds and who sets them, the floor now and over its window, attesters, warm-up, bounds, pipeline, the sybil cost, proposals",
  flags: {
    proposals: {
      type: "string",
      description: "how many latest proposals to show (default 10)",
      placeholder: "<n>",
      field: "proposalLimit",
    },
  },
  examples: ["commons status", "commons status --json | jq .sybilCost"],
  notes: [
    "The sybil cost is what a quorum and a majority take today: new nodes, each with at least one attested device",
    "of the cheapest catalog SKU (an attester must sign for every one, each device id once) and its bond, and the",
    "warm-up before they vote.",
  ],
  async run(input) {
    const { commons } = await connect(input, false);
    const reading = commons.readGovernanceState({ proposalLimit: input.flags.proposals ?? "10" });
    // The ballots after the lens: a node without the deployment is named by the lens's address, as before.
    const [state, skus, bounds, ballots] = await Promise.all([
      reading,
      commons.listSkus(),
      commons.getBounds(),
      reading.then(() => commons.getBallotState()),
    ]);
    const sybil = sybilCostOf(state, skus);
    output(input.flags, () => renderGovernanceState(state, { skus, bounds, ballots }), {
      ...state,
      bounds,
      ballots,
      sybilCost: sybil ? { ...sybil, cheapest: sybil.cheapest.id } : null,
    });
  },
});
