import { getAddress } from "viem";
import { computeGovernorAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import type { IndexerError } from "../../errors/indexer.js";
import { scanEvents, type EventRecord, type HistoryParameters } from "../../internal/events.js";
import { hasIndexer, indexedEvents, type IndexedEvents } from "../../internal/indexer.js";
import type { CommonsContext } from "../../types.js";

export type GetVoteHistoryParameters = HistoryParameters;
/** Each `VoteCast` event: its arguments, block number and transaction hash. */
export type GetVoteHistoryReturnType = EventRecord<typeof computeGovernorAbi, "VoteCast">[];
export type GetVoteHistoryErrorType = InvalidInputError | IndexerError | CommonsError;

/** The indexer's votes without params: the `VoteCast` ones (`VoteCastWithParams` rows carry params). */
const VOTES: IndexedEvents<{ voter: string; proposalId: string; support: number; weight: string; reason: string }> = {
  field: "votes",
  filterType: "voteFilter",
  columns: "voter proposalId support weight reason",
  where: { params: null },
};

/**
 * Every vote cast, oldest first: from the client's indexer when it has one (`indexerUrl`), else from the
 * governor's logs.
 * @example const votes = await getVoteHistory(client)
 */
export async function getVoteHistory(
  ctx: CommonsContext,
  parameters: GetVoteHistoryParameters = {},
): Promise<GetVoteHistoryReturnType> {
  if (hasIndexer(ctx))
    return indexedEvents(ctx, VOTES, parameters, (row) => ({
      voter: getAddress(row.voter),
      proposalId: BigInt(row.proposalId),
      support: row.support,
      weight: BigInt(row.weight),
      reason: row.reason,
    }));
  return scanEvents(
    ctx,
    { address: ctx.deployment.governor, abi: computeGovernorAbi, eventName: "VoteCast" },
    parameters,
  );
}
