import { modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsContext } from "../../clients/context.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { read } from "../../internal/write.js";

export type Thresholds = { maxSmallParams: bigint; maxSmallTrainingFlop: bigint };

/**
 * The thresholds now, or in force at a past timepoint.
 * @example const { maxSmallParams } = await getThresholds(ctx)
 */
export async function getThresholds(ctx: CommonsContext, parameters: { timepoint?: IntegerInput } = {}): Promise<Thresholds> {
  const address = ctx.deployment.classifier;
  const t = await read(() =>
    parameters.timepoint === undefined
      ? ctx.publicClient.readContract({ address, abi: modelClassifierAbi, functionName: "thresholds" })
      : ctx.publicClient.readContract({
          address,
          abi: modelClassifierAbi,
          functionName: "thresholdsAt",
          args: [toPositive(parameters.timepoint, "timepoint", 48)],
        }),
  );
  return { maxSmallParams: t.maxSmallParams, maxSmallTrainingFlop: t.maxSmallTrainingFlop };
}

/**
 * The consumer floor now: memory of the floor-percentile node and the parameters it can run.
 * @example const { params } = await getConsumerFloor(ctx)
 */
export async function getConsumerFloor(ctx: CommonsContext): Promise<{ memoryMiB: bigint; params: bigint }> {
  const [memoryMiB, params] = await read(() =>
    ctx.publicClient.readContract({
      address: ctx.deployment.classifier,
      abi: modelClassifierAbi,
      functionName: "consumerFloor",
    }),
  );
  return { memoryMiB, params };
}
