import { parseEventLogs } from "viem";
import { modelClassifierAbi, thresholdBallotsAbi } from "../../abi/generated.js";
import { CommonsError, type InvalidInputError, type MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { MAX_BALLOT_NODES } from "../../internal/ballots.js";
import { scanEvents, type HistoryParameters } from "../../internal/events.js";
import { readCommonsContract } from "../../internal/read.js";
import { requireAccount, writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, Thresholds, WriteOptions, WriteResult } from "../../types.js";
import { pruneBallots } from "./pruneBallots.js";

/** Where to look for the ballots that may have expired: the `BallotCast` events, from the deployment's block. */
export type SettleParameters = WriteOptions & HistoryParameters;
export type SettleReturnType = WriteResult<typeof thresholdBallotsAbi, "Settled" | "BallotRemoved"> & {
  /** The epoch settled and the ballots counted in it. */
  epoch: bigint;
  liveBallots: bigint;
  /** The weighted medians the line moved toward (each its bucket's lower bound). */
  medians: Thresholds;
  /** The thresholds before and after the settlement. */
  before: Thresholds;
  after: Thresholds;
  /** Whether a threshold moved (the classifier wrote a checkpoint). */
  moved: boolean;
  /** The nodes whose expired ballots were pruned first (in this transaction, or in `prune` calls before it). */
  pruned: bigint[];
};
/**
 * `ContractErrors.ThresholdBallotsNotInCharge` while the governor is in charge, `ThresholdBallotsAlreadySettled`
 * (with when the next epoch opens) for a second settlement in an epoch, `ThresholdBallotsBelowQuorum` with
 * fewer live ballots than the quorum, `ThresholdBallotsExpiredNotPruned` when an expired ballot was cast outside
 * the scanned blocks.
 */
export type SettleErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Settles the current epoch: each threshold moves toward its median by at most one step (×1.25 up, ÷1.10 down;
 * the params line never below the consumer floor). Anyone may, once per epoch, while the ballots are in charge
 * and carry the quorum. Expired ballots must leave the distributions first: when `preview()` counts any, the
 * SDK finds them itself, from the `BallotCast` events since the deployment's block (in `blockRange` windows),
 * keeping the nodes whose ballot is still there and expired, and passes them to `settle` (more than
 * `MAX_BALLOT_NODES` are pruned in `prune` calls first). One request for the preview when nothing expired.
 * @example
 * const { before, after, medians, moved } = await settle(wallet)
 */
export async function settle(ctx: CommonsContext, parameters: SettleParameters = {}): Promise<SettleReturnType> {
  const { fromBlock, toBlock, blockRange, ...options } = parameters;
  requireAccount(ctx, "settle");
  const ballots = { address: ctx.deployment.ballots, abi: thresholdBallotsAbi } as const;
  const preview = await readCommonsContract(ctx, { ...ballots, functionName: "preview" });
  let expired: bigint[] = [];
  if (preview.expiredBallots > 0n) expired = await findExpired(ctx, preview.epoch, { fromBlock, toBlock, blockRange });
  const pruned: bigint[] = [];
  while (expired.length > MAX_BALLOT_NODES) {
    const r = await pruneBallots(ctx, { nodeIds: expired.slice(0, MAX_BALLOT_NODES), ...options });
    pruned.push(...r.pruned);
    expired = expired.slice(MAX_BALLOT_NODES);
  }
  const result = await writeCommonsContract(
    ctx,
    "settle",
    { ...ballots, functionName: "settle", args: [expired], eventName: ["Settled", "BallotRemoved"] },
    options,
  );
  let settled: Extract<(typeof result.events)[number], { eventName: "Settled" }>["args"] | undefined;
  for (const e of result.events) {
    if (e.eventName === "Settled") settled = e.args;
    else pruned.push(e.args.nodeId);
  }
  if (settled === undefined) throw new CommonsError(`settle transaction ${result.hash} emitted no Settled event`);
  const after = { maxSmallParams: settled.newMaxSmallParams, maxSmallTrainingFlop: settled.newMaxSmallTrainingFlop };
  // The classifier writes a checkpoint, and emits ThresholdsUpdated with the old line, only when a threshold moved.
  const [updated] = parseEventLogs({
    abi: modelClassifierAbi,
    logs: result.receipt.logs,
    eventName: "ThresholdsUpdated",
    strict: true,
  });
  const before = updated
    ? { maxSmallParams: updated.args.oldMaxSmallParams, maxSmallTrainingFlop: updated.args.oldMaxSmallTrainingFlop }
    : after;
  return {
    ...result,
    epoch: settled.epoch,
    liveBallots: settled.liveBallots,
    medians: { maxSmallParams: settled.medianParams, maxSmallTrainingFlop: settled.medianFlop },
    before,
    after,
    moved: updated !== undefined,
    pruned,
  };
}

/** Ballots read at once while looking for the expired ones. */
const READ_CONCURRENCY = 8;

/**
 * The nodes whose ballots have expired by `epoch`: from each node's latest `BallotCast` (a later cast only
 * pushes the expiry out), those expiring by then, kept when `ballotOf` still holds that ballot (not withdrawn,
 * pruned or removed with its node since).
 */
async function findExpired(ctx: CommonsContext, epoch: bigint, history: HistoryParameters): Promise<bigint[]> {
  const casts = await scanEvents(
    ctx,
    { address: ctx.deployment.ballots, abi: thresholdBallotsAbi, eventName: "BallotCast" },
    history,
  );
  const latest = new Map<bigint, number>();
  for (const cast of casts) latest.set(cast.nodeId, cast.expiryEpoch);
  const candidates = [...latest].filter(([, expiry]) => BigInt(expiry) <= epoch).map(([nodeId]) => nodeId);
  const expired: bigint[] = [];
  let next = 0;
  const worker = async () => {
    while (next < candidates.length) {
      const nodeId = candidates[next++]!;
      const ballot = await readCommonsContract(ctx, {
        address: ctx.deployment.ballots,
        abi: thresholdBallotsAbi,
        functionName: "ballotOf",
        args: [nodeId],
      });
      if (ballot.expiryEpoch !== 0 && BigInt(ballot.expiryEpoch) <= epoch) expired.push(nodeId);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, candidates.length) }, worker));
  return expired.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
