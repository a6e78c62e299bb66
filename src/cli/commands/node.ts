import { dateWithRelative, ether, gib } from "../../domain.js";
import { defineCommand, defineGroup } from "../command.js";
import { chainClock, connect } from "../context.js";
import { UsageError } from "../errors.js";
import { readAttestationFile } from "../attestationFile.js";
import { output } from "../io.js";
import { deviceList, renderNode, renderNodes } from "../render.js";
import { send, txJson } from "./send.js";

const ATTESTATION = {
  type: "string",
  description: "the attestation file an attester wrote for you (commons attest --out <file>)",
  placeholder: "<file>",
  field: "attestation",
} as const;
const URI = {
  type: "string",
  description: "metadata URI (e.g. ipfs://…)",
  placeholder: "<uri>",
  field: "metadataURI",
} as const;
/** Why register and update refuse --device: a registrant never states its own hardware. */
const DEVICES_FROM_ATTESTATION =
  "a node's devices come from an attester's attestation, never from its owner; ask an attester for one " +
  "(commons attest --owner <you> --device …, locally --account 9), then pass --attestation <file>";
const NODE_ID = { name: "nodeId", description: "the node's id (commons node list)", field: "nodeId" } as const;

const register = defineCommand({
  summary: "register a node from an attester's attestation of your rig, with its bond (Pending until activated)",
  flags: { attestation: ATTESTATION, uri: URI },
  write: true,
  examples: [
    "commons node register --attestation rig.json --account 1",
    "commons node register --attestation mac.json --uri ipfs://my-mac --account 2",
  ],
  notes: [
    "The bond is a base plus a part per GiB of attested memory (commons status shows it); the SDK computes it",
    "and sends it. The node votes and counts for the floor once activated after its warm-up (commons node activate).",
  ],
  refuses: { device: DEVICES_FROM_ATTESTATION },
  async run(input) {
    const { flags, path } = input;
    if (flags.attestation === undefined) throw new UsageError("--attestation <file> is required", path);
    const session = await connect(input, true);
    const signed = readAttestationFile(flags.attestation, "--attestation", session.chainId);
    const owner = session.signer!.account.address;
    const r = await send(session, flags, "registering node", (o) =>
      session.commons.registerNode({ ...signed, metadataURI: flags.uri ?? "", ...o }),
    );
    const { memoryMiB } = r.events[0]!.args;
    const clock = await chainClock(session, r.receipt.blockNumber);
    output(
      flags,
      () =>
        `node ${r.nodeId} registered to ${owner}: ${gib(memoryMiB)}, bond ${ether(r.bond)}; Pending until ` +
        `${dateWithRelative(r.activatableAt, clock)}, then: commons node activate ${r.nodeId}`,
      { nodeId: r.nodeId, owner, bond: r.bond, activatableAt: r.activatableAt, uid: signed.uid, ...txJson(r) },
    );
  },
});

const activate = defineCommand({
  summary: "activate a node after its warm-up: its vote and floor weight start (anyone may)",
  positionals: [NODE_ID],
  write: true,
  examples: ["commons node activate 1 --account 1"],
  async run(input) {
    const { nodeId } = input.args;
    const session = await connect(input, true);
    const r = await send(session, input.flags, `activating node ${nodeId}`, (o) =>
      session.commons.activateNode({ nodeId, ...o }),
    );
    const { owner } = r.events[0]!.args;
    output(input.flags, () => `node ${nodeId} activated: ${owner} votes with it from now`, {
      nodeId,
      owner,
      ...txJson(r),
    });
  },
});

const update = defineCommand({
  summary: "give your node a new attestation (new devices, or re-attest a lapsed node); it warms up again",
  positionals: [NODE_ID],
  flags: { attestation: ATTESTATION, uri: URI },
  write: true,
  examples: ["commons node update 3 --attestation new-rig.json --account 1"],
  refuses: { device: DEVICES_FROM_ATTESTATION },
  async run(input) {
    const { nodeId } = input.args;
    const { flags, path } = input;
    if (flags.attestation === undefined) throw new UsageError("--attestation <file> is required", path);
    const session = await connect(input, true);
    const signed = readAttestationFile(flags.attestation, "--attestation", session.chainId);
    const r = await send(session, flags, `updating node ${nodeId}`, (o) =>
      session.commons.updateNode({ nodeId, ...signed, metadataURI: flags.uri ?? "", ...o }),
    );
    const clock = await chainClock(session, r.receipt.blockNumber);
    output(
      flags,
      () =>
        `node ${nodeId} re-attested${r.topUp > 0n ? ` (bond topped up by ${ether(r.topUp)})` : ""}; Pending until ` +
        `${dateWithRelative(r.activatableAt, clock)}, then: commons node activate ${nodeId}`,
      { nodeId, topUp: r.topUp, activatableAt: r.activatableAt, uid: signed.uid, ...txJson(r) },
    );
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
    const clock = await chainClock(session, r.receipt.blockNumber);
    output(input.flags, () => `node ${nodeId} exited; bond withdrawable from ${dateWithRelative(unlockAt, clock)}`, {
      nodeId,
      unlockAt,
      ...txJson(r),
    });
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
    output(input.flags, () => `bond of node ${nodeId} withdrawn: ${ether(amount)}`, { nodeId, amount, ...txJson(r) });
  },
});

