import { modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { scanEvents, type EventRecord, type HistoryParameters } from "../../internal/events.js";
import type { CommonsContext } from "../../types.js";

export type GetThresholdHistoryParameters = HistoryParameters;
/** Each `ThresholdsUpdated` event: its arguments, block number and transaction hash. */
export type GetThresholdHistoryReturnType = EventRecord<typeof modelClassifierAbi, "ThresholdsUpdated">[];
export type GetThresholdHistoryErrorType = InvalidInputError | CommonsError;

/**
 * Every threshold change (the deployment's initial thresholds, governed changes and raises to the floor), oldest first.
 * @example const changes = await getThresholdHistory(client, { blockRange: 5_000 })
 */
export async function getThresholdHistory(
  ctx: CommonsContext,
  parameters: GetThresholdHistoryParameters = {},
): Promise<GetThresholdHistoryReturnType> {
  return scanEvents(
    ctx,
    { address: ctx.deployment.classifier, abi: modelClassifierAbi, eventName: "ThresholdsUpdated" },
    parameters,
  );
}
