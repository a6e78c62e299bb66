import { ether } from "../../domain.js";
import { defineCommand, defineGroup } from "../command.js";
import { connect } from "../context.js";
import { output } from "../io.js";
import { send, txJson } from "./send.js";

const claim = defineCommand({
  summary: "claim what challenges credited to you (a won challenge, or the deposit of one you answered)",
  write: true,
  examples: ["commons credit claim --account 5"],
  async run(input) {
    const session = await connect(input, true);
    const account = session.signer!.account.address;
    const r = await send(session, input.flags, "claiming credit", (o) => session.commons.claimCredit(o));
    output(input.flags, () => `${ether(r.amount)} paid to ${account}`, { account, amount: r.amount, ...txJson(r) });
  },
});

const show = defineCommand({
  summary: "what challenges credited to an address",
  positionals: [{ name: "address", description: "the account", field: "account" }],
  examples: ["commons credit show 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"],
  async run(input) {
    const { commons } = await connect(input, false);
    const amount = await commons.getCredit({ account: input.args.address });
    output(input.flags, () => `${ether(amount)} credited to ${input.args.address}`, {
      account: input.args.address,
      amount,
    });
  },
});

export const creditCommands = defineGroup("challenge payouts: claim, show", { claim, show });
