import { encodeFunctionData } from "viem";
import { modelClassifierAbi } from "../../abi/generated.js";
import {
  BallotsInChargeError,
  type CommonsError,
  type InvalidInputError,
  type MissingWalletError,
  type ThresholdBelowFloorError,
  type ThresholdRateLimitError,
} from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { submitProposal, type SubmittedProposal } from "../../internal/proposals.js";
import { readCommonsContract } from "../../internal/read.js";
import { toPositive, toText, type IntegerInput } from "../../internal/validate.js";
import { requireAccount } from "../../internal/write.js";
import type { CommonsContext, WriteOptions } from "../../types.js";
import { checkThresholdChange } from "../../utils/thresholds.js";
import { readGovernanceState } from "./readGovernanceState.js";

export type ProposeThresholdsParameters = WriteOptions & {
  maxSmallParams: IntegerInput;
  maxSmallTrainingFlop: IntegerInput;
  description: string;
};
export type ProposeThresholdsReturnType = SubmittedProposal;
export type ProposeThresholdsErrorType =
  | InvalidInputError
  | MissingWalletError
  | ThresholdBelowFloorError
  | ThresholdRateLimitError
  | BallotsInChargeError
  | ContractRevertError
  | CommonsError;

/**
 * Proposes `ModelClassifier.setThresholds` through the governor (a call inside its fence). Refused before
 * anything is sent when the new Small-params threshold is below the consumer floor (the highest floor over
 * the floor window, which is what `setThresholds` checks), when either threshold moves by more than a factor
 * of 2, when nothing changes, or while the ballots are in charge of the thresholds (`BallotsInChargeError`:
 * `setThresholds` would revert at execution). The description gets a `#proposer=<address>` suffix so nobody can front-run
 * the proposal with the same calldata (OpenZeppelin GHSA-5h3x-9wvq-w4m2).
 * @example
 * const { proposalId } = await proposeThresholds(wallet, {
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
  requireAccount(ctx, "proposeThresholds");

  const [state, ballotsInCharge] = await Promise.all([
    readGovernanceState(ctx, { proposalLimit: 0 }),
    readCommonsContract(ctx, {
      address: ctx.deployment.classifier,
      abi: modelClassifierAbi,
      functionName: "ballotsInCharge",
    }),
  ]);
  if (ballotsInCharge) throw new BallotsInChargeError();
  checkThresholdChange(state.thresholds, next, state.floorRange.highest);

  const data = encodeFunctionData({
    abi: modelClassifierAbi,
    functionName: "setThresholds",
    args: [next.maxSmallParams, next.maxSmallTrainingFlop],
  });
  return submitProposal(ctx, "proposeThresholds", [{ target: ctx.deployment.classifier, data }], text, options);
}
