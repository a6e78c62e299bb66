/**
 * The SDK's shared types: what every action runs on (`CommonsContext`), what every write takes and returns,
 * and the shapes of what the reads return. Below the actions: it imports nothing of theirs.
 */
import type {
  Abi,
  Account,
  Address,
  Chain,
  Client,
  ContractEventName,
  Hash,
  Hex,
  ParseEventLogsReturnType,
  TransactionReceipt,
  Transport,
} from "viem";
import type { CommonsDeployment } from "./deployments.js";
import type { NodeStatusName, ProposalStateName } from "./domain.js";

/**
 * What every action runs on: a viem client that carries the deployment it acts on. `.extend(commonsPublicActions(deployment))`
 * (or `createCommonsClient`) gives one; so does `Object.assign(client, { deployment })`. Reads go through the
 * client's transport; writes sign with its account.
 */
export type CommonsContext<
  chain extends Chain | undefined = Chain | undefined,
  account extends Account | undefined = Account | undefined,
> = Client<Transport, chain, account> & { deployment: CommonsDeployment };

/** Options every write takes. */
export type WriteOptions = {
  /** Called with the transaction hash as soon as it is sent, before the receipt (for progress output). */
  onTransactionHash?: ((hash: Hash) => void) | undefined;
  /**
   * How long (ms) to wait for the receipt without a new block before giving up with a
   * `TransactionWaitTimeoutError` (the RPC stopped answering, or the chain stopped). Default 30,000.
   */
  stallTimeout?: number | undefined;
};

/** What every write returns: the hash, the receipt and the decoded events of the contract it called. */
export type WriteResult<abi extends Abi = Abi, eventName extends ContractEventName<abi> = ContractEventName<abi>> = {
  hash: Hash;
  receipt: TransactionReceipt;
  events: ParseEventLogsReturnType<abi, eventName, true>;
};

/** A catalog entry: an approved consumer device model. */
export type Sku = {
  id: number;
  vendor: string;
  name: string;
  memoryMiB: number;
  bandwidthGBps: number;
  deprecated: boolean;
};

/** One line of a node's devices: a catalog SKU and how many of it. */
export type DeviceLine = { skuId: number; count: number };

export type Node = {
  id: bigint;
  owner: Address;
  status: NodeStatusName;
  memoryMiB: number;
  bond: bigint;
  unlockAt: number;
  devices: DeviceLine[];
  metadataURI: string;
};

export type Model = {
  id: bigint;
  name: string;
  params: bigint;
  trainingFlop: bigint;
  weightsHash: Hex;
  uri: string;
  openWeights: boolean;
  registrant: Address;
  registeredAt: number;
};

/** The classification line: a model is Small when both figures are at or below it. */
export type Thresholds = { maxSmallParams: bigint; maxSmallTrainingFlop: bigint };

/** The consumer floor: memory of the floor-percentile node and the parameters it can run. */
export type ConsumerFloor = { memoryMiB: bigint; params: bigint };

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
  /** The short sequential number: 1 for the first proposal ever made, 2 for the next (GovernorStorage's order). */
  number: bigint;
  /** The governor's proposal id (a uint256 hash of the proposal). */
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
