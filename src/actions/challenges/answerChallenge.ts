import { nodeChallengesAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { attestationFor, type AttestationInput } from "../../internal/attested.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type AnswerChallengeParameters = WriteOptions & AttestationInput & { nodeId: IntegerInput };
export type AnswerChallengeReturnType = WriteResult<typeof nodeChallengesAbi, "ChallengeAnswered">;
/**
 * `ContractErrors.NodeChallengesSameAttester` for an attestation from the node's own attester,
 * `NodeChallengesDevicesDiffer` for other devices, `NodeChallengesExpired` after the deadline,
 * `NodeChallengesNoChallenge` when none is open.
 */
export type AnswerChallengeErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Answers a challenge of the wallet's node with a fresh attestation of the same devices (the same SKU lines
 * and device ids) from another attester than the node's, before the deadline: the node takes the new
 * attestation, and the challenger's deposit is credited to the owner (`claimCredit`).
 * @example
 * const fresh = await createHardwareAttestation(secondAttester, { recipient: owner.account.address, devices, deviceIds })
 * await answerChallenge(owner, { nodeId: 4n, ...fresh })
 */
export async function answerChallenge(
  ctx: CommonsContext,
  { nodeId, attestation, attester, signature, uid, ...options }: AnswerChallengeParameters,
): Promise<AnswerChallengeReturnType> {
  const id = toPositive(nodeId, "nodeId");
  const { signed } = attestationFor(ctx, "answerChallenge", { attestation, attester, signature, uid });
  return writeCommonsContract(
    ctx,
    "answerChallenge",
    {
      address: ctx.deployment.challenges,
      abi: nodeChallengesAbi,
      functionName: "answer",
      args: [id, signed.attestation, signed.attester, signed.signature],
      eventName: "ChallengeAnswered",
    },
    options,
  );
}
