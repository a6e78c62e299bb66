import { computeRegistryAbi } from "../../abi/generated.js";
import type { CommonsError, InsufficientFundsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { readCommonsContract } from "../../internal/read.js";
import { toText } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";
import type { DeviceLineInput } from "../../utils/devices.js";
import { checkDevices } from "./checkDevices.js";

export type RegisterNodeParameters = WriteOptions & {
  /** The rig: catalog SKUs and how many of each, e.g. `[{ skuId: 2, count: 2 }]` for two RTX 3090s. */
  devices: readonly DeviceLineInput[];
  metadataURI?: string | undefined;
};
export type RegisterNodeReturnType = WriteResult<typeof computeRegistryAbi, "NodeRegistered"> & { nodeId: bigint };
export type RegisterNodeErrorType =
  InvalidInputError | MissingWalletError | InsufficientFundsError | ContractRevertError | CommonsError;

/**
 * Registers a node with its bond, which it reads and sends itself. The owner gets its vote in the same
 * transaction (self-delegation on the first node). The devices are checked before anything is sent.
 * @example const { nodeId } = await registerNode(wallet, { devices: [{ skuId: 2, count: 2 }] })
 */
export async function registerNode(
  ctx: CommonsContext,
  { devices, metadataURI = "", ...options }: RegisterNodeParameters,
): Promise<RegisterNodeReturnType> {
  const uri = toText(metadataURI, "metadataURI", 256, true);
  const lines = await checkDevices(ctx, { devices });
  const bond = await readCommonsContract(ctx, {
    address: ctx.deployment.registry,
    abi: computeRegistryAbi,
    functionName: "minBond",
  });
  const result = await writeCommonsContract(
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
  return { ...result, nodeId: result.events[0]!.args.nodeId };
}
