/**
 * `compute-commons/ethers`: the SDK's reads for dapps that use ethers v6. The reads are the very same actions
 * as the viem entry, run over the ethers `Provider` (an EIP-1193 bridge for the handful of JSON-RPC methods
 * that reads need), so both entries return identical values and errors.
 */
import type { Provider } from "ethers";
import { createClient, custom, numberToHex, type EIP1193RequestFn, type Hex } from "viem";
import { commonsPublicActions } from "../clients/decorators/public.js";
import type { CommonsDeployment } from "../deployments.js";
import { CommonsError } from "../errors/base.js";
import { decodeRevertData } from "../errors/contract.js";

type RpcCall = { to?: string; data?: string; from?: string };

/** Revert data inside an ethers error (CallExceptionError keeps it in `data`). */
function revertData(err: unknown): Hex | undefined {
  const data = (err as { data?: unknown; info?: { error?: { data?: unknown } } })?.data;
  return typeof data === "string" && data.startsWith("0x") && data.length >= 10 ? (data as Hex) : undefined;
}

function ethersRequest(provider: Provider): EIP1193RequestFn {
  return (async ({ method, params }: { method: string; params?: unknown }) => {
    const args = (params ?? []) as unknown[];
    switch (method) {
      case "eth_chainId":
        return numberToHex((await provider.getNetwork()).chainId);
      case "eth_blockNumber":
        return numberToHex(await provider.getBlockNumber());
      case "eth_call": {
        const [tx, blockTag] = args as [RpcCall, string | undefined];
        try {
          return await provider.call({ to: tx.to, data: tx.data, from: tx.from, blockTag: blockTag ?? "latest" });
        } catch (err) {
          const data = revertData(err);
          const decoded = data ? decodeRevertData(data, err as Error) : undefined;
          throw decoded ?? new CommonsError((err as Error)?.message ?? String(err));
        }
      }
      case "eth_getLogs": {
        const [filter] = args as [
          { address?: string; topics?: (string | null)[]; fromBlock?: string; toBlock?: string },
        ];
        const logs = await provider.getLogs({
          address: filter.address,
          topics: filter.topics,
          fromBlock: filter.fromBlock,
          toBlock: filter.toBlock,
        });
        return logs.map((l) => ({
          address: l.address,
          topics: l.topics,
          data: l.data,
          blockNumber: numberToHex(l.blockNumber),
          blockHash: l.blockHash,
          transactionHash: l.transactionHash,
          transactionIndex: numberToHex(l.transactionIndex),
          logIndex: numberToHex(l.index),
          removed: l.removed,
        }));
      }
      default:
        throw new CommonsError(`The ethers entry only reads; ${method} is not supported`);
    }
  }) as EIP1193RequestFn;
}

/**
 * The read side of the SDK over an ethers v6 provider: a viem client on the provider, extended with
 * `commonsPublicActions`, so it has every read of the viem entry under the same names.
 * @example
 * const provider = new JsonRpcProvider("http://127.0.0.1:8545")
 * const commons = createCommonsEthersReader({ provider, deployment })
 * const state = await commons.readGovernanceState()
 */
export function createCommonsEthersReader({
  provider,
  deployment,
}: {
  provider: Provider;
  deployment: CommonsDeployment;
}) {
  return createClient({ transport: custom({ request: ethersRequest(provider) }) }).extend(
    commonsPublicActions(deployment),
  );
}

export type CommonsEthersReader = ReturnType<typeof createCommonsEthersReader>;
export { defineDeployment, type CommonsDeployment } from "../deployments.js";
export * from "../errors/base.js";
export { ContractErrors, ContractRevertError } from "../errors/contract.js";
export { runnableParams, Tier, tierName, tierOf } from "../domain.js";
