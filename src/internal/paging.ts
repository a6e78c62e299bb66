import { toInteger, type IntegerInput } from "./validate.js";

export type PageParameters = {
  /** Items per request. Each list has a default sized to stay well under a node's eth_call gas cap. */
  pageSize?: IntegerInput;
};

/**
 * Collects every item of a paged read: each request returns the total beside its page, so N items take
 * exactly ceil(N / pageSize) requests (one when there are none), never one per item. The first page tells
 * the total; the rest are fetched in parallel.
 */
export async function collectPages<T>(
  pageSize: IntegerInput | undefined,
  defaultPageSize: number,
  fetchPage: (offset: bigint, limit: bigint) => Promise<readonly [bigint, readonly T[]]>,
): Promise<T[]> {
  const limit = toInteger(pageSize ?? defaultPageSize, "pageSize", 1n, 10_000n);
  const [total, first] = await fetchPage(0n, limit);
  const offsets: bigint[] = [];
  for (let offset = limit; offset < total; offset += limit) offsets.push(offset);
  const rest = await Promise.all(offsets.map((offset) => fetchPage(offset, limit)));
  return [...first, ...rest.flatMap(([, page]) => page)];
}
