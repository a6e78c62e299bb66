import { getAddress, type Hex } from "viem";
import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import type { IndexerError } from "../../errors/indexer.js";
import { scanEvents, type EventRecord, type HistoryParameters } from "../../internal/events.js";
import { hasIndexer, indexedEvents, type IndexedEvents } from "../../internal/indexer.js";
import type { CommonsContext, DeviceLine } from "../../types.js";

export type GetRegistrationHistoryParameters = HistoryParameters;
/** Each `NodeRegistered` event: its arguments, block number and transaction hash. */
export type GetRegistrationHistoryReturnType = EventRecord<typeof computeRegistryAbi, "NodeRegistered">[];
export type GetRegistrationHistoryErrorType = InvalidInputError | IndexerError | CommonsError;

/** The indexer's `registered` node events: a `NodeRegistered` each. */
const REGISTRATIONS: IndexedEvents<{
  nodeId: string;
  owner: string;
  memoryMiB: number;
  amount: string;
  devices: DeviceLine[];
  attestationUid: Hex;
  attesterId: number;
  activatableAt: string;
  metadataURI: string;
}> = {
  field: "nodeEvents",
  filterType: "nodeEventFilter",
  columns: "nodeId owner memoryMiB amount devices attestationUid attesterId activatableAt metadataURI",
  where: { kind: "registered" },
};

/**
 * Every node registration, oldest first: from the client's indexer when it has one (`indexerUrl`), else from the
 * registry's logs.
 * @example const registrations = await getRegistrationHistory(client)
 */
export async function getRegistrationHistory(
  ctx: CommonsContext,
  parameters: GetRegistrationHistoryParameters = {},
): Promise<GetRegistrationHistoryReturnType> {
  if (hasIndexer(ctx))
    return indexedEvents(ctx, REGISTRATIONS, parameters, (row) => ({
      nodeId: BigInt(row.nodeId),
      owner: getAddress(row.owner),
      memoryMiB: row.memoryMiB,
      bond: BigInt(row.amount),
      devices: row.devices.map(({ skuId, count }) => ({ skuId, count })),
      attestationUid: row.attestationUid,
      attesterId: row.attesterId,
      activatableAt: Number(row.activatableAt),
      metadataURI: row.metadataURI,
    }));
  return scanEvents(
    ctx,
    { address: ctx.deployment.registry, abi: computeRegistryAbi, eventName: "NodeRegistered" },
    parameters,
  );
}
