import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import { toPositive, toText, type IntegerInput } from "../../internal/validate.js";
import { sendContractWrite, type WriteResult } from "../../internal/write.js";
import { checkDevices, type DeviceLineInput } from "./devices.js";

export type UpdateNodeParameters = WriteOptions & {
  nodeId: IntegerInput;
  devices: readonly DeviceLineInput[];
  metadataURI?: string;
};

/**
 * Replaces an active node's devices and metadata (owner only).
 * @example await updateNode(ctx, { nodeId: 1n, devices: [{ skuId: 3, count: 2 }] })
 */
export async function updateNode(
  ctx: CommonsContext,
  { nodeId, devices, metadataURI = "", ...options }: UpdateNodeParameters,
): Promise<WriteResult<typeof computeRegistryAbi, "NodeUpdated">> {
  const id = toPositive(nodeId, "nodeId");
  const uri = toText(metadataURI, "metadataURI", 256, true);
  const lines = await checkDevices(ctx, devices);
  return sendContractWrite(
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
