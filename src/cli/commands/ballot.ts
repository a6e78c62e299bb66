/** `commons ballot …`: the nodes' standing threshold ballots, and the settlement that follows their medians. */
import { compact, dateWithRelative, flop } from "../../domain.js";
import { toBallotValue, type BALLOT_BOUNDS } from "../../utils/ballots.js";
import { defineCommand, defineGroup } from "../command.js";
import { chainClock, connect } from "../context.js";
import { UsageError } from "../errors.js";
import { output } from "../io.js";
import { parseCount } from "../numbers.js";
import { renderBallotState } from "../render.js";
import { send, txJson } from "./send.js";

const NODE_ID = { name: "nodeId", description: "the node's id (commons node list)", field: "nodeId" } as const;

const cast = defineCommand({
  summary: "cast or change your nodes' standing ballots: the thresholds they want the line to follow",
  positionals: [
    { name: "nodeId", description: "your Active node(s): one ballot each", variadic: true, field: "nodeIds" },
  ],
  flags: {
    params: {
      type: "string",
      description: "the max Small parameter count wanted (default: the line now)",
      placeholder: "<count>",
      field: "maxSmallParams",
    },
    flop: {
      type: "string",
      description: "the max Small training FLOP wanted (default: the line now)",
      placeholder: "<count>",
      field: "maxSmallTrainingFlop",
    },
    units: { type: "boolean", description: "accept 100B (params) and 1e25 (FLOP) instead of raw digits" },
  },
  write: true,
  examples: [
    "commons ballot cast 1 --params 100000000000 --account 1",
    "commons ballot cast 1 2 --params 100B --flop 2e25 --units --account 1",
  ],
  notes: [
    "A ballot stands until you change or withdraw it, your node leaves the vote, or its lifetime passes (commons",
    "ballot show). Only Active nodes (attested, warmed up, not lapsed) cast. Each epoch's settlement moves the line",
    "one step toward the medians of all live ballots, while the ballots are in charge of the thresholds.",
    "Params from 2^20 to 2^52 - 1, training FLOP from 2^50 to 2^114 - 1.",
  ],
  async run(input) {
    const { flags, path } = input;
    if (flags.params === undefined && flags.flop === undefined)
      throw new UsageError("give --params and/or --flop", path);
    // Checked against the ballots' bounds before connecting: nothing is sent for a wish out of range.
    const wished = (value: string | undefined, flag: string, field: keyof typeof BALLOT_BOUNDS) =>
      value === undefined ? undefined : toBallotValue(parseCount(value, flag, flags.units), field);
    const params = wished(flags.params, "--params", "maxSmallParams");
    const trainingFlop = wished(flags.flop, "--flop", "maxSmallTrainingFlop");
    const session = await connect(input, true);
    const current =
      params === undefined || trainingFlop === undefined ? await session.commons.getThresholds() : undefined;
    const wish = {
      maxSmallParams: params ?? current!.maxSmallParams,
      maxSmallTrainingFlop: trainingFlop ?? current!.maxSmallTrainingFlop,
    };
    const ids = input.args.nodeId;
    const r = await send(session, flags, `casting ${ids.length === 1 ? "a ballot" : `${ids.length} ballots`}`, (o) =>
      session.commons.castBallot({ nodeIds: ids, ...wish, ...o }),
    );
    const clock = await chainClock(session, r.receipt.blockNumber);
    output(
      flags,
      () =>
        `ballot cast for node${ids.length === 1 ? "" : "s"} ${r.nodeIds.join(", ")}: ` +
        `${compact(wish.maxSmallParams)} params, ${flop(wish.maxSmallTrainingFlop)}; ` +
        `counts until ${dateWithRelative(r.expiresAt, clock)} (epoch ${r.expiryEpoch})`,
      {
        nodeIds: r.nodeIds,
        ...wish,
        expiryEpoch: r.expiryEpoch,
        expiresAt: r.expiresAt,
        ...txJson(r),
      },
    );
  },
});

