/**
 * Gas benchmarks on the in-process Hardhat network. Every figure is the execution gas of a mined transaction
 * (receipt.gasUsed) or of an eth_call (eth_estimateGas), minus the 21,000 base and the calldata cost, and every
 * anchor is deployed and measured in the same run: an OpenZeppelin Governor with the same modules over an
 * ERC20Votes token (contracts/anchors/), a one-slot setter, an ERC20Votes transfer plus delegation.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodeFunctionData, keccak256, toHex, zeroAddress, type Address, type Hex } from "viem";
import ComputeCommons from "../ignition/modules/ComputeCommons.js";
import { SEED_SKU } from "../ignition/modules/seedDevices.js";
import {
  executionGas,
  NODE_PATTERNS,
  ratio,
  WORST_CASE_PATTERN,
  WORST_CASE_URI,
  type GasEntry,
  type Line,
} from "./common.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LOCAL = JSON.parse(readFileSync(path.join(ROOT, "ignition/parameters/local.json"), "utf8")) as {
  ComputeCommons: Record<string, number>;
};
const P = LOCAL.ComputeCommons;

/** Hardhat's runtime environment and contracts deployed by name (the anchors have no generated ABIs): loosely typed. */
type Any = any;

export type GasOptions = {
  /** Node counts for memoryPercentileMiB: the first is the base of the ratio. */
  percentileCounts: number[];
  /** Threshold checkpoint counts for classifyAt: the first is the base of the difference. */
  checkpointCounts: number[];
  /** Nodes per page for the worst-case page-gas figure (the SDK's NODES_PAGE_SIZE). */
  pageSize: number;
  log?: (message: string) => void;
};

export type GasRun = { gas: Record<string, GasEntry>; worstCasePageGas: number };

