/**
 * Gas benchmarks on the in-process Hardhat network. Every figure is the execution gas of a mined transaction
 * (receipt.gasUsed) or of an eth_call (eth_estimateGas), minus the 21,000 base and the calldata cost, and every
 * anchor is deployed and measured in the same run: an OpenZeppelin Governor with the same modules over an
 * ERC20Votes token (contracts/anchors/), a one-slot setter. The system is deployed by the local Ignition module
 * with ignition/parameters/local.json (bench/system.ts), with a second attester where a challenge is answered.
 */
import { encodeFunctionData, keccak256, toHex, zeroAddress, type Address } from "viem";
import { SEED_SKU } from "../ignition/modules/seedDevices.js";
import type { DeviceLine } from "../src/types.js";
import { DEV_ATTESTER, SECOND_ATTESTER } from "./attest.js";
import { ratio, type GasEntry } from "./common.js";
import { measureBallots } from "./ballots.js";
import { measureScale } from "./gas-scale.js";
import { measureL1Fee } from "./op.js";
import { deploySystem, LOCAL, type System } from "./system.js";
import { measureTransferGas } from "./transfer.js";

/** Hardhat's runtime environment and contracts deployed by name (the anchors have no generated ABIs): loosely typed. */
type Any = any;

/** issue 11: registerNode with its attestation within 1.3x of v1's registerNode, 190,889 gas (v1's own figure). */
export const V1_REGISTER_NODE = 190_889;
export const REGISTER_FACTOR = 1.3;

export type GasOptions = {
  /** Node counts for memoryPercentileMiB and floorRangeMiB: the first is the base of the ratio. */
  percentileCounts: number[];
  /** Threshold checkpoint counts for classifyAt: the first is the base of the difference. */
  checkpointCounts: number[];
  /** Nodes per page for the page figures (the SDK's NODES_PAGE_SIZE). */
  pageSize: number;
  log?: (message: string) => void;
};

export type GasRun = { gas: Record<string, GasEntry>; worstCasePageGas: number };

const line = (skuId: number, count = 1): DeviceLine[] => [{ skuId, count }];
const THREE_LINES: DeviceLine[] = [
  { skuId: SEED_SKU.RTX_3090, count: 2 },
  { skuId: SEED_SKU.RTX_4090, count: 1 },
  { skuId: SEED_SKU.RTX_5090, count: 1 },
];

/** Runs every gas measurement, each part on a fresh in-process network connection. */
export async function measureGas(hre: Any, options: GasOptions): Promise<GasRun> {
  const log = options.log ?? (() => {});
  const gas: Record<string, GasEntry> = {};
  log("deploying the system (ComputeCommonsLocal, local parameters, attesters: dev 9 and dev 8)");
  const s = await deploySystem(hre, { attesters: [DEV_ATTESTER, SECOND_ATTESTER] });
  Object.assign(gas, await governanceAndRegistry(s, log));
  Object.assign(gas, await classifyAtFigures(s, options.checkpointCounts, log));
  await s.close();

  Object.assign(
    gas,
    await measureBallots(hre, { counts: [options.percentileCounts[0]!, options.percentileCounts.at(-1)!], log }),
  );
  const scale = await measureScale(hre, options, log);
  Object.assign(gas, scale.gas);
  Object.assign(gas, await measureL1Fee(hre, log));
  Object.assign(gas, await measureTransferGas(hre, log));
  return { gas, worstCasePageGas: scale.worstCasePageGas };
}

