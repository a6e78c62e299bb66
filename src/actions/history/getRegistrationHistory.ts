import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { scanEvents, type EventRecord, type HistoryParameters } from "../../internal/events.js";
import type { CommonsContext } from "../../types.js";

export type GetRegistrationHistoryParameters = HistoryParameters;
/** Each `NodeRegistered` event: its arguments, block number and transaction hash. */
export type GetRegistrationHistoryReturnType = EventRecord<typeof computeRegistryAbi, "NodeRegistered">[];
export type GetRegistrationHistoryErrorType = InvalidInputError | CommonsError;

/**
 * Every node registration, oldest first.
 * @example const registrations = await getRegistrationHistory(client)
 */
export async function getRegistrationHistory(
  ctx: CommonsContext,
  parameters: GetRegistrationHistoryParameters = {},
): Promise<GetRegistrationHistoryReturnType> {
  return scanEvents(
    ctx,
    { address: ctx.deployment.registry, abi: computeRegistryAbi, eventName: "NodeRegistered" },
    parameters,
  );
}
