/**
 * The registry as a votes token, read the way Tally and Snapshot read one, against the run's `hardhat node`:
 * the logs fetched with plain `eth_getLogs` and decoded with the standard ERC-20 / ERC-5805 event signatures
 * (not our ABI), holders and supply rebuilt from `Transfer`, votes from `DelegateVotesChanged`; and
 * Snapshot's `erc20-votes` and `erc20-balance-of` strategies replayed: `getVotes` / `balanceOf` of every
 * address through Multicall3 (at its canonical address) at a past block.
 */
import { decodeEventLog, encodeFunctionData, parseAbi, toEventSelector, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { commonsFor, registerActive, registerAttested } from "../sdk/helpers.js";
import {
  deployment,
  devAccount,
  freshChain,
  loadFixture,
  publicClient,
  testClient,
  useChainSnapshot,
  walletFor,
} from "../utils/chain.js";
import { MULTICALL3, multicall3Bytecode } from "../utils/multicall3.js";

/** What an indexer knows of an ERC-20 votes token: the standard signatures. */
const TOKEN = parseAbi([
  "event Transfer(address indexed from, address indexed to, uint256 value)",
  "event DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate)",
  "event DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes)",
  "function balanceOf(address account) view returns (uint256)",
  "function totalSupply() view returns (uint256)",
  "function getVotes(address account) view returns (uint256)",
  "function getPastTotalSupply(uint256 timepoint) view returns (uint256)",
  "function clock() view returns (uint48)",
  "function CLOCK_MODE() view returns (string)",
  "function decimals() view returns (uint8)",
]);
const MULTICALL = parseAbi([
  "struct Call3 { address target; bool allowFailure; bytes callData; }",
  "struct Result { bool success; bytes returnData; }",
  "function aggregate3(Call3[] calls) payable returns (Result[] returnData)",
]);
const ZERO: Address = "0x0000000000000000000000000000000000000000";
const RIG = [{ skuId: SEED_SKU.RTX_4090, count: 1 }];
const HOLDERS = [1, 2, 3].map((i) => devAccount(i).address);

/** Multicall3 at its canonical address, as on public chains: deployed, then its code placed there. */
async function withMulticall3(): Promise<void> {
  if ((await publicClient.getCode({ address: MULTICALL3 })) !== undefined) return;
  const hash = await walletFor(0).sendTransaction({ data: multicall3Bytecode() });
  const created = (await publicClient.waitForTransactionReceipt({ hash })).contractAddress!;
  await testClient.setCode({ address: MULTICALL3, bytecode: (await publicClient.getCode({ address: created }))! });
}

/**
 * Owners 1 (two nodes), 2 and 3 active; then 3 delegates to 1 and 2 exits: the block before those changes
 * (`before`) and the latest.
 */
async function history() {
  await loadFixture(freshChain);
  await withMulticall3();
  await registerActive([
    { owner: 1, devices: RIG },
    { owner: 1, devices: RIG },
    { owner: 2, devices: RIG },
    { owner: 3, devices: RIG },
  ]);
  const before = await publicClient.getBlockNumber({ cacheTime: 0 });
  await testClient.mine({ blocks: 1 });
  await commonsFor(3).delegate({ delegatee: devAccount(1).address });
  const [twos] = await commonsFor(2).listNodes({ owner: devAccount(2).address });
  await commonsFor(2).exitNode({ nodeId: twos!.id });
  // A node registered but never activated: no Transfer, no votes.
  const pending = await registerAttested(4, RIG);
  expect(pending.nodeId).toBeGreaterThan(0n);
  return { before };
}

/** Every log of the registry with one of the token's events, decoded with the standard signatures. */
async function tokenLogs(toBlock?: bigint) {
  const topics = ["Transfer", "DelegateChanged", "DelegateVotesChanged"].map((name) =>
    toEventSelector(TOKEN.find((e) => e.type === "event" && e.name === name)!),
  );
  const logs = await publicClient.request({
    method: "eth_getLogs",
    params: [
      {
        address: deployment.registry,
        fromBlock: "0x0",
        toBlock: toBlock === undefined ? "latest" : `0x${toBlock.toString(16)}`,
        topics: [topics as Hex[]],
      },
    ],
  });
  return logs.map((log) => ({
    blockNumber: BigInt(log.blockNumber!),
    ...decodeEventLog({ abi: TOKEN, data: log.data, topics: log.topics as [Hex, ...Hex[]] }),
  }));
}

/** Balances and supply rebuilt from `Transfer`; votes from the last `DelegateVotesChanged` of each delegate. */
function replay(logs: Awaited<ReturnType<typeof tokenLogs>>) {
  const balances = new Map<Address, bigint>();
  const votes = new Map<Address, bigint>();
  let supply = 0n;
  for (const log of logs) {
    if (log.eventName === "Transfer") {
      const { from, to, value } = log.args;
      expect(from === ZERO || to === ZERO, "votes never move between holders").toBe(true);
      if (from === ZERO) supply += value;
      else balances.set(from, (balances.get(from) ?? 0n) - value);
      if (to === ZERO) supply -= value;
      else balances.set(to, (balances.get(to) ?? 0n) + value);
    } else if (log.eventName === "DelegateVotesChanged") {
      votes.set(log.args.delegate, log.args.newVotes);
    }
  }
  return { balances, votes, supply };
}

/** Snapshot's strategies: one `aggregate3` of `fn(address)` for every address, at `blockNumber`. */
async function multicallAt(fn: "getVotes" | "balanceOf", addresses: readonly Address[], blockNumber: bigint) {
  const { result } = await publicClient.simulateContract({
    address: MULTICALL3,
    abi: MULTICALL,
    functionName: "aggregate3",
    args: [
      addresses.map((a) => ({
        target: deployment.registry,
        allowFailure: false,
        callData: encodeFunctionData({ abi: TOKEN, functionName: fn, args: [a] }),
      })),
    ],
    blockNumber,
  });
  return result.map((r) => BigInt(r.returnData));
}

describe("the registry as Tally and Snapshot read a votes token", () => {
  useChainSnapshot();

  it("should be an ERC-20-shaped, ERC-6372 timestamp-clock votes token", async () => {
    const read = (functionName: "CLOCK_MODE" | "decimals") =>
      publicClient.readContract({ address: deployment.registry, abi: TOKEN, functionName });
    expect(await read("CLOCK_MODE")).toBe("mode=timestamp");
    expect(await read("decimals")).toBe(0);
  });

  it("should rebuild holders, supply and votes from the logs alone, equal to the contract's reads", async () => {
    await loadFixture(history);
    const logs = await tokenLogs();
    const { balances, votes, supply } = replay(logs);
    const read = (functionName: "balanceOf" | "getVotes", a: Address) =>
      publicClient.readContract({ address: deployment.registry, abi: TOKEN, functionName, args: [a] });
    for (const holder of [...HOLDERS, devAccount(4).address]) {
      expect(balances.get(holder) ?? 0n, holder).toBe(await read("balanceOf", holder));
      expect(votes.get(holder) ?? 0n, holder).toBe(await read("getVotes", holder));
    }
    expect(supply).toBe(
      await publicClient.readContract({ address: deployment.registry, abi: TOKEN, functionName: "totalSupply" }),
    );
    expect([...balances.values()].reduce((a, b) => a + b, 0n)).toBe(supply);
    // Account 1: two nodes of its own and account 3's delegated vote; account 2 exited; 4 is still Pending.
    expect(balances.get(devAccount(1).address)).toBe(2n);
    expect(votes.get(devAccount(1).address)).toBe(3n);
    expect(balances.get(devAccount(2).address)).toBe(0n);
    expect(balances.has(devAccount(4).address)).toBe(false);
    expect(logs.some((l) => l.eventName === "DelegateChanged" && l.args.toDelegate === devAccount(1).address)).toBe(
      true,
    );
  });

  it("should give getPastTotalSupply the sum of the Transfer deltas at every timepoint", async () => {
    await loadFixture(history);
    const logs = await tokenLogs();
    const blocks = [...new Set(logs.map((l) => l.blockNumber))];
    for (const blockNumber of blocks) {
      const { timestamp } = await publicClient.getBlock({ blockNumber });
      const { supply } = replay(logs.filter((l) => l.blockNumber <= blockNumber));
      await testClient.mine({ blocks: 1 }); // a timepoint is past only once a later block exists
      const past = await publicClient.readContract({
        address: deployment.registry,
        abi: TOKEN,
        functionName: "getPastTotalSupply",
        args: [timestamp],
      });
      expect(past, `block ${blockNumber}`).toBe(supply);
    }
  });

  it("should answer Snapshot's erc20-votes and erc20-balance-of strategies through Multicall3 at a past block", async () => {
    const { before } = await loadFixture(history);
    const latest = await publicClient.getBlockNumber({ cacheTime: 0 });
    for (const blockNumber of [before, latest]) {
      const { balances, votes } = replay(await tokenLogs(blockNumber));
      expect(await multicallAt("getVotes", HOLDERS, blockNumber), `votes at ${blockNumber}`).toEqual(
        HOLDERS.map((h) => votes.get(h) ?? 0n),
      );
      expect(await multicallAt("balanceOf", HOLDERS, blockNumber), `balances at ${blockNumber}`).toEqual(
        HOLDERS.map((h) => balances.get(h) ?? 0n),
      );
    }
    // Before the delegation and the exit: 2, 1, 1; after: 3, 0, 0.
    expect(await multicallAt("getVotes", HOLDERS, before)).toEqual([2n, 1n, 1n]);
    expect(await multicallAt("getVotes", HOLDERS, latest)).toEqual([3n, 0n, 0n]);
  });
});
