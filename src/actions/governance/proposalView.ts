import { decodeFunctionData, type Abi, type Address, type Hex } from "viem";
import {
  computeGovernorAbi,
  computeRegistryAbi,
  hardwareCatalogAbi,
  modelClassifierAbi,
  timelockControllerAbi,
} from "../../abi/generated.js";

export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

/** A proposal action decoded against the system's ABIs (when it matches one). */
export type ProposalAction = {
  target: Address;
  value: bigint;
  calldata: Hex;
  functionName?: string;
  args?: readonly unknown[];
};

/** A proposal with its tallies, as the lens returns it. */
export type ProposalSummary = {
  index: bigint;
  id: bigint;
  proposer: Address;
  state: ProposalStateName;
  snapshot: bigint;
  deadline: bigint;
  eta: bigint;
  votes: { for: bigint; against: bigint; abstain: bigint };
  quorum: bigint;
  /** For plus abstain votes reach the quorum (GovernorCountingSimple counts both). */
  quorumReached: boolean;
  actions: ProposalAction[];
  descriptionHash: Hex;
};

type RawProposal = {
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

const ACTION_ABI = [
  ...modelClassifierAbi,
  ...computeRegistryAbi,
  ...hardwareCatalogAbi,
  ...computeGovernorAbi,
  ...timelockControllerAbi,
].filter((item) => item.type === "function") as Abi;

export function decodeAction(target: Address, value: bigint, calldata: Hex): ProposalAction {
  try {
    const { functionName, args } = decodeFunctionData({ abi: ACTION_ABI, data: calldata });
    return { target, value, calldata, functionName, args: args ?? [] };
  } catch {
    return { target, value, calldata };
  }
}

export function toProposalSummary(raw: RawProposal): ProposalSummary {
  return {
    index: raw.index,
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
