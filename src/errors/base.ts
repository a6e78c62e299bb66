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
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Invalid ${field}: ${reason}`);
  }
}

/** A deployment is missing, incomplete, or names an address that is not the expected contract. */
export class DeploymentError extends CommonsError {
  override name = "DeploymentError";
  constructor(
    message: string,
    readonly chainId: number | undefined,
    readonly contract?: string,
  ) {
    super(message);
  }
}

/** The connected chain is not the deployment's chain. */
export class ChainMismatchError extends CommonsError {
  override name = "ChainMismatchError";
  constructor(
    readonly expectedChainId: number,
    readonly actualChainId: number,
  ) {
    super(`Wrong network: the deployment is on chain ${expectedChainId} but the RPC is chain ${actualChainId}`);
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
  constructor(readonly hash: `0x${string}`) {
    super(`Transaction ${hash} reverted`);
  }
}

/** A proposed threshold below the consumer floor (pre-flight). */
export class ThresholdBelowFloorError extends CommonsError {
  override name = "ThresholdBelowFloorError";
  constructor(
    readonly maxSmallParams: bigint,
    readonly floorParams: bigint,
    readonly floorMemoryMiB: bigint,
  ) {
    super(
      `maxSmallParams ${maxSmallParams} is below the consumer floor of ${floorParams} parameters ` +
        `(what the floor-percentile node with ${floorMemoryMiB} MiB can run)`,
    );
  }
}

/** A proposed threshold change outside the rate limit (pre-flight). */
export class ThresholdRateLimitError extends CommonsError {
  override name = "ThresholdRateLimitError";
  constructor(message: string) {
    super(message);
  }
}
