import type { Abi, Address } from "viem";
import { computeGovernorAbi, computeRegistryAbi, modelClassifierAbi } from "../../abi/generated.js";
import type { CommonsContext } from "../../clients/context.js";
import { toInteger, type IntegerInput } from "../../internal/validate.js";
import { read } from "../../internal/write.js";

export type HistoryParameters = {
  /** First block to scan. Default 0. */
  fromBlock?: IntegerInput;
  /** Last block to scan. Default the latest. */
  toBlock?: IntegerInput;
  /** Blocks per `eth_getLogs` request, to stay under public RPC range limits. Default 10,000. */
  blockRange?: IntegerInput;
};

async function scan(
  ctx: CommonsContext,
  address: Address,
  abi: Abi,
  eventName: string,
  parameters: HistoryParameters,
) {
  const from = toInteger(parameters.fromBlock ?? 0, "fromBlock");
  const to =
    parameters.toBlock === undefined
      ? await read(() => ctx.publicClient.getBlockNumber())
      : toInteger(parameters.toBlock, "toBlock");
  const range = toInteger(parameters.blockRange ?? 10_000, "blockRange", 1n);
  const logs = [];
  for (let start = from; start <= to; start += range) {
    const end = start + range - 1n < to ? start + range - 1n : to;
    logs.push(
      ...(await read(() =>
        ctx.publicClient.getContractEvents({ address, abi, eventName, fromBlock: start, toBlock: end, strict: true }),
      )),
    );
  }
  return logs;
}

/**
 * Every threshold change (governed or raised to the floor), oldest first.
 * @example const changes = await getThresholdHistory(ctx, { blockRange: 5_000 })
 */
export async function getThresholdHistory(ctx: CommonsContext, parameters: HistoryParameters = {}) {
  const logs = await scan(ctx, ctx.deployment.classifier, modelClassifierAbi, "ThresholdsUpdated", parameters);
  return logs.map((log) => ({
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
    ...(log.args as {
      oldMaxSmallParams: bigint;
      newMaxSmallParams: bigint;
      oldMaxSmallTrainingFlop: bigint;
      newMaxSmallTrainingFlop: bigint;
      raisedToFloor: boolean;
    }),
  }));
}

/**
 * Every vote cast, oldest first.
 * @example const votes = await getVoteHistory(ctx)
 */
export async function getVoteHistory(ctx: CommonsContext, parameters: HistoryParameters = {}) {
  const logs = await scan(ctx, ctx.deployment.governor, computeGovernorAbi, "VoteCast", parameters);
  return logs.map((log) => ({
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
    ...(log.args as { voter: Address; proposalId: bigint; support: number; weight: bigint; reason: string }),
  }));
}

/**
 * Every node registration, oldest first.
 * @example const registrations = await getRegistrationHistory(ctx)
 */
export async function getRegistrationHistory(ctx: CommonsContext, parameters: HistoryParameters = {}) {
  const logs = await scan(ctx, ctx.deployment.registry, computeRegistryAbi, "NodeRegistered", parameters);
  return logs.map((log) => ({
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
    ...(log.args as { nodeId: bigint; owner: Address; memoryMiB: number; bond: bigint }),
  }));
}
