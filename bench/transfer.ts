/**
 * The gas of the registry's ERC-20-shaped `Transfer` events (issue 13): `Transfer(0 → owner, 1)` when a node's
 * vote starts (activate) and `Transfer(owner → 0, 1)` when it ends (exit; lapse and slash take the same path).
 * Measured, not computed: each transaction is traced (`debug_traceTransaction`, structLogs with the stack) and
 * the gas of every LOG3 whose topic0 is Transfer's is read as the drop in remaining gas across that step, then
 * cross-checked against the tracer's own `gasCost` of the op, against the static cost of a LOG3 with 32 bytes
 * of data (375 + 3 × 375 + 8 × 32 = 1,756, memory expansion on top), and against the receipt's Transfer logs.
 * registerNode (the vote starts later, at activate) and castVote must emit none: their figures are 0.
 */
import { type Hex } from "viem";
import { SEED_SKU } from "../ignition/modules/seedDevices.js";
import type { GasEntry } from "./common.js";
import { deploySystem, type System } from "./system.js";

/** Hardhat's runtime environment: loosely typed. */
type Any = any;

/** keccak256("Transfer(address,address,uint256)"), the topic0 Tally's and Snapshot's indexers filter on. */
export const TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
/** LOG3 with 32 bytes of data, before memory expansion: 375 + 3 topics × 375 + 8 gas × 32 bytes. */
export const LOG3_STATIC_GAS = 375 + 3 * 375 + 8 * 32;

type StructLog = { op: string; gas: number; gasCost: number; depth: number; stack?: string[] };

/** The Transfer LOG3s of a traced transaction: their measured gas and the tracer's gasCost of each. */
export async function transferLogGas(s: System, hash: Hex) {
  const trace = (await s.conn.provider.request({ method: "debug_traceTransaction", params: [hash] })) as {
    structLogs: StructLog[];
  };
  const steps = trace.structLogs;
  const found: { measured: number; gasCost: number }[] = [];
  for (const [i, step] of steps.entries()) {
    if (step.op !== "LOG3" || step.stack === undefined) continue;
    // The stack is listed bottom first: LOG3 pops offset, size, topic0, topic1, topic2 from the top.
    if (BigInt(step.stack.at(-3)!) !== BigInt(TRANSFER_TOPIC)) continue;
    const next = steps[i + 1];
    if (next === undefined || next.depth !== step.depth) throw new Error(`LOG3 at step ${i} of ${hash} ends its frame`);
    found.push({ measured: step.gas - next.gas, gasCost: step.gasCost });
  }
  const receipt: Any = await s.pc.getTransactionReceipt({ hash });
  const inReceipt = receipt.logs.filter((l: { topics: Hex[] }) => l.topics[0] === TRANSFER_TOPIC).length;
  if (inReceipt !== found.length) {
    throw new Error(`${hash}: the trace shows ${found.length} Transfer LOG3s, the receipt ${inReceipt} Transfer logs`);
  }
  for (const f of found) {
    if (f.measured !== f.gasCost || f.gasCost < LOG3_STATIC_GAS) {
      throw new Error(`${hash}: a Transfer LOG3 took ${f.measured} gas, the tracer says ${f.gasCost}`);
    }
  }
  return { count: found.length, gas: found.reduce((sum, f) => sum + f.measured, 0), receiptGas: receipt.gasUsed };
}

export async function measureTransferGas(hre: Any, log: (m: string) => void): Promise<Record<string, GasEntry>> {
  log("the Transfer events' gas: registerNode, activate, castVote and exitNode traced (debug_traceTransaction)");
  const s = await deploySystem(hre);
  const owner = s.wallets[1];
  const { nodeId } = await s.register(owner, [{ skuId: SEED_SKU.RTX_4090, count: 1 }], "transfer-owner");
  const register = await transferLogGas(s, await s.lastTransaction());
  await s.warmup();
  await s.activate(nodeId);
  const activate = await transferLogGas(s, await s.lastTransaction());
  const proposalId = await s.openProposal(owner);
  await s.txGas(() => s.sys.governor.write.castVote([proposalId, 1], { account: owner.account }));
  const vote = await transferLogGas(s, await s.lastTransaction());
  await s.txGas(() => s.sys.registry.write.exitNode([nodeId], { account: owner.account }));
  const exit = await transferLogGas(s, await s.lastTransaction());
  await s.close();
  const expect = (name: string, m: { count: number }, count: number) => {
    if (m.count !== count) throw new Error(`${name} emitted ${m.count} Transfer events, not ${count}`);
  };
  expect("registerNode", register, 0);
  expect("activate", activate, 1);
  expect("castVote", vote, 0);
  expect("exitNode", exit, 1);
  const how =
    `measured by debug_traceTransaction (remaining gas across the LOG3 step, equal to the tracer's gasCost; ` +
    `the static cost of a LOG3 with 32 bytes is ${LOG3_STATIC_GAS.toLocaleString("en-US")}, memory expansion on top)`;
  const entry = (m: typeof activate, what: string): GasEntry => ({
    ours: m.gas,
    what: `${what}: ${m.count} Transfer log(s) in the receipt, gas of their LOG3 ${how}`,
  });
  log(
    `Transfer LOG3 gas: activate ${activate.gas}, exitNode ${exit.gas}, registerNode ${register.gas}, castVote ${vote.gas}`,
  );
  return {
    activateTransferLogGas: entry(activate, "activate: the vote starts, Transfer(0 → owner, 1)"),
    exitNodeTransferLogGas: entry(exit, "exitNode of an active node: the vote ends, Transfer(owner → 0, 1)"),
    registerNodeTransferLogGas: entry(register, "registerNode: the node is Pending, its vote starts at activate"),
    castVoteTransferLogGas: entry(vote, "castVote: a vote moves no votes token"),
  };
}