const lapse = defineCommand({
  summary: "lapse nodes whose attestation expired, was revoked or lost its attester; you get the keeper fee",
  positionals: [{ ...NODE_ID, name: "nodeIds", variadic: true, field: "nodeIds" }],
  write: true,
  examples: ["commons node lapse 4 --account 5", "commons node lapse 4 7 9 --account 5"],
  notes: ["One node lapses or the command fails; several lapse in one transaction, skipping those that still hold."],
  async run(input) {
    const ids = input.args.nodeIds;
    const session = await connect(input, true);
    const keeper = session.signer!.account.address;
    if (ids.length === 1) {
      const [nodeId] = ids;
      const r = await send(session, input.flags, `lapsing node ${nodeId}`, (o) =>
        session.commons.lapseNode({ nodeId: nodeId!, ...o }),
      );
      output(input.flags, () => `node ${nodeId} lapsed (${r.reason}); keeper fee ${ether(r.fee)} paid to ${keeper}`, {
        lapsed: [nodeId],
        reason: r.reason,
        fee: r.fee,
        keeper,
        ...txJson(r),
      });
      return;
    }
    const r = await send(session, input.flags, `lapsing ${ids.length} nodes`, (o) =>
      session.commons.lapseNodes({ nodeIds: ids, ...o }),
    );
    output(
      input.flags,
      () =>
        `${r.lapsed.length} of ${ids.length} node(s) lapsed${r.lapsed.length > 0 ? ` (${r.lapsed.join(", ")})` : ""}; ` +
        `keeper fees ${ether(r.fee)} paid to ${keeper}`,
      { lapsed: r.lapsed, fee: r.fee, keeper, ...txJson(r) },
    );
  },
});

const challenge = defineCommand({
  summary: "challenge a node with the challenge deposit: its owner must answer with another attester's attestation",
  positionals: [NODE_ID],
  write: true,
  examples: ["commons node challenge 4 --account 5"],
  notes: [
    "Answered in time, your deposit goes to the owner. Unanswered, anyone resolves it (commons node resolve):",
    "the node is slashed, half its bond and your deposit credited to you (commons credit claim), half burned.",
  ],
  async run(input) {
    const { nodeId } = input.args;
    const session = await connect(input, true);
    const r = await send(session, input.flags, `challenging node ${nodeId}`, (o) =>
      session.commons.challengeNode({ nodeId, ...o }),
    );
    const clock = await chainClock(session, r.receipt.blockNumber);
    output(
      input.flags,
      () =>
        `node ${nodeId} challenged with a deposit of ${ether(r.deposit)}; its owner may answer until ` +
        `${dateWithRelative(r.deadline, clock)}, then anyone may: commons node resolve ${nodeId}`,
      { nodeId, deposit: r.deposit, deadline: r.deadline, ...txJson(r) },
    );
  },
});

const answer = defineCommand({
  summary: "answer a challenge of your node with a fresh attestation of its devices from another attester",
  positionals: [NODE_ID],
  flags: { attestation: ATTESTATION },
  write: true,
  examples: ["commons node answer 4 --attestation second-opinion.json --account 1"],
  async run(input) {
    const { nodeId } = input.args;
    const { flags, path } = input;
    if (flags.attestation === undefined) throw new UsageError("--attestation <file> is required", path);
    const session = await connect(input, true);
    const signed = readAttestationFile(flags.attestation, "--attestation", session.chainId);
    const r = await send(session, flags, `answering the challenge of node ${nodeId}`, (o) =>
      session.commons.answerChallenge({ nodeId, ...signed, ...o }),
    );
    const { deposit } = r.events[0]!.args;
    output(
      flags,
      () =>
        `challenge of node ${nodeId} answered with ${signed.attester}'s attestation; ` +
        `the ${ether(deposit)} deposit is credited to you: commons credit claim`,
      { nodeId, attester: signed.attester, uid: signed.uid, deposit, ...txJson(r) },
    );
  },
});

const resolve = defineCommand({
  summary: "resolve an unanswered challenge after its deadline: the node is slashed (anyone may)",
  positionals: [NODE_ID],
  write: true,
  examples: ["commons node resolve 4 --account 5"],
  async run(input) {
    const { nodeId } = input.args;
    const session = await connect(input, true);
    const r = await send(session, input.flags, `resolving the challenge of node ${nodeId}`, (o) =>
      session.commons.resolveChallenge({ nodeId, ...o }),
    );
    const { challenger, toChallenger, burned } = r.events[0]!.args;
    output(
      input.flags,
      () =>
        `node ${nodeId} slashed: ${ether(toChallenger)} and the deposit credited to ${challenger}, ${ether(burned)} burned`,
      { nodeId, challenger, toChallenger, burned, ...txJson(r) },
    );
  },
});

const list = defineCommand({
  summary: "every node with its status (Pending, Active, Lapsed, challenged, …), or every node of one owner",
  flags: {
    owner: { type: "string", description: "only this owner's nodes", placeholder: "<address>", field: "owner" },
  },
  examples: ["commons node list", "commons node list --owner 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --json"],
  async run(input) {
    const { commons } = await connect(input, false);
    const { owner } = input.flags;
    const [nodes, skus] = await Promise.all([
      commons.listNodes(owner ? { owner } : { challenges: true }),
      commons.listSkus(),
    ]);
    output(input.flags, () => renderNodes(nodes, skus), nodes);
  },
});

const show = defineCommand({
  summary: "one node: status, devices, bond, warm-up, attestation and open challenge",
  positionals: [NODE_ID],
  examples: ["commons node show 1"],
  async run(input) {
    const session = await connect(input, false);
    const { commons } = session;
    const [node, skus, clock] = await Promise.all([
      commons.getNode({ nodeId: input.args.nodeId }),
      commons.listSkus(),
      chainClock(session),
    ]);
    output(input.flags, () => renderNode(node, skus, clock), { ...node, devicesText: deviceList(node, skus) });
  },
});

export const nodeCommands = defineGroup(
  "nodes: register, activate, update, exit, withdraw, lapse, challenge, answer, resolve, list, show",
  { register, activate, update, exit, withdraw, lapse, challenge, answer, resolve, list, show },
);
