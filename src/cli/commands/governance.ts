import { getBlock } from "viem/actions";
import { dateWithRelative, flop } from "../../domain.js";
import { SUPPORT, type SupportName } from "../../utils/votes.js";
import { defineCommand, defineGroup } from "../command.js";
import { connect } from "../context.js";
import { UsageError } from "../errors.js";
import { output } from "../io.js";
import { parseCount } from "../numbers.js";
import { countWithCompact, describeActions, renderProposals } from "../render.js";
import { send, txJson } from "./send.js";

const PROPOSAL = {
  name: "proposal",
  description: "the proposal's number (1, 2, … as commons proposals lists them) or its full id",
  field: "proposal",
} as const;

const thresholds = defineCommand({
  summary: "propose new Small/Large thresholds through the governor (checked against the floor and rate limit first)",
  flags: {
    "max-small-params": {
      type: "string",
      description: "new max Small parameter count (default: unchanged)",
      placeholder: "<count>",
      field: "maxSmallParams",
    },
    "max-small-flop": {
      type: "string",
      description: "new max Small training FLOP (default: unchanged)",
      placeholder: "<count>",
      field: "maxSmallTrainingFlop",
    },
    description: {
      type: "string",
      description: "proposal text (a #proposer= suffix is added)",
      placeholder: "<text>",
      field: "description",
    },
    units: { type: "boolean", description: "accept 100B (params) and 1e25 (FLOP) instead of raw digits" },
  },
  write: true,
  examples: [
    'commons propose thresholds --max-small-params 100000000000 --description "Small up to 100B" --account 1',
    "commons propose thresholds --max-small-params 100B --units --account 1",
  ],
  async run(input) {
    const { flags, path } = input;
    const p = flags["max-small-params"];
    const f = flags["max-small-flop"];
    if (p === undefined && f === undefined)
      throw new UsageError("give --max-small-params and/or --max-small-flop", path);
    const params = p === undefined ? undefined : parseCount(p, "--max-small-params", flags.units);
    const trainingFlop = f === undefined ? undefined : parseCount(f, "--max-small-flop", flags.units);
    const session = await connect(input, true);
    const current = await session.commons.getThresholds();
    const next = {
      maxSmallParams: params === undefined ? current.maxSmallParams : BigInt(params),
      maxSmallTrainingFlop: trainingFlop === undefined ? current.maxSmallTrainingFlop : BigInt(trainingFlop),
    };
    const description =
      flags.description ??
      `Set the Small line to ${countWithCompact(next.maxSmallParams)} parameters and ${flop(next.maxSmallTrainingFlop)}`;
    const r = await send(session, flags, "proposing thresholds", (o) =>
      session.commons.proposeThresholds({ ...next, description, ...o }),
    );
    output(flags, () => `proposal ${r.proposalNumber} created (id ${r.proposalId})`, {
      proposalNumber: r.proposalNumber,
      proposalId: r.proposalId,
      ...next,
      description: r.description,
      descriptionHash: r.descriptionHash,
      ...txJson(r),
    });
  },
});

const isSupport = (value: string): value is SupportName => Object.hasOwn(SUPPORT, value);

export const vote = defineCommand({
  summary: "vote on a proposal with your nodes' votes",
  positionals: [PROPOSAL, { name: "support", description: "for, against or abstain", field: "support" }],
  flags: {
    reason: { type: "string", description: "reason recorded on chain", placeholder: "<text>", field: "reason" },
  },
  write: true,
  examples: ["commons vote 1 for --account 1", 'commons vote 1 against --reason "too fast" --account 2'],
  notes: [
    "A vote counts the votes you held at the proposal's snapshot (when voting opened). With none (no node,",
    "votes delegated away, or a node registered after the snapshot) it is refused before anything is sent.",
  ],
  async run(input) {
    const { proposal, support } = input.args;
    if (!isSupport(support)) throw new UsageError(`vote must be for, against or abstain, not "${support}"`, input.path);
    const session = await connect(input, true);
    const { reason } = input.flags;
    const r = await send(session, input.flags, `voting ${support}`, (o) =>
      session.commons.castVote({ proposal, support, ...(reason === undefined ? {} : { reason }), ...o }),
    );
    const { weight, proposalId } = r.events[0]!.args;
    const voter = session.signer!.account.address;
    output(input.flags, () => `voted ${support} with ${weight} vote(s)`, {
      proposalId,
      support,
      weight,
      voter,
      ...txJson(r),
    });
  },
});

export const queue = defineCommand({
  summary: "queue a succeeded proposal in the timelock (anyone may)",
  positionals: [PROPOSAL],
  write: true,
  examples: ["commons queue 1 --account 0"],
  async run(input) {
    const session = await connect(input, true);
    const r = await send(session, input.flags, "queueing proposal", (o) =>
      session.commons.queueProposal({ proposal: input.args.proposal, ...o }),
    );
    const { proposalId, etaSeconds: eta } = r.events[0]!.args;
    const block = await getBlock(session.commons, { blockNumber: r.receipt.blockNumber });
    output(
      input.flags,
      () => `proposal ${input.args.proposal} queued; executable from ${dateWithRelative(eta, block.timestamp)}`,
      { proposalId, eta, ...txJson(r) },
    );
  },
});

export const execute = defineCommand({
  summary: "execute a queued proposal after the timelock delay (anyone may)",
  positionals: [PROPOSAL],
  write: true,
  examples: ["commons execute 1 --account 0"],
  async run(input) {
    const session = await connect(input, true);
    const r = await send(session, input.flags, "executing proposal", (o) =>
      session.commons.executeProposal({ proposal: input.args.proposal, ...o }),
    );
    const { proposalId } = r.events[0]!.args;
    const now = await session.commons.getThresholds();
    output(
      input.flags,
      () =>
        `proposal ${input.args.proposal} executed; Small is now up to ${countWithCompact(now.maxSmallParams)} params and ${flop(now.maxSmallTrainingFlop)}`,
      { proposalId, thresholds: now, ...txJson(r) },
    );
  },
});

export const proposals = defineCommand({
  summary: "every proposal with its number, state and tallies",
  examples: ["commons proposals", "commons proposals --json | jq '.[].state'"],
  async run(input) {
    const { commons } = await connect(input, false);
    const all = await commons.listProposals();
    output(
      input.flags,
      () => renderProposals(all),
      all.map((p) => ({ ...p, summary: describeActions(p) })),
    );
  },
});

export const delegate = defineCommand({
  summary: "delegate your nodes' votes to an address (registering delegates to yourself)",
  positionals: [{ name: "address", description: "who gets the votes", field: "delegatee" }],
  write: true,
  examples: ["commons delegate 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --account 1"],
  async run(input) {
    const { address } = input.args;
    const session = await connect(input, true);
    const delegator = session.signer!.account.address;
    const r = await send(session, input.flags, `delegating to ${address}`, (o) =>
      session.commons.delegate({ delegatee: address, ...o }),
    );
    output(input.flags, () => `votes of ${delegator} delegated to ${address}`, {
      delegator,
      delegatee: address,
      ...txJson(r),
    });
  },
});

export const proposeCommands = defineGroup("proposals to the governor", { thresholds });
