/** Event history in block ranges, for RPCs that cap `eth_getLogs` ranges. */
import type { Abi, Address, ContractEventName, GetContractEventsReturnType, Hash } from "viem";
import { getBlockNumber, getContractEvents } from "viem/actions";
import type { CommonsContext } from "../types.js";
import { toCommonsError } from "../errors/contract.js";
import { withCommonsErrors } from "./read.js";
import { toInteger, type IntegerInput } from "./validate.js";

export type HistoryParameters = {
  /** First block to scan. Default the deployment's block (`deployment.deployBlock`), else 0. */
  fromBlock?: IntegerInput;
  /** Last block to scan. Default the latest. */
  toBlock?: IntegerInput;
  /** Blocks per `eth_getLogs` request, to stay under public RPC range limits. Default 10,000. */
  blockRange?: IntegerInput;
};

/** One event: its arguments, with the block and transaction it came in. */
export type EventRecord<abi extends Abi, eventName extends ContractEventName<abi>> = {
  blockNumber: bigint;
  transactionHash: Hash;
} & GetContractEventsReturnType<abi, eventName, true>[number]["args"];

/**
 * Whether an RPC error says the `eth_getLogs` window was too large (block range or result size): the
 * wordings of common providers (Alchemy, Infura, QuickNode, Ankr, public nodes) and EIP-1474's -32005.
 */
export function isRangeRefusal(err: unknown): boolean {
  const text = [err, (err as { cause?: unknown })?.cause, (err as { cause?: { cause?: unknown } })?.cause?.cause]
    .map((e) => (e instanceof Error ? `${e.message} ${(e as { details?: string }).details ?? ""}` : ""))
    .join(" ")
    .toLowerCase();
  const code = (err as { code?: number })?.code ?? (err as { cause?: { code?: number } })?.cause?.code;
  return (
    code === -32005 ||
    /block range|range (is )?too (large|wide)|too many (blocks|results|logs)|exceed(s|ed)? (the )?(max|limit)|response size|query returned more than|limit exceeded|limited to (a )?[\d,]+/.test(
      text,
    )
  );
}

/** Requests in flight at once while scanning windows. */
const SCAN_CONCURRENCY = 4;

/**
 * Every `eventName` log of the contract at `address`, oldest first: windows of `blockRange` blocks from
 * the deployment's block (or `fromBlock`), `SCAN_CONCURRENCY` in flight at once; a window the RPC refuses
 * as too large is split in half and retried, down to one block.
 */
export async function scanEvents<const abi extends Abi, eventName extends ContractEventName<abi>>(
  ctx: CommonsContext,
  contract: { address: Address; abi: abi; eventName: eventName },
  parameters: HistoryParameters,
): Promise<EventRecord<abi, eventName>[]> {
  const from = toInteger(parameters.fromBlock ?? ctx.deployment.deployBlock ?? 0, "fromBlock");
  const to =
    parameters.toBlock === undefined
      ? await withCommonsErrors(() => getBlockNumber(ctx))
      : toInteger(parameters.toBlock, "toBlock");
  const range = toInteger(parameters.blockRange ?? 10_000, "blockRange", 1n);
  type Logs = GetContractEventsReturnType<abi, eventName, true>;
  const window = async (start: bigint, end: bigint): Promise<Logs> => {
    try {
      return await getContractEvents(ctx, { ...contract, fromBlock: start, toBlock: end, strict: true });
    } catch (err) {
      if (end === start || !isRangeRefusal(err)) throw toCommonsError(err);
      const mid = start + (end - start) / 2n;
      return [...(await window(start, mid)), ...(await window(mid + 1n, end))] as Logs;
    }
  };
  const windows: [bigint, bigint][] = [];
  for (let start = from; start <= to; start += range)
    windows.push([start, start + range - 1n < to ? start + range - 1n : to]);
  const pages: Logs[] = new Array(windows.length);
  let next = 0;
  const worker = async () => {
    while (next < windows.length) {
      const i = next++;
      pages[i] = await window(...windows[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, windows.length) }, worker));
  return pages
    .flat()
    .map((log) => ({ blockNumber: log.blockNumber, transactionHash: log.transactionHash, ...log.args }));
}
