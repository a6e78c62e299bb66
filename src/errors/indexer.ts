import { CommonsError } from "./base.js";

/**
 * Base of the errors of reads answered by the indexer (`indexerUrl`): the SDK never falls back to the chain
 * on its own, so that a dead or lagging indexer is seen rather than paid for in log scans.
 */
export class IndexerError extends CommonsError {
  override name = "IndexerError";
  /** The indexer's base URL (`indexerUrl`). */
  readonly url: string;
  constructor(url: string, message: string, cause?: Error) {
    super(message, { cause });
    this.url = url;
  }
}

/** The indexer could not be reached: refused connection, DNS failure, timeout. */
export class IndexerUnreachableError extends IndexerError {
  override name = "IndexerUnreachableError";
  constructor(url: string, cause?: Error) {
    const reason = cause?.name === "TimeoutError" ? "timed out" : (cause?.cause as Error)?.message || cause?.message;
    super(url, `Cannot reach the indexer at ${url}${reason ? `: ${reason}` : ""}`, cause);
  }
}

/**
 * The indexer answered, but not as a Ponder indexer of this deployment does: an HTTP error, a body that is not
 * JSON, GraphQL errors, missing fields, or another chain.
 */
export class IndexerResponseError extends IndexerError {
  override name = "IndexerResponseError";
  /** The HTTP status of the answer. */
  readonly status: number;
  constructor(url: string, status: number, problem: string) {
    super(url, `The indexer at ${url} answered badly (HTTP ${status}): ${problem}`);
    this.status = status;
  }
}

/** A read asked for blocks the indexer has not indexed yet (`toBlock` beyond its latest block). */
export class IndexerBehindError extends IndexerError {
  override name = "IndexerBehindError";
  readonly indexedBlock: bigint;
  readonly toBlock: bigint;
  constructor(url: string, indexedBlock: bigint, toBlock: bigint) {
    super(url, `The indexer at ${url} has indexed up to block ${indexedBlock}, not yet block ${toBlock}`);
    this.indexedBlock = indexedBlock;
    this.toBlock = toBlock;
  }
}
