import {
  parseEventLogs,
  type Account,
  type Abi,
  type ContractEventName,
  type Hash,
  type ParseEventLogsReturnType,
  type TransactionReceipt,
} from "viem";
import type { CommonsContext, WriteOptions } from "../clients/context.js";
import { ChainMismatchError, MissingWalletError, TransactionRevertedError } from "../errors/base.js";
import { toCommonsError } from "../errors/contract.js";

/** What every write returns: the hash, the receipt and the decoded events of the contract it called. */
export type WriteResult<abi extends Abi = Abi, eventName extends ContractEventName<abi> = ContractEventName<abi>> = {
  hash: Hash;
  receipt: TransactionReceipt;
  events: ParseEventLogsReturnType<abi, eventName>;
};

/** Refuses to act on a chain other than the deployment's. */
export async function assertChain(ctx: CommonsContext): Promise<void> {
  const actual = await ctx.publicClient.getChainId();
  if (actual !== ctx.deployment.chainId) throw new ChainMismatchError(ctx.deployment.chainId, actual);
}

type Wallet = NonNullable<CommonsContext["walletClient"]>;

export function requireWallet(ctx: CommonsContext, action: string): { wallet: Wallet; account: Account } {
  const wallet = ctx.walletClient;
  if (!wallet?.account) throw new MissingWalletError(action);
  return { wallet, account: wallet.account };
}

/**
 * Simulates, sends and waits: the chain is checked, the call simulated (a revert becomes its typed error
 * before anything is sent), then the transaction is sent and its receipt awaited and decoded.
 */
export async function sendContractWrite<const abi extends Abi, eventName extends ContractEventName<abi>>(
  ctx: CommonsContext,
  action: string,
  call: {
    address: `0x${string}`;
    abi: abi;
    functionName: string;
    args: readonly unknown[];
    value?: bigint;
    eventName: eventName | eventName[];
  },
  options: WriteOptions = {},
): Promise<WriteResult<abi, eventName>> {
  const { wallet, account } = requireWallet(ctx, action);
  await assertChain(ctx);
  let hash: Hash;
  try {
    const { request } = await ctx.publicClient.simulateContract({
      address: call.address,
      abi: call.abi as Abi,
      functionName: call.functionName,
      args: call.args,
      value: call.value,
      account,
    } as never);
    hash = await wallet.writeContract({ ...(request as object), chain: wallet.chain ?? null } as never);
  } catch (err) {
    throw toCommonsError(err);
  }
  options.onTransactionHash?.(hash);
  const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new TransactionRevertedError(hash);
  const events = parseEventLogs({ abi: call.abi, logs: receipt.logs, eventName: call.eventName as never });
  return { hash, receipt, events: events as ParseEventLogsReturnType<abi, eventName> };
}

/** Runs a read and turns any failure into a `CommonsError`. */
export async function read<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toCommonsError(err);
  }
}