async function governanceAndRegistry(s: System, log: (m: string) => void): Promise<Record<string, GasEntry>> {
  const gas: Record<string, GasEntry> = {};
  const { sys, wallets, deployer, txGas, wait, deploy, register, advance } = s;
  const { registry, classifier, governor, challenges } = sys;
  // Dev accounts: 1-4 vote on both governors, 5 and 10 own nodes, 6 keeps, 7 challenges; 8 and 9 attest.
  const VOTERS = wallets.slice(1, 5) as Any[];
  const [a, b, c, d] = VOTERS as [Any, Any, Any, Any];
  const [fresh, keeper, challenger, owner] = [wallets[5], wallets[6], wallets[7], wallets[10]];

  // ------------------------------------------------------------ registerNode into an empty registry
  log("registerNode with its attestation: the first node of an empty registry, then the owner's second");
  const first = await register(owner, line(SEED_SKU.RTX_4090), "owner-1");
  const second = await register(owner, line(SEED_SKU.RTX_4090), "owner-2");
  const budget = V1_REGISTER_NODE * REGISTER_FACTOR;
  gas.registerNode = {
    ours: first.gas,
    anchor: V1_REGISTER_NODE,
    ratio: ratio(first.gas, V1_REGISTER_NODE),
    goal: `<= ${REGISTER_FACTOR}x ${V1_REGISTER_NODE.toLocaleString("en-US")} = ${Math.floor(budget).toLocaleString("en-US")}`,
    met: first.gas <= budget,
    what:
      "registerNode with its attestation (verify: EIP-712 signature, catalog, device claims), 1 line, a fresh owner, " +
      "the first node of an empty registry (anchor: v1's registerNode, 190,889 gas, a fixed figure from issue 11)",
  };
  gas.registerNodeSecondOfOwner = {
    ours: second.gas,
    what: "registerNode with its attestation, 1 line, the owner's second node",
  };

  // ------------------------------------------------------------ the reference system
  log("deploying the anchors (ReferenceVotesToken, ReferenceGovernor, OneSlotSetter)");
  const refTimelock: Any = await deploy("TimelockController", [
    BigInt(LOCAL.timelockDelay),
    [],
    [zeroAddress],
    deployer.account.address,
  ]);
  // Supply starts at zero and grows by one per voter, a block apart: the same vote and total-supply
  // checkpoint history as the registry's activations (`oneMintToken` measures a token minted once).
  const refToken: Any = await deploy("ReferenceVotesToken", [deployer.account.address, 0n]);
  const oneMintToken: Any = await deploy("ReferenceVotesToken", [deployer.account.address, BigInt(VOTERS.length)]);
  const governorArgs = [LOCAL.votingDelay, LOCAL.votingPeriod, 4n, LOCAL.voteExtension];
  const oneMintGovernor: Any = await deploy("ReferenceGovernor", [
    oneMintToken.address,
    refTimelock.address,
    ...governorArgs,
  ]);
  const refGovernor: Any = await deploy("ReferenceGovernor", [refToken.address, refTimelock.address, ...governorArgs]);
  await wait(() => refTimelock.write.grantRole([keccak256(toHex("PROPOSER_ROLE")), refGovernor.address]));
  await wait(() => refTimelock.write.grantRole([keccak256(toHex("CANCELLER_ROLE")), refGovernor.address]));
  const setter: Any = await deploy("OneSlotSetter", [refTimelock.address, 1n]);

  // Same electorate on both: four voters with one vote each, self-delegated, nothing else (the owner's two
  // nodes stay Pending until the votes are over).
  const voterNodes: bigint[] = [];
  for (const [i, v] of VOTERS.entries())
    voterNodes.push((await register(v, line(SEED_SKU.RTX_4090), `voter-${i}`)).nodeId);
  await s.warmup();
  const activations: number[] = [];
  for (const [i, v] of VOTERS.entries()) {
    activations.push(await s.activate(voterNodes[i]!));
    await wait(() => refToken.write.mint([v.account.address, 1n]));
    await wait(() => refToken.write.delegate([v.account.address], { account: v.account }));
    await wait(() => oneMintToken.write.transfer([v.account.address, 1n]));
    await wait(() => oneMintToken.write.delegate([v.account.address], { account: v.account }));
  }
  gas.activate = {
    ours: activations.at(-1)!,
    what: "activate after the warm-up: the owner's first vote (self-delegation), 3 active nodes already",
  };
  await advance(LOCAL.minChangeInterval); // the classifier's rate limit allows a change

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
  const reason = "my two cards run 80B at 4-bit";
  const hashOf = (p: typeof ours) => keccak256(toHex(p.description));
  const flow = async (gov: Any, p: typeof ours) => {
    const r: Record<string, number> = {};
    r.propose = await txGas(() =>
      gov.write.propose([p.targets, p.values, p.calldatas, p.description], { account: a.account }),
    );
    const id: bigint = await gov.read.getProposalId([p.targets, p.values, p.calldatas, hashOf(p)]);
    return { r, id };
  };
  const o = await flow(governor, ours);
  const f = await flow(refGovernor, ref);
  // The one-mint reference only votes (it holds no timelock role: its proposal is never queued).
  const m = await flow(oneMintGovernor, ref);
  await advance(LOCAL.votingDelay + 1);
  for (const [gov, x] of [
    [governor, o],
    [refGovernor, f],
    [oneMintGovernor, m],
  ] as const) {
    x.r.castVoteFirst = await txGas(() => gov.write.castVote([x.id, 1], { account: a.account }));
    x.r.castVoteLater = await txGas(() => gov.write.castVote([x.id, 1], { account: b.account }));
    x.r.castVoteWithReasonFirst = await txGas(() =>
      gov.write.castVoteWithReason([x.id, 2, reason], { account: c.account }),
    );
    x.r.castVoteWithReasonLater = await txGas(() =>
      gov.write.castVoteWithReason([x.id, 2, reason], { account: d.account }),
    );
  }
  await advance(LOCAL.votingPeriod + LOCAL.voteExtension + 1);
  o.r.queue = await txGas(() => governor.write.queue([ours.targets, ours.values, ours.calldatas, hashOf(ours)]));
  f.r.queue = await txGas(() => refGovernor.write.queue([ref.targets, ref.values, ref.calldatas, hashOf(ref)]));
  await advance(LOCAL.timelockDelay + 1);
  o.r.execute = await txGas(() => governor.write.execute([ours.targets, ours.values, ours.calldatas, hashOf(ours)]));
  f.r.execute = await txGas(() => refGovernor.write.execute([ref.targets, ref.values, ref.calldatas, hashOf(ref)]));
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
  gas.propose = vs("propose", "propose setThresholds (call fence, open-proposal cap; anchor: propose a one-slot set)");
  gas.queue = vs("queue", "queue it in the timelock");
  gas.execute = vs("execute", "execute: setThresholds writes a checkpoint (anchor: one slot)");

  // ------------------------------------------------------------ the node lifecycle
  log("node lifecycle: activate, register, update, exit, withdraw");
  await s.activate(first.nodeId);
  gas.activateSecondOfOwner = { ours: await s.activate(second.nodeId), what: "activate, the owner's second vote" };
  gas.registerNodeThreeLines = {
    ours: (await register(fresh, THREE_LINES, "fresh-3")).gas,
    what: "registerNode with its attestation, 3 lines / 4 devices, a fresh owner, registry in use",
  };
  gas.newVote = await newVoteVsErc20Votes(s, VOTERS, wallets[11], wallets[12]);
  // Re-attest: one more device on the node (the histogram moves, the vote leaves, the bond is topped up).
  const twoCards = line(SEED_SKU.RTX_4090, 2);
  const reattested = await s.attest(owner.account.address, twoCards, "owner-1");
  const topUp = (await s.bondFor(twoCards)) - (await s.bondFor(line(SEED_SKU.RTX_4090)));
  gas.updateNode = {
    ours: await txGas(() =>
      registry.write.updateNode([first.nodeId, reattested.attestation, reattested.attester, reattested.signature, ""], {
        account: owner.account,
        value: topUp,
      }),
    ),
    what: "updateNode: a new attestation, 1 -> 2 devices, active node (bond topped up)",
  };
  gas.exitNode = {
    ours: await txGas(() => registry.write.exitNode([second.nodeId], { account: owner.account })),
    what: "exitNode, active node",
  };
  const unlockAt = BigInt((await sys.lens.read.node([second.nodeId])).unlockAt);
  await advance(unlockAt - s.now());
  gas.withdrawBond = {
    ours: await txGas(() => registry.write.withdrawBond([second.nodeId], { account: owner.account })),
    what: "withdrawBond after unbonding",
  };

  // ------------------------------------------------------------ lapses
  log("lapse and lapseMany of expired attestations");
  const warm = BigInt(await registry.read.warmup());
  const lapsing: bigint[] = [];
  for (let i = 0; i < 11; i++) {
    const o_ = await s.owner();
    const devices = line(i === 0 ? SEED_SKU.RTX_4090 : SEED_SKU.RTX_3090);
    lapsing.push((await register(o_, devices, `lapse-${i}`, { lifetime: warm + 60n })).nodeId);
  }
  await s.warmup();
  for (const id of lapsing) await s.activate(id);
  await advance(120);
  gas.lapse = {
    ours: await txGas(() => registry.write.lapse([lapsing[0]], { account: keeper.account })),
    what: "lapse, an active node whose attestation expired (keeper fee paid)",
  };
  gas.lapseMany = {
    ours: await txGas(() => registry.write.lapseMany([lapsing.slice(1)], { account: keeper.account })),
    what: "lapseMany, 10 expired active nodes of 10 owners (keeper fees paid once)",
  };

  // ------------------------------------------------------------ challenges
  log("challenge, answer (second attester), resolve, claimCredit");
  const deposit: bigint = await challenges.read.deposit();
  const [answered, slashed] = [voterNodes[0]!, voterNodes[1]!];
  gas.challenge = {
    ours: await txGas(() => challenges.write.challenge([answered], { account: challenger.account, value: deposit })),
    what: "challenge an active node (deposit held)",
  };
  await wait(() => challenges.write.challenge([slashed], { account: challenger.account, value: deposit }));
  await advance(10);
  // The same rig's devices, attested afresh by the other attester.
  const answer = await s.attest(a.account.address, line(SEED_SKU.RTX_4090), "voter-0", { by: SECOND_ATTESTER });
  gas.answer = {
    ours: await txGas(() =>
      challenges.write.answer([answered, answer.attestation, answer.attester, answer.signature], {
        account: a.account,
      }),
    ),
    what: "answer a challenge with a fresh attestation of the same devices from a different attester",
  };
  await advance(LOCAL.challengeWindow + 1);
  gas.resolve = {
    ours: await txGas(() => challenges.write.resolve([slashed])),
    what: "resolve an unanswered challenge after the window (slash an active node, half the bond burned)",
  };
  gas.claimCredit = {
    ours: await txGas(() => challenges.write.claimCredit({ account: challenger.account })),
    what: "claimCredit: the challenger's deposit and half the bond",
  };
  return gas;
}

