import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import { toText } from "../../internal/validate.js";
import { read, sendContractWrite, type WriteResult } from "../../internal/write.js";
import { checkDevices, type DeviceLineInput } from "./devices.js";

export type RegisterNodeParameters = WriteOptions & {
  devices: readonly DeviceLineInput[];
  metadataURI?: string;
};
export type RegisterNodeReturnType = WriteResult<typeof computeRegistryAbi, "NodeRegistered"> & { nodeId: bigint };

/**
 * Registers a node; reads the bond itself and sends exactly that. The owner gets its vote in the same
 * transaction (self-delegation on the first node).
 * @example const { nodeId } = await registerNode(ctx, { devices: [{ skuId: 2, count: 2 }] })
 */
export async function registerNode(
  ctx: CommonsContext,
  { devices, metadataURI = "", ...options }: RegisterNodeParameters,
): Promise<RegisterNodeReturnType> {
  const uri = toText(metadataURI, "metadataURI", 256, true);
  const lines = await checkDevices(ctx, devices);
  const bond = await read(() =>
    ctx.publicClient.readContract({ address: ctx.deployment.registry, abi: computeRegistryAbi, functionName: "minBond" }),
  );
  const result = await sendContractWrite(
    ctx,
    "registerNode",
    {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "registerNode",
      args: [lines, uri],
      value: bond,
      eventName: "NodeRegistered",
    },
    options,
  );
  return { ...result, nodeId: result.events[0]!.args.nodeId! };
}
