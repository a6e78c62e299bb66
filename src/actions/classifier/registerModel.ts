import type { Hex } from "viem";
import { modelClassifierAbi } from "../../abi/generated.js";
import { InvalidInputError, type CommonsError, type MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { toPositive, toText, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type RegisterModelParameters = WriteOptions & {
  name: string;
  /** Parameter count (raw, e.g. 70_600_000_000n). */
  params: IntegerInput;
  /** Training compute in FLOP. */
  trainingFlop: IntegerInput;
  /** A 32-byte hash of the weights; one registrant lists a hash once (others may list it too, each their own record). */
  weightsHash: Hex;
  uri?: string | undefined;
  openWeights?: boolean | undefined;
};
export type RegisterModelReturnType = WriteResult<typeof modelClassifierAbi, "ModelRegistered"> & { modelId: bigint };
/** `ContractErrors.ModelClassifierDuplicateModel` for weights the wallet registered already. */
export type RegisterModelErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

function toWeightsHash(hash: Hex): Hex {
  if (typeof hash !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(hash)) {
    throw new InvalidInputError("weightsHash", "must be 32 bytes of hex (0x + 64 digits)");
  }
  if (/^0x0{64}$/.test(hash)) throw new InvalidInputError("weightsHash", "must not be zero");
  return hash;
}

/**
 * Registers a model record with its figures under the wallet's name (anyone may). Records are keyed by
 * (registrant, weightsHash): a false record of a real model's weights neither blocks nor overrules anyone
 * else's, and every model shows its registrant.
 * @example
 * const { modelId } = await registerModel(wallet, {
 *   name: "Llama 3.1 8B", params: 8_030_000_000n, trainingFlop: 1_224n * 10n ** 21n,
 *   weightsHash: keccak256(toHex("meta-llama/Llama-3.1-8B")), openWeights: true,
 * })
 */
export async function registerModel(
  ctx: CommonsContext,
  { name, params, trainingFlop, weightsHash, uri = "", openWeights = false, ...options }: RegisterModelParameters,
): Promise<RegisterModelReturnType> {
  const result = await writeCommonsContract(
    ctx,
    "registerModel",
    {
      address: ctx.deployment.classifier,
      abi: modelClassifierAbi,
      functionName: "registerModel",
      args: [
        toText(name, "name", 64),
        toPositive(params, "params", 64),
        toPositive(trainingFlop, "trainingFlop", 128),
        toWeightsHash(weightsHash),
        toText(uri, "uri", 256, true),
        Boolean(openWeights),
      ],
      eventName: "ModelRegistered",
    },
    options,
  );
  return { ...result, modelId: result.events[0]!.args.modelId };
}
