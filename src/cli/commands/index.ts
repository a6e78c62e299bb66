/** The `commons` command table: words to commands, nested by group. */
import type { CommandTable } from "../command.js";
import { attestCommands } from "./attest.js";
import { attesters } from "./attesters.js";
import { ballotCommands } from "./ballot.js";
import { catalogCommands } from "./catalog.js";
import { creditCommands } from "./credit.js";
import { deploy } from "./deploy.js";
import { delegate, relay } from "./delegation.js";
import { execute, proposals, proposeCommands, queue, veto, vote } from "./governance.js";
import { modelCommands } from "./model.js";
import { nodeCommands } from "./node.js";
import { status } from "./status.js";

export const COMMANDS: CommandTable = {
  deploy,
  status,
  catalog: catalogCommands,
  attesters,
  attest: attestCommands,
  node: nodeCommands,
  credit: creditCommands,
  model: modelCommands,
  propose: proposeCommands,
  ballot: ballotCommands,
  vote,
  queue,
  execute,
  veto,
  proposals,
  delegate,
  relay,
};
