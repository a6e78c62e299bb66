/**
 * The figures that must not grow with the size of the system: the memory percentile and the floor range at many
 * nodes, a deep page of an owner's node ids, the worst-case page of packed nodes, and the lens's governance
 * state with the most open proposals spam can make. Each on a deployment of its own, filled by BatchRegistrar
 * (nodes owned by one contract, which changes nothing these reads do) or by many proposers.
 */
import { encodeFunctionData, type Address } from "viem";
import { SEED_SKU } from "../ignition/modules/seedDevices.js";
import {
  ETH_CALL_GAS_CAP,
  NODE_PATTERNS,
  PUBLIC_ETH_CALL_GAS_CAP,
  ratio,
  WORST_CASE_PATTERN,
  WORST_CASE_URI,
  type GasEntry,
} from "./common.js";
import type { GasOptions } from "./gas.js";
import { deploySystem, type System } from "./system.js";

/** Hardhat's runtime environment and contracts deployed by name: loosely typed. */
type Any = any;

/** Spam: the most open proposals the lens shows, each of the most actions a proposal may hold. */
const SPAM_PROPOSALS = 50;
const MAX_ACTIONS = 10;
const MAX_OPEN_PROPOSALS = 3;

const flat = (ours: number, base: number, baseKey: string, what: string): GasEntry => ({
  ours,
  anchor: base,
  ratio: ratio(ours, base),
  goal: `vs ${baseKey}: ratio <= 1.05`,
  met: ours / base <= 1.05,
  what,
});

const call = (s: System, contract: Any, functionName: string, args: unknown[]) =>
  s.callGas(contract.address as Address, encodeFunctionData({ abi: contract.abi, functionName, args }));

export async function measureScale(
  hre: Any,
  options: GasOptions,
  log: (m: string) => void,
): Promise<{ gas: Record<string, GasEntry>; worstCasePageGas: number }> {
  const gas: Record<string, GasEntry> = {};

  // ------------------------------------------------------------ memoryPercentileMiB and floorRangeMiB at many nodes
  log(`memoryPercentileMiB and floorRangeMiB at ${options.percentileCounts.join(", ")} active nodes`);
  const s = await deploySystem(hre);
  const batch = await s.registrar();
  const registry = s.sys.registry;
  const percentile: Record<number, { gas: number; floorRange: number }> = {};
  let answer: bigint | undefined;
  for (const n of options.percentileCounts) {
    await s.fill(batch, NODE_PATTERNS, "", n, 40);
    await s.mine();
    if ((await registry.read.activeNodeCount()) !== BigInt(n)) throw new Error(`not ${n} active nodes`);
    const p50 = await call(s, registry, "memoryPercentileMiB", [50n]);
    const p100 = await call(s, registry, "memoryPercentileMiB", [100n]);
    percentile[n] = { gas: Math.max(p50, p100), floorRange: await call(s, registry, "floorRangeMiB", []) };
    const p = await registry.read.memoryPercentileMiB([50n]);
    if (answer !== undefined && p !== answer) throw new Error("the same distribution gave another percentile");
    answer = p;
  }
  const base = options.percentileCounts[0]!;
  for (const n of options.percentileCounts) {
    const e = percentile[n]!;
    const what = `with ${n} active nodes (ten sizes, 12 GiB to 960 GiB)`;
    gas[`memoryPercentileMiB@${n}`] =
      n === base
        ? { ours: e.gas, what: `memoryPercentileMiB (max of p50, p100) ${what}` }
        : flat(e.gas, percentile[base]!.gas, `@${base}`, `memoryPercentileMiB (max of p50, p100) ${what}`);
    gas[`floorRangeMiB@${n}`] =
      n === base
        ? { ours: e.floorRange, what: `floorRangeMiB ${what}` }
        : flat(e.floorRange, percentile[base]!.floorRange, `@${base}`, `floorRangeMiB ${what}`);
  }

  // ------------------------------------------------------------ nodeIdsOf: a deep page costs what the first does
  const deepest = options.percentileCounts.at(-1)!;
  const limit = BigInt(Math.min(options.pageSize, deepest));
  log(`nodeIdsOf pages of ${limit} ids of an owner of ${deepest} nodes`);
  const firstPage = await call(s, registry, "nodeIdsOf", [batch.address, 0n, limit]);
  const deepPage = await call(s, registry, "nodeIdsOf", [batch.address, BigInt(deepest) - limit, limit]);
  gas[`nodeIdsOfFirstPage@${deepest}`] = {
    ours: firstPage,
    what: `nodeIdsOf, the first page of ${limit} ids of an owner of ${deepest} nodes`,
  };
  gas[`nodeIdsOfDeepPage@${deepest}`] = flat(
    deepPage,
    firstPage,
    "the first page",
    `nodeIdsOf, the last page of ${limit} ids of an owner of ${deepest} nodes`,
  );
  await s.close();

  // ------------------------------------------------------------ one worst-case page of packedNodes
  log(`one page of ${options.pageSize} worst-case nodes (6 lines, 256-byte URI)`);
  const w = await deploySystem(hre);
  await w.fill(await w.registrar(), [WORST_CASE_PATTERN], WORST_CASE_URI, options.pageSize, 20);
  const pageData = encodeFunctionData({
    abi: w.sys.registry.abi,
    functionName: "packedNodes",
    args: [0n, BigInt(options.pageSize)],
  });
  const worstCasePageGas = Number(
    await w.pc.estimateGas({ account: w.deployer.account.address, to: w.sys.registry.address, data: pageData }),
  );
  await w.close();

  // ------------------------------------------------------------ the lens under proposal spam
  gas.governanceStateSpam = await spamTheLens(hre, log);
  return { gas, worstCasePageGas };
}

