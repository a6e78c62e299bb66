import { defineCommand } from "../command.js";
import { connect } from "../context.js";
import { output } from "../io.js";
import { renderAttesters } from "../render.js";

export const attesters = defineCommand({
  summary: "the active attesters (whose attestations register nodes) and their ids",
  examples: ["commons attesters", "commons attesters --json"],
  async run(input) {
    const { commons } = await connect(input, false);
    const list = await commons.getAttesters();
    output(input.flags, () => renderAttesters(list), list);
  },
});
