/**
 * The threshold ballots' gas: castBallot against castVote's first vote measured in the same deployment, a
 * change, a withdrawal, the exit of a node with a ballot (the registry's hook), and `settle` at few and at many
 * ballots, which must cost the same. Many ballots come from BatchRegistrar's nodes (one contract owns them; the
 * ballots of its nodes are cast by `castBallotsCycling`, ten wishes in turn, so the distributions have the same
 * shape at every size and the median sits in the same bucket).
 */
import { encodeFunctionData, keccak256, toHex, type Address } from "viem";
import { SEED_SKU } from "../ignition/modules/seedDevices.js";
import { NODE_PATTERNS, ratio, type GasEntry } from "./common.js";
import { deploySystem, LOCAL } from "./system.js";

/** Hardhat's runtime environment and contracts deployed by name: loosely typed. */
type Any = any;

/** Ten params wishes ×1.5 apart around the default line (7e10), and ten FLOP wishes around 1e25. */
const PARAMS_WISHES = Array.from({ length: 10 }, (_, i) => BigInt(Math.round(2e10 * 1.5 ** i)));
const FLOP_WISHES = Array.from({ length: 10 }, (_, i) => (10n ** 24n * BigInt(Math.round(1.5 ** i * 1000))) / 1000n);

export async function measureBallots(
  hre: Any,
  { counts, log }: { counts: number[]; log: (m: string) => void },
): Promise<Record<string, GasEntry>> {
  const gas: Record<string, GasEntry> = {};
  log(`threshold ballots: castBallot vs castVote, settle at ${counts[0]} and ${counts.at(-1)} ballots`);
  const s = await deploySystem(hre);
  const { sys, wallets, txGas, wait, advance, register, warmup, activate } = s;
  const { classifier, governor, ballots, registry } = sys;
  const voters = wallets.slice(1, 5) as Any[];
  const ids: bigint[] = [];
  for (const [i, v] of voters.entries())
    ids.push((await register(v, [{ skuId: SEED_SKU.RTX_4090, count: 1 }], `v${i}`)).nodeId);
  await warmup();
  for (const id of ids) await activate(id);
  await advance(1);

  // A governance round hands the thresholds to the ballots; its first vote is the anchor.
  const handover = {
    targets: [classifier.address as Address],
    values: [0n],
    calldatas: [encodeFunctionData({ abi: classifier.abi, functionName: "setThresholdAuthority", args: [true] })],
    description: "The nodes' ballots move the thresholds",
  };
  const hash = keccak256(toHex(handover.description));
  await wait(() =>
    governor.write.propose([handover.targets, handover.values, handover.calldatas, handover.description], {
      account: voters[0].account,
    }),
  );
  const proposalId: bigint = await governor.read.getProposalId([
    handover.targets,
    handover.values,
    handover.calldatas,
    hash,
  ]);
  await advance(LOCAL.votingDelay + 1);
  const castVoteFirst = await txGas(() => governor.write.castVote([proposalId, 1], { account: voters[0].account }));
  for (const v of voters.slice(1)) await wait(() => governor.write.castVote([proposalId, 1], { account: v.account }));
  await advance(LOCAL.votingPeriod + LOCAL.voteExtension + 1);
  await wait(() => governor.write.queue([handover.targets, handover.values, handover.calldatas, hash]));
  await advance(LOCAL.timelockDelay + 1);
  await wait(() => governor.write.execute([handover.targets, handover.values, handover.calldatas, hash]));
  if (!(await classifier.read.ballotsInCharge())) throw new Error("the handover did not execute");

  const cast = (i: number, params: bigint, flop: bigint) =>
    txGas(() => ballots.write.castBallot([ids[i]!, params, flop], { account: voters[i].account }));
  const intoEmpty = await cast(0, 100_000_000_000n, 10n ** 26n);
  const typical = await cast(1, 101_000_000_000n, 10n ** 26n);
  const change = await cast(1, 90_000_000_000n, 2n * 10n ** 25n);
  const withdraw = await txGas(() => ballots.write.withdrawBallot([ids[1]!], { account: voters[1].account }));
  await cast(2, 100_000_000_000n, 10n ** 26n);
  const exitWithBallot = await txGas(() => registry.write.exitNode([ids[2]!], { account: voters[2].account }));
  const exitWithout = await txGas(() => registry.write.exitNode([ids[3]!], { account: voters[3].account }));
  await wait(() => ballots.write.withdrawBallot([ids[0]!], { account: voters[0].account }));

  gas.castBallot = {
    ours: typical,
    anchor: castVoteFirst,
    ratio: ratio(typical, castVoteFirst),
    goal: "vs castVote's first vote in the same deployment: ratio <= 1.0",
    met: typical <= castVoteFirst,
    what:
      "castBallot, a node's first ballot into distributions that already hold one (its bucket, group and expiry " +
      "words non-zero: every ballot after the first few of an epoch), against castVote's first vote on its side",
  };
  gas.castBallotIntoEmpty = {
    ours: intoEmpty,
    what:
      "castBallot, the first ballot of the system or of an epoch's expiry word: five words go from zero to " +
      "non-zero (bucket and group of each distribution, the expiry count), 20,000 gas each (EIP-2200)",
  };
  gas.castBallotChange = { ours: change, what: "castBallot, a node changes its ballot (out of two buckets, into two)" };
  gas.withdrawBallot = { ours: withdraw, what: "withdrawBallot (storage cleared: refunds counted)" };
  gas.exitNodeWithBallot = {
    ours: exitWithBallot,
    anchor: exitWithout,
    ratio: ratio(exitWithBallot, exitWithout),
    what: "exitNode of a node with a ballot (the registry's hook takes it out in the same transaction), vs one without",
  };

  // ------------------------------------------------------------ settle at few and at many ballots
  const batch = await s.registrar();
  const settleGas: Record<number, number> = {};
  let cast_ = 0;
  let median: bigint | undefined;
  for (const n of counts) {
    const firstNew = Number(await registry.read.nodeCount()) + 1;
    await s.fill(batch, NODE_PATTERNS, "", firstNew - 1 + (n - cast_), 40);
    for (let id = firstNew; id < firstNew + (n - cast_); id += 150) {
      const k = Math.min(150, firstNew + (n - cast_) - id);
      await wait(() =>
        batch.write.castBallotsCycling([ballots.address, BigInt(id), BigInt(k), PARAMS_WISHES, FLOP_WISHES], {
          gas: 16_000_000n,
        }),
      );
    }
    cast_ = n;
    await s.mine();
    const live = Number(await ballots.read.liveBallotCount());
    if (live !== n) throw new Error(`${live} live ballots, not ${n}`);
    const [p] = await ballots.read.medians();
    if (median !== undefined && p !== median) throw new Error("the same shape gave another median");
    median = p;
    settleGas[n] = await s.callGas(
      ballots.address as Address,
      encodeFunctionData({ abi: ballots.abi, functionName: "settle", args: [[]] }),
    );
  }
  await s.close();
  const base = counts[0]!;
  for (const n of counts) {
    const what = `settle (eth_estimateGas) with ${n} live ballots (ten wishes in turn; the line moves one step)`;
    gas[`settle@${n}`] =
      n === base
        ? { ours: settleGas[n]!, what }
        : {
            ours: settleGas[n]!,
            anchor: settleGas[base]!,
            ratio: ratio(settleGas[n]!, settleGas[base]!),
            goal: `vs @${base}: ratio <= 1.05`,
            met: settleGas[n]! / settleGas[base]! <= 1.05,
            what,
          };
  }
  return gas;
}
