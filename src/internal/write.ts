/**
 * Writes for the actions, typed from the contract's ABI (`ContractFunctionName` / `ContractFunctionArgs`, as
 * viem's `writeContract` is): the chain is checked, the call simulated (a revert becomes its typed error
 * before anything is sent), the transaction sent and its receipt awaited, giving up when no new block comes
 * for `stallTimeout`, and the contract's events decoded.
 */
import {
  BaseError,
  InsufficientFundsError as ViemInsufficientFundsError,
  parseEventLogs,
  TransactionReceiptNotFoundError,
  type Abi,
  type Account,
  type Address,
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  type TransactionReceipt,
} from "viem";
import {
  getBalance,
  getBlockNumber,
  getChainId,
  getTransactionReceipt,
  simulateContract,
  writeContract,
} from "viem/actions";
import {
  ChainMismatchError,
  InsufficientFundsError,
  MissingWalletError,
  TransactionRevertedError,
  TransactionWaitTimeoutError,
} from "../errors/base.js";
import { ContractRevertError, toCommonsError } from "../errors/contract.js";
import type { CommonsContext, WriteOptions, WriteResult } from "../types.js";

type WriteMutability = "nonpayable" | "payable";

/** How long a write waits for its receipt without a new block before giving up (`WriteOptions.stallTimeout`). */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

/** Refuses to act on a chain other than the deployment's. */
export async function assertChain(ctx: CommonsContext): Promise<void> {
  const actual = await getChainId(ctx).catch((err: unknown) => {
    throw toCommonsError(err);
  });
  if (actual !== ctx.deployment.chainId) throw new ChainMismatchError(ctx.deployment.chainId, actual);
}

/** The account that signs, or a `MissingWalletError` naming the action that needed one. */
export function requireAccount(ctx: CommonsContext, action: string): Account {
  if (!ctx.account) throw new MissingWalletError(action);
  return ctx.account;
}

/** One contract function call, typed from its ABI, and the event its result is read from. */
export type CommonsWriteCall<
  abi extends Abi,
  functionName extends ContractFunctionName<abi, WriteMutability>,
  args extends ContractFunctionArgs<abi, WriteMutability, functionName>,
  eventName extends ContractEventName<abi>,
> = {
  address: Address;
  abi: abi;
  functionName: functionName;
  args: args;
  /** Wei sent with the call (a bond). */
  value?: bigint | undefined;
  /** The event (or events) of this contract that the result carries. */
  eventName: eventName | readonly eventName[];
  /** Checks the simulated return value before anything is sent (e.g. a vote's weight). */
  checkSimulation?: ((result: unknown) => Promise<void> | void) | undefined;
};

/**
 * Simulates, sends and waits. `action` names the SDK action in a `MissingWalletError`.
 */
export async function writeCommonsContract<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, WriteMutability>,
  const args extends ContractFunctionArgs<abi, WriteMutability, functionName> & readonly unknown[],
  eventName extends ContractEventName<abi>,
>(
  ctx: CommonsContext,
  action: string,
  call: CommonsWriteCall<abi, functionName, args, eventName>,
  options: WriteOptions = {},
): Promise<WriteResult<abi, eventName>> {
  const account = requireAccount(ctx, action);
  await assertChain(ctx);
  // The call's types were checked against its ABI at the caller; viem's actions take it as a plain ABI call.
  const abi: Abi = call.abi;
  const functionName: string = call.functionName;
  const args: readonly unknown[] = call.args;
  const request = { address: call.address, abi, functionName, args, value: call.value, account };
  let hash: Hash;
  try {
    const { result } = await simulateContract(ctx, request);
    await call.checkSimulation?.(result);
    hash = await writeContract(ctx, { ...request, chain: ctx.chain ?? null });
  } catch (err) {
    throw await explainWriteFailure(ctx, account, call.value ?? 0n, err);
  }
  options.onTransactionHash?.(hash);
  const receipt = await waitForReceipt(ctx, hash, options.stallTimeout ?? DEFAULT_STALL_TIMEOUT_MS);
  if (receipt.status !== "success") throw new TransactionRevertedError(hash);
  // One event name or several: the logs of those events. viem types a list of names apart from one name;
  // the decoded logs are the same, typed by the union of the names.
  const names = typeof call.eventName === "string" ? [call.eventName] : [...call.eventName];
  const events = parseEventLogs({
    abi: call.abi,
    logs: receipt.logs,
    eventName: names,
    strict: true,
  }) as unknown as WriteResult<abi, eventName>["events"];
  return { hash, receipt, events };
}

/**
 * The typed error for a failed simulation or send. A failure that is not a revert from an account that cannot
 * pay (nodes word it "insufficient funds", or only "Missing or invalid parameters") says so.
 */
async function explainWriteFailure(ctx: CommonsContext, account: Account, value: bigint, err: unknown): Promise<Error> {
  const error = toCommonsError(err);
  if (error instanceof ContractRevertError || !(err instanceof BaseError)) return error;
  const reportsFunds = err.walk((e) => e instanceof ViemInsufficientFundsError) !== null;
  const balance = await getBalance(ctx, { address: account.address }).catch(() => undefined);
  if (balance === undefined || (!reportsFunds && balance > value)) return error;
  return new InsufficientFundsError(account.address, balance, value, err);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request that gives up after `ms` (a hung RPC must not hold the wait beyond its deadline). */
function within<T>(ms: number, request: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${Math.ceil(ms / 1000)} s`)), Math.max(ms, 1));
  });
  return Promise.race([request, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Polls for the receipt. The wait has no overall limit while the chain makes progress (a busy network may
 * take minutes to include a transaction), but ends after `stallTimeout` ms without a new block: a node that
 * died or hangs, or a chain that stopped.
 */
async function waitForReceipt(ctx: CommonsContext, hash: Hash, stallTimeout: number): Promise<TransactionReceipt> {
  let lastBlock: bigint | undefined;
  let progressAt = Date.now();
  let lastError: Error | undefined;
  const remaining = () => stallTimeout - (Date.now() - progressAt);
  for (;;) {
    try {
      return await within(remaining(), getTransactionReceipt(ctx, { hash }));
    } catch (err) {
      if (!(err instanceof TransactionReceiptNotFoundError)) lastError = err instanceof Error ? err : undefined;
    }
    if (remaining() > 0) {
      try {
        const block = await within(remaining(), getBlockNumber(ctx, { cacheTime: 0 }));
        if (block !== lastBlock) {
          if (lastBlock !== undefined) progressAt = Date.now();
          lastBlock = block;
        }
      } catch (err) {
        lastError = err instanceof Error ? err : undefined;
      }
    }
    if (remaining() <= 0) throw new TransactionWaitTimeoutError(hash, stallTimeout, lastError);
    await sleep(Math.min(ctx.pollingInterval, Math.max(remaining(), 0)));
  }
}
