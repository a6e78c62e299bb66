import { BaseError, ContractFunctionRevertedError, decodeErrorResult, toFunctionSelector, type Hex } from "viem";
import { commonsErrorsAbi } from "../abi/generated.js";
import { duration, enumName, ether, gib, LAPSE_REASONS, NODE_STATUSES, PROPOSAL_STATES, utc } from "../domain.js";
import { describeSelector } from "../utils/selectors.js";
import { CommonsError } from "./base.js";

type ErrorArgs = readonly unknown[];

const amount = (wei: unknown) => ether(BigInt(wei as bigint));
const memory = (mib: unknown) => gib(Number(mib));
const time = (ts: unknown) => utc(Number(ts));
const seconds = (s: unknown) => duration(Number(s));

/** The governed settings by their setter's selector (`ComputeGovernorSettingOutOfBounds` names the setter). */
const SETTINGS: Record<string, { name: string; format: (v: unknown) => string }> = Object.fromEntries(
  (
    [
      ["setVotingDelay(uint48)", "voting delay", seconds],
      ["setVotingPeriod(uint32)", "voting period", seconds],
      ["setLateQuorumVoteExtension(uint48)", "late-quorum extension", seconds],
      ["updateDelay(uint256)", "timelock delay", seconds],
      ["updateQuorumNumerator(uint256)", "quorum numerator (%)", String],
      ["setProposalThreshold(uint256)", "proposal threshold (votes)", String],
    ] as const
  ).map(([signature, name, format]) => [toFunctionSelector(signature), { name, format }]),
);

function settingOutOfBounds(a: ErrorArgs): string {
  const setting = SETTINGS[String(a[0]).toLowerCase()];
  const format = setting?.format ?? String;
  return `${setting?.name ?? describeSelector(a[0] as Hex)} ${format(a[1])} is outside ${format(a[2])}..${format(a[3])}`;
}

