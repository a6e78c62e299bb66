import { computeRegistryAbi } from "../../abi/generated.js";
import { bondFor } from "../../domain.js";
import type { CommonsError, InsufficientFundsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { attestedForAccount, type AttestationInput } from "../../internal/attested.js";
import { readCommonsContract } from "../../internal/read.js";
import { toPositive, toText, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type UpdateNodeParameters = WriteOptions &
  AttestationInput & {
    nodeId: IntegerInput;
    /** The node's new metadata URI (replaces the old one; empty clears it). */
    metadataURI?: string | undefined;
  };
export type UpdateNodeReturnType = WriteResult<typeof computeRegistryAbi, "NodeUpdated"> & {
  /** What was sent to top the bond up to `bondFor` the new memory, in wei (0 when it held enough). */
  topUp: bigint;
  /** When the node's new warm-up ends. */
  activatableAt: number;
};
/**
 * `ContractErrors.ComputeRegistryNotNodeOwner` for another's node, `ComputeRegistrySameAttestation` for the
 * attestation it holds, `ComputeRegistryChallengeOpen` while challenged; as `registerNode` for the attestation.
 */
export type UpdateNodeErrorType =
  InvalidInputError | MissingWalletError | InsufficientFundsError | ContractRevertError | CommonsError;

/**
 * Gives a Pending, Active or Lapsed node a new attestation (owner only): its devices may change, a Lapsed node
 * is re-attested. The node warms up again (an Active node's vote leaves until it is activated again), and the
 * bond is topped up to `bondFor` the new memory when it holds less (the SDK computes and sends the top-up).
 * @example
 * const fresh = await createHardwareAttestation(attester, { recipient: owner.account.address, devices, deviceIds })
 * await updateNode(owner, { nodeId: 1n, ...fresh })
 */
export async function updateNode(
  ctx: CommonsContext,
  { nodeId, attestation, attester, signature, uid, metadataURI = "", ...options }: UpdateNodeParameters,
): Promise<UpdateNodeReturnType> {
  const id = toPositive(nodeId, "nodeId");
  const uri = toText(metadataURI, "metadataURI", 256, true);
  const [{ signed, memoryMiB, params }, [, word2]] = await Promise.all([
    attestedForAccount(ctx, "updateNode", { attestation, attester, signature, uid }),
    readCommonsContract(ctx, {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "nodeRecord",
      args: [id],
    }),
  ]);
  const held = (word2 & ((1n << 48n) - 1n)) * 1_000_000_000n;
  const required = bondFor(params, memoryMiB);
  const topUp = required > held ? required - held : 0n;
  const result = await writeCommonsContract(
    ctx,
    "updateNode",
    {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "updateNode",
      args: [id, signed.attestation, signed.attester, signed.signature, uri],
      value: topUp,
      eventName: "NodeUpdated",
    },
    options,
  );
  return { ...result, topUp, activatableAt: result.events[0]!.args.activatableAt };
}
