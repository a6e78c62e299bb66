import { encodeFunctionData } from "viem";
import { getBlock } from "viem/actions";
import { hardwareAttestationsAbi } from "../../abi/generated.js";
import { dateWithRelative, flop } from "../../domain.js";
import { CommonsError } from "../../errors/base.js";
import { toAddress } from "../../internal/validate.js";
import type { SubmittedProposal } from "../../internal/proposals.js";
import { SUPPORT, type SupportName } from "../../utils/votes.js";
import { defineCommand, defineGroup } from "../command.js";
import { connect } from "../context.js";
import { UsageError } from "../errors.js";
import { output } from "../io.js";
import { parseCount } from "../numbers.js";
import { countWithCompact, describeActions, renderProposal, renderProposals } from "../render.js";
import { send, txJson } from "./send.js";

const PROPOSAL = {
  name: "proposal",
  description: "the proposal's number (1, 2, … as commons proposals lists them)",
  field: "proposal",
} as const;

/** Every proposal's text flag. */
const DESCRIPTION = {
  type: "string",
  description: "proposal text (a #proposer= suffix is added)",
  placeholder: "<text>",
  field: "description",
} as const;

/** What every proposal prints with `--json`: its number and id, the description as proposed, the transaction. */
const proposalJson = (r: SubmittedProposal) => ({
  proposalNumber: r.proposalNumber,
  proposalId: r.proposalId,
  description: r.description,
  descriptionHash: r.descriptionHash,
  ...txJson(r),
});

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
    description: DESCRIPTION,
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
    output(flags, () => `proposal ${r.proposalNumber} created (id ${r.proposalId})`, { ...proposalJson(r), ...next });
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
        `proposal ${input.args.proposal} executed; Small is up to ${countWithCompact(now.maxSmallParams)} params and ${flop(now.maxSmallTrainingFlop)}`,
      { proposalId, thresholds: now, ...txJson(r) },
    );
  },
});

export const proposals = defineCommand({
  summary: "every proposal with its number, state, tallies and actions; or one, its actions decoded in full",
  positionals: [{ ...PROPOSAL, optional: true }],
  examples: ["commons proposals", "commons proposals 2", "commons proposals --json | jq '.[].state'"],
  notes: [
    "The list shows each action's function and contract (the lens returns no calldata, so spam cannot bloat it);",
    "with a number, the proposal's calldata is fetched and decoded, and checked against its proposal hash.",
  ],
  async run(input) {
    const { commons } = await connect(input, false);
    const { proposal } = input.args;
    if (proposal === undefined) {
      const all = await commons.listProposals();
      output(
        input.flags,
        () => renderProposals(all),
        all.map((p) => ({ ...p, summary: describeActions(p) })),
      );
      return;
    }
    const [summary, details, block] = await Promise.all([
      commons.getProposal({ proposal }),
      commons.getProposalActions({ proposal }),
      getBlock(commons, { blockTag: "latest" }),
    ]);
    if (details.proposalHash !== summary.proposalHash) {
      throw new CommonsError(`proposal ${proposal}'s calldata does not hash to its proposal hash: the RPC lies`);
    }
    output(input.flags, () => renderProposal(summary, details.actions, block.timestamp), { ...summary, ...details });
  },
});

export const veto = defineCommand({
  summary: "veto a queued proposal with your votes at its snapshot (a third of those votes cancels it)",
  positionals: [PROPOSAL],
  write: true,
  examples: ["commons veto 2 --account 3"],
  notes: [
    "A passed proposal waits in the timelock for its delay; meanwhile the nodes counted at its snapshot may veto",
    "it. When veto votes reach a third of the snapshot's votes, the timelock operation is canceled for good.",
  ],
  async run(input) {
    const { proposal } = input.args;
    const session = await connect(input, true);
    const r = await send(session, input.flags, `vetoing proposal ${proposal}`, (o) =>
      session.commons.vetoProposal({ proposal, ...o }),
    );
    output(
      input.flags,
      () =>
        `vetoed proposal ${proposal} with ${r.weight} vote(s): ${r.vetoVotes} of the ${r.threshold} that cancel it` +
        (r.vetoed ? "; the proposal is canceled" : ""),
      {
        proposalId: proposal,
        weight: r.weight,
        vetoVotes: r.vetoVotes,
        threshold: r.threshold,
        vetoed: r.vetoed,
        ...txJson(r),
      },
    );
  },
});

