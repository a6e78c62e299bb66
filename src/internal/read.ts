/**
 * Reads for the actions: a typed `readContract` whose failures become `CommonsError`s, with one diagnosis
 * viem cannot make: a call that "returned no data" to an address without code is a `NoContractError`
 * naming the deployment's contract (a fresh node, or a deployment folder of another chain).
 */
import {
  BaseError,
  ContractFunctionZeroDataError,
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ReadContractParameters,
  type ReadContractReturnType,
} from "viem";
import { getCode, readContract } from "viem/actions";
import { NoContractError } from "../errors/base.js";
import { toCommonsError } from "../errors/contract.js";
import type { CommonsContext } from "../types.js";
import type { CommonsError } from "../errors/base.js";
import { contractNameOf } from "../utils/proposals.js";

type ReadMutability = "pure" | "view";

/** Runs any chain request and turns its failure into a `CommonsError`. */
export async function withCommonsErrors<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    throw toCommonsError(err);
  }
}

/** Reads one contract function, typed from its ABI as viem's `readContract` is. */
export async function readCommonsContract<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, ReadMutability>,
  const args extends ContractFunctionArgs<abi, ReadMutability, functionName>,
>(
  ctx: CommonsContext,
  parameters: ReadContractParameters<abi, functionName, args>,
): Promise<ReadContractReturnType<abi, functionName, args>> {
  try {
    return await readContract(ctx, parameters);
  } catch (err) {
    throw await diagnoseReadError(ctx, parameters.address, err);
  }
}

async function diagnoseReadError(
  ctx: CommonsContext,
  address: Address | undefined,
  err: unknown,
): Promise<CommonsError> {
  const noData = err instanceof BaseError && err.walk((e) => e instanceof ContractFunctionZeroDataError);
  if (noData && address !== undefined) {
    const code = await getCode(ctx, { address }).catch(() => "unknown");
    if (code === undefined || code === "0x") {
      return new NoContractError(address, ctx.deployment.chainId, contractNameOf(ctx.deployment, address));
    }
  }
  return toCommonsError(err);
}