/** Human messages for the contracts' custom errors, by error name. */
const MESSAGES: Record<string, (a: ErrorArgs) => string> = {
  // Our contracts.
  FixedAdminUnauthorizedCaller: (a) => `${a[0]} is not the admin (only ${a[1]}, the timelock, is)`,
  FixedAdminZeroAdmin: () => "the admin must not be the zero address",
  HardwareCatalogEmptyName: () => "vendor and name must not be empty",
  HardwareCatalogNameTooLong: (a) => `name is ${a[0]} bytes; the limit is ${a[1]}`,
  HardwareCatalogZeroMemory: () => "a SKU must have memory",
  HardwareCatalogZeroBandwidth: () => "a SKU must have memory bandwidth",
  HardwareCatalogDuplicateSku: (a) => `this vendor and name are already SKU ${a[0]}`,
  HardwareCatalogUnknownSku: (a) => `unknown SKU ${a[0]}`,
  HardwareCatalogSkuAlreadyDeprecated: (a) => `SKU ${a[0]} is already deprecated`,
  HardwareCatalogFull: (a) => `the catalog is full (${a[0]} SKUs)`,
  HardwareAttestationsAlreadyAttester: (a) => `${a[0]} is an attester already`,
  HardwareAttestationsNotAttester: (a) => `${a[0]} is not an active attester`,
  HardwareAttestationsTooManyAttesters: (a) => `the attester set is full (${a[0]} attesters)`,
  HardwareAttestationsIdsExhausted: () => "every attester id has been used",
  HardwareAttestationsZeroAttester: () => "the zero address cannot attest",
  HardwareAttestationsNoAttesters: () => "a deployment needs at least one attester (nobody could ever add one later)",
  HardwareAttestationsWrongVersion: (a) => `attestation version ${a[0]} is not EAS's off-chain version 2`,
  HardwareAttestationsWrongSchema: (a) => `the attestation is for schema ${a[0]}, not the hardware schema ${a[1]}`,
  HardwareAttestationsWrongRecipient: (a) => `the attestation is for ${a[0]}, not for ${a[1]} who submitted it`,
  HardwareAttestationsBadExpiry: (a) =>
    Number(a[0]) <= Number(a[1])
      ? `the attestation expired at ${time(a[0])} (now ${time(a[1])})`
      : `the attestation expires at ${time(a[0])}, more than 400 days from now (${time(a[1])})`,
  HardwareAttestationsFutureTime: (a) => `the attestation is dated ${time(a[0])}, after now (${time(a[1])})`,
  HardwareAttestationsNotRevocable: () => "the attestation must be revocable and refer to no other attestation",
  HardwareAttestationsBadSignature: (a) => `the signature is not ${a[0]}'s signature of this attestation`,
  HardwareAttestationsRevoked: (a) => `the attester revoked attestation ${a[0]}`,
  HardwareAttestationsMalformedDevices: () =>
    "the attestation's data is not (uint16[] skuIds, uint8[] counts, bytes32[] deviceIds, bytes32 evidenceHash) with one id per device",
  HardwareAttestationsBadDeviceId: (a) => `device id ${a[0]} is zero, repeated or out of ascending order`,
  HardwareAttestationsNoDevices: () => "the attestation lists no devices",
  HardwareAttestationsTooManyDeviceLines: (a) => `${a[0]} distinct SKUs; a node holds at most ${a[1]}`,
  HardwareAttestationsZeroDeviceCount: (a) => `device count for SKU ${a[0]} is zero`,
  HardwareAttestationsDuplicateSku: (a) => `SKU ${a[0]} is listed twice`,
  HardwareAttestationsSkuDeprecated: (a) => `SKU ${a[0]} is deprecated`,
  HardwareAttestationsTooManyDevices: (a) => `${a[0]} devices; a node holds at most ${a[1]}`,
  HardwareAttestationsMemoryAboveCap: (a) => `node memory ${memory(a[0])} is above the cap of ${memory(a[1])}`,
  HardwareAttestationsSchemaMissing: (a) => `the hardware schema ${a[0]} is not in EAS's schema registry`,
  ComputeRegistryWrongValue: (a) => `sent ${amount(a[0])}, need exactly ${amount(a[1])}`,
  ComputeRegistryBondNotWholeGwei: (a) => `bond ${a[0]} wei is not a whole number of gwei`,
  ComputeRegistryMetadataURITooLong: (a) => `metadata URI is ${a[0]} bytes; the limit is ${a[1]}`,
  ComputeRegistryDeviceInUse: (a) => `device ${a[0]} is in node ${a[1]} already`,
  ComputeRegistryUnknownNode: (a) => `unknown node ${a[0]}`,
  ComputeRegistryNotNodeOwner: (a) => `${a[1]} does not own node ${a[0]}`,
  ComputeRegistryWrongNodeStatus: (a) => `node ${a[0]} is ${enumName(NODE_STATUSES, a[1])}`,
  ComputeRegistryWarmingUp: (a) => `node ${a[0]} is warming up until ${time(a[1])}`,
  ComputeRegistryAttestationLapsed: (a) =>
    `node ${a[0]}'s attestation no longer holds (${enumName(LAPSE_REASONS, a[1])}): lapse it, or re-attest it`,
  ComputeRegistryNotLapsable: (a) => `node ${a[0]}'s attestation still holds: it cannot be lapsed`,
  ComputeRegistrySameAttestation: (a) => `node ${a[0]} holds this attestation already`,
  ComputeRegistryBondLocked: (a) => `node ${a[0]}'s bond unlocks at ${time(a[1])}`,
  ComputeRegistryChallengeOpen: (a) => `node ${a[0]} has an open challenge`,
  ComputeRegistryNotChallenges: (a) => `${a[0]} is not the challenges contract`,
  ComputeRegistryGovernorAlreadyBound: (a) => `the registry is bound to governor ${a[0]} already`,
  ComputeRegistryNotTimelockProposer: (a) => `${a[0]} is not the timelock's proposer`,
  ComputeRegistryParameterOutOfBounds: (a) => `value ${a[0]} is outside ${a[1]}..${a[2]}`,
  ComputeRegistryInvalidConfig: () => "a deployment constant of the registry is out of range",
  NodeChallengesWrongDeposit: (a) => `sent ${amount(a[0])}, the challenge deposit is ${amount(a[1])}`,
  NodeChallengesNothingToChallenge: (a) => `node ${a[0]} holds no bond to challenge`,
  NodeChallengesOwnNode: (a) => `you own node ${a[0]}: an owner cannot challenge its own node`,
  NodeChallengesAlreadyChallenged: (a) => `node ${a[0]} is challenged already (answer due ${time(a[1])})`,
  NodeChallengesNoChallenge: (a) => `node ${a[0]} has no open challenge`,
  NodeChallengesNotNodeOwner: (a) => `${a[1]} does not own node ${a[0]}: only its owner answers`,
  NodeChallengesExpired: (a) => `node ${a[0]}'s challenge had to be answered by ${time(a[1])}`,
  NodeChallengesNotExpired: (a) => `node ${a[0]}'s owner may answer until ${time(a[1])}: resolve after that`,
  NodeChallengesSameAttester: (a) => `node ${a[0]} was attested by attester ${a[1]}: the answer needs another attester`,
  NodeChallengesDevicesDiffer: (a) => `the answering attestation does not attest node ${a[0]}'s devices`,
  NodeChallengesNoCredit: (a) => `nothing is credited to ${a[0]}`,
  NodeChallengesCannotBind: (a) => `cannot bind registry ${a[0]}`,
  NodeChallengesNotRegistry: (a) => `${a[0]} is not the registry`,
  NodeChallengesParameterOutOfBounds: (a) => `value ${a[0]} is outside ${a[1]}..${a[2]}`,
  NodeVetoNotOpen: (a) =>
    `proposal ${a[0]} is ${enumName(PROPOSAL_STATES, a[1])}: a veto is open only while it is Queued`,
  NodeVetoAlreadyVetoed: (a) => `${a[1]} has vetoed proposal ${a[0]} already`,
  NodeVetoNoWeight: (a) => `${a[1]} had no votes at proposal ${a[0]}'s snapshot`,
  MemoryHistogramInvalidPercentile: (a) => `percentile ${a[0]} is outside 1..100`,
  MemoryHistogramMemoryOutOfRange: (a) => `memory ${a[0]} MiB is outside the histogram's range`,
  CapacityMathOverheadTooHigh: (a) => `overhead ${a[0]} bps is not below 10000`,
  CapacityMathZeroQuantization: () => "quantization must be at least 1 bit",
  ModelClassifierZeroThreshold: () => "thresholds must be above zero",
  ModelClassifierThresholdsUnchanged: () => "the new thresholds equal the current ones",
  ModelClassifierBelowConsumerFloor: (a) => `maxSmallParams ${a[0]} is below the consumer floor of ${a[1]} parameters`,
  ModelClassifierChangeTooSoon: (a) => `thresholds may change again at ${time(a[0])}`,
  ModelClassifierParamsChangeTooLarge: (a) => `maxSmallParams may move at most 2x: ${a[0]} -> ${a[1]}`,
  ModelClassifierFlopChangeTooLarge: (a) => `maxSmallTrainingFlop may move at most 2x: ${a[0]} -> ${a[1]}`,
  ModelClassifierNotBelowFloor: (a) =>
    `maxSmallParams ${a[0]} is already at or above the lowest floor over the floor window (${a[1]} parameters)`,
  ModelClassifierRaiseTooSoon: (a) => `raiseToFloor may move the line again at ${time(a[0])}`,
  ModelClassifierFutureLookup: (a) => `timepoint ${a[0]} is not in the past (now ${a[1]})`,
  ModelClassifierNoThresholdsAt: (a) => `no thresholds existed at timepoint ${a[0]}`,
  ModelClassifierInvalidGuards: () => "a guard constant is out of range",
  ModelClassifierEmptyModelName: () => "model name must not be empty",
  ModelClassifierModelNameTooLong: (a) => `model name is ${a[0]} bytes; the limit is ${a[1]}`,
  ModelClassifierModelURITooLong: (a) => `model URI is ${a[0]} bytes; the limit is ${a[1]}`,
  ModelClassifierZeroParams: () => "a model must have parameters",
  ModelClassifierZeroTrainingFlop: () => "a model must have training compute",
  ModelClassifierZeroWeightsHash: () => "the weights hash must not be zero",
  ModelClassifierDuplicateModel: (a) => `${a[0]} has registered these weights already, as model ${a[2]}`,
  ModelClassifierUnknownModel: (a) => `unknown model ${a[0]}`,
  ModelClassifierBallotsInCharge: () =>
    "the ballots are in charge of the thresholds: setThresholds is refused until a proposal gives them back to the governor",
  ModelClassifierBallotsNotInCharge: () => "the governor is in charge of the thresholds: a settlement is refused",
  ModelClassifierNotBallots: (a) => `${a[0]} is not the ballots contract`,
  ModelClassifierNoBallots: () => "this deployment has no ballots contract",
  ModelClassifierAuthorityUnchanged: (a) =>
    `the ${a[0] ? "ballots are" : "governor is"} in charge of the thresholds already`,
  ModelClassifierAuthorityChangeTooSoon: (a) => `the threshold authority may change again at ${time(a[0])}`,
  ThresholdBallotsInvalidEpochLength: (a) => `epoch length ${seconds(a[0])} is zero or above 30 days`,
  ThresholdBallotsLifetimeOutOfBounds: (a) => `a ballot lifetime of ${a[0]} epochs is outside ${a[1]}..${a[2]}`,
  ThresholdBallotsCannotBind: (a) => `cannot bind registry ${a[0]} and classifier ${a[1]}`,
  ThresholdBallotsNotBound: () => "the ballots are not bound to the registry and the classifier yet",
  ThresholdBallotsNotRegistry: (a) => `${a[0]} is not the registry`,
  ThresholdBallotsNotNodeOwner: (a) => `${a[1]} does not own node ${a[0]}`,
  ThresholdBallotsNodeNotCounted: (a) =>
    `node ${a[0]} does not count: only Active nodes (attested, warmed up, not lapsed) cast ballots`,
  ThresholdBallotsParamsOutOfRange: (a) => `a params ballot of ${a[0]} is outside ${a[1]}..${a[2]}`,
  ThresholdBallotsFlopOutOfRange: (a) => `a training-FLOP ballot of ${a[0]} is outside ${a[1]}..${a[2]}`,
  ThresholdBallotsNoBallot: (a) => `node ${a[0]} has no ballot`,
  ThresholdBallotsNoNodes: () => "no nodes given",
  ThresholdBallotsNotInCharge: () =>
    "the governor is in charge of the thresholds: settlements wait until a proposal hands them to the ballots",
  ThresholdBallotsAlreadySettled: (a) => `epoch ${a[0]} is settled already; the next settlement opens at ${time(a[1])}`,
  ThresholdBallotsExpiredNotPruned: (a) =>
    `${a[0]} expired ballot(s) still in the distributions: pass their nodes to settle (or prune them)`,
  ThresholdBallotsBelowQuorum: (a) =>
    `${a[0]} live ballot(s); a settlement needs at least ${BigInt(a[1] as bigint) > 1n ? a[1] : 1} (the quorum)`,
  ComputeGovernorCallNotAllowed: (a) =>
    `action ${a[0]}: proposals may not call ${describeSelector(a[2] as Hex)} on ${a[1]}`,
  ComputeGovernorValueNotAllowed: (a) => `action ${a[0]} sends ${a[1]} wei; proposals may not send ETH`,
  ComputeGovernorTooManyActions: (a) => `${a[0]} actions; a proposal holds at most ${a[1]}`,
  ComputeGovernorTooManyOpenProposals: (a) =>
    `${a[0]} has ${a[1]} proposals pending or in their vote already, the most one proposer may`,
  ComputeGovernorSettingOutOfBounds: settingOutOfBounds,
  ComputeGovernorPipelineTooLong: (a) =>
    `voting delay, period, extension, timelock delay and challenge window add up to ${seconds(a[0])}, more than the unbonding period of ${seconds(a[1])}`,
  ComputeGovernorInvalidFloors: () => "a deployment floor of the governor is zero or above its bound",
  ComputeGovernorDisabled: (a) => `${describeSelector(a[0] as Hex)} is disabled on this governor`,
  // OpenZeppelin's governor, timelock, votes and utilities.
  GovernorAlreadyCastVote: (a) => `${a[0]} has already voted`,
  GovernorInsufficientProposerVotes: (a) => `${a[0]} has ${a[1]} votes; proposing needs ${a[2]}`,
  GovernorNonexistentProposal: (a) => `unknown proposal ${a[0]}`,
  GovernorUnexpectedProposalState: (a) =>
    `proposal ${a[0]} is ${enumName(PROPOSAL_STATES, a[1])}, which does not allow this`,
  GovernorRestrictedProposer: (a) => `the description is reserved for another proposer than ${a[0]}`,
  GovernorInvalidSignature: (a) => `invalid vote signature for ${a[0]}`,
  GovernorInvalidVoteType: () => "support must be 0 (against), 1 (for) or 2 (abstain)",
  GovernorInvalidVoteParams: () => "this governor takes no vote parameters",
  GovernorInvalidProposalLength: (a) => `targets, values and calldatas differ in length (${a[0]}, ${a[1]}, ${a[2]})`,
  GovernorInvalidQuorumFraction: (a) => `quorum ${a[0]}/${a[1]} is not a fraction`,
  GovernorInvalidVotingPeriod: (a) => `voting period ${a[0]} is invalid`,
  GovernorOnlyExecutor: (a) => `${a[0]} is not the executor`,
  GovernorUnableToCancel: (a) => `${a[1]} cannot cancel proposal ${a[0]}`,
  GovernorNotQueuedProposal: (a) => `proposal ${a[0]} is not queued`,
  GovernorAlreadyQueuedProposal: (a) => `proposal ${a[0]} is already queued`,
  GovernorQueueNotImplemented: () => "this governor does not queue",
  GovernorDisabledDeposit: () => "the governor takes no ETH",
  GovernorAlreadyInitializedLatestProposalId: () => "proposal ids are initialized already",
  TimelockUnexpectedOperationState: (a) => `timelock operation ${a[0]} is not ready`,
  TimelockUnexecutedPredecessor: (a) => `timelock predecessor ${a[0]} has not run`,
  TimelockInsufficientDelay: (a) => `timelock delay ${a[0]} is below the minimum ${a[1]}`,
  TimelockInvalidOperationLength: (a) => `targets, payloads and values differ in length (${a[0]}, ${a[1]}, ${a[2]})`,
  TimelockUnauthorizedCaller: (a) => `${a[0]} may not call the timelock itself`,
  AccessControlUnauthorizedAccount: (a) => `${a[0]} lacks role ${a[1]}`,
  AccessControlBadConfirmation: () => "an account may renounce only its own roles",
  ERC5805FutureLookup: (a) => `timepoint ${a[0]} is not in the past (now ${a[1]})`,
  ERC6372InconsistentClock: () => "the votes source's clock disagrees with the governor's",
  VotesExpiredSignature: (a) => `signature expired at ${time(a[0])}`,
  InvalidAccountNonce: (a) => `nonce already used for ${a[0]} (current ${a[1]})`,
  CheckpointUnorderedInsertion: () => "a checkpoint was written out of order",
  ECDSAInvalidSignature: () => "the signature does not recover to a signer",
  ECDSAInvalidSignatureLength: (a) => `a signature of ${a[0]} bytes; ECDSA signatures have 65`,
  ECDSAInvalidSignatureS: (a) => `the signature's s value ${a[0]} is out of range`,
  FailedCall: () => "a call failed",
  InsufficientBalance: (a) => `balance ${amount(a[0])} is below the ${amount(a[1])} needed`,
  ReentrancyGuardReentrantCall: () => "reentrant call",
  SafeCastOverflowedUintDowncast: (a) => `${a[1]} does not fit in ${a[0]} bits`,
  StringTooLong: (a) => `"${a[0]}" is too long`,
  InvalidShortString: () => "the string is too long for a short string",
  StringsInsufficientHexLength: (a) => `${a[0]} does not fit in ${a[1]} hex bytes`,
  // EAS (revocations are EAS's own: revokeOffchain by the attester).
  AlreadyRevokedOffchain: () => "this attestation was revoked already (EAS revokeOffchain)",
  AlreadyRevoked: () => "the attestation was revoked already",
  AlreadyTimestamped: () => "this data is timestamped already",
  AccessDenied: () => "EAS denied the call: only the attester may do this",
  DeadlineExpired: () => "the signature's deadline has passed",
  InsufficientValue: () => "EAS received less ETH than the attestations need",
  InvalidAttestation: () => "EAS refused the attestation (its resolver said no)",
  InvalidAttestations: () => "EAS refused the attestations (their resolver said no)",
  InvalidExpirationTime: () => "the attestation's expiration time is in the past",
  InvalidLength: () => "EAS's request arrays differ in length",
  InvalidNonce: () => "the EAS nonce is not above the current one",
  InvalidOffset: () => "EAS's offset is out of range",
  InvalidRegistry: () => "EAS's schema registry is the zero address",
  InvalidRevocation: () => "EAS refused the revocation",
  InvalidRevocations: () => "EAS refused the revocations",
  InvalidSchema: () => "EAS knows no such schema",
  InvalidSignature: () => "EAS found the signature invalid",
  InvalidVerifier: () => "EAS's verifier is invalid",
  Irrevocable: () => "the attestation's schema is not revocable",
  NotFound: () => "EAS has no such attestation",
  NotPayable: () => "EAS's resolver takes no ETH",
  WrongSchema: () => "the attestation belongs to another schema",
};

