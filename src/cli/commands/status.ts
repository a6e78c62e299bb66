import { defineCommand } from "../command.js";
import { connect } from "../context.js";
import { output } from "../io.js";
import { renderGovernanceState } from "../render.js";

export const status = defineCommand({
  summary: "the governance state report: thresholds, guards, floor, registry, proposals",
  flags: {
    proposals: {
      type: "string",
      description: "how many latest proposals to show (default 10)",
      placeholder: "<n>",
      field: "proposalLimit",
    },
  },
  examples: ["commons status", "commons status --json | jq .thresholds"],
  async run(input) {
    const { commons } = await connect(input, false);
    const state = await commons.readGovernanceState({ proposalLimit: input.flags.proposals ?? "10" });
    output(input.flags, () => renderGovernanceState(state), state);
  },
});
