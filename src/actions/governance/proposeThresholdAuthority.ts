import { encodeFunctionData } from "viem";
import { modelClassifierAbi } from "../../abi/generated.js";
import { InvalidInputError, type CommonsError, type MissingWalletError } from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { submitProposal, type SubmittedProposal } from "../../internal/proposals.js";
import { readCommonsContract } from "../../internal/read.js";
import { toText } from "../../internal/validate.js";
import { requireAccount } from "../../internal/write.js";
import type { CommonsContext, WriteOptions } from "../../types.js";

export type ProposeThresholdAuthorityParameters = WriteOptions & {
  /** `true` hands the thresholds to the ballots' settlements; `false` gives them back to governed proposals. */
  ballotsInCharge: boolean;
  /** Default: "Hand the thresholds to the ballots" or "Give the thresholds back to the governor". */
  description?: string | undefined;
};
export type ProposeThresholdAuthorityReturnType = SubmittedProposal;
/**
 * `InvalidInputError` before sending when that authority is in charge already (or the deployment has no
 * ballots); at execution, `ContractErrors.ModelClassifierAuthorityChangeTooSoon` within `minChangeInterval` of
 * the last change.
 */
export type ProposeThresholdAuthorityErrorType =
  InvalidInputError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Proposes `ModelClassifier.setThresholdAuthority` through the governor (a call inside its fence): one
 * authority over the thresholds at a time. While the ballots are in charge, `setThresholds` by proposal is
 * refused and the ballots' `settle` moves the line; while the governor is, settlements are refused.
 * Refused before sending when nothing would change. The description gets a `#proposer=<address>` suffix.
 * @example const { proposalNumber } = await proposeThresholdAuthority(wallet, { ballotsInCharge: true })
 */
export async function proposeThresholdAuthority(
  ctx: CommonsContext,
  { ballotsInCharge, description, ...options }: ProposeThresholdAuthorityParameters,
): Promise<ProposeThresholdAuthorityReturnType> {
  if (typeof ballotsInCharge !== "boolean") throw new InvalidInputError("ballotsInCharge", "must be true or false");
  const text = toText(
    description ??
      (ballotsInCharge ? "Hand the thresholds to the ballots" : "Give the thresholds back to the governor"),
    "description",
    10_000,
  );
  requireAccount(ctx, "proposeThresholdAuthority");
  const classifier = { address: ctx.deployment.classifier, abi: modelClassifierAbi } as const;
  const [inCharge, ballots] = await Promise.all([
    readCommonsContract(ctx, { ...classifier, functionName: "ballotsInCharge" }),
    readCommonsContract(ctx, { ...classifier, functionName: "ballots" }),
  ]);
  if (/^0x0{40}$/i.test(ballots)) throw new InvalidInputError("ballotsInCharge", "this deployment has no ballots");
  if (inCharge === ballotsInCharge) {
    throw new InvalidInputError(
      "ballotsInCharge",
      `the ${ballotsInCharge ? "ballots are" : "governor is"} in charge of the thresholds already`,
    );
  }
  const data = encodeFunctionData({
    abi: modelClassifierAbi,
    functionName: "setThresholdAuthority",
    args: [ballotsInCharge],
  });
  return submitProposal(ctx, "proposeThresholdAuthority", [{ target: ctx.deployment.classifier, data }], text, options);
}