/** The names of the errors that have a written message (every error the contracts can revert with). */
export const ERRORS_WITH_MESSAGES: readonly string[] = Object.keys(MESSAGES);

/**
 * A revert of one of the contracts, decoded from its custom error. Every error name has its own subclass in
 * `ContractErrors` (e.g. `ContractErrors.ComputeRegistryWrongBond`), so callers can `instanceof` it.
 */
export class ContractRevertError extends CommonsError {
  override name = "ContractRevertError";
  readonly errorName: string;
  readonly args: ErrorArgs;
  constructor(errorName: string, args: ErrorArgs, cause?: Error) {
    const describe = MESSAGES[errorName];
    const human = describe ? describe(args) : `reverted with ${errorName}(${args.map(String).join(", ")})`;
    super(`${errorName}: ${human}`, { cause });
    this.errorName = errorName;
    this.args = args;
  }
}

type ErrorName = Extract<(typeof commonsErrorsAbi)[number], { type: "error" }>["name"];
type ContractErrorClass = new (args: ErrorArgs, cause?: Error) => ContractRevertError;

/** One subclass of `ContractRevertError` per custom error of the system's contracts. */
export const ContractErrors = Object.fromEntries(
  [...new Set(commonsErrorsAbi.map((e) => e.name))].map((errorName) => {
    const cls = class extends ContractRevertError {
      constructor(args: ErrorArgs, cause?: Error) {
        super(errorName, args, cause);
        this.name = errorName;
      }
    };
    Object.defineProperty(cls, "name", { value: errorName });
    return [errorName, cls];
  }),
) as unknown as Record<ErrorName, ContractErrorClass>;

