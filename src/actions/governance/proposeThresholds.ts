import { encodeFunctionData, keccak256, toHex, type Hex } from "viem";
import { commonsLensAbi, computeGovernorAbi, modelClassifierAbi } from "../../abi/generated.js";
import type {
  CommonsError,
  InvalidInputError,
  MissingWalletError,
  ThresholdBelowFloorError,
  ThresholdRateLimitError,
} from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { readCommonsContract } from "../../internal/read.js";
import { toPositive, toText, type IntegerInput } from "../../internal/validate.js";
import { requireAccount, writeCommonsContract } from "../../internal/write.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../../types.js";
import { checkThresholdChange } from "../../utils/thresholds.js";
import { readGovernanceState } from "./readGovernanceState.js";

export type ProposeThresholdsParameters = WriteOptions & {
  maxSmallParams: IntegerInput;
  maxSmallTrainingFlop: IntegerInput;
  description: string;
};
export type ProposeThresholdsReturnType = WriteResult<typeof computeGovernorAbi, "ProposalCreated"> & {
  proposalId: bigint;
  /** The proposal's short number (1 for the first proposal ever made). */
  proposalNumber: bigint;
  /** The description as proposed, with the `#proposer=` suffix. */
  description: string;
  descriptionHash: Hex;
};
export type ProposeThresholdsErrorType =
  | InvalidInputError
  | MissingWalletError
  | ThresholdBelowFloorError
  | ThresholdRateLimitError
  | ContractRevertError
  | CommonsError;

/**
 * Proposes `ModelClassifier.setThresholds` through the governor. Refused before anything is sent when the
 * new Small-params threshold is below the consumer floor, when either threshold moves by more than a factor
 * of 2, or when nothing changes. The description gets a `#proposer=<address>` suffix so nobody can front-run
 * the proposal with the same calldata (OpenZeppelin GHSA-5h3x-9wvq-w4m2).
 * @example
 * const { proposalNumber } = await proposeThresholds(wallet, {
 *   maxSmallParams: 100_000_000_000n, maxSmallTrainingFlop: 10n ** 25n, description: "Raise Small to 100B",
 * })
 */
export async function proposeThresholds(
  ctx: CommonsContext,
  { maxSmallParams, maxSmallTrainingFlop, description, ...options }: ProposeThresholdsParameters,
): Promise<ProposeThresholdsReturnType> {
  const next = {
    maxSmallParams: toPositive(maxSmallParams, "maxSmallParams", 64),
    maxSmallTrainingFlop: toPositive(maxSmallTrainingFlop, "maxSmallTrainingFlop", 128),
  };
  const text = toText(description, "description", 10_000);
  const account = requireAccount(ctx, "proposeThresholds");

  const state = await readGovernanceState(ctx, { proposalLimit: 0 });
  checkThresholdChange(state.thresholds, next, state.floor);

  const suffix = `#proposer=${account.address}`;
  const fullDescription = text.endsWith(suffix) ? text : `${text}\n\n${suffix}`;
  const calldata = encodeFunctionData({
    abi: modelClassifierAbi,
    functionName: "setThresholds",
    args: [next.maxSmallParams, next.maxSmallTrainingFlop],
  });
  const result = await writeCommonsContract(
    ctx,
    "proposeThresholds",
    {
      address: ctx.deployment.governor,
      abi: computeGovernorAbi,
      functionName: "propose",
      args: [[ctx.deployment.classifier], [0n], [calldata], fullDescription],
      eventName: "ProposalCreated",
    },
    options,
  );
  const proposalId = result.events[0]!.args.proposalId;
  return {
    ...result,
    proposalId,
    proposalNumber: await numberOf(ctx, proposalId, state.governor.proposalCount, result.receipt.blockNumber),
    description: fullDescription,
    descriptionHash: keccak256(toHex(fullDescription)),
  };
}

/**
 * The number of a proposal created in `blockNumber`, when `countBefore` proposals existed before the
 * pre-flight read: one request, or a few more when other proposals landed in between.
 */
async function numberOf(ctx: CommonsContext, id: bigint, countBefore: bigint, blockNumber: bigint): Promise<bigint> {
  const countAfter = await readCommonsContract(ctx, {
    address: ctx.deployment.governor,
    abi: computeGovernorAbi,
    functionName: "proposalCount",
    blockNumber,
  });
  if (countAfter === countBefore + 1n) return countAfter;
  for (let index = countAfter - 1n; index >= countBefore; index--) {
    const p = await readCommonsContract(ctx, {
      address: ctx.deployment.lens,
      abi: commonsLensAbi,
      functionName: "proposal",
      args: [index],
      blockNumber,
    });
    if (p.id === id) return index + 1n;
  }
  return countAfter;
}