const attester = defineCommand({
  summary: "propose to add an attester to the set, or to remove one (its nodes may then be lapsed)",
  flags: {
    add: { type: "string", description: "the attester to add", placeholder: "<address>" },
    remove: { type: "string", description: "the attester to remove", placeholder: "<address>" },
    description: DESCRIPTION,
  },
  write: true,
  examples: [
    "commons propose attester --add 0x14dC79964da2C08b23698B3D3cc7Ca32193d9955 --account 1",
    'commons propose attester --remove 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720 --description "It attested fakes" --account 1',
  ],
  async run(input) {
    const { flags, path } = input;
    if ((flags.add === undefined) === (flags.remove === undefined)) {
      throw new UsageError("give exactly one of --add <address> and --remove <address>", path);
    }
    const adding = flags.add !== undefined;
    const address = toAddress((flags.add ?? flags.remove)!, adding ? "--add" : "--remove");
    const session = await connect(input, true);
    const data = encodeFunctionData({
      abi: hardwareAttestationsAbi,
      functionName: adding ? "addAttester" : "removeAttester",
      args: [address],
    });
    const description = flags.description ?? `${adding ? "Add" : "Remove"} attester ${address}`;
    const r = await send(session, flags, `proposing to ${adding ? "add" : "remove"} attester ${address}`, (o) =>
      session.commons.propose({
        actions: [{ target: session.commons.deployment.attestations, data }],
        description,
        ...o,
      }),
    );
    output(
      flags,
      () => `proposal ${r.proposalNumber} created: ${adding ? "add" : "remove"} attester ${address}`,
      proposalJson(r),
    );
  },
});

const AUTHORITIES = { ballots: true, governor: false } as const;
const isAuthority = (value: string): value is keyof typeof AUTHORITIES => Object.hasOwn(AUTHORITIES, value);

const authority = defineCommand({
  summary: "propose who sets the thresholds: the ballots' settlements, or the governor's proposals",
  positionals: [{ name: "authority", description: "ballots or governor", field: "ballotsInCharge" }],
  flags: {
    description: DESCRIPTION,
  },
  write: true,
  examples: ["commons propose authority ballots --account 1", "commons propose authority governor --account 2"],
  notes: [
    "One authority at a time: while the ballots are in charge, setThresholds proposals are refused and each",
    "epoch's settlement moves the line toward the ballots' medians (commons ballot show); while the governor is,",
    "settlements are refused. The authority changes at most once per minimum change interval.",
  ],
  async run(input) {
    const { flags, path } = input;
    const to = input.args.authority;
    if (!isAuthority(to)) throw new UsageError(`authority must be ballots or governor, not "${to}"`, path);
    const session = await connect(input, true);
    const r = await send(session, flags, `proposing to put the ${to} in charge of the thresholds`, (o) =>
      session.commons.proposeThresholdAuthority({
        ballotsInCharge: AUTHORITIES[to],
        ...(flags.description === undefined ? {} : { description: flags.description }),
        ...o,
      }),
    );
    output(flags, () => `proposal ${r.proposalNumber} created: put the ${to} in charge of the thresholds`, {
      ...proposalJson(r),
      ballotsInCharge: AUTHORITIES[to],
    });
  },
});

export const proposeCommands = defineGroup("proposals to the governor: thresholds, attesters, threshold authority", {
  thresholds,
  attester,
  authority,
});
