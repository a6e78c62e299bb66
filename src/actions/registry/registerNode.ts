import { computeRegistryAbi } from "../../abi/generated.js";
import { bondFor } from "../../domain.js";
import type { CommonsError, InsufficientFundsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { attestedForAccount, type AttestationInput } from "../../internal/attested.js";
import { toText } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type RegisterNodeParameters = WriteOptions &
  AttestationInput & {
    /** Optional pointer to a description of the rig (at most 256 bytes). */
    metadataURI?: string | undefined;
  };
export type RegisterNodeReturnType = WriteResult<typeof computeRegistryAbi, "NodeRegistered"> & {
  nodeId: bigint;
  /** The bond paid, in wei (`bondFor` the attested memory). */
  bond: bigint;
  /** When the node's warm-up ends and `activateNode` may give it its vote. */
  activatableAt: number;
};
/**
 * `InvalidInputError` before sending for an attestation of another recipient, or of devices the catalog or
 * the registry's limits refuse; `ContractErrors.HardwareAttestations*` (expired, revoked, bad signature, not an
 * attester) and `ComputeRegistryDeviceInUse` from the simulation.
 */
export type RegisterNodeErrorType =
  InvalidInputError | MissingWalletError | InsufficientFundsError | ContractRevertError | CommonsError;

/**
 * Registers a node from an attester's attestation of the wallet's devices, with the bond `bondFor` its
 * attested memory (a base plus a part per GiB), which it computes from the catalog and the registry's
 * parameters and sends itself. The node is Pending: its vote and floor weight start when `activateNode` is
 * called after its warm-up (at least a voting delay plus a voting period). The attestation's recipient must
 * be the wallet's account, and its devices known and within the limits: checked before anything is sent.
 * @example
 * const signed = await createHardwareAttestation(attester, { recipient: owner.account.address, devices, deviceIds })
 * const { nodeId, activatableAt } = await registerNode(owner, { ...signed, metadataURI: "ipfs://my-rig" })
 */
export async function registerNode(
  ctx: CommonsContext,
  { attestation, attester, signature, uid, metadataURI = "", ...options }: RegisterNodeParameters,
): Promise<RegisterNodeReturnType> {
  const uri = toText(metadataURI, "metadataURI", 256, true);
  const { signed, memoryMiB, params } = await attestedForAccount(ctx, "registerNode", {
    attestation,
    attester,
    signature,
    uid,
  });
  const bond = bondFor(params, memoryMiB);
  const result = await writeCommonsContract(
    ctx,
    "registerNode",
    {
      address: ctx.deployment.registry,
      abi: computeRegistryAbi,
      functionName: "registerNode",
      args: [signed.attestation, signed.attester, signed.signature, uri],
      value: bond,
      eventName: "NodeRegistered",
    },
    options,
  );
  const { nodeId, activatableAt } = result.events[0]!.args;
  return { ...result, nodeId, bond, activatableAt };
}
