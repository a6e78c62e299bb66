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
> = Client<Transport, chain, account> & {
  deployment: CommonsDeployment;
  /** Where history reads go instead of log scans, when set (`indexerUrl`). */
  indexer?: IndexerConfig | undefined;
};

/** An indexer of the deployment (`indexer/`, Ponder) that answers the history reads. */
export type IndexerConfig = {
  /** Its base URL, e.g. `http://127.0.0.1:42069` (GraphQL at `/graphql`). */
  url: string;
  /** The fetch to send its requests with (to count them, or add headers). Default `globalThis.fetch`. */
  fetchFn?: typeof fetch | undefined;
  /** Milliseconds one request may take before the indexer counts as unreachable. Default 10,000. */
  timeout?: number | undefined;
};

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

/** An open challenge of a node: who challenged, and the last second its owner may answer. */
export type NodeChallenge = { challenger: Address; deadline: number };

/** A node as the registry records it: its owner, life stage, attested devices and bond. */
export type Node = {
  id: bigint;
  owner: Address;
  status: NodeStatusName;
  /** Total memory of its devices, in MiB (from the catalog, never from the registrant). */
  memoryMiB: number;
  /** The bond it holds, in wei (0 once withdrawn or slashed; a lapse takes the keeper fee from it). */
  bond: bigint;
  /** When a Pending node may be activated (its warm-up ends); 0 in every other status. */
  activatableAt: number;
  /** When an Exiting node's bond may be withdrawn; 0 in every other status. */
  unlockAt: number;
  /** The attester of its attestation (an id of the attester set: `getAttesters`). */
  attesterId: number;
  /** The EAS off-chain UID of its attestation (what the attester revokes). */
  attestationUid: Hex;
  /** When its attestation expires (the node may be lapsed from then). */
  attestationExpiry: number;
  devices: DeviceLine[];
  metadataURI: string;
  /**
   * Its open challenge, `null` when it has none; `undefined` when the read that returned it does not carry
   * challenges (`listNodes` from the registry's packed pages without `challenges: true`).
   */
  challenge?: NodeChallenge | null | undefined;
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

/**
 * The floor the guards use: now, and the lowest and highest over the registry's floor window. `raiseToFloor`
 * aims at the lowest; `setThresholds` may not go below the highest.
 */
export type FloorRange = {
  now: ConsumerFloor;
  lowest: ConsumerFloor;
  highest: ConsumerFloor;
  /** The floor window, in seconds (fixed at deployment). */
  window: bigint;
};

/** A non-empty bucket of a ballot distribution: the ballots whose wish lies in [lowerBound, upperBound). */
export type BallotBucket = { lowerBound: bigint; upperBound: bigint; ballots: number };

/** The threshold ballots as a screen shows them (`getBallotState`). */
export type BallotState = {
  /** Who moves the thresholds now: the ballots' settlements, or governed proposals (`setThresholds`). */
  inCharge: "ballots" | "governor";
  /** The current epoch (0 from deployment), its length in seconds, and when epoch 0 began. */
  epoch: number;
  epochLength: number;
  genesis: number;
  /** How many epochs a ballot counts after it is cast. */
  ballotLifetimeEpochs: number;
  /** The last epoch settled; undefined before the first settlement. */
  lastSettledEpoch: number | undefined;
  /** When the next settlement may happen (the current epoch's start when it is not settled yet). */
  nextSettleAt: number;
  /** Whether `settle` would succeed now (expired ballots are pruned by the SDK's `settle` first). */
  settleable: boolean;
  /** Ballots that count now, and expired ones still in the distributions until pruned. */
  liveBallots: number;
  expiredBallots: number;
  /** Ballots a settlement needs: the governor's quorum. */
  quorum: bigint;
  /** The weighted medians (each its bucket's lower bound; 0 without ballots). */
  medians: Thresholds;
  /** The thresholds after a settlement now (the current ones when nothing would move). */
  next: Thresholds;
  /** Both distributions, lowest bucket first. */
  distribution: { params: BallotBucket[]; flop: BallotBucket[] };
};

/** A node's standing ballot (`getBallot`): the thresholds it asks for, and until when it counts. */
export type Ballot = {
  nodeId: bigint;
  maxSmallParams: bigint;
  maxSmallTrainingFlop: bigint;
  /** The epoch it was cast (or last changed) in. */
  castEpoch: number;
  /** The first epoch it no longer counts in, and when that epoch begins (seconds). */
  expiryEpoch: number;
  expiresAt: number;
  /** Past its expiry: it counts no more, and stays in the distributions until pruned (`settle` prunes it). */
  expired: boolean;
};

/** An active attester: its address and its id in the set (ids are never reused). */
export type Attester = { address: Address; id: number };

/**
 * An EAS off-chain attestation (version 2), as the attester signs it and the registry verifies it. `data` is
 * `abi.encode(uint16[] skuIds, uint8[] counts, bytes32[] deviceIds, bytes32 evidenceHash)`.
 */
export type OffchainAttestation = {
  version: number;
  schema: Hex;
  recipient: Address;
  time: bigint;
  expirationTime: bigint;
  revocable: boolean;
  refUID: Hex;
  data: Hex;
  salt: Hex;
};

/** An attestation with who signed it, the signature, and its UID: what an attester hands an owner. */
export type SignedAttestation = {
  attestation: OffchainAttestation;
  attester: Address;
  signature: Hex;
  /** The EAS off-chain UID (`HardwareAttestations.uidOf`; what `revokeOffchain` takes). */
  uid: Hex;
};

/** What an attestation's data says: the devices, one id per device (ascending), and the evidence hash. */
export type AttestedDevices = { devices: DeviceLine[]; deviceIds: Hex[]; evidenceHash: Hex };

/** A proposal action decoded against the system's ABIs (when it matches one), with its full calldata. */
export type ProposalAction = {
  target: Address;
  value: bigint;
  calldata: Hex;
  /** The deployment's name for the target ("classifier"), when it is one of its contracts. */
  contract?: string | undefined;
  functionName?: string;
  args?: readonly unknown[];
};

/**
 * A proposal action as the governor summarises it, without its calldata (so that a list of proposals costs
 * the same whatever a proposer attached): the target, the function and the calldata's length. The full
 * calldata is one `getProposalActions` away.
 */
export type ProposalActionSummary = {
  target: Address;
  selector: Hex;
  calldataLength: number;
  /** The deployment's name for the target ("classifier"), when it is one of its contracts. */
  contract?: string | undefined;
  /** The function the selector names in the system's ABIs, e.g. `setThresholds(uint64,uint128)`. */
  signature?: string | undefined;
  functionName?: string | undefined;
};

/** A proposal with its tallies, as the lens returns it. */
export type ProposalSummary = {
  /** The proposal's number: 1 for the first proposal ever made, 2 for the next. The same as `id`. */
  number: bigint;
  /** The governor's proposal id: sequential (ComputeGovernor numbers its proposals 1, 2, 3, …). */
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
  /** Veto votes cast while Queued, and the votes that cancel it (a third of its snapshot's; 0 before the snapshot). */
  veto: { votes: bigint; threshold: bigint };
  actions: ProposalActionSummary[];
  /** OpenZeppelin's `hashProposal` of its actions and description: checks the calldata `getProposalActions` fetches. */
  proposalHash: bigint;
};
