/** The ballots' epoch clock: immutable, read once per action. */
import { thresholdBallotsAbi } from "../abi/generated.js";
import { InvalidInputError } from "../errors/base.js";
import type { CommonsContext } from "../types.js";
import { readCommonsContract } from "./read.js";
import { toPositive, type IntegerInput } from "./validate.js";

/** Most nodes in one `castBallots` or `prune` call (a bound on its gas, not the contract's). */
export const MAX_BALLOT_NODES = 100;

/** A list of node ids, each positive and listed once, at least one and at most `MAX_BALLOT_NODES`. */
export function toNodeIds(nodeIds: readonly IntegerInput[], field: string): bigint[] {
  if (!Array.isArray(nodeIds) || nodeIds.length === 0) throw new InvalidInputError(field, "give at least one node");
  if (nodeIds.length > MAX_BALLOT_NODES) {
    throw new InvalidInputError(field, `${nodeIds.length} nodes; one call takes at most ${MAX_BALLOT_NODES}`);
  }
  const ids = nodeIds.map((id, i) => toPositive(id, `${field}[${i}]`));
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) throw new InvalidInputError(`${field}[${i}]`, `node ${id} is listed twice`);
  });
  return ids;
}

/** When epoch 0 began and how long an epoch lasts, in seconds. */
export type BallotClock = { genesis: number; epochLength: number };

/** The epoch clock: two requests in parallel. */
export async function readBallotClock(ctx: CommonsContext): Promise<BallotClock> {
  const ballots = { address: ctx.deployment.ballots, abi: thresholdBallotsAbi } as const;
  const [genesis, epochLength] = await Promise.all([
    readCommonsContract(ctx, { ...ballots, functionName: "genesis" }),
    readCommonsContract(ctx, { ...ballots, functionName: "epochLength" }),
  ]);
  return { genesis: Number(genesis), epochLength: Number(epochLength) };
}

/** When `epoch` begins (a ballot expiring at it stops counting then). */
export const epochStart = (clock: BallotClock, epoch: number): number => clock.genesis + epoch * clock.epochLength;
