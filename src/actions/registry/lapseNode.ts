import { computeRegistryAbi } from "../../abi/generated.js";
import { LAPSE_REASONS, type LapseReasonName } from "../../domain.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type LapseNodeParameters = WriteOptions & { nodeId: IntegerInput };
export type LapseNodeReturnType = WriteResult<typeof computeRegistryAbi, "NodeLapsed"> & {
  /** Why it lapsed: its attestation `Expired`, was `Revoked`, or its attester was removed (`AttesterRemoved`). */
  reason: LapseReasonName;
  /** The keeper fee paid to the wallet from the node's bond, in wei. */
  fee: bigint;
};
/** `ContractErrors.ComputeRegistryNotLapsable` while the node's attestation holds (or it is not Pending or Active). */
export type LapseNodeErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Lapses a Pending or Active node whose attestation expired, was revoked (EAS `revokeOffchain`) or whose
 * attester was removed: its vote and floor weight leave at once, and the wallet gets the keeper fee from its
 * bond. Anyone may call.
 * @example const { reason, fee } = await lapseNode(keeper, { nodeId: 3n }) // "Revoked", 0.001 ETH
 */
export async function lapseNode(
  ctx: CommonsContext,
  { nodeId, ...options }: LapseNodeParameters,
): Promise<LapseNodeReturnType> {
  const result = await writeCommonsContract(
    ctx,
    "lapseNode",
    {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "lapse",
      args: [toPositive(nodeId, "nodeId")],
      eventName: "NodeLapsed",
    },
    options,
  );
  const { reason, fee } = result.events[0]!.args;
  return { ...result, reason: LAPSE_REASONS[reason] ?? "None", fee };
}
