import { computeRegistryAbi, modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsError } from "../../errors/base.js";
import { readCommonsContract } from "../../internal/read.js";
import type { CommonsContext, FloorRange } from "../../types.js";

export type GetFloorRangeParameters = {
  /** Read the floor as it was at this block. Default the latest. */
  blockNumber?: bigint | undefined;
};
export type GetFloorRangeReturnType = FloorRange;
export type GetFloorRangeErrorType = CommonsError;

/**
 * The consumer floor now and over the floor window, in memory and in the parameters it runs: `raiseToFloor`
 * lifts the Small line toward the lowest (at most 2× per call), and a proposal may not set it below the
 * highest, so a population that lasts less than the window moves neither guard. Four requests in parallel.
 * @example const { now, lowest, highest, window } = await getFloorRange(client)
 */
export async function getFloorRange(
  ctx: CommonsContext,
  { blockNumber }: GetFloorRangeParameters = {},
): Promise<GetFloorRangeReturnType> {
  const classifier = { address: ctx.deployment.classifier, abi: modelClassifierAbi, blockNumber } as const;
  const registry = { address: ctx.deployment.registry, abi: computeRegistryAbi, blockNumber } as const;
  const [[memoryMiB, params], [lowestParams, highestParams], [lowestMiB, highestMiB], config] = await Promise.all([
    readCommonsContract(ctx, { ...classifier, functionName: "consumerFloor" }),
    readCommonsContract(ctx, { ...classifier, functionName: "floorRange" }),
    readCommonsContract(ctx, { ...registry, functionName: "floorRangeMiB" }),
    readCommonsContract(ctx, { ...registry, functionName: "config" }),
  ]);
  return {
    now: { memoryMiB, params },
    lowest: { memoryMiB: lowestMiB, params: lowestParams },
    highest: { memoryMiB: highestMiB, params: highestParams },
    window: BigInt(config.floorWindow),
  };
}
