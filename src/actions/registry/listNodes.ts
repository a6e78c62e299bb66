import type { Address } from "viem";
import { commonsLensAbi } from "../../abi/generated.js";
import type { CommonsContext } from "../../clients/context.js";
import { collectPages, type PageParameters } from "../../internal/paging.js";
import { toAddress } from "../../internal/validate.js";
import { read } from "../../internal/write.js";
import { toNode, type Node } from "./nodeView.js";

/** Nodes per request: about 30k gas each, so 300 stay far below the 16.7M eth_call gas cap of a local node. */
export const NODES_PAGE_SIZE = 300;

export type ListNodesParameters = PageParameters & {
  /** Only the nodes this address registered. */
  owner?: Address | string;
};

/**
 * Every node (or every node of `owner`) in id order, in ceil(N / pageSize) requests.
 * @example const nodes = await listNodes(ctx)
 */
export async function listNodes(ctx: CommonsContext, parameters: ListNodesParameters = {}): Promise<Node[]> {
  const owner = parameters.owner === undefined ? undefined : toAddress(parameters.owner, "owner");
  const raw = await collectPages(parameters.pageSize, NODES_PAGE_SIZE, (offset, limit) =>
    read(() =>
      owner
        ? ctx.publicClient.readContract({
            address: ctx.deployment.lens,
            abi: commonsLensAbi,
            functionName: "nodesOf",
            args: [owner, offset, limit],
          })
        : ctx.publicClient.readContract({
            address: ctx.deployment.lens,
            abi: commonsLensAbi,
            functionName: "nodes",
            args: [offset, limit],
          }),
    ),
  );
  return raw.map(toNode);
}