async function classifyAtFigures(
  s: System,
  counts: number[],
  log: (m: string) => void,
): Promise<Record<string, GasEntry>> {
  log(`classifyAt with ${counts.join(", ")} threshold checkpoints`);
  const gas: Record<string, GasEntry> = {};
  const classifyGas: Record<number, number> = {};
  for (const count of counts) {
    const c: Any = await s.deploy("ModelClassifier", [
      s.deployer.account.address,
      s.sys.registry.address,
      { maxSmallParams: 70_000_000_000n, maxSmallTrainingFlop: 10n ** 25n },
      { quantBits: 4, overheadBps: 1000, minChangeInterval: 0n, raiseInterval: 0n },
      zeroAddress, // no ballots: the deployer sets the thresholds
    ]);
    const start = s.now();
    for (let i = 1; i < count; ++i) {
      // One block per change, one second apart: each is a new checkpoint.
      await s.wait(() => c.write.setThresholds([i % 2 === 1 ? 71_000_000_000n : 70_000_000_000n, 10n ** 25n]));
    }
    if ((await c.read.thresholdCheckpointCount()) !== BigInt(count)) throw new Error("checkpoint count");
    await s.mine();
    const now = s.now();
    // Oldest (the deepest search), middle and latest timepoints: report the most expensive.
    let worst = 0;
    for (const t of [start, start + (now - start) / 2n, now - 1n]) {
      const data = encodeFunctionData({
        abi: c.abi,
        functionName: "classifyAt",
        args: [70_000_000_000n, 10n ** 25n, t],
      });
      worst = Math.max(worst, await s.callGas(c.address, data));
    }
    classifyGas[count] = worst;
  }
  const base = counts[0]!;
  for (const count of counts) {
    const key = `classifyAt@${count}`;
    gas[key] = {
      ours: classifyGas[count]!,
      what: `classifyAt with ${count} threshold checkpoint(s), worst of oldest/middle/latest`,
    };
    if (count !== base) {
      const extra = classifyGas[count]! - classifyGas[base]!;
      Object.assign(gas[key]!, {
        anchor: classifyGas[base],
        ratio: ratio(classifyGas[count]!, classifyGas[base]!),
        goal: `<= @${base} + 30,000 (here +${extra})`,
        met: extra <= 30_000,
      });
    }
  }
  return gas;
}