/** Runs every gas measurement on a fresh in-process network connection. */
export async function measureGas(hre: Any, options: GasOptions): Promise<GasRun> {
  const log = options.log ?? (() => {});
  const conn = await hre.network.create();
  const { viem, ignition, networkHelpers } = conn;
  const pc = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const [deployer] = wallets;
  const gas: Record<string, GasEntry> = {};

  /** Execution gas of a mined transaction; throws when it reverted. */
  async function txGas(hashPromise: Promise<Hex>): Promise<number> {
    const hash = await hashPromise;
    const receipt = await pc.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
    const tx = await pc.getTransaction({ hash });
    return Number(executionGas(receipt.gasUsed, tx.input));
  }
  /** Execution gas of an eth_call, by eth_estimateGas. */
  async function callGas(to: Address, data: Hex): Promise<number> {
    const estimate = await pc.estimateGas({ account: deployer.account.address, to, data });
    return Number(executionGas(estimate, data));
  }
  const wait = async (hash: Promise<Hex>) => {
    await txGas(hash);
  };

  // ------------------------------------------------------------ our system, deployed by the module
  log("deploying the system (Ignition module, local parameters)");
  const sys: Any = await ignition.deploy(ComputeCommons, { parameters: { ComputeCommons: P } });
  const { registry, classifier, governor, timelock, catalog } = sys;
  const minBond: bigint = await registry.read.minBond();

  // ------------------------------------------------------------ the reference system
  log("deploying the anchors (ReferenceVotesToken, ReferenceGovernor, OneSlotSetter)");
  const refTimelock: Any = await viem.deployContract("TimelockController", [
    BigInt(P.timelockDelay),
    [],
    [zeroAddress],
    deployer.account.address,
  ]);
  const VOTERS = wallets.slice(1, 5); // a, b, c, d: one vote each on both systems
  // Supply starts at zero and grows by one per voter, a block apart: the same vote and total-supply
  // checkpoint history as the registry's (`oneMintToken` below measures a token minted once).
  const refToken: Any = await viem.deployContract("ReferenceVotesToken", [deployer.account.address, 0n]);
  const oneMintToken: Any = await viem.deployContract("ReferenceVotesToken", [
    deployer.account.address,
    BigInt(VOTERS.length),
  ]);
  const oneMintGovernor: Any = await viem.deployContract("ReferenceGovernor", [
    oneMintToken.address,
    refTimelock.address,
    P.votingDelay,
    P.votingPeriod,
    4n,
    P.voteExtension,
  ]);
  const refGovernor: Any = await viem.deployContract("ReferenceGovernor", [
    refToken.address,
    refTimelock.address,
    P.votingDelay,
    P.votingPeriod,
    4n,
    P.voteExtension,
  ]);
  await wait(refTimelock.write.grantRole([keccak256(toHex("PROPOSER_ROLE")), refGovernor.address]));
  await wait(refTimelock.write.grantRole([keccak256(toHex("CANCELLER_ROLE")), refGovernor.address]));
  const setter: Any = await viem.deployContract("OneSlotSetter", [refTimelock.address, 1n]);

  // Same electorate on both: four voters with one vote each, self-delegated, nothing else.
  const line = (skuId: number, count = 1): Line[] => [{ skuId, count }];
  for (const v of VOTERS) {
    await wait(registry.write.registerNode([line(SEED_SKU.RTX_4090), ""], { account: v.account, value: minBond }));
    await wait(refToken.write.mint([v.account.address, 1n]));
    await wait(refToken.write.delegate([v.account.address], { account: v.account }));
    await wait(oneMintToken.write.transfer([v.account.address, 1n]));
    await wait(oneMintToken.write.delegate([v.account.address], { account: v.account }));
  }
  await networkHelpers.time.increase(P.minChangeInterval); // the classifier's rate limit allows a change

  // ------------------------------------------------------------ governance: propose, vote, queue, execute
  log("governance path on both governors");
  const ours = {
    targets: [classifier.address as Address],
    values: [0n],
    calldatas: [
      encodeFunctionData({ abi: classifier.abi, functionName: "setThresholds", args: [80_000_000_000n, 10n ** 25n] }),
    ],
    description: "Raise Small to 80B parameters",
  };
  const ref = {
    targets: [setter.address as Address],
    values: [0n],
    calldatas: [encodeFunctionData({ abi: setter.abi, functionName: "set", args: [2n] })],
    description: "Raise Small to 80B parameters",
  };
  const [a, b, c, d] = VOTERS as [Any, Any, Any, Any];
  const reason = "my two cards run 80B at 4-bit";
  const flow = async (gov: Any, p: typeof ours) => {
    const r: Record<string, number> = {};
    r.propose = await txGas(
      gov.write.propose([p.targets, p.values, p.calldatas, p.description], { account: a.account }),
    );
    const id: bigint = await gov.read.getProposalId([
      p.targets,
      p.values,
      p.calldatas,
      keccak256(toHex(p.description)),
    ]);
    return { r, id };
  };
  const o = await flow(governor, ours);
  const f = await flow(refGovernor, ref);
  // The one-mint reference only votes (it holds no timelock role: its proposal is never queued).
  const m = await flow(oneMintGovernor, ref);
  await networkHelpers.time.increase(P.votingDelay + 1);
  for (const [gov, x] of [
    [governor, o],
    [refGovernor, f],
    [oneMintGovernor, m],
  ] as const) {
    x.r.castVoteFirst = await txGas(gov.write.castVote([x.id, 1], { account: a.account }));
    x.r.castVoteLater = await txGas(gov.write.castVote([x.id, 1], { account: b.account }));
    x.r.castVoteWithReasonFirst = await txGas(gov.write.castVoteWithReason([x.id, 2, reason], { account: c.account }));
    x.r.castVoteWithReasonLater = await txGas(gov.write.castVoteWithReason([x.id, 2, reason], { account: d.account }));
  }
  await networkHelpers.time.increase(P.votingPeriod + P.voteExtension + 1);
  const hashOf = (p: typeof ours) => keccak256(toHex(p.description));
  o.r.queue = await txGas(governor.write.queue([ours.targets, ours.values, ours.calldatas, hashOf(ours)]));
  f.r.queue = await txGas(refGovernor.write.queue([ref.targets, ref.values, ref.calldatas, hashOf(ref)]));
  await networkHelpers.time.increase(P.timelockDelay + 1);
  o.r.execute = await txGas(governor.write.execute([ours.targets, ours.values, ours.calldatas, hashOf(ours)]));
  f.r.execute = await txGas(refGovernor.write.execute([ref.targets, ref.values, ref.calldatas, hashOf(ref)]));
  const thresholds = await classifier.read.thresholds();
  if (thresholds.maxSmallParams !== 80_000_000_000n) throw new Error("the setThresholds proposal did not execute");
  if ((await setter.read.value()) !== 2n) throw new Error("the reference proposal did not execute");

  const vs = (key: string, what: string, goal?: { max: number; text: string }) => {
    const ours_ = o.r[key]!;
    const anchor = f.r[key]!;
    const entry: GasEntry = { ours: ours_, anchor, ratio: ratio(ours_, anchor), what };
    if (goal) {
      entry.goal = goal.text;
      entry.met = ours_ / anchor <= goal.max;
    }
    return entry;
  };
  const voteGoal = { max: 1.02, text: "ratio <= 1.02" };
  gas.castVoteFirst = vs("castVoteFirst", "castVote, first vote on its side (For)", voteGoal);
  gas.castVoteLater = vs("castVoteLater", "castVote, a later vote on the same side", voteGoal);
  gas.castVoteWithReasonFirst = vs(
    "castVoteWithReasonFirst",
    "castVoteWithReason, first vote on its side (Abstain)",
    voteGoal,
  );
  gas.castVoteWithReasonLater = vs(
    "castVoteWithReasonLater",
    "castVoteWithReason, a later vote on the same side",
    voteGoal,
  );
  gas.castVoteFirstOneMintToken = {
    ours: o.r.castVoteFirst!,
    anchor: m.r.castVoteFirst!,
    ratio: ratio(o.r.castVoteFirst!, m.r.castVoteFirst!),
    what: "castVote first vote, vs a reference whose token supply was minted once (1 total-supply checkpoint, not one per voter)",
  };
  gas.propose = vs("propose", "propose setThresholds (anchor: propose a one-slot set)");
  gas.queue = vs("queue", "queue it in the timelock");
  gas.execute = vs("execute", "execute: setThresholds writes a checkpoint (anchor: one slot)");

  // ------------------------------------------------------------ registry writes vs ERC20Votes
  log("registry writes and the ERC20Votes anchor");
  // Steady state on both sides: other holders/nodes already exist (histogram words and totals are non-zero).
  const fresh = wallets.slice(5, 9) as [Any, Any, Any, Any];
  const registerFirst = await txGas(
    registry.write.registerNode([line(SEED_SKU.RTX_4090), ""], { account: fresh[0].account, value: minBond }),
  );
  const three: Line[] = [
    { skuId: SEED_SKU.RTX_3090, count: 2 },
    { skuId: SEED_SKU.RTX_4090, count: 1 },
    { skuId: SEED_SKU.RTX_5090, count: 1 },
  ];
  const registerThree = await txGas(
    registry.write.registerNode([three, ""], { account: fresh[1].account, value: minBond }),
  );
  const registerSecond = await txGas(
    registry.write.registerNode([line(SEED_SKU.RTX_4090), ""], { account: fresh[0].account, value: minBond }),
  );
  const nodeId: bigint = (await registry.read.nodeCount()) - 2n; // fresh[0]'s first node
  const update = await txGas(registry.write.updateNode([nodeId, three, ""], { account: fresh[0].account }));
  const exit = await txGas(registry.write.exitNode([nodeId], { account: fresh[0].account }));
  await networkHelpers.time.increase(P.unbondingPeriod + 1);
  const withdraw = await txGas(registry.write.withdrawBond([nodeId], { account: fresh[0].account }));

  // The anchor: a second token (the governance one must keep its supply), distributed from an undelegated
  // treasury to holders who delegate to themselves; then one more holder, measured.
  const token2: Any = await viem.deployContract("ReferenceVotesToken", [deployer.account.address, 10n ** 24n]);
  for (const v of VOTERS) {
    await wait(token2.write.transfer([v.account.address, 10n ** 18n]));
    await wait(token2.write.delegate([v.account.address], { account: v.account }));
  }
  const newHolder = fresh[2];
  const transfer = await txGas(token2.write.transfer([newHolder.account.address, 10n ** 18n]));
  const delegate = await txGas(token2.write.delegate([newHolder.account.address], { account: newHolder.account }));
  gas.registerNode = {
    ours: registerFirst,
    anchor: transfer + delegate,
    ratio: ratio(registerFirst, transfer + delegate),
    goal: "ratio <= 1.0",
    met: registerFirst <= transfer + delegate,
    what: `registerNode, 1 line, owner's first node, self-delegation included (anchor: ERC20Votes transfer to a new holder ${transfer} + its first delegate ${delegate})`,
  };
  gas.registerNodeThreeLines = { ours: registerThree, what: "registerNode, 3 lines, owner's first node" };
  gas.registerNodeSecondOfOwner = { ours: registerSecond, what: "registerNode, 1 line, owner's second node" };
  gas.updateNode = { ours: update, what: "updateNode 1 -> 3 lines (memory changes: histogram moves)" };
  gas.exitNode = { ours: exit, what: "exitNode" };
  gas.withdrawBond = { ours: withdraw, what: "withdrawBond after unbonding" };

  // ------------------------------------------------------------ memoryPercentileMiB at many nodes
  // A registry of its own (1 gwei bond), filled by BatchRegistrar: nodes owned by one contract, which changes
  // nothing the percentile reads (histogram words and the active total).
  log(`memoryPercentileMiB at ${options.percentileCounts.join(", ")} nodes`);
  /** A registry of the bench's own (1 gwei bond, 64 devices a node) and a funded BatchRegistrar for it. */
  const benchRegistry = async (): Promise<[Any, Any]> => {
    const registry: Any = await viem.deployContract("ComputeRegistry", [
      deployer.account.address,
      catalog.address,
      {
        minBond: 10n ** 9n,
        maxDevicesPerNode: 64,
        maxNodeMemoryMiB: 1n << 20n,
        unbondingPeriod: BigInt(P.minUnbondingPeriod),
      },
      BigInt(P.minUnbondingPeriod),
    ]);
    const batch: Any = await viem.deployContract("BatchRegistrar", [registry.address]);
    await networkHelpers.setBalance(batch.address, 10n ** 24n);
    return [registry, batch];
  };
  const [bench, registrar] = await benchRegistry();
  const fill = async (target: Any, registrar_: Any, patterns: Line[][], uri: string, to: number, batch: number) => {
    let have = Number(await target.read.nodeCount());
    while (have < to) {
      const n = Math.min(batch, to - have);
      // An explicit limit (under the 16,777,216 per-transaction cap): estimating it would run the batch many times.
      await wait(registrar_.write.registerMany([patterns, BigInt(have), BigInt(n), uri], { gas: 16_700_000n }));
      have += n;
    }
  };
  const percentileData = (p: bigint) =>
    encodeFunctionData({ abi: bench.abi, functionName: "memoryPercentileMiB", args: [p] });
  const percentile: Record<number, { p50: number; p100: number; answer: bigint }> = {};
  for (const n of options.percentileCounts) {
    await fill(bench, registrar, NODE_PATTERNS, "", n, 120);
    percentile[n] = {
      p50: await callGas(bench.address, percentileData(50n)),
      p100: await callGas(bench.address, percentileData(100n)),
      answer: await bench.read.memoryPercentileMiB([50n]),
    };
  }
  const base = options.percentileCounts[0]!;
  for (const n of options.percentileCounts) {
    const e = percentile[n]!;
    const key = `memoryPercentileMiB@${n}`;
    gas[key] = { ours: Math.max(e.p50, e.p100), what: `memoryPercentileMiB (max of p50, p100) with ${n} nodes` };
    if (n !== base) {
      const b0 = Math.max(percentile[base]!.p50, percentile[base]!.p100);
      Object.assign(gas[key]!, {
        anchor: b0,
        ratio: ratio(gas[key]!.ours, b0),
        goal: `vs @${base}: ratio <= 1.05`,
        met: gas[key]!.ours / b0 <= 1.05,
      });
    }
  }

  // ------------------------------------------------------------ classifyAt with many checkpoints
  log(`classifyAt with ${options.checkpointCounts.join(", ")} threshold checkpoints`);
  const classifyGas: Record<number, number> = {};
  for (const count of options.checkpointCounts) {
    const c: Any = await viem.deployContract("ModelClassifier", [
      deployer.account.address,
      registry.address,
      { maxSmallParams: 70_000_000_000n, maxSmallTrainingFlop: 10n ** 25n },
      { floorPercentile: 50, quantBits: 4, overheadBps: 1000, minChangeInterval: 0n },
    ]);
    const start = BigInt((await pc.getBlock()).timestamp);
    for (let i = 1; i < count; ++i) {
      // One block per change, one second apart: each is a new checkpoint.
      await wait(c.write.setThresholds([i % 2 === 1 ? 71_000_000_000n : 70_000_000_000n, 10n ** 25n]));
    }
    if ((await c.read.thresholdCheckpointCount()) !== BigInt(count)) throw new Error("checkpoint count");
    await networkHelpers.time.increase(1);
    await networkHelpers.mine();
    const now = BigInt((await pc.getBlock()).timestamp);
    // Oldest (the deepest search), middle and latest timepoints: report the most expensive.
    let worst = 0;
    for (const t of [start, start + (now - start) / 2n, now - 1n]) {
      const data = encodeFunctionData({
        abi: c.abi,
        functionName: "classifyAt",
        args: [70_000_000_000n, 10n ** 25n, t],
      });
      worst = Math.max(worst, await callGas(c.address, data));
    }
    classifyGas[count] = worst;
  }
  const cBase = options.checkpointCounts[0]!;
  for (const count of options.checkpointCounts) {
    const key = `classifyAt@${count}`;
    gas[key] = {
      ours: classifyGas[count]!,
      what: `classifyAt with ${count} threshold checkpoint(s), worst of oldest/middle/latest`,
    };
    if (count !== cBase) {
      const extra = classifyGas[count]! - classifyGas[cBase]!;
      Object.assign(gas[key]!, {
        anchor: classifyGas[cBase],
        ratio: ratio(classifyGas[count]!, classifyGas[cBase]!),
        goal: `<= @${cBase} + 30,000 (here +${extra})`,
        met: extra <= 30_000,
      });
    }
  }

  // ------------------------------------------------------------ one worst-case page of packedNodes
  log(`one page of ${options.pageSize} worst-case nodes (6 lines, 256-byte URI)`);
  const [worstRegistry, worstRegistrar] = await benchRegistry();
  await fill(worstRegistry, worstRegistrar, [WORST_CASE_PATTERN], WORST_CASE_URI, options.pageSize, 40);
  const pageData = encodeFunctionData({
    abi: worstRegistry.abi,
    functionName: "packedNodes",
    args: [0n, BigInt(options.pageSize)],
  });
  const worstCasePageGas = Number(
    await pc.estimateGas({ account: deployer.account.address, to: worstRegistry.address, data: pageData }),
  );

  void timelock;
  await conn.close?.();
  return { gas, worstCasePageGas };
}
