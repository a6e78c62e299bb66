import type { Hex } from "viem";
import { modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import { InvalidInputError } from "../../errors/base.js";
import { toPositive, toText, type IntegerInput } from "../../internal/validate.js";
import { sendContractWrite, type WriteResult } from "../../internal/write.js";

export type RegisterModelParameters = WriteOptions & {
  name: string;
  /** Parameter count (raw, e.g. 70_600_000_000n). */
  params: IntegerInput;
  /** Training compute in FLOP. */
  trainingFlop: IntegerInput;
  /** A 32-byte hash of the weights, unique in the registry. */
  weightsHash: Hex;
  uri?: string;
  openWeights?: boolean;
};
export type RegisterModelReturnType = WriteResult<typeof modelClassifierAbi, "ModelRegistered"> & { modelId: bigint };

/**
 * Registers a model (anyone may).
 * @example
 * const { modelId } = await registerModel(ctx, {
 *   name: "Llama 3.1 8B", params: 8_030_000_000n, trainingFlop: 1_224n * 10n ** 21n,
 *   weightsHash: keccak256(toHex("llama-3.1-8b")), openWeights: true,
 * })
 */
export async function registerModel(
  ctx: CommonsContext,
  { name, params, trainingFlop, weightsHash, uri = "", openWeights = false, ...options }: RegisterModelParameters,
): Promise<RegisterModelReturnType> {
  const args = [
    toText(name, "name", 64),
    toPositive(params, "params", 64),
    toPositive(trainingFlop, "trainingFlop", 128),
    checkHash(weightsHash),
    toText(uri, "uri", 256, true),
    Boolean(openWeights),
  ] as const;
  const result = await sendContractWrite(
    ctx,
    "registerModel",
    {
      address: ctx.deployment.classifier,
      abi: modelClassifierAbi,
      functionName: "registerModel",
      args,
      eventName: "ModelRegistered",
    },
    options,
  );
  return { ...result, modelId: result.events[0]!.args.modelId! };
}

function checkHash(hash: Hex): Hex {
  if (typeof hash !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(hash)) {
    throw new InvalidInputError("weightsHash", "must be 32 bytes of hex (0x + 64 digits)");
  }
  if (/^0x0{64}$/.test(hash)) throw new InvalidInputError("weightsHash", "must not be zero");
  return hash;
}
