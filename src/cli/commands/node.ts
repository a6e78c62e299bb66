import { getBlock } from "viem/actions";
import { dateWithRelative } from "../../domain.js";
import { parseDeviceSpec } from "../../utils/devices.js";
import { defineCommand, defineGroup } from "../command.js";
import { connect } from "../context.js";
import { UsageError } from "../errors.js";
import { output } from "../io.js";
import { renderNode, renderNodes } from "../render.js";
import { send, txJson } from "./send.js";

const DEVICE = {
  type: "string",
  description: "a device line: catalog SKU id and count (repeat per SKU; ids from commons catalog list)",
  placeholder: "<sku>[:<count>]",
  multiple: true,
  field: "devices",
} as const;
const URI = {
  type: "string",
  description: "metadata URI (e.g. ipfs://…)",
  placeholder: "<uri>",
  field: "metadataURI",
} as const;
const NODE_ID = { name: "nodeId", description: "the node's id (commons node list)", field: "nodeId" } as const;

function devicesOf(specs: readonly string[], path: string) {
  if (specs.length === 0) throw new UsageError("list the node's devices with --device <sku>[:<count>]", path);
  return specs.map((spec) => parseDeviceSpec(spec));
}

const register = defineCommand({
  summary: "register a node (your rig) with its bond; you get one vote",
  flags: { device: DEVICE, uri: URI },
  write: true,
  examples: [
    "commons node register --device 2:2 --account 1   # two RTX 3090s",
    "commons node register --device 6 --uri ipfs://my-mac --account 2",
  ],
  async run(input) {
    const devices = devicesOf(input.flags.device, input.path);
    const session = await connect(input, true);
    const owner = session.signer!.account.address;
    const r = await send(session, input.flags, "registering node", (o) =>
      session.commons.registerNode({ devices, metadataURI: input.flags.uri ?? "", ...o }),
    );
    output(input.flags, () => `node ${r.nodeId} registered to ${owner}`, { nodeId: r.nodeId, owner, ...txJson(r) });
  },
});

const update = defineCommand({
  summary: "replace an active node's devices and metadata (owner only)",
  positionals: [NODE_ID],
  flags: { device: DEVICE, uri: URI },
  write: true,
  examples: ["commons node update 3 --device 4:2 --account 1"],
  async run(input) {
    const { nodeId } = input.args;
    const devices = devicesOf(input.flags.device, input.path);
    const session = await connect(input, true);
    const r = await send(session, input.flags, `updating node ${nodeId}`, (o) =>
      session.commons.updateNode({ nodeId, devices, metadataURI: input.flags.uri ?? "", ...o }),
    );
    output(input.flags, () => `node ${nodeId} updated`, { nodeId, ...txJson(r) });
  },
});

const exit = defineCommand({
  summary: "exit a node: its vote leaves now, its bond starts unbonding (owner only)",
  positionals: [NODE_ID],
  write: true,
  examples: ["commons node exit 3 --account 1"],
  async run(input) {
    const { nodeId } = input.args;
    const session = await connect(input, true);
    const r = await send(session, input.flags, `exiting node ${nodeId}`, (o) =>
      session.commons.exitNode({ nodeId, ...o }),
    );
    const { unlockAt } = r.events[0]!.args;
    const block = await getBlock(session.commons, { blockNumber: r.receipt.blockNumber });
    output(
      input.flags,
      () => `node ${nodeId} exited; bond withdrawable from ${dateWithRelative(unlockAt, block.timestamp)}`,
      { nodeId, unlockAt, ...txJson(r) },
    );
  },
});

const withdraw = defineCommand({
  summary: "withdraw an exited node's bond after unbonding (owner only)",
  positionals: [NODE_ID],
  write: true,
  examples: ["commons node withdraw 3 --account 1"],
  async run(input) {
    const { nodeId } = input.args;
    const session = await connect(input, true);
    const r = await send(session, input.flags, `withdrawing node ${nodeId}'s bond`, (o) =>
      session.commons.withdrawBond({ nodeId, ...o }),
    );
    const { amount } = r.events[0]!.args;
    output(input.flags, () => `bond of node ${nodeId} withdrawn`, { nodeId, amount, ...txJson(r) });
  },
});

const list = defineCommand({
  summary: "every node, or every node of one owner",
  flags: {
    owner: { type: "string", description: "only this owner's nodes", placeholder: "<address>", field: "owner" },
  },
  examples: ["commons node list", "commons node list --owner 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --json"],
  async run(input) {
    const { commons } = await connect(input, false);
    const { owner } = input.flags;
    const [nodes, skus] = await Promise.all([commons.listNodes(owner ? { owner } : {}), commons.listSkus()]);
    output(input.flags, () => renderNodes(nodes, skus), nodes);
  },
});

const show = defineCommand({
  summary: "one node",
  positionals: [NODE_ID],
  examples: ["commons node show 1"],
  async run(input) {
    const { commons } = await connect(input, false);
    const [node, skus] = await Promise.all([commons.getNode({ nodeId: input.args.nodeId }), commons.listSkus()]);
    output(input.flags, () => renderNode(node, skus), node);
  },
});

export const nodeCommands = defineGroup("nodes: register, update, exit, withdraw, list, show", {
  register,
  update,
  exit,
  withdraw,
  list,
  show,
});
