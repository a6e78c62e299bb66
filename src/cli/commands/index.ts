/** The `commons` command table: words to commands, nested by group. */
import type { CommandTable } from "../command.js";
import { catalogCommands } from "./catalog.js";
import { deploy } from "./deploy.js";
import { delegate, execute, proposals, proposeCommands, queue, vote } from "./governance.js";
import { modelCommands } from "./model.js";
import { nodeCommands } from "./node.js";
import { status } from "./status.js";

export const COMMANDS: CommandTable = {
  deploy,
  status,
  catalog: catalogCommands,
  node: nodeCommands,
  model: modelCommands,
  propose: proposeCommands,
  vote,
  queue,
  execute,
  proposals,
  delegate,
};
