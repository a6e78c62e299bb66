import type { Address, Hex } from "viem";
import { commonsLensAbi, modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsContext } from "../../clients/context.js";
import { collectPages, type PageParameters } from "../../internal/paging.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { read } from "../../internal/write.js";

export type Model = {
  id: bigint;
  name: string;
  params: bigint;
  trainingFlop: bigint;
  weightsHash: Hex;
  uri: string;
  openWeights: boolean;
  registrant: Address;
  registeredAt: number;
};

/** Models per request (each carries two strings; 200 stay far below a node's eth_call gas cap). */
export const MODELS_PAGE_SIZE = 200;

const toModel = (m: Model): Model => ({ ...m });

/**
 * One model by id.
 * @example const model = await getModel(ctx, { modelId: 1n })
 */
export async function getModel(ctx: CommonsContext, { modelId }: { modelId: IntegerInput }): Promise<Model> {
  const id = toPositive(modelId, "modelId");
  const raw = await read(() =>
    ctx.publicClient.readContract({
      address: ctx.deployment.classifier,
      abi: modelClassifierAbi,
      functionName: "model",
      args: [id],
    }),
  );
  return toModel(raw);
}

/**
 * Every model in id order, in ceil(N / pageSize) requests.
 * @example const models = await listModels(ctx)
 */
export async function listModels(ctx: CommonsContext, parameters: PageParameters = {}): Promise<Model[]> {
  const raw = await collectPages(parameters.pageSize, MODELS_PAGE_SIZE, (offset, limit) =>
    read(() =>
      ctx.publicClient.readContract({
        address: ctx.deployment.lens,
        abi: commonsLensAbi,
        functionName: "models",
        args: [offset, limit],
      }),
    ),
  );
  return raw.map(toModel);
}
