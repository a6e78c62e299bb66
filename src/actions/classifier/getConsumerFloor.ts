import { modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsError } from "../../errors/base.js";
import { readCommonsContract } from "../../internal/read.js";
import type { CommonsContext, ConsumerFloor } from "../../types.js";

export type GetConsumerFloorParameters = {
  /** Read the floor as it was at this block. Default the latest. */
  blockNumber?: bigint | undefined;
};
export type GetConsumerFloorReturnType = ConsumerFloor;
export type GetConsumerFloorErrorType = CommonsError;

/**
 * The consumer floor now: the memory of the floor-percentile node and the parameters it can run. The guards
 * use the floor over the floor window (`getFloorRange`): proposals may not set `maxSmallParams` below the
 * highest over it.
 * @example const { memoryMiB, params } = await getConsumerFloor(client) // 24576n, 46385646796n
 */
export async function getConsumerFloor(
  ctx: CommonsContext,
  { blockNumber }: GetConsumerFloorParameters = {},
): Promise<GetConsumerFloorReturnType> {
  const [memoryMiB, params] = await readCommonsContract(ctx, {
    address: ctx.deployment.classifier,
    abi: modelClassifierAbi,
    functionName: "consumerFloor",
    blockNumber,
  });
  return { memoryMiB, params };
}
