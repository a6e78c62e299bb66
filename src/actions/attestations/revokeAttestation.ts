import type { Hex } from "viem";
import { easAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { easOf } from "../../internal/eas.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";
import { toBytes32 } from "../../utils/attestations.js";

export type RevokeAttestationParameters = WriteOptions & {
  /** The attestation's UID (`SignedAttestation.uid`, `Node.attestationUid`). */
  uid: Hex | string;
};
export type RevokeAttestationReturnType = WriteResult<typeof easAbi, "RevokedOffchain">;
/** `ContractErrors.AlreadyRevokedOffchain` for an attestation the wallet revoked already. */
export type RevokeAttestationErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Revokes an attestation the wallet signed, with EAS's own `revokeOffchain(uid)` (so EAS's explorers and SDK
 * see it too). A node holding it can no longer be activated, and anyone may lapse it (`lapseNode`) for the
 * keeper fee. Only the attester's revocation counts: revoking another's attestation changes nothing.
 * @example await revokeAttestation(attester, { uid: node.attestationUid })
 */
export async function revokeAttestation(
  ctx: CommonsContext,
  { uid, ...options }: RevokeAttestationParameters,
): Promise<RevokeAttestationReturnType> {
  const data = toBytes32(uid, "uid");
  return writeCommonsContract(
    ctx,
    "revokeAttestation",
    {
      address: await easOf(ctx),
      abi: easAbi,
      functionName: "revokeOffchain",
      args: [data],
      eventName: "RevokedOffchain",
    },
    options,
  );
}
