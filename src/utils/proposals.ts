/** Proposals: decoding the lens's view of them and their actions, and reading a proposal reference. */
import { decodeFunctionData, getAddress, type Address, type Hex } from "viem";
import { IGNITION_IDS, type CommonsDeployment, type ContractName } from "../deployments.js";
import { PROPOSAL_STATES } from "../domain.js";
import { toPositive, type IntegerInput } from "../internal/validate.js";
import type { ProposalAction, ProposalActionSummary, ProposalSummary } from "../types.js";
import { ACTION_ABI, functionOfSelector } from "./selectors.js";

/**
 * A proposal reference: the governor's id, which ComputeGovernor numbers sequentially (1 for the first
 * proposal ever made), so it is also the proposal's number.
 * @example toProposalId("3") // 3n
 */
export function toProposalId(value: IntegerInput, field = "proposal"): bigint {
  return toPositive(value, field);
}

/** The deployment's name for an address ("registry", "lens", …), if it is one of its contracts. */
export function contractNameOf(deployment: CommonsDeployment, address: Address): ContractName | undefined {
  const names = Object.keys(IGNITION_IDS) as ContractName[];
  const target = getAddress(address);
  return names.find((name) => deployment[name] !== undefined && getAddress(deployment[name]) === target);
}

/** One action with its full calldata, decoded against the system's ABIs when it matches one. */
export function decodeAction(
  target: Address,
  value: bigint,
  calldata: Hex,
  deployment?: CommonsDeployment,
): ProposalAction {
  const contract = deployment ? contractNameOf(deployment, target) : undefined;
  try {
    const { functionName, args } = decodeFunctionData({ abi: ACTION_ABI, data: calldata });
    return { target, value, calldata, contract, functionName, args: args ?? [] };
  } catch {
    return { target, value, calldata, contract };
  }
}

/** An action as the governor summarises it (`IComputeGovernor.ActionSummary`). */
export type RawActionSummary = { target: Address; selector: Hex; calldataLength: number };

export function toActionSummary(raw: RawActionSummary, deployment?: CommonsDeployment): ProposalActionSummary {
  const named = functionOfSelector(raw.selector);
  return {
    target: raw.target,
    selector: raw.selector,
    calldataLength: raw.calldataLength,
    contract: deployment ? contractNameOf(deployment, raw.target) : undefined,
    signature: named?.signature,
    functionName: named?.functionName,
  };
}

/** A proposal as `CommonsLens.proposal(s)` returns it (`ProposalView`). */
export type RawProposal = {
  id: bigint;
  proposer: Address;
  state: number;
  snapshot: bigint;
  deadline: bigint;
  eta: bigint;
  againstVotes: bigint;
  forVotes: bigint;
  abstainVotes: bigint;
  quorum: bigint;
  vetoVotes: bigint;
  vetoThreshold: bigint;
  actions: readonly RawActionSummary[];
  proposalHash: bigint;
};

export function toProposalSummary(raw: RawProposal, deployment?: CommonsDeployment): ProposalSummary {
  return {
    number: raw.id,
    id: raw.id,
    proposer: raw.proposer,
    state: PROPOSAL_STATES[raw.state] ?? "Pending",
    snapshot: raw.snapshot,
    deadline: raw.deadline,
    eta: raw.eta,
    votes: { for: raw.forVotes, against: raw.againstVotes, abstain: raw.abstainVotes },
    quorum: raw.quorum,
    quorumReached: raw.forVotes + raw.abstainVotes >= raw.quorum,
    veto: { votes: raw.vetoVotes, threshold: raw.vetoThreshold },
    actions: raw.actions.map((a) => toActionSummary(a, deployment)),
    proposalHash: raw.proposalHash,
  };
}

/**
 * What an action summary reads as: `setThresholds on classifier`, or the selector and target when the
 * function or the contract is not the system's.
 */
export function describeActionSummary(a: ProposalActionSummary): string {
  return `${a.functionName ?? a.selector} on ${a.contract ?? a.target}`;
}
