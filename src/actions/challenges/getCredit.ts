import type { Address } from "viem";
import { nodeChallengesAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { readCommonsContract } from "../../internal/read.js";
import { toAddress } from "../../internal/validate.js";
import type { CommonsContext } from "../../types.js";

export type GetCreditParameters = { account: Address | string };
/** In wei. */
export type GetCreditReturnType = bigint;
export type GetCreditErrorType = InvalidInputError | CommonsError;

/**
 * What challenges credited to an account and `claimCredit` would pay it.
 * @example const wei = await getCredit(client, { account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" })
 */
export async function getCredit(ctx: CommonsContext, { account }: GetCreditParameters): Promise<GetCreditReturnType> {
  return readCommonsContract(ctx, {
    address: ctx.deployment.challenges,
    abi: nodeChallengesAbi,
    functionName: "creditOf",
    args: [toAddress(account, "account")],
  });
}
