/**
 * The threshold ballots through the SDK, on the run's `hardhat node` and its Ignition deployment: casting one
 * and several ballots, changing and withdrawing them, input refused before sending (with the bounds named),
 * the one-authority rule (settlements refused under the governor, `setThresholds` refused under the ballots,
 * before sending and at execution), a settlement after the handover moving the line one step toward the
 * median, and `settle` pruning the expired ballots it finds from the `BallotCast` events.
 */
import { decodeFunctionData, encodeFunctionData } from "viem";
import { describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { modelClassifierAbi, thresholdBallotsAbi } from "../../src/abi/generated.js";
import {
  BALLOT_BOUNDS,
  BALLOT_STEP,
  BallotsInChargeError,
  castBallot,
  ContractErrors,
  InvalidInputError,
  MissingWalletError,
} from "../../src/index.js";
import {
  advanceTime,
  advanceTo,
  commonsContracts,
  deployment,
  freshChain,
  loadFixture,
  publicClient,
  useChainSnapshot,
} from "../utils/chain.js";
import { expectError } from "./expect.js";
import {
  commonsFor,
  countedReader,
  countedWriter,
  executeWhenReady,
  passAndQueue,
  registerActive,
  registerAttested,
} from "./helpers.js";

useChainSnapshot();

const alice = commonsFor(1); // nodes 1 and 2
const bob = commonsFor(2); // node 3
const EPOCH = 60; // ignition/parameters/local.json: ballotEpoch
const LIFETIME = 60; // ballotLifetime
const FLOP = 10n ** 25n; // the deployment's FLOP line: ballots that ask for it leave it where it is
const rtx4090 = [{ skuId: SEED_SKU.RTX_4090, count: 1 }];
const VOTERS = [1, 2, 3, 4];

/** The lower bound of the log-scale bucket holding `value` (`LogHistogram.lowerBound(bucketOf(value))`). */
const bucketFloor = (value: bigint) => {
  const shift = BigInt(value.toString(2).length - 1 - 5);
  return (value >> shift) << shift;
};

/**
 * Mines a block at the start of the next epoch, so that what follows happens within one epoch (the node's
 * clock runs in real seconds between the blocks: a test has most of a minute).
 */
async function atEpochStart() {
  const { ballots } = commonsContracts();
  const [genesis, epoch] = await Promise.all([ballots.read.genesis(), ballots.read.epoch()]);
  await advanceTo(genesis + (epoch + 1n) * BigInt(EPOCH));
}

/** Five active nodes: Alice's 1 and 2, then one each for owners 2, 3 and 4. */
async function fiveNodes() {
  await loadFixture(freshChain);
  return registerActive([1, 1, 2, 3, 4].map((owner) => ({ owner, devices: rtx4090 })));
}

/** The five nodes, and the thresholds handed to the ballots by a proposal they passed. */
async function handedOver() {
  await loadFixture(fiveNodes);
  const { proposalId } = await commonsFor(1).proposeThresholdAuthority({ ballotsInCharge: true });
  await passAndQueue(proposalId, VOTERS);
  await executeWhenReady(proposalId);
}

describe("ThresholdBallots through the SDK: casting", () => {
  it("should mirror the contract's bounds and steps", async () => {
    const { ballots } = commonsContracts();
    const [minParams, maxParams, minFlop, maxFlop, raiseN, raiseD, lowerN, lowerD] = await Promise.all([
      ballots.read.MIN_PARAMS(),
      ballots.read.MAX_PARAMS(),
      ballots.read.MIN_FLOP(),
      ballots.read.MAX_FLOP(),
      ballots.read.RAISE_NUMERATOR(),
      ballots.read.RAISE_DENOMINATOR(),
      ballots.read.LOWER_NUMERATOR(),
      ballots.read.LOWER_DENOMINATOR(),
    ]);
    expect(BALLOT_BOUNDS).toEqual({
      maxSmallParams: { min: minParams, max: maxParams - 1n },
      maxSmallTrainingFlop: { min: minFlop, max: maxFlop - 1n },
    });
    expect(BALLOT_STEP).toEqual({
      raise: { numerator: raiseN, denominator: raiseD },
      lower: { numerator: lowerN, denominator: lowerD },
    });
  });

  it("should cast one node's ballot with castBallot and several with castBallots, and read each back", async () => {
    const [first, second] = await loadFixture(fiveNodes);
    await atEpochStart();
    const one = await alice.castBallot({
      nodeId: first!,
      maxSmallParams: 100_000_000_000n,
      maxSmallTrainingFlop: FLOP,
    });
    const tx = await publicClient.getTransaction({ hash: one.hash });
    expect(decodeFunctionData({ abi: thresholdBallotsAbi, data: tx.input }).functionName).toBe("castBallot");
    const { genesis, epochLength, epoch } = await alice.getBallotState();
    expect(epochLength).toBe(EPOCH);
    expect(one.nodeIds).toEqual([first]);
    expect(one.expiryEpoch).toBe(epoch + LIFETIME);
    expect(one.expiresAt).toBe(genesis + (epoch + LIFETIME) * EPOCH);
    expect(one.events[0]!.args).toMatchObject({ nodeId: first, owner: alice.account.address });
    expect(await alice.getBallot({ nodeId: first! })).toEqual({
      nodeId: first,
      maxSmallParams: 100_000_000_000n,
      maxSmallTrainingFlop: FLOP,
      castEpoch: epoch,
      expiryEpoch: epoch + LIFETIME,
      expiresAt: one.expiresAt,
      expired: false,
    });

    const both = await alice.castBallot({
      nodeIds: [first!, second!],
      maxSmallParams: "120000000000",
      maxSmallTrainingFlop: 2n * FLOP,
    });
    const batch = await publicClient.getTransaction({ hash: both.hash });
    expect(decodeFunctionData({ abi: thresholdBallotsAbi, data: batch.input }).functionName).toBe("castBallots");
    expect(both.events.map((e) => e.args.nodeId)).toEqual([first, second]);
    // The first node's ballot changed: still one ballot each, both at the new wish.
    const state = await alice.getBallotState();
    expect(state.liveBallots).toBe(2);
    expect(state.distribution.params).toEqual([
      {
        lowerBound: bucketFloor(120_000_000_000n),
        upperBound: expect.any(BigInt),
        ballots: 2,
      },
    ]);
    expect(state.medians).toEqual({
      maxSmallParams: bucketFloor(120_000_000_000n),
      maxSmallTrainingFlop: bucketFloor(2n * FLOP),
    });
    expect((await alice.getBallot({ nodeId: first! }))!.maxSmallParams).toBe(120_000_000_000n);
    expect(await alice.getBallot({ nodeId: 4n })).toBeUndefined();
  });

  it("should withdraw a ballot, and refuse withdrawing none or another owner's", async () => {
    const [first] = await loadFixture(fiveNodes);
    await alice.castBallot({ nodeId: first!, maxSmallParams: 100_000_000_000n, maxSmallTrainingFlop: FLOP });
    await expectError(
      bob.withdrawBallot({ nodeId: first! }),
      ContractErrors.ThresholdBallotsNotNodeOwner,
      `ThresholdBallotsNotNodeOwner: ${bob.account.address} does not own node ${first}`,
    );
    const { events } = await alice.withdrawBallot({ nodeId: first! });
    expect(events[0]!.args).toEqual({ nodeId: first, reason: 0 }); // Removal.Withdrawn
    expect(await alice.getBallot({ nodeId: first! })).toBeUndefined();
    expect((await alice.getBallotState()).liveBallots).toBe(0);
    await expectError(
      alice.withdrawBallot({ nodeId: first! }),
      ContractErrors.ThresholdBallotsNoBallot,
      `ThresholdBallotsNoBallot: node ${first} has no ballot`,
    );
  });

  it("should refuse a wish outside the bounds and malformed node lists before sending anything", async () => {
    await loadFixture(fiveNodes);
    const { commons, counter } = countedWriter(1);
    const ok = { nodeId: 1n, maxSmallParams: 100_000_000_000n, maxSmallTrainingFlop: FLOP };
    const low = await expectError(commons.castBallot({ ...ok, maxSmallParams: 1000n }), InvalidInputError);
    expect(low.field).toBe("maxSmallParams");
    expect(low.shortMessage).toBe(
      "Invalid maxSmallParams: 1000 is outside what a ballot may ask for: 1048576..4503599627370495 (1M to 4.5 × 10¹⁵)",
    );
    const high = await expectError(commons.castBallot({ ...ok, maxSmallTrainingFlop: 1n << 114n }), InvalidInputError);
    expect(high.field).toBe("maxSmallTrainingFlop");
    expect(high.shortMessage).toMatch(
      /is outside what a ballot may ask for: 1125899906842624\.\.20769187434139310514121985316880383 /,
    );
    await expectError(commons.castBallot({ ...ok, maxSmallParams: "7e10" }), InvalidInputError, /digits only/);
    await expectError(
      commons.castBallot({ ...ok, nodeIds: [1n] } as never),
      InvalidInputError,
      "Invalid nodeId: give exactly one of nodeId and nodeIds",
    );
    const { nodeId: _, ...wish } = ok;
    await expectError(
      commons.castBallot({ ...wish, nodeIds: [1n, 2n, 1n] }),
      InvalidInputError,
      "Invalid nodeIds[2]: node 1 is listed twice",
    );
    await expectError(commons.castBallot({ ...wish, nodeIds: [] }), InvalidInputError, /at least one node/);
    await expectError(commons.pruneBallots({ nodeIds: [0n] }), InvalidInputError, /nodeIds\[0\]/);
    const { commons: reader, counter: readerCounter } = countedReader();
    await expectError(castBallot(reader, ok), MissingWalletError, "castBallot needs a wallet client with an account");
    expect(counter.requests + readerCounter.requests).toBe(0);
  });

  it("should refuse another owner's node and a node that does not count yet, decoded", async () => {
    const [first] = await loadFixture(fiveNodes);
    const wish = { maxSmallParams: 100_000_000_000n, maxSmallTrainingFlop: FLOP };
    await expectError(
      bob.castBallot({ nodeId: first!, ...wish }),
      ContractErrors.ThresholdBallotsNotNodeOwner,
      `ThresholdBallotsNotNodeOwner: ${bob.account.address} does not own node ${first}`,
    );
    const { nodeId: pending } = await registerAttested(5, rtx4090);
    await expectError(
      commonsFor(5).castBallot({ nodeId: pending, ...wish }),
      ContractErrors.ThresholdBallotsNodeNotCounted,
      `ThresholdBallotsNodeNotCounted: node ${pending} does not count: only Active nodes (attested, warmed up, not lapsed) cast ballots`,
    );
  });
});

describe("ThresholdBallots through the SDK: one authority, settlements", () => {
  it("should refuse a settlement while the governor is in charge", async () => {
    const [first] = await loadFixture(fiveNodes);
    await alice.castBallot({ nodeId: first!, maxSmallParams: 100_000_000_000n, maxSmallTrainingFlop: FLOP });
    expect((await alice.getBallotState()).inCharge).toBe("governor");
    await expectError(commonsFor(0).settle(), ContractErrors.ThresholdBallotsNotInCharge);
    await expectError(
      alice.proposeThresholdAuthority({ ballotsInCharge: false }),
      InvalidInputError,
      "Invalid ballotsInCharge: the governor is in charge of the thresholds already",
    );
  });

  it("should move the line toward the median by at most one step per epoch after the handover, stopping at its bucket", async () => {
    await loadFixture(handedOver);
    expect((await alice.getBallotState()).inCharge).toBe("ballots");
    await atEpochStart();
    const wanted = 200_000_000_000n;
    await alice.castBallot({ nodeIds: [1n, 2n], maxSmallParams: wanted, maxSmallTrainingFlop: FLOP });
    await bob.castBallot({ nodeId: 3n, maxSmallParams: wanted, maxSmallTrainingFlop: FLOP });
    await commonsFor(3).castBallot({ nodeId: 4n, maxSmallParams: wanted, maxSmallTrainingFlop: FLOP });
    // One outlier asks for 10^15 parameters: the median does not follow it.
    await commonsFor(4).castBallot({ nodeId: 5n, maxSmallParams: 10n ** 15n, maxSmallTrainingFlop: FLOP });
    const preview = await alice.getBallotState();
    expect(preview).toMatchObject({ settleable: true, liveBallots: 5, expiredBallots: 0 });

    const r = await commonsFor(0).settle();
    expect(r.before).toEqual({ maxSmallParams: 70_000_000_000n, maxSmallTrainingFlop: FLOP });
    expect(r.medians).toEqual({ maxSmallParams: bucketFloor(wanted), maxSmallTrainingFlop: bucketFloor(FLOP) });
    // Toward the median, by one raise step (×5/4) at most: 70B → 87.5B.
    const step = (r.before.maxSmallParams * BALLOT_STEP.raise.numerator) / BALLOT_STEP.raise.denominator;
    expect(r.after).toEqual({ maxSmallParams: step, maxSmallTrainingFlop: FLOP });
    expect(r.after.maxSmallParams).toBeLessThan(r.medians.maxSmallParams);
    expect(preview.next).toEqual(r.after);
    expect(r).toMatchObject({ moved: true, liveBallots: 5n, epoch: BigInt(preview.epoch), pruned: [] });
    expect(await alice.getThresholds()).toEqual(r.after);
    expect((await alice.getThresholdHistory()).at(-1)).toMatchObject({
      oldMaxSmallParams: 70_000_000_000n,
      newMaxSmallParams: step,
      raisedToFloor: false,
    });

    const next = await alice.getBallotState();
    expect(next.lastSettledEpoch).toBe(preview.epoch);
    await expectError(
      commonsFor(0).settle(),
      ContractErrors.ThresholdBallotsAlreadySettled,
      new RegExp(`epoch ${preview.epoch} is settled already; the next settlement opens at `),
    );
    expect(next.nextSettleAt).toBe(next.genesis + (preview.epoch + 1) * EPOCH);

    // Epoch after epoch, one step at most each, up to the median's bucket and no further.
    await advanceTo(BigInt(next.nextSettleAt));
    let last = r;
    for (;;) {
      const again = await commonsFor(0).settle();
      expect(again.epoch).toBe(last.epoch + 1n);
      expect(again.before).toEqual(last.after);
      expect(again.after.maxSmallParams * BALLOT_STEP.raise.denominator).toBeLessThanOrEqual(
        again.before.maxSmallParams * BALLOT_STEP.raise.numerator,
      );
      expect(again.after.maxSmallParams).toBeLessThanOrEqual(bucketFloor(wanted));
      if (!again.moved) break;
      last = again;
      await advanceTime(EPOCH);
    }
    expect(last.after).toEqual({ maxSmallParams: bucketFloor(wanted), maxSmallTrainingFlop: FLOP });
    expect(last.epoch).toBe(r.epoch + 4n); // 87.5B → 109.4B → 136.7B → 170.9B → 197.6B
  });

  it("should prune the expired ballots it finds from the BallotCast events, and only those", async () => {
    await loadFixture(handedOver);
    const wish = { maxSmallParams: 100_000_000_000n, maxSmallTrainingFlop: FLOP };
    await alice.castBallot({ nodeIds: [1n, 2n], ...wish });
    await bob.castBallot({ nodeId: 3n, ...wish });
    await bob.withdrawBallot({ nodeId: 3n }); // gone before it could expire: not passed to settle
    await advanceTime((LIFETIME - 2) * EPOCH);
    await alice.castBallot({ nodeId: 2n, ...wish }); // renewed: live again
    await commonsFor(3).castBallot({ nodeId: 4n, ...wish });
    await advanceTime(3 * EPOCH); // node 1's ballot has expired
    const before = await alice.getBallotState();
    expect(before).toMatchObject({ liveBallots: 2, expiredBallots: 1, settleable: false });
    expect(await alice.getBallot({ nodeId: 1n })).toMatchObject({ expired: true });

    const skipped = await commonsFor(0).pruneBallots({ nodeIds: [2n, 3n, 4n] });
    expect(skipped.pruned).toEqual([]);

    const r = await commonsFor(0).settle();
    expect(r.pruned).toEqual([1n]);
    expect(r.events.filter((e) => e.eventName === "BallotRemoved").map((e) => e.args)).toEqual([
      { nodeId: 1n, reason: 2 }, // Removal.Expired
    ]);
    expect(r).toMatchObject({ liveBallots: 2n, moved: true });
    expect(await alice.getBallot({ nodeId: 1n })).toBeUndefined();
    expect(await alice.getBallotState()).toMatchObject({ liveBallots: 2, expiredBallots: 0 });
  });

  it("should refuse setThresholds by proposal while the ballots are in charge: before sending, and at execution", async () => {
    await loadFixture(handedOver);
    const { commons, counter } = countedWriter(1);
    await expectError(
      commons.proposeThresholds({
        maxSmallParams: 100_000_000_000n,
        maxSmallTrainingFlop: FLOP,
        description: "Small up to 100B",
      }),
      BallotsInChargeError,
      /the ballots are in charge of the thresholds/,
    );
    expect(counter.methods.filter((m) => m !== "eth_call")).toEqual([]);
    await expectError(
      alice.proposeThresholdAuthority({ ballotsInCharge: true }),
      InvalidInputError,
      "Invalid ballotsInCharge: the ballots are in charge of the thresholds already",
    );

    // The generic `propose` checks only the fence: the timelock's execution reverts, decoded.
    const data = encodeFunctionData({
      abi: modelClassifierAbi,
      functionName: "setThresholds",
      args: [100_000_000_000n, FLOP],
    });
    const { proposalId } = await alice.propose({
      actions: [{ target: deployment.classifier, data }],
      description: "Small up to 100B anyway",
    });
    await passAndQueue(proposalId, VOTERS);
    await expectError(
      executeWhenReady(proposalId),
      ContractErrors.ModelClassifierBallotsInCharge,
      "ModelClassifierBallotsInCharge: the ballots are in charge of the thresholds: setThresholds is refused until a proposal gives them back to the governor",
    );
  });
});
