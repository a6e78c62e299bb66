import { computeRegistryAbi } from "../../abi/generated.js";
import { InvalidInputError, type CommonsError, type MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

/** Most nodes one `lapseNodes` call lapses (a lapse costs about 30k gas; 200 stay far below a block). */
export const MAX_LAPSE_BATCH = 200;

export type LapseNodesParameters = WriteOptions & { nodeIds: readonly IntegerInput[] };
export type LapseNodesReturnType = WriteResult<typeof computeRegistryAbi, "NodeLapsed"> & {
  /** The nodes that lapsed (those whose attestation still held were skipped). */
  lapsed: bigint[];
  /** The keeper fees paid to the wallet, in wei. */
  fee: bigint;
};
export type LapseNodesErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Lapses many nodes in one transaction (e.g. every node of a removed attester), skipping those whose
 * attestation still holds; the wallet gets the keeper fee of each. At most `MAX_LAPSE_BATCH` ids, each once.
 * @example const { lapsed, fee } = await lapseNodes(keeper, { nodeIds: [3n, 4n, 9n] })
 */
export async function lapseNodes(
  ctx: CommonsContext,
  { nodeIds, ...options }: LapseNodesParameters,
): Promise<LapseNodesReturnType> {
  if (!Array.isArray(nodeIds) || nodeIds.length === 0) throw new InvalidInputError("nodeIds", "give at least one node");
  if (nodeIds.length > MAX_LAPSE_BATCH) {
    throw new InvalidInputError("nodeIds", `${nodeIds.length} nodes; one call lapses at most ${MAX_LAPSE_BATCH}`);
  }
  const ids = nodeIds.map((id, i) => toPositive(id, `nodeIds[${i}]`));
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) throw new InvalidInputError("nodeIds", `node ${duplicate} is listed twice`);
  const result = await writeCommonsContract(
    ctx,
    "lapseNodes",
    {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "lapseMany",
      args: [ids],
      eventName: "NodeLapsed",
    },
    options,
  );
  return {
    ...result,
    lapsed: result.events.map((e) => e.args.nodeId),
    fee: result.events.reduce((sum, e) => sum + e.args.fee, 0n),
  };
}