/** Builds the typed error for a decoded custom error. */
export function contractError(errorName: string, args: ErrorArgs, cause?: Error): ContractRevertError {
  const cls = (ContractErrors as Record<string, ContractErrorClass>)[errorName];
  return cls ? new cls(args, cause) : new ContractRevertError(errorName, args, cause);
}

/** Decodes raw revert data against every error of the system; undefined when it matches none. */
export function decodeRevertData(data: Hex, cause?: Error): ContractRevertError | undefined {
  try {
    const decoded = decodeErrorResult({ abi: commonsErrorsAbi, data });
    return contractError(decoded.errorName, decoded.args ?? [], cause);
  } catch {
    return undefined;
  }
}

/**
 * Turns whatever a viem call threw into a `CommonsError`: a contract revert becomes its typed
 * `ContractRevertError` subclass; anything else is wrapped with its short message.
 */
export function toCommonsError(err: unknown): CommonsError {
  if (err instanceof CommonsError) return err;
  if (err instanceof BaseError) {
    const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      if (reverted.raw) {
        const decoded = decodeRevertData(reverted.raw, err);
        if (decoded) return decoded;
      }
      if (reverted.data?.errorName) return contractError(reverted.data.errorName, reverted.data.args ?? [], err);
      return new CommonsError(reverted.reason ? `Reverted: ${reverted.reason}` : reverted.shortMessage, { cause: err });
    }
    // Reverts that reach us as raw data (e.g. from estimateGas or an RPC error) still decode.
    const withData = err.walk((e) => typeof (e as { data?: unknown }).data === "string");
    const data = (withData as { data?: unknown } | null)?.data;
    if (typeof data === "string" && data.startsWith("0x") && data.length >= 10) {
      const decoded = decodeRevertData(data as Hex, err);
      if (decoded) return decoded;
    }
    return new CommonsError(err.shortMessage, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new CommonsError(message, { cause: err instanceof Error ? err : undefined });
}
