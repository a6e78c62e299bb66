/**
 * `compute-commons/ethers`: the SDK's reads for dapps that use ethers v6. The reads are the very same actions
 * as the viem entry, run over the ethers `Provider` (an EIP-1193 bridge for the handful of JSON-RPC methods
 * that reads need), so both entries return identical values and errors.
 */
import type { Provider } from "ethers";
import { createPublicClient, custom, numberToHex, type EIP1193RequestFn, type Hex } from "viem";
import { listSkus } from "../actions/catalog/skus.js";
import { classify, classifyModel, type ClassifyModelParameters, type ClassifyParameters } from "../actions/classifier/classify.js";
import { getModel, listModels } from "../actions/classifier/models.js";
import { getConsumerFloor, getThresholds } from "../actions/classifier/thresholds.js";
import { listProposals } from "../actions/governance/listProposals.js";
import { readGovernanceState, type ReadGovernanceStateParameters } from "../actions/governance/readGovernanceState.js";
import { getNode } from "../actions/registry/getNode.js";
import { listNodes, type ListNodesParameters } from "../actions/registry/listNodes.js";
import type { CommonsContext } from "../clients/context.js";
import type { CommonsDeployment } from "../deployments.js";
import { CommonsError } from "../errors/base.js";
import { decodeRevertData } from "../errors/contract.js";
import type { PageParameters } from "../internal/paging.js";
import type { IntegerInput } from "../internal/validate.js";

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
        const [filter] = args as [{ address?: string; topics?: (string | null)[]; fromBlock?: string; toBlock?: string }];
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
 * The read side of the SDK over an ethers v6 provider.
 * @example
 * const provider = new JsonRpcProvider("http://127.0.0.1:8545")
 * const commons = createCommonsEthersReader({ provider, deployment })
 * const state = await commons.readGovernanceState()
 */
export function createCommonsEthersReader({ provider, deployment }: { provider: Provider; deployment: CommonsDeployment }) {
  const publicClient = createPublicClient({ transport: custom({ request: ethersRequest(provider) }) });
  const ctx: CommonsContext = { publicClient, deployment };
  return {
    deployment,
    readGovernanceState: (p?: ReadGovernanceStateParameters) => readGovernanceState(ctx, p),
    listNodes: (p?: ListNodesParameters) => listNodes(ctx, p),
    getNode: (p: { nodeId: IntegerInput }) => getNode(ctx, p),
    listModels: (p?: PageParameters) => listModels(ctx, p),
    getModel: (p: { modelId: IntegerInput }) => getModel(ctx, p),
    listSkus: (p?: PageParameters) => listSkus(ctx, p),
    listProposals: (p?: PageParameters) => listProposals(ctx, p),
    getThresholds: (p?: { timepoint?: IntegerInput }) => getThresholds(ctx, p),
    getConsumerFloor: () => getConsumerFloor(ctx),
    classify: (p: ClassifyParameters) => classify(ctx, p),
    classifyModel: (p: ClassifyModelParameters) => classifyModel(ctx, p),
  };
}

export type CommonsEthersReader = ReturnType<typeof createCommonsEthersReader>;
export { defineDeployment, type CommonsDeployment } from "../deployments.js";
export * from "../errors/base.js";
export { ContractErrors, ContractRevertError } from "../errors/contract.js";
export { runnableParams, Tier, tierName } from "../capacity.js";
