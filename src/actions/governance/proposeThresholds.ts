import { encodeFunctionData, keccak256, toHex, type Hex } from "viem";
import { computeGovernorAbi, modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsContext, WriteOptions } from "../../clients/context.js";
import { InvalidInputError, ThresholdBelowFloorError, ThresholdRateLimitError } from "../../errors/base.js";
import { toPositive, toText, type IntegerInput } from "../../internal/validate.js";
import { requireWallet, sendContractWrite, type WriteResult } from "../../internal/write.js";
import { readGovernanceState } from "./readGovernanceState.js";

export type ProposeThresholdsParameters = WriteOptions & {
  maxSmallParams: IntegerInput;
  maxSmallTrainingFlop: IntegerInput;
  description: string;
};
export type ProposeThresholdsReturnType = WriteResult<typeof computeGovernorAbi, "ProposalCreated"> & {
  proposalId: bigint;
  /** The description as proposed, with the `#proposer=` suffix. */
  description: string;
  descriptionHash: Hex;
};

/**
 * Proposes `ModelClassifier.setThresholds` through the governor. Refused before anything is sent when the
 * new Small-params threshold is below the consumer floor, when either threshold moves by more than a factor
 * of 2, or when nothing changes. The description gets a `#proposer=<address>` suffix so nobody can front-run
 * the proposal with the same calldata (OpenZeppelin GHSA-5h3x-9wvq-w4m2).
 * @example
 * const { proposalId } = await proposeThresholds(ctx, {
 *   maxSmallParams: 100_000_000_000n, maxSmallTrainingFlop: 10n ** 25n, description: "Raise Small to 100B",
 * })
 */
export async function proposeThresholds(
  ctx: CommonsContext,
  { maxSmallParams, maxSmallTrainingFlop, description, ...options }: ProposeThresholdsParameters,
): Promise<ProposeThresholdsReturnType> {
  const params = toPositive(maxSmallParams, "maxSmallParams", 64);
  const flop = toPositive(maxSmallTrainingFlop, "maxSmallTrainingFlop", 128);
  const text = toText(description, "description", 10_000);
  const { account } = requireWallet(ctx, "proposeThresholds");

  const state = await readGovernanceState(ctx, { proposalLimit: 0 });
  checkThresholdChange(state.thresholds, { maxSmallParams: params, maxSmallTrainingFlop: flop }, state.floor);

  const suffix = `#proposer=${account.address}`;
  const fullDescription = text.endsWith(suffix) ? text : `${text}\n\n${suffix}`;
  const calldata = encodeFunctionData({
    abi: modelClassifierAbi,
    functionName: "setThresholds",
    args: [params, flop],
  });
  const result = await sendContractWrite(
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
  return {
    ...result,
    proposalId: result.events[0]!.args.proposalId!,
    description: fullDescription,
    descriptionHash: keccak256(toHex(fullDescription)),
  };
}

/** The classifier's guards, checked client-side: the floor, the factor-of-2 limit, and a real change. */
export function checkThresholdChange(
  current: { maxSmallParams: bigint; maxSmallTrainingFlop: bigint },
  next: { maxSmallParams: bigint; maxSmallTrainingFlop: bigint },
  floor: { memoryMiB: bigint; params: bigint },
): void {
  if (next.maxSmallParams === current.maxSmallParams && next.maxSmallTrainingFlop === current.maxSmallTrainingFlop) {
    throw new InvalidInputError("thresholds", "they equal the current thresholds");
  }
  if (next.maxSmallParams < floor.params) {
    throw new ThresholdBelowFloorError(next.maxSmallParams, floor.params, floor.memoryMiB);
  }
  const within = (oldValue: bigint, newValue: bigint) => newValue <= oldValue * 2n && newValue * 2n >= oldValue;
  if (!within(current.maxSmallParams, next.maxSmallParams)) {
    throw new ThresholdRateLimitError(
      `maxSmallParams may move at most 2x per change: ${current.maxSmallParams} allows ` +
        `${(current.maxSmallParams + 1n) / 2n}..${current.maxSmallParams * 2n}, got ${next.maxSmallParams}`,
    );
  }
  if (!within(current.maxSmallTrainingFlop, next.maxSmallTrainingFlop)) {
    throw new ThresholdRateLimitError(
      `maxSmallTrainingFlop may move at most 2x per change: ${current.maxSmallTrainingFlop} allows ` +
        `${(current.maxSmallTrainingFlop + 1n) / 2n}..${current.maxSmallTrainingFlop * 2n}, got ${next.maxSmallTrainingFlop}`,
    );
  }
}