/**
 * What a new vote costs: a fresh owner's registerNode (1 line, registry in use) and its activation, vs the
 * ERC20Votes way, a transfer to a new holder and its first delegate (a token of its own, distributed from an
 * undelegated treasury to the voters, who delegate to themselves, before the new holder is measured).
 */
async function newVoteVsErc20Votes(s: System, voters: Any[], owner: Any, holder: Any): Promise<GasEntry> {
  const node = await s.register(owner, line(SEED_SKU.RTX_4090), "new-vote");
  await s.warmup();
  const activation = await s.activate(node.nodeId);
  const token: Any = await s.deploy("ReferenceVotesToken", [s.deployer.account.address, 10n ** 24n]);
  for (const v of voters) {
    await s.wait(() => token.write.transfer([v.account.address, 10n ** 18n]));
    await s.wait(() => token.write.delegate([v.account.address], { account: v.account }));
  }
  const transfer = await s.txGas(() => token.write.transfer([holder.account.address, 10n ** 18n]));
  const delegate = await s.txGas(() => token.write.delegate([holder.account.address], { account: holder.account }));
  const ours = node.gas + activation;
  return {
    ours,
    anchor: transfer + delegate,
    ratio: ratio(ours, transfer + delegate),
    what:
      `a fresh owner's first vote: registerNode with its attestation ${node.gas} + activate ${activation}, 1 line, ` +
      `registry in use (anchor: ERC20Votes transfer to a new holder ${transfer} + its first delegate ${delegate})`,
  };
}
