import { computeGovernorAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { scanEvents, type EventRecord, type HistoryParameters } from "../../internal/events.js";
import type { CommonsContext } from "../../types.js";

export type GetVoteHistoryParameters = HistoryParameters;
/** Each `VoteCast` event: its arguments, block number and transaction hash. */
export type GetVoteHistoryReturnType = EventRecord<typeof computeGovernorAbi, "VoteCast">[];
export type GetVoteHistoryErrorType = InvalidInputError | CommonsError;

/**
 * Every vote cast, oldest first.
 * @example const votes = await getVoteHistory(client)
 */
export async function getVoteHistory(
  ctx: CommonsContext,
  parameters: GetVoteHistoryParameters = {},
): Promise<GetVoteHistoryReturnType> {
  return scanEvents(
    ctx,
    { address: ctx.deployment.governor, abi: computeGovernorAbi, eventName: "VoteCast" },
    parameters,
  );
}
