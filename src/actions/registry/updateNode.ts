import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { toPositive, toText, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";
import type { DeviceLineInput } from "../../utils/devices.js";
import { checkDevices } from "./checkDevices.js";

export type UpdateNodeParameters = WriteOptions & {
  nodeId: IntegerInput;
  devices: readonly DeviceLineInput[];
  metadataURI?: string | undefined;
};
export type UpdateNodeReturnType = WriteResult<typeof computeRegistryAbi, "NodeUpdated">;
/** `ContractErrors.ComputeRegistryNotNodeOwner` when the wallet does not own the node. */
export type UpdateNodeErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Replaces an active node's devices and metadata (owner only). The devices are checked before anything is sent.
 * @example await updateNode(wallet, { nodeId: 1n, devices: [{ skuId: 3, count: 2 }] })
 */
export async function updateNode(
  ctx: CommonsContext,
  { nodeId, devices, metadataURI = "", ...options }: UpdateNodeParameters,
): Promise<UpdateNodeReturnType> {
  const id = toPositive(nodeId, "nodeId");
  const uri = toText(metadataURI, "metadataURI", 256, true);
  const lines = await checkDevices(ctx, { devices });
  return writeCommonsContract(
    ctx,
    "updateNode",
    {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "updateNode",
      args: [id, lines, uri],
      eventName: "NodeUpdated",
    },
    options,
  );
}
