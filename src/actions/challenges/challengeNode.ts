import { nodeChallengesAbi } from "../../abi/generated.js";
import type { CommonsError, InsufficientFundsError, InvalidInputError, MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { readCommonsContract } from "../../internal/read.js";
import { toPositive, type IntegerInput } from "../../internal/validate.js";
import { writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";

export type ChallengeNodeParameters = WriteOptions & { nodeId: IntegerInput };
export type ChallengeNodeReturnType = WriteResult<typeof nodeChallengesAbi, "NodeChallenged"> & {
  /** The deposit paid, in wei. */
  deposit: bigint;
  /** The last second the node's owner may answer; after it anyone may `resolveChallenge`. */
  deadline: number;
};
/**
 * `ContractErrors.NodeChallengesOwnNode` for the wallet's own node, `NodeChallengesAlreadyChallenged` while a
 * challenge is open, `NodeChallengesNothingToChallenge` for a node without a bond.
 */
export type ChallengeNodeErrorType =
  InvalidInputError | MissingWalletError | InsufficientFundsError | ContractRevertError | CommonsError;

/**
 * Challenges a node that holds a bond (Pending, Active, Exiting or Lapsed), paying the challenge deposit, which
 * the SDK reads and sends. Its owner has the challenge window to answer with a fresh attestation of the same
 * devices from another attester (`answerChallenge`): then the deposit goes to the owner. Unanswered, anyone
 * resolves it (`resolveChallenge`): the node is slashed, half its bond to the challenger (with the deposit
 * back), half burned. Anyone but the owner may challenge.
 * @example const { deadline } = await challengeNode(wallet, { nodeId: 4n })
 */
export async function challengeNode(
  ctx: CommonsContext,
  { nodeId, ...options }: ChallengeNodeParameters,
): Promise<ChallengeNodeReturnType> {
  const id = toPositive(nodeId, "nodeId");
  const challenges = { address: ctx.deployment.challenges, abi: nodeChallengesAbi } as const;
  const deposit = await readCommonsContract(ctx, { ...challenges, functionName: "deposit" });
  const result = await writeCommonsContract(
    ctx,
    "challengeNode",
    { ...challenges, functionName: "challenge", args: [id], value: deposit, eventName: "NodeChallenged" },
    options,
  );
  return { ...result, deposit, deadline: result.events[0]!.args.deadline };
}
