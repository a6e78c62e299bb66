/**
 * History reads answered by the indexer (`indexer/`, Ponder) instead of log scans: one GraphQL POST per page
 * of 1,000 rows (Ponder's largest), which also returns the indexer's latest block (`_meta.status`).
 */
import type { Hash } from "viem";
import { IndexerBehindError, IndexerResponseError, IndexerUnreachableError } from "../errors/indexer.js";
import type { CommonsContext, IndexerConfig } from "../types.js";
import type { HistoryParameters } from "./events.js";
import { toInteger } from "./validate.js";

/** Rows per GraphQL page: Ponder's largest `limit`. */
const PAGE_SIZE = 1_000;
/** How long one request may take before the indexer counts as unreachable. */
const DEFAULT_TIMEOUT_MS = 10_000;

/** What every event row of the indexer carries: where its log sits. */
type IndexedRow = { blockNumber: string; logIndex: number; transactionHash: `0x${string}` };

/** One event table of the indexer, as a history read asks it. */
export type IndexedEvents<row> = {
  /** The plural GraphQL field, e.g. `votes`. */
  field: string;
  /** Its filter type, e.g. `voteFilter`. */
  filterType: string;
  /** The columns to select beside blockNumber, logIndex and transactionHash. */
  columns: string;
  /** Fixed conditions (e.g. `{ kind: "registered" }`). */
  where?: Record<string, unknown>;
  /** Marks the row type. */
  row?: row;
};

type Page<row> = { items: (row & IndexedRow)[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
type Status = Record<string, { id: number; block: { number: number } }>;

/** Whether the context reads history from an indexer. */
export const hasIndexer = (ctx: CommonsContext): ctx is CommonsContext & { indexer: IndexerConfig } =>
  ctx.indexer !== undefined;

/** POSTs one GraphQL query; every way it can fail is an `IndexerError`. */
async function post<data>(config: IndexerConfig, query: string, variables: Record<string, unknown>): Promise<data> {
  const url = config.url;
  const fetchFn = config.fetchFn ?? globalThis.fetch;
  let status = 0;
  let text: string;
  try {
    const response = await fetchFn(`${url.replace(/\/+$/, "")}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(config.timeout ?? DEFAULT_TIMEOUT_MS),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw new IndexerUnreachableError(url, error as Error);
  }
  let body: { data?: data | null; errors?: { message: string }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new IndexerResponseError(url, status, `not JSON: ${text.slice(0, 120)}`);
  }
  if (Array.isArray(body?.errors) && body.errors.length > 0)
    throw new IndexerResponseError(url, status, body.errors.map((e) => e.message).join("; "));
  if (status < 200 || status > 299) throw new IndexerResponseError(url, status, text.slice(0, 120));
  if (body?.data == null) throw new IndexerResponseError(url, status, "no data in the answer");
  return body.data;
}

/**
 * Every row of an event table of the indexer inside the read's block range, oldest first (block, then log
 * index), each with its block number and transaction hash and the event's arguments from `toArgs`: ceil(rows / 1,000) requests, one for up to
 * 1,000 rows. `blockRange` is a log-scan setting and is ignored. Without `toBlock`, the answer runs to the
 * indexer's latest block; a `toBlock` beyond it is an `IndexerBehindError`.
 */
export async function indexedEvents<row, args>(
  ctx: CommonsContext & { indexer: IndexerConfig },
  table: IndexedEvents<row>,
  parameters: HistoryParameters,
  toArgs: (row: row) => args,
): Promise<({ blockNumber: bigint; transactionHash: Hash } & args)[]> {
  const { url } = ctx.indexer;
  const where: Record<string, unknown> = { ...table.where };
  if (parameters.fromBlock !== undefined) where.blockNumber_gte = String(toInteger(parameters.fromBlock, "fromBlock"));
  const toBlock = parameters.toBlock === undefined ? undefined : toInteger(parameters.toBlock, "toBlock");
  if (toBlock !== undefined) where.blockNumber_lte = String(toBlock);
  const query = `query History($where: ${table.filterType}, $after: String) {
  _meta { status }
  page: ${table.field}(where: $where, orderBy: "blockNumber", orderDirection: "asc", limit: ${PAGE_SIZE}, after: $after) {
    items { blockNumber logIndex transactionHash ${table.columns} }
    pageInfo { hasNextPage endCursor }
  }
}`;
  const rows: (row & IndexedRow)[] = [];
  let after: string | null = null;
  for (let first = true; ; first = false) {
    const data: { _meta?: { status?: Status }; page?: Page<row> } = await post(ctx.indexer, query, { where, after });
    const page = data.page;
    if (!Array.isArray(page?.items) || typeof page.pageInfo?.hasNextPage !== "boolean")
      throw new IndexerResponseError(url, 200, `no ${table.field} page in the answer`);
    if (first) checkStatus(ctx, data._meta?.status, toBlock);
    rows.push(...page.items);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  try {
    return rows
      .map((row) => ({ row, block: BigInt(row.blockNumber) }))
      .sort((a, b) => (a.block === b.block ? a.row.logIndex - b.row.logIndex : a.block < b.block ? -1 : 1))
      .map(({ row, block }) => ({ blockNumber: block, transactionHash: row.transactionHash, ...toArgs(row) }));
  } catch (error) {
    throw new IndexerResponseError(url, 200, `a ${table.field} row is malformed (${(error as Error).message})`);
  }
}

/** The indexer follows the deployment's chain, and has reached `toBlock` when the read names one. */
function checkStatus(ctx: CommonsContext & { indexer: IndexerConfig }, status: Status | undefined, toBlock?: bigint) {
  const { url } = ctx.indexer;
  const chains = Object.values(status ?? {});
  const chain = chains.find((c) => c.id === ctx.deployment.chainId);
  if (chain === undefined) {
    const ids = chains.map((c) => c.id).join(", ") || "none";
    throw new IndexerResponseError(
      url,
      200,
      `it indexes chain ${ids}, not the deployment's chain ${ctx.deployment.chainId}`,
    );
  }
  const indexed = BigInt(chain.block.number);
  if (toBlock !== undefined && toBlock > indexed) throw new IndexerBehindError(url, indexed, toBlock);
}
