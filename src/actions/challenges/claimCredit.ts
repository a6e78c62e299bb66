import { nodeChallengesAbi } from "../../abi/generated.js";
import type { CommonsError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type ClaimCreditParameters = WriteOptions;
export type ClaimCreditReturnType = WriteResult<typeof nodeChallengesAbi, "CreditClaimed"> & {
  /** What was paid to the wallet, in wei. */
  amount: bigint;
};
/** `ContractErrors.NodeChallengesNoCredit` when nothing is credited to the wallet. */
export type ClaimCreditErrorType = MissingWalletError | ContractRevertError | CommonsError;

/**
 * Pays out what challenges credited to the wallet: a winning challenger's deposit and half the slashed bond,
 * or an answering owner's share of the challenger's deposit (`getCredit` tells how much).
 * @example const { amount } = await claimCredit(wallet)
 */
export async function claimCredit(
  ctx: CommonsContext,
  options: ClaimCreditParameters = {},
): Promise<ClaimCreditReturnType> {
  const result = await writeCommonsContract(
    ctx,
    "claimCredit",
    {
      address: ctx.deployment.challenges,
      abi: nodeChallengesAbi,
      functionName: "claimCredit",
      args: [],
      eventName: "CreditClaimed",
    },
    options,
  );
  return { ...result, amount: result.events[0]!.args.amount };
}
