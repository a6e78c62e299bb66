import { commonsLensAbi } from "../../abi/generated.js";
import type { CommonsError } from "../../errors/base.js";
import { readCommonsContract } from "../../internal/read.js";
import type { CommonsContext } from "../../types.js";

export type GetHistogramParameters = {
  /** Read the histogram as it was at this block. Default the latest. */
  blockNumber?: bigint | undefined;
};
/** One non-empty 1 GiB bucket: the active nodes with `upperMiB - 1024 < memory <= upperMiB`. */
export type HistogramBucket = { upperMiB: number; count: number };
export type GetHistogramReturnType = {
  /** The non-empty buckets, ascending. */
  buckets: HistogramBucket[];
  /** The floor now, and its lowest and highest over the floor window, in MiB. */
  floorMiB: bigint;
  floorLowestMiB: bigint;
  floorHighestMiB: bigint;
};
export type GetHistogramErrorType = CommonsError;

/**
 * The active nodes' memory in 1 GiB buckets (the registry keeps them as nodes come and go) and the floor, in
 * ONE request whatever the number of nodes (`CommonsLens.histogram`): what a first screen draws without
 * listing any node.
 * @example const { buckets } = await getHistogram(client) // [{ upperMiB: 24576, count: 3 }, …]
 */
export async function getHistogram(
  ctx: CommonsContext,
  { blockNumber }: GetHistogramParameters = {},
): Promise<GetHistogramReturnType> {
  const [upperMiB, counts, floorMiB, floorLowestMiB, floorHighestMiB] = await readCommonsContract(ctx, {
    address: ctx.deployment.lens,
    abi: commonsLensAbi,
    functionName: "histogram",
    blockNumber,
  });
  return {
    buckets: upperMiB.map((upper, i) => ({ upperMiB: Number(upper), count: Number(counts[i]) })),
    floorMiB,
    floorLowestMiB,
    floorHighestMiB,
  };
}