/** `CommonsLens.governanceState(50)` with 50 open proposals of 10 actions each, from as many proposers as the cap needs. */
async function spamTheLens(hre: Any, log: (m: string) => void): Promise<GasEntry> {
  const proposers = Math.ceil(SPAM_PROPOSALS / MAX_OPEN_PROPOSALS);
  log(`governanceState with ${SPAM_PROPOSALS} open proposals of ${MAX_ACTIONS} actions (${proposers} proposers)`);
  const s = await deploySystem(hre);
  const { governor, classifier, lens } = s.sys;
  const threshold = BigInt(await governor.read.proposalThreshold());
  const army: Any[] = [];
  const ids: bigint[] = [];
  for (let i = 0; i < proposers; i++) {
    army.push(await s.owner());
    for (let v = 0n; v < threshold; v++) {
      ids.push((await s.register(army[i], [{ skuId: SEED_SKU.RTX_3090, count: 1 }], `proposer-${i}-${v}`)).nodeId);
    }
  }
  await s.warmup();
  for (const id of ids) await s.activate(id);
  for (let n = 0; n < SPAM_PROPOSALS; n++) {
    const calldatas = Array.from({ length: MAX_ACTIONS }, (_, i) =>
      encodeFunctionData({
        abi: classifier.abi,
        functionName: "setThresholds",
        args: [BigInt(70e9 + n * 10 + i), 10n ** 25n],
      }),
    );
    const targets = calldatas.map(() => classifier.address);
    const values = calldatas.map(() => 0n);
    const proposer = army[Math.floor(n / MAX_OPEN_PROPOSALS)];
    await s.wait(() =>
      governor.write.propose([targets, values, calldatas, `spam ${n}`], { account: proposer.account }),
    );
  }
  await s.mine();
  const state = await lens.read.governanceState([BigInt(SPAM_PROPOSALS)]);
  if (state.latestProposals.length !== SPAM_PROPOSALS) throw new Error("the lens did not return every proposal");
  const used = await call(s, lens, "governanceState", [BigInt(SPAM_PROPOSALS)]);
  await s.close();
  const cap = Number(PUBLIC_ETH_CALL_GAS_CAP);
  return {
    ours: used,
    anchor: cap,
    ratio: ratio(used, cap),
    goal: `< ${cap.toLocaleString("en-US")} (public RPCs' eth_call cap)`,
    met: used < cap,
    what:
      `CommonsLens.governanceState(${SPAM_PROPOSALS}) eth_call with ${SPAM_PROPOSALS} open proposals of ${MAX_ACTIONS} ` +
      `actions from ${proposers} proposers (${MAX_OPEN_PROPOSALS} open each); under a local node's ` +
      `${Number(ETH_CALL_GAS_CAP).toLocaleString("en-US")} cap too: ${used < Number(ETH_CALL_GAS_CAP)}`,
  };
}
