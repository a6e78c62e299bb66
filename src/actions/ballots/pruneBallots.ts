import { thresholdBallotsAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { toNodeIds } from "../../internal/ballots.js";
import type { IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type PruneBallotsParameters = WriteOptions & { nodeIds: readonly IntegerInput[] };
export type PruneBallotsReturnType = WriteResult<typeof thresholdBallotsAbi, "BallotRemoved"> & {
  /** The nodes whose expired ballots left the distributions (the others given were skipped). */
  pruned: bigint[];
};
export type PruneBallotsErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Removes the given nodes' expired ballots from the distributions; live ballots and nodes without one are
 * skipped. Anyone may. `settle` prunes by itself (it finds the expired ballots from the events); this is for a
 * keeper that wants the medians clean between settlements.
 * @example const { pruned } = await pruneBallots(wallet, { nodeIds: [3n, 4n] })
 */
export async function pruneBallots(
  ctx: CommonsContext,
  { nodeIds, ...options }: PruneBallotsParameters,
): Promise<PruneBallotsReturnType> {
  const ids = toNodeIds(nodeIds, "nodeIds");
  const result = await writeCommonsContract(
    ctx,
    "pruneBallots",
    {
      address: ctx.deployment.ballots,
      abi: thresholdBallotsAbi,
      functionName: "prune",
      args: [ids],
      eventName: "BallotRemoved",
    },
    options,
  );
  return { ...result, pruned: result.events.map((e) => e.args.nodeId) };
}
