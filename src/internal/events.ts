/** Event history in block ranges, for RPCs that cap `eth_getLogs` ranges. */
import type { Abi, Address, ContractEventName, GetContractEventsReturnType, Hash } from "viem";
import { getBlockNumber, getContractEvents } from "viem/actions";
import type { CommonsContext } from "../types.js";
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

/** Every `eventName` log of the contract at `address`, oldest first, one request per `blockRange` blocks. */
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
  const logs: GetContractEventsReturnType<abi, eventName, true> = [];
  for (let start = from; start <= to; start += range) {
    const end = start + range - 1n < to ? start + range - 1n : to;
    const page = await withCommonsErrors(() =>
      getContractEvents(ctx, { ...contract, fromBlock: start, toBlock: end, strict: true }),
    );
    logs.push(...page);
  }
  return logs.map((log) => ({ blockNumber: log.blockNumber, transactionHash: log.transactionHash, ...log.args }));
}
