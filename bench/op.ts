/**
 * The L1 data fee of a registerNode and of a castVote on an OP-stack chain: the system deployed on `hardhatOp`
 * (hardhat.config.ts: an in-process OP-stack chain), one attested registration sent, then (after the warm-up)
 * its activation, a proposal and the node's vote on it; each L1 fee read from the receipt (OP receipts carry
 * `l1Fee`), next to the GasPriceOracle predeploy's estimate, `getL1Fee` of the unsigned transaction.
 * In wei, without a goal: it follows the chain's L1 prices, not our code.
 */
import { parseAbi, serializeTransaction, type Hex } from "viem";
import { SEED_SKU } from "../ignition/modules/seedDevices.js";
import type { GasEntry } from "./common.js";
import { deploySystem, type System } from "./system.js";

/** Hardhat's runtime environment: loosely typed. */
type Any = any;

const GAS_PRICE_ORACLE = "0x420000000000000000000000000000000000000F";
const L1_BLOCK = "0x4200000000000000000000000000000000000015";
/**
 * EDR's genesis L1Block holds the fee scalars in its slot 3 at other offsets than L1Block (1.6.0) and op-revm
 * read them (bits 128-255 instead of 64-127), so both read zero scalars and every L1 fee is 0. The bench writes
 * EDR's own values where they belong: blobBaseFeeScalar 1,014,213 at bits 64-95, baseFeeScalar 5,227 at 96-127
 * (sequenceNumber 0 below). The L1 base fee and blob base fee stay EDR's, 10 gwei each.
 */
const BASE_FEE_SCALAR = 5_227n;
const BLOB_BASE_FEE_SCALAR = 1_014_213n;
/** EDR's L1 base fee and blob base fee (10 gwei each). */
const L1_PRICE = 10n ** 10n;
/**
 * Fjord's floor: a transaction is priced as at least 100 bytes (1e8 in the oracle's 1e6 scale), whatever its
 * compressed size: estimatedSize × (baseFeeScalar × l1BaseFee × 16 + blobBaseFeeScalar × blobBaseFee) / 1e12.
 */
const FJORD_FLOOR_FEE =
  (100_000_000n * (BASE_FEE_SCALAR * L1_PRICE * 16n + BLOB_BASE_FEE_SCALAR * L1_PRICE)) / 10n ** 12n;
const oracleAbi = parseAbi(["function getL1Fee(bytes) view returns (uint256)"]);

/** A mined transaction's L1 data fee: receipt.l1Fee, and the GasPriceOracle's getL1Fee of it unsigned. */
async function l1FeeOf(s: System, hash: Hex) {
  const receipt: Any = await s.pc.getTransactionReceipt({ hash });
  const tx: Any = await s.pc.getTransaction({ hash });
  const raw = serializeTransaction({
    type: "eip1559",
    chainId: tx.chainId,
    nonce: tx.nonce,
    gas: tx.gas,
    maxFeePerGas: tx.maxFeePerGas,
    maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
    to: tx.to,
    value: tx.value,
    data: tx.input,
    accessList: tx.accessList,
  });
  const oracleFee: bigint = await s.pc.readContract({
    address: GAS_PRICE_ORACLE,
    abi: oracleAbi,
    functionName: "getL1Fee",
    args: [raw],
  });
  const receiptFee: bigint | undefined = receipt.l1Fee === undefined ? undefined : BigInt(receipt.l1Fee);
  return { fee: receiptFee ?? oracleFee, receiptFee, oracleFee, calldataBytes: (tx.input.length - 2) / 2 };
}

export async function measureL1Fee(hre: Any, log: (m: string) => void): Promise<Record<string, GasEntry>> {
  log("registerNode's and castVote's L1 data fee on hardhatOp (an OP-stack chain)");
  const s = await deploySystem(hre, { network: "hardhatOp" });
  const owner = s.wallets[1];
  await s.networkHelpers.setStorageAt(L1_BLOCK, 3n, (BASE_FEE_SCALAR << 96n) | (BLOB_BASE_FEE_SCALAR << 64n));
  const { nodeId } = await s.register(owner, [{ skuId: SEED_SKU.RTX_4090, count: 1 }], "op-owner");
  const register = await l1FeeOf(s, await s.lastTransaction());
  // A vote needs an active node and an open proposal on this chain: the owner's node votes on its own proposal.
  await s.warmup();
  await s.activate(nodeId);
  const proposalId = await s.openProposal(owner);
  await s.txGas(() => s.sys.governor.write.castVote([proposalId, 1], { account: owner.account }));
  const vote = await l1FeeOf(s, await s.lastTransaction());
  await s.close();
  const prices =
    `on the in-process OP-stack chain, in wei, not gas, at L1 base fee and blob base fee 10 gwei, baseFeeScalar ${BASE_FEE_SCALAR}, ` +
    `blobBaseFeeScalar ${BLOB_BASE_FEE_SCALAR} (EDR's values, written where L1Block reads them)`;
  const source = (m: Awaited<ReturnType<typeof l1FeeOf>>) =>
    m.receiptFee === undefined
      ? " (receipt.l1Fee absent: GasPriceOracle.getL1Fee of the unsigned tx)"
      : ` (receipt.l1Fee; GasPriceOracle.getL1Fee of the unsigned tx: ${m.oracleFee})`;
  for (const [name, m] of [
    ["registerNode", register],
    ["castVote", vote],
  ] as const) {
    log(`${name} L1 fee: receipt ${m.receiptFee ?? "(none)"} wei, GasPriceOracle.getL1Fee ${m.oracleFee} wei`);
  }
  return {
    registerNodeL1FeeWei: {
      ours: Number(register.fee),
      what: `L1 data fee of registerNode (1 line, ${register.calldataBytes} bytes of calldata) ${prices}${source(register)}`,
    },
    castVoteL1FeeWei: {
      ours: Number(vote.fee),
      what:
        `L1 data fee of castVote (For, ${vote.calldataBytes} bytes of calldata) ${prices}${source(vote)}` +
        (vote.fee === FJORD_FLOOR_FEE ? ": Fjord's floor, a transaction this small is priced as 100 bytes" : ""),
    },
  };
}
