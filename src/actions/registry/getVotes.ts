import type { Address } from "viem";
import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsContext } from "../../clients/context.js";
import { toAddress } from "../../internal/validate.js";
import { read } from "../../internal/write.js";

/**
 * Current votes of an account (one per active node delegated to it).
 * @example const votes = await getVotes(ctx, { account: "0x…" })
 */
export async function getVotes(ctx: CommonsContext, { account }: { account: Address | string }): Promise<bigint> {
  const who = toAddress(account, "account");
  return read(() =>
    ctx.publicClient.readContract({
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "getVotes",
      args: [who],
    }),
  );
}
