import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Hex } from "viem";
import { commonsErrorsAbi } from "../abi/generated.js";
import { enumName, ether, gib, NODE_STATUSES, PROPOSAL_STATES, utc } from "../domain.js";
import { CommonsError } from "./base.js";

type ErrorArgs = readonly unknown[];

const amount = (wei: unknown) => ether(BigInt(wei as bigint));
const memory = (mib: unknown) => gib(Number(mib));
const time = (ts: unknown) => utc(Number(ts));

/** Human messages for the contracts' custom errors, by error name. */
const MESSAGES: Record<string, (a: ErrorArgs) => string> = {
  HardwareCatalogEmptyName: () => "vendor and name must not be empty",
  HardwareCatalogNameTooLong: (a) => `name is ${a[0]} bytes; the limit is ${a[1]}`,
  HardwareCatalogZeroMemory: () => "a SKU must have memory",
  HardwareCatalogZeroBandwidth: () => "a SKU must have memory bandwidth",
  HardwareCatalogDuplicateSku: (a) => `this vendor and name are already SKU ${a[0]}`,
  HardwareCatalogUnknownSku: (a) => `unknown SKU ${a[0]}`,
  HardwareCatalogSkuAlreadyDeprecated: (a) => `SKU ${a[0]} is already deprecated`,
  HardwareCatalogFull: (a) => `the catalog is full (${a[0]} SKUs)`,
  ComputeRegistryWrongBond: (a) => `bond sent ${amount(a[0])}, need ${amount(a[1])}`,
  ComputeRegistryBondNotWholeGwei: (a) => `bond ${a[0]} wei is not a whole number of gwei`,
  ComputeRegistryNoDevices: () => "a node needs at least one device",
  ComputeRegistryTooManyDeviceLines: (a) => `${a[0]} distinct SKUs; a node holds at most ${a[1]}`,
  ComputeRegistryZeroDeviceCount: (a) => `device count for SKU ${a[0]} is zero`,
  ComputeRegistryDuplicateSku: (a) => `SKU ${a[0]} is listed twice`,
  ComputeRegistrySkuDeprecated: (a) => `SKU ${a[0]} is deprecated`,
  ComputeRegistryTooManyDevices: (a) => `${a[0]} devices; a node holds at most ${a[1]}`,
  ComputeRegistryNodeMemoryAboveCap: (a) => `node memory ${memory(a[0])} is above the cap of ${memory(a[1])}`,
  ComputeRegistryMetadataURITooLong: (a) => `metadata URI is ${a[0]} bytes; the limit is ${a[1]}`,
  ComputeRegistryUnknownNode: (a) => `unknown node ${a[0]}`,
  ComputeRegistryNotNodeOwner: (a) => `${a[1]} does not own node ${a[0]}`,
  ComputeRegistryWrongNodeStatus: (a) => `node ${a[0]} is ${enumName(NODE_STATUSES, a[1])}`,
  ComputeRegistryBondLocked: (a) => `node ${a[0]}'s bond unlocks at ${time(a[1])}`,
  ComputeRegistryParameterOutOfBounds: (a) => `value ${a[0]} is outside ${a[1]}..${a[2]}`,
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
  ModelClassifierNotBelowFloor: (a) => `maxSmallParams ${a[0]} is already at or above the floor of ${a[1]}`,
  ModelClassifierFutureLookup: (a) => `timepoint ${a[0]} is not in the past (now ${a[1]})`,
  ModelClassifierNoThresholdsAt: (a) => `no thresholds existed at timepoint ${a[0]}`,
  ModelClassifierInvalidGuards: () => "a guard constant is out of range",
  ModelClassifierEmptyModelName: () => "model name must not be empty",
  ModelClassifierModelNameTooLong: (a) => `model name is ${a[0]} bytes; the limit is ${a[1]}`,
  ModelClassifierModelURITooLong: (a) => `model URI is ${a[0]} bytes; the limit is ${a[1]}`,
  ModelClassifierZeroParams: () => "a model must have parameters",
  ModelClassifierZeroTrainingFlop: () => "a model must have training compute",
  ModelClassifierZeroWeightsHash: () => "the weights hash must not be zero",
  ModelClassifierDuplicateWeightsHash: (a) => `these weights are already model ${a[0]}`,
  ModelClassifierUnknownModel: (a) => `unknown model ${a[0]}`,
  ComputeGovernorTargetNotAllowed: (a) => `proposals may not call ${a[0]}: not a Compute Commons contract`,
  ComputeGovernorValueNotAllowed: (a) => `action ${a[0]} sends ${a[1]} wei; proposals may not send ETH`,
  ComputeGovernorCallNotAllowed: (a) => `proposals may not call ${a[1]} on ${a[0]}`,
  ComputeGovernorTooManyActions: (a) => `${a[0]} actions; a proposal holds at most ${a[1]}`,
  GovernorAlreadyCastVote: (a) => `${a[0]} has already voted`,
  GovernorInsufficientProposerVotes: (a) => `${a[0]} has ${a[1]} votes; proposing needs ${a[2]}`,
  GovernorNonexistentProposal: (a) => `unknown proposal ${a[0]}`,
  GovernorUnexpectedProposalState: (a) =>
    `proposal ${a[0]} is ${enumName(PROPOSAL_STATES, a[1])}, which does not allow this`,
  GovernorRestrictedProposer: (a) => `the description is reserved for another proposer than ${a[0]}`,
  GovernorInvalidSignature: (a) => `invalid vote signature for ${a[0]}`,
  GovernorInvalidVoteType: () => "support must be 0 (against), 1 (for) or 2 (abstain)",
  GovernorInvalidProposalLength: (a) => `targets, values and calldatas differ in length (${a[0]}, ${a[1]}, ${a[2]})`,
  GovernorOnlyExecutor: (a) => `${a[0]} is not the executor`,
  GovernorUnableToCancel: (a) => `${a[1]} cannot cancel proposal ${a[0]}`,
  GovernorNotQueuedProposal: (a) => `proposal ${a[0]} is not queued`,
  GovernorAlreadyQueuedProposal: (a) => `proposal ${a[0]} is already queued`,
  TimelockUnexpectedOperationState: (a) => `timelock operation ${a[0]} is not ready`,
  TimelockUnexecutedPredecessor: (a) => `timelock predecessor ${a[0]} has not run`,
  TimelockInsufficientDelay: (a) => `timelock delay ${a[0]} is below the minimum ${a[1]}`,
  OwnableUnauthorizedAccount: (a) => `${a[0]} is not the admin (only the timelock is)`,
  AccessControlUnauthorizedAccount: (a) => `${a[0]} lacks role ${a[1]}`,
  ERC5805FutureLookup: (a) => `timepoint ${a[0]} is not in the past (now ${a[1]})`,
  VotesExpiredSignature: (a) => `signature expired at ${time(a[0])}`,
  InvalidAccountNonce: (a) => `nonce already used for ${a[0]} (current ${a[1]})`,
  ReentrancyGuardReentrantCall: () => "reentrant call",
};

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
