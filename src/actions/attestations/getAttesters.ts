import { getAddress } from "viem";
import { hardwareAttestationsAbi } from "../../abi/generated.js";
import type { CommonsError } from "../../errors/base.js";
import { readCommonsContract } from "../../internal/read.js";
import type { Attester, CommonsContext } from "../../types.js";

export type GetAttestersParameters = { blockNumber?: bigint | undefined };
/** The active attesters with their ids, in the set's order. */
export type GetAttestersReturnType = Attester[];
export type GetAttestersErrorType = CommonsError;

/**
 * The active attesters (the governed set whose attestations register nodes) with their ids: 1 + N requests
 * (the set holds at most 16). `Node.attesterId` names one of these, or one removed since.
 * @example const attesters = await getAttesters(client) // [{ address: "0xa0Ee…9720", id: 1 }]
 */
export async function getAttesters(
  ctx: CommonsContext,
  { blockNumber }: GetAttestersParameters = {},
): Promise<GetAttestersReturnType> {
  const contract = { address: ctx.deployment.attestations, abi: hardwareAttestationsAbi, blockNumber } as const;
  const addresses = await readCommonsContract(ctx, { ...contract, functionName: "attesters" });
  const ids = await Promise.all(
    addresses.map((address) =>
      readCommonsContract(ctx, { ...contract, functionName: "attesterIdOf", args: [address] }),
    ),
  );
  return addresses.map((address, i) => ({ address: getAddress(address), id: ids[i]! }));
}
