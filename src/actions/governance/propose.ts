import { getAddress, isHex, type Address, type Hex } from "viem";
import { computeGovernorAbi } from "../../abi/generated.js";
import {
  CallNotAllowedError,
  InvalidInputError,
  type CommonsError,
  type MissingWalletError,
} from "../../errors/base.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { submitProposal, type SubmittedProposal } from "../../internal/proposals.js";
import { readCommonsContract } from "../../internal/read.js";
import { toAddress, toText } from "../../internal/validate.js";
import { requireAccount } from "../../internal/write.js";
import type { CommonsContext, WriteOptions } from "../../types.js";
import { describeSelector } from "../../utils/selectors.js";

/** Most calls in one proposal (`GovernorCallFence.MAX_ACTIONS`). */
export const MAX_PROPOSAL_ACTIONS = 10;

/** One call of a proposal: a system contract and the calldata (e.g. from viem's `encodeFunctionData`). */
export type ProposalCall = { target: Address | string; data: Hex };

export type ProposeParameters = WriteOptions & {
  actions: readonly ProposalCall[];
  description: string;
};
export type ProposeReturnType = SubmittedProposal;
/**
 * `CallNotAllowedError` before sending for a call outside the governor's fence; `InvalidInputError` for no
 * actions or more than `MAX_PROPOSAL_ACTIONS`; the governor's reverts (e.g. `ComputeGovernorTooManyOpenProposals`).
 */
export type ProposeErrorType =
  InvalidInputError | CallNotAllowedError | MissingWalletError | ContractRevertError | CommonsError;

/**
 * Proposes calls to the system's contracts through the governor: the bounded setters, catalog additions and
 * deprecations, the attester set, the challenge terms, thresholds (for thresholds, `proposeThresholds` also
 * checks the floor and the rate limit). Every call must be in the fence fixed at deployment
 * (`allowedCalls()`, read first: one request): one that is not is refused before anything is sent, naming
 * what that contract allows. No ETH, at most `MAX_PROPOSAL_ACTIONS` calls; the description gets a
 * `#proposer=` suffix.
 * @example
 * await propose(wallet, {
 *   actions: [{ target: deployment.attestations, data: encodeFunctionData({ abi: hardwareAttestationsAbi, functionName: "addAttester", args: [attester] }) }],
 *   description: "Trust a second attester",
 * })
 */
export async function propose(
  ctx: CommonsContext,
  { actions, description, ...options }: ProposeParameters,
): Promise<ProposeReturnType> {
  if (!Array.isArray(actions) || actions.length === 0) throw new InvalidInputError("actions", "give at least one call");
  if (actions.length > MAX_PROPOSAL_ACTIONS) {
    throw new InvalidInputError("actions", `${actions.length} calls; a proposal holds at most ${MAX_PROPOSAL_ACTIONS}`);
  }
  const calls = actions.map((a, i) => {
    if (typeof a.data !== "string" || !isHex(a.data) || a.data.length < 10 || a.data.length % 2 !== 0) {
      throw new InvalidInputError(`actions[${i}].data`, "must be calldata: a selector and its arguments, as hex");
    }
    return { target: toAddress(a.target as string, `actions[${i}].target`), data: a.data };
  });
  const text = toText(description, "description", 10_000);
  requireAccount(ctx, "propose");

  const allowed = await readCommonsContract(ctx, {
    address: ctx.deployment.governor,
    abi: computeGovernorAbi,
    functionName: "allowedCalls",
  });
  const isAllowed = (target: Address, selector: Hex) =>
    allowed.some((c) => getAddress(c.target) === target && c.selector.toLowerCase() === selector.toLowerCase());
  calls.forEach((call, i) => {
    const selector: Hex = `0x${call.data.slice(2, 10).toLowerCase()}`;
    if (isAllowed(call.target, selector)) return;
    const here = allowed.filter((c) => getAddress(c.target) === call.target).map((c) => describeSelector(c.selector));
    throw new CallNotAllowedError(i, call.target, selector, describeSelector(selector), here);
  });
  return submitProposal(ctx, "propose", calls, text, options);
}
