import type { Address } from "viem";
import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { readCommonsContract } from "../../internal/read.js";
import { toAddress } from "../../internal/validate.js";
import type { CommonsContext } from "../../types.js";

export type GetVotesParameters = { account: Address | string };
export type GetVotesReturnType = bigint;
export type GetVotesErrorType = InvalidInputError | CommonsError;

/**
 * The votes an account holds now: one per active node delegated to it.
 * @example const votes = await getVotes(client, { account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" })
 */
export async function getVotes(ctx: CommonsContext, { account }: GetVotesParameters): Promise<GetVotesReturnType> {
  return readCommonsContract(ctx, {
    address: ctx.deployment.registry,
    abi: computeRegistryAbi,
    functionName: "getVotes",
    args: [toAddress(account, "account")],
  });
}
