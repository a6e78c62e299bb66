import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type WithdrawBondParameters = WriteOptions & { nodeId: IntegerInput };
/** The `BondWithdrawn` event carries the `amount` paid back. */
export type WithdrawBondReturnType = WriteResult<typeof computeRegistryAbi, "BondWithdrawn">;
/** `ContractErrors.ComputeRegistryBondLocked` before the bond unlocks, `ComputeRegistryChallengeOpen` while challenged. */
export type WithdrawBondErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Pays an exited node's bond back once it unlocks and no challenge of it is open (owner only, once).
 * @example await withdrawBond(wallet, { nodeId: 1n })
 */
export async function withdrawBond(
  ctx: CommonsContext,
  { nodeId, ...options }: WithdrawBondParameters,
): Promise<WithdrawBondReturnType> {
  return writeCommonsContract(
    ctx,
    "withdrawBond",
    {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "withdrawBond",
      args: [toPositive(nodeId, "nodeId")],
      eventName: "BondWithdrawn",
    },
    options,
  );
}
