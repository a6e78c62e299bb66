/**
 * Running a write from a command: a progress line that shows the transaction hash until the receipt is in,
 * the `--block-timeout` bound on the wait, and the fields every write prints with `--json`.
 */
import type { Hex, TransactionReceipt } from "viem";
import { rpcLabel } from "../../connection.js";
import { TransactionWaitTimeoutError } from "../../errors/base.js";
import type { WriteOptions } from "../../types.js";
import type { WriteValues } from "../command.js";
import { RpcUnreachableError } from "../errors.js";
import { progress } from "../io.js";
import { parseCount } from "../numbers.js";
import type { Session } from "../context.js";

type Sent = { hash: Hex; receipt: TransactionReceipt };

/** `--block-timeout <seconds>` as the SDK's `stallTimeout` (ms); default the SDK's 30 s. */
function stallTimeoutOf(flags: Pick<WriteValues, "block-timeout">): number | undefined {
  const seconds = flags["block-timeout"];
  if (seconds === undefined) return undefined;
  const value = Number(parseCount(seconds, "--block-timeout", false));
  return Math.max(1, value) * 1000;
}

/** Runs a write with a progress line on stderr; a wait that stalls ends in one line naming the RPC. */
export async function send<R extends Sent>(
  session: Session,
  flags: Pick<WriteValues, "block-timeout">,
  label: string,
  write: (options: WriteOptions) => Promise<R>,
): Promise<R> {
  const stallTimeout = stallTimeoutOf(flags);
  const line = progress(label);
  try {
    const result = await write({ onTransactionHash: (hash) => line.sent(hash), stallTimeout });
    line.done(`${label}: mined in block ${result.receipt.blockNumber} (tx ${result.hash})`);
    return result;
  } catch (err) {
    line.fail();
    if (err instanceof TransactionWaitTimeoutError) {
      throw new RpcUnreachableError(`the RPC at ${rpcLabel(session.url)}: ${err.shortMessage}`, { cause: err });
    }
    throw err;
  }
}

/** What every write prints with `--json`. */
export const txJson = (r: Sent) => ({
  transactionHash: r.hash,
  blockNumber: r.receipt.blockNumber,
  gasUsed: r.receipt.gasUsed,
});
