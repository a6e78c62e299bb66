/** Proposals: decoding the lens's view of them, and telling a short proposal number from a proposal id. */
import { decodeFunctionData, type Abi, type Address, type Hex } from "viem";
import {
  computeGovernorAbi,
  computeRegistryAbi,
  hardwareCatalogAbi,
  modelClassifierAbi,
  timelockControllerAbi,
} from "../abi/generated.js";
import { PROPOSAL_STATES } from "../domain.js";
import { toPositive, type IntegerInput } from "../internal/validate.js";
import type { ProposalAction, ProposalSummary } from "../types.js";

/**
 * Proposal numbers are positions in creation order, from 1; proposal ids are 256-bit hashes. A value below
 * this bound is read as a number (a hash id falls below it with probability 2^-192).
 */
export const PROPOSAL_NUMBER_LIMIT = 1n << 64n;

/** What a proposal reference holds: its short number, or its full id. */
export type ProposalRef = { number: bigint; id?: undefined } | { id: bigint; number?: undefined };

/**
 * Reads a proposal reference: `3` (the third proposal ever made) or the governor's full id.
 * @example toProposalRef("3") // { number: 3n }
 */
export function toProposalRef(value: IntegerInput, field = "proposal"): ProposalRef {
  const parsed = toPositive(value, field);
  return parsed < PROPOSAL_NUMBER_LIMIT ? { number: parsed } : { id: parsed };
}

const ACTION_ABI: Abi = [
  ...modelClassifierAbi,
  ...computeRegistryAbi,
  ...hardwareCatalogAbi,
  ...computeGovernorAbi,
  ...timelockControllerAbi,
].filter((item) => item.type === "function");

export function decodeAction(target: Address, value: bigint, calldata: Hex): ProposalAction {
  try {
    const { functionName, args } = decodeFunctionData({ abi: ACTION_ABI, data: calldata });
    return { target, value, calldata, functionName, args: args ?? [] };
  } catch {
    return { target, value, calldata };
  }
}

/** A proposal as `CommonsLens.proposal(s)` returns it (`index` counts from 0). */
export type RawProposal = {
  index: bigint;
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
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  descriptionHash: Hex;
};

export function toProposalSummary(raw: RawProposal): ProposalSummary {
  return {
    number: raw.index + 1n,
    id: raw.id,
    proposer: raw.proposer,
    state: PROPOSAL_STATES[raw.state] ?? "Pending",
    snapshot: raw.snapshot,
    deadline: raw.deadline,
    eta: raw.eta,
    votes: { for: raw.forVotes, against: raw.againstVotes, abstain: raw.abstainVotes },
    quorum: raw.quorum,
    quorumReached: raw.forVotes + raw.abstainVotes >= raw.quorum,
    actions: raw.targets.map((t, i) => decodeAction(t, raw.values[i] ?? 0n, raw.calldatas[i] ?? "0x")),
    descriptionHash: raw.descriptionHash,
  };
}
