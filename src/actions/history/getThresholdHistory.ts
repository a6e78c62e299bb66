import { modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import type { IndexerError } from "../../errors/indexer.js";
import { scanEvents, type EventRecord, type HistoryParameters } from "../../internal/events.js";
import { hasIndexer, indexedEvents, type IndexedEvents } from "../../internal/indexer.js";
import type { CommonsContext } from "../../types.js";

export type GetThresholdHistoryParameters = HistoryParameters;
/** Each `ThresholdsUpdated` event: its arguments, block number and transaction hash. */
export type GetThresholdHistoryReturnType = EventRecord<typeof modelClassifierAbi, "ThresholdsUpdated">[];
export type GetThresholdHistoryErrorType = InvalidInputError | IndexerError | CommonsError;

/** The indexer's threshold epochs: one per `ThresholdsUpdated`. */
const EPOCHS: IndexedEvents<{
  oldMaxSmallParams: string;
  maxSmallParams: string;
  oldMaxSmallTrainingFlop: string;
  maxSmallTrainingFlop: string;
  raisedToFloor: boolean;
}> = {
  field: "thresholdEpochs",
  filterType: "thresholdEpochFilter",
  columns: "oldMaxSmallParams maxSmallParams oldMaxSmallTrainingFlop maxSmallTrainingFlop raisedToFloor",
};

/**
 * Every threshold change (the deployment's initial thresholds, governed changes and raises to the floor), oldest
 * first: from the client's indexer when it has one (`indexerUrl`), else from the classifier's logs.
 * @example const changes = await getThresholdHistory(client, { blockRange: 5_000 })
 */
export async function getThresholdHistory(
  ctx: CommonsContext,
  parameters: GetThresholdHistoryParameters = {},
): Promise<GetThresholdHistoryReturnType> {
  if (hasIndexer(ctx))
    return indexedEvents(ctx, EPOCHS, parameters, (row) => ({
      oldMaxSmallParams: BigInt(row.oldMaxSmallParams),
      newMaxSmallParams: BigInt(row.maxSmallParams),
      oldMaxSmallTrainingFlop: BigInt(row.oldMaxSmallTrainingFlop),
      newMaxSmallTrainingFlop: BigInt(row.maxSmallTrainingFlop),
      raisedToFloor: row.raisedToFloor,
    }));
  return scanEvents(
    ctx,
    { address: ctx.deployment.classifier, abi: modelClassifierAbi, eventName: "ThresholdsUpdated" },
    parameters,
  );
}
