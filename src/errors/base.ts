import { BaseError, type Address, type Hash, type Hex } from "viem";
import { ether } from "../domain.js";

type CommonsErrorParameters = {
  cause?: Error | undefined;
  details?: string | undefined;
  metaMessages?: string[] | undefined;
};

/**
 * Base of every error the SDK throws. Extends viem's `BaseError`, so `shortMessage`, `metaMessages`,
 * `cause` and `walk()` work as in viem.
 */
export class CommonsError extends BaseError {
  override name = "CommonsError";
  constructor(shortMessage: string, parameters: CommonsErrorParameters = {}) {
    super(shortMessage, { ...parameters, name: "CommonsError" });
  }
}

/** Bad input refused before anything was sent. */
export class InvalidInputError extends CommonsError {
  override name = "InvalidInputError";
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`Invalid ${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

/** A deployment is missing, incomplete, or names an address that is not the expected contract. */
export class DeploymentError extends CommonsError {
  override name = "DeploymentError";
  readonly chainId: number | undefined;
  readonly contract: string | undefined;
  constructor(message: string, chainId: number | undefined, contract?: string) {
    super(message);
    this.chainId = chainId;
    this.contract = contract;
  }
}

/** No contract at an address the deployment records (a fresh node, or a deployment of another chain). */
export class NoContractError extends DeploymentError {
  override name = "NoContractError";
  readonly address: Address;
  constructor(address: Address, chainId: number, contract?: string, hint?: string) {
    const name = contract ? ` (${contract})` : "";
    super(`No contract at ${address}${name} on chain ${chainId}${hint ? `: ${hint}` : ""}`, chainId, contract);
    this.address = address;
  }
}

/** The connected chain is not the deployment's chain. */
export class ChainMismatchError extends CommonsError {
  override name = "ChainMismatchError";
  readonly expectedChainId: number;
  readonly actualChainId: number;
  constructor(expectedChainId: number, actualChainId: number) {
    super(`Wrong network: the deployment is on chain ${expectedChainId} but the RPC is chain ${actualChainId}`);
    this.expectedChainId = expectedChainId;
    this.actualChainId = actualChainId;
  }
}

/** A write was asked of a client without a wallet. */
export class MissingWalletError extends CommonsError {
  override name = "MissingWalletError";
  constructor(action: string) {
    super(`${action} needs a wallet client with an account`);
  }
}

/** The account cannot pay for the transaction: no ETH for gas (and the value it sends, e.g. a bond). */
export class InsufficientFundsError extends CommonsError {
  override name = "InsufficientFundsError";
  readonly account: Address;
  readonly balance: bigint;
  readonly value: bigint;
  constructor(account: Address, balance: bigint, value: bigint, cause?: Error) {
    super(
      `Account ${account} has ${ether(balance)}: not enough to pay for gas` +
        (value > 0n ? ` and the ${ether(value)} the transaction sends` : ""),
      { cause },
    );
    this.account = account;
    this.balance = balance;
    this.value = value;
  }
}

/** No new block arrived for `stallTimeout` ms while waiting for a receipt: the RPC or the chain stopped. */
export class TransactionWaitTimeoutError extends CommonsError {
  override name = "TransactionWaitTimeoutError";
  readonly hash: Hash;
  readonly stallTimeout: number;
  constructor(hash: Hash, stallTimeout: number, cause?: Error) {
    const reason = cause instanceof BaseError ? cause.shortMessage : cause?.message;
    super(
      `No new block for ${stallTimeout / 1000} s while waiting for transaction ${hash}` +
        `${reason ? ` (last error: ${reason.split("\n")[0]})` : ""}; it may still be mined`,
      { cause },
    );
    this.hash = hash;
    this.stallTimeout = stallTimeout;
  }
}

/** A vote refused before sending: the account has no votes in the proposal (at its snapshot). */
export class NoVotesError extends CommonsError {
  override name = "NoVotesError";
  readonly voter: Address;
  readonly proposalId: bigint;
  constructor(voter: Address, proposalId: bigint, why: string) {
    super(`${voter} has no votes in this proposal: ${why}`);
    this.voter = voter;
    this.proposalId = proposalId;
  }
}

/** A transaction was mined but reverted. */
export class TransactionRevertedError extends CommonsError {
  override name = "TransactionRevertedError";
  readonly hash: `0x${string}`;
  constructor(hash: `0x${string}`) {
    super(`Transaction ${hash} reverted`);
    this.hash = hash;
  }
}

/**
 * A proposed threshold below the consumer floor (pre-flight): the highest floor over the floor window, which
 * is what `setThresholds` checks, so that a population that left within the window lowers no guard.
 */
export class ThresholdBelowFloorError extends CommonsError {
  override name = "ThresholdBelowFloorError";
  /** The parameter at fault. */
  readonly field = "maxSmallParams";
  readonly maxSmallParams: bigint;
  readonly floorParams: bigint;
  readonly floorMemoryMiB: bigint;
  constructor(maxSmallParams: bigint, floorParams: bigint, floorMemoryMiB: bigint) {
    super(
      `maxSmallParams ${maxSmallParams} is below the consumer floor of ${floorParams} parameters ` +
        `(the highest over the floor window: what the floor-percentile node with ${floorMemoryMiB} MiB can run)`,
    );
    this.maxSmallParams = maxSmallParams;
    this.floorParams = floorParams;
    this.floorMemoryMiB = floorMemoryMiB;
  }
}

/** A proposed threshold change outside the rate limit (pre-flight). */
export class ThresholdRateLimitError extends CommonsError {
  override name = "ThresholdRateLimitError";
  /** The parameter at fault: `maxSmallParams` or `maxSmallTrainingFlop`. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/**
 * A proposal action outside the governor's fence (pre-flight, from `allowedCalls()`): the governor would
 * revert `ComputeGovernorCallNotAllowed`, so nothing is sent.
 */
export class CallNotAllowedError extends CommonsError {
  override name = "CallNotAllowedError";
  /** The parameter at fault. */
  readonly field = "actions";
  readonly index: number;
  readonly target: Address;
  readonly selector: Hex;
  constructor(index: number, target: Address, selector: Hex, what: string, allowedHere: readonly string[]) {
    super(
      `action ${index} calls ${what} on ${target}, which proposals may not call` +
        (allowedHere.length > 0
          ? ` (allowed on that contract: ${allowedHere.join(", ")})`
          : " (proposals may call nothing on that address)"),
    );
    this.index = index;
    this.target = target;
    this.selector = selector;
  }
}

/** Refused to sign: the EIP-712 domain the chain reports is not the deployment's (another chain or contract). */
export class SigningDomainError extends CommonsError {
  override name = "SigningDomainError";
}

/**
 * A governed threshold change refused before sending: the ballots are in charge of the thresholds, so the
 * proposal's `setThresholds` would revert when executed (`ModelClassifierBallotsInCharge`).
 */
export class BallotsInChargeError extends CommonsError {
  override name = "BallotsInChargeError";
  constructor() {
    super(
      "the ballots are in charge of the thresholds: a setThresholds proposal would revert when executed " +
        "(ModelClassifierBallotsInCharge); propose handing them back to the governor first " +
        "(setThresholdAuthority(false))",
    );
  }
}
