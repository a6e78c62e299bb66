import { BaseError } from "viem";

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

/** A transaction was mined but reverted. */
export class TransactionRevertedError extends CommonsError {
  override name = "TransactionRevertedError";
  readonly hash: `0x${string}`;
  constructor(hash: `0x${string}`) {
    super(`Transaction ${hash} reverted`);
    this.hash = hash;
  }
}

/** A proposed threshold below the consumer floor (pre-flight). */
export class ThresholdBelowFloorError extends CommonsError {
  override name = "ThresholdBelowFloorError";
  readonly maxSmallParams: bigint;
  readonly floorParams: bigint;
  readonly floorMemoryMiB: bigint;
  constructor(maxSmallParams: bigint, floorParams: bigint, floorMemoryMiB: bigint) {
    super(
      `maxSmallParams ${maxSmallParams} is below the consumer floor of ${floorParams} parameters ` +
        `(what the floor-percentile node with ${floorMemoryMiB} MiB can run)`,
    );
    this.maxSmallParams = maxSmallParams;
    this.floorParams = floorParams;
    this.floorMemoryMiB = floorMemoryMiB;
  }
}

/** A proposed threshold change outside the rate limit (pre-flight). */
export class ThresholdRateLimitError extends CommonsError {
  override name = "ThresholdRateLimitError";
  constructor(message: string) {
    super(message);
  }
}
