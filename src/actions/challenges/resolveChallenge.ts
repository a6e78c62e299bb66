import { nodeChallengesAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type ResolveChallengeParameters = WriteOptions & { nodeId: IntegerInput };
/** `ChallengeResolved` carries the challenger, its half of the bond (`toChallenger`) and the `burned` half. */
export type ResolveChallengeReturnType = WriteResult<typeof nodeChallengesAbi, "ChallengeResolved">;
/** `ContractErrors.NodeChallengesNotExpired` before the deadline, `NodeChallengesNoChallenge` when none is open. */
export type ResolveChallengeErrorType = InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Resolves an unanswered challenge once its deadline has passed: the node is slashed (its vote and floor
 * weight leave), the challenger is credited its deposit and half the bond (`claimCredit`), the other half is
 * burned. No address governance controls receives anything. Anyone may call.
 * @example const { events } = await resolveChallenge(wallet, { nodeId: 4n }) // events[0].args.burned
 */
export async function resolveChallenge(
  ctx: CommonsContext,
  { nodeId, ...options }: ResolveChallengeParameters,
): Promise<ResolveChallengeReturnType> {
  return writeCommonsContract(
    ctx,
    "resolveChallenge",
    {
      address: ctx.deployment.challenges,
      abi: nodeChallengesAbi,
      functionName: "resolve",
      args: [toPositive(nodeId, "nodeId")],
      eventName: "ChallengeResolved",
    },
    options,
  );
}
