/** The `commons` command table: words to commands, nested by group. */
import { defineGroup, type CommandTable } from "../command.js";
import { deploy } from "./deploy.js";
import { delegate, execute, proposals, proposeCommands, queue, vote } from "./governance.js";
import { modelCommands } from "./model.js";
import { nodeCommands } from "./node.js";
import { catalogList, status } from "./status.js";

export const COMMANDS: CommandTable = {
  deploy,
  status,
  catalog: defineGroup("the hardware catalog", { list: catalogList }),
  node: nodeCommands,
  model: modelCommands,
  propose: proposeCommands,
  vote,
  queue,
  execute,
  proposals,
  delegate,
};
