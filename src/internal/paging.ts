import { toInteger, type IntegerInput } from "./validate.js";

export type PageParameters = {
  /** Items per request. Each list has a default sized to stay well under a node's eth_call gas cap. */
  pageSize?: IntegerInput;
};

/**
 * Collects every item of a paged read: each request returns the total beside its page, so N items take
 * exactly ceil(N / pageSize) requests (one when there are none), never one per item.
 */
export async function collectPages<T>(
  pageSize: IntegerInput | undefined,
  defaultPageSize: number,
  fetchPage: (offset: bigint, limit: bigint) => Promise<readonly [bigint, readonly T[]]>,
): Promise<T[]> {
  const limit = toInteger(pageSize ?? defaultPageSize, "pageSize", 1n, 10_000n);
  const items: T[] = [];
  for (let offset = 0n; ; offset += limit) {
    const [total, page] = await fetchPage(offset, limit);
    items.push(...page);
    if (offset + limit >= total || page.length === 0) return items;
  }
}
