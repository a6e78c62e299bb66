import type { Address } from "viem";
import { commonsLensAbi, computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { collectPages, type PageParameters } from "../../internal/paging.js";
import { readCommonsContract } from "../../internal/read.js";
import { toAddress } from "../../internal/validate.js";
import type { CommonsContext, Node } from "../../types.js";
import { toNode, unpackNode } from "../../utils/nodes.js";

/**
 * Nodes per request. `packedNodes` costs about 9k gas a node (worst case, 6 device lines and a 256-byte URI,
 * about 40k), far below a local node's 16.7M eth_call cap; measured fastest at 100 (bench/read.ts). The lens's
 * decoded pages (`challenges: true`) cost more per node and stay far below the cap too.
 */
export const NODES_PAGE_SIZE = 100;

export type ListNodesParameters = PageParameters & {
  /** Only the nodes this address registered (newest first), with their open challenges. */
  owner?: Address | string | undefined;
  /**
   * Read each node's open challenge too (`Node.challenge`): the lens's decoded pages instead of the
   * registry's packed ones, in as many requests. Default false.
   */
  challenges?: boolean | undefined;
};
export type ListNodesReturnType = Node[];
export type ListNodesErrorType = InvalidInputError | CommonsError;

/**
 * Every node (or every node of `owner`) in ceil(N / pageSize) requests, never one per node. All nodes come in
 * id order from the registry's packed pages (three words a node, no challenges: `Node.challenge` undefined),
 * or with `challenges: true` from the lens's decoded pages, each with its open challenge or `null`.
 * @example const nodes = await listNodes(client)
 */
export async function listNodes(
  ctx: CommonsContext,
  parameters: ListNodesParameters = {},
): Promise<ListNodesReturnType> {
  if (parameters.owner !== undefined) {
    const owner = toAddress(parameters.owner, "owner");
    const nodes = await collectPages(parameters.pageSize, NODES_PAGE_SIZE, (offset, limit) =>
      readCommonsContract(ctx, {
        address: ctx.deployment.lens,
        abi: commonsLensAbi,
        functionName: "nodesOf",
        args: [owner, offset, limit],
      }),
    );
    return nodes.map(toNode);
  }
  if (parameters.challenges) {
    const nodes = await collectPages(parameters.pageSize, NODES_PAGE_SIZE, (offset, limit) =>
      readCommonsContract(ctx, {
        address: ctx.deployment.lens,
        abi: commonsLensAbi,
        functionName: "nodes",
        args: [offset, limit],
      }),
    );
    return nodes.map(toNode);
  }
  return collectPages(parameters.pageSize, NODES_PAGE_SIZE, async (offset, limit) => {
    const [total, words, uris] = await readCommonsContract(ctx, {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "packedNodes",
      args: [offset, limit],
    });
    const page = uris.map((uri, i) =>
      unpackNode(offset + BigInt(i) + 1n, words[3 * i]!, words[3 * i + 1]!, words[3 * i + 2]!, uri),
    );
    return [total, page] as const;
  });
}
