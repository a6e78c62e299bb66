import { defineCommand, defineGroup } from "../command.js";
import { connect } from "../context.js";
import { output } from "../io.js";
import { renderSkus } from "../render.js";

const list = defineCommand({
  summary: "the approved consumer devices (SKUs), with the ids --device takes",
  examples: ["commons catalog list"],
  async run(input) {
    const { commons } = await connect(input, false);
    const skus = await commons.listSkus();
    output(input.flags, () => renderSkus(skus), skus);
  },
});

export const catalogCommands = defineGroup("the hardware catalog", { list });