const withdraw = defineCommand({
  summary: "withdraw your node's ballot: it leaves the distributions at once",
  positionals: [NODE_ID],
  write: true,
  examples: ["commons ballot withdraw 1 --account 1"],
  async run(input) {
    const { nodeId } = input.args;
    const session = await connect(input, true);
    const r = await send(session, input.flags, `withdrawing the ballot of node ${nodeId}`, (o) =>
      session.commons.withdrawBallot({ nodeId, ...o }),
    );
    output(input.flags, () => `ballot of node ${nodeId} withdrawn`, { nodeId, ...txJson(r) });
  },
});

const show = defineCommand({
  summary: "who is in charge of the thresholds, the ballots, their medians and histograms, the next settlement",
  positionals: [{ ...NODE_ID, description: "also show this node's ballot", optional: true }],
  examples: ["commons ballot show", "commons ballot show 3", "commons ballot show --json | jq .medians"],
  notes: [
    "Medians are their log-scale bucket's lower bound (32 buckets per doubling, 1.6–3.1% wide). Expired",
    "ballots stay in the distributions until pruned (a settlement prunes them first); the preview counts them.",
  ],
  async run(input) {
    const { nodeId } = input.args;
    const session = await connect(input, false);
    const { commons } = session;
    const [state, thresholds, clock, ballot] = await Promise.all([
      commons.getBallotState(),
      commons.getThresholds(),
      chainClock(session),
      nodeId === undefined ? undefined : commons.getBallot({ nodeId }),
    ]);
    output(
      input.flags,
      () =>
        renderBallotState(
          state,
          thresholds,
          clock,
          nodeId === undefined ? undefined : { nodeId: BigInt(nodeId), ballot },
        ),
      { ...state, thresholds, clock, ...(nodeId === undefined ? {} : { ballot: ballot ?? null }) },
    );
  },
});

/** "70B → 87.5B (median 100B)" or "10²⁵ FLOP (unchanged; median 10²⁵ FLOP)". */
function moved(before: bigint, after: bigint, median: bigint, show: (v: bigint) => string): string {
  return before === after
    ? `${show(before)} (unchanged; median ${show(median)})`
    : `${show(before)} → ${show(after)} (median ${show(median)})`;
}

const settle = defineCommand({
  summary: "settle this epoch: the line moves one step toward the ballots' medians (anyone may, once per epoch)",
  write: true,
  examples: ["commons ballot settle --account 0"],
  notes: [
    "Refused while the governor is in charge, a second time in an epoch, or with fewer live ballots than the",
    "quorum. Expired ballots are found from the BallotCast events since the deployment's block and pruned first.",
  ],
  async run(input) {
    const session = await connect(input, true);
    const r = await send(session, input.flags, "settling", (o) => session.commons.settle(o));
    const { before, after, medians } = r;
    output(
      input.flags,
      () =>
        [
          `epoch ${r.epoch} settled with ${r.liveBallots} ballot(s)${r.moved ? "" : "; the line did not move"}`,
          `  params ${moved(before.maxSmallParams, after.maxSmallParams, medians.maxSmallParams, compact)}`,
          `  FLOP   ${moved(before.maxSmallTrainingFlop, after.maxSmallTrainingFlop, medians.maxSmallTrainingFlop, flop)}`,
          ...(r.pruned.length > 0 ? [`  pruned the expired ballots of node(s) ${r.pruned.join(", ")}`] : []),
        ].join("\n"),
      {
        epoch: r.epoch,
        liveBallots: r.liveBallots,
        medians,
        before,
        after,
        moved: r.moved,
        pruned: r.pruned,
        ...txJson(r),
      },
    );
  },
});

export const ballotCommands = defineGroup("the nodes' standing threshold ballots and their settlement", {
  cast,
  withdraw,
  show,
  settle,
});
