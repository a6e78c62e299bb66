/**
 * Challenges through the SDK against the run's node: a node challenged and answered with a second attester's
 * attestation of the same devices (the second attester added by a governance round), one unanswered and
 * slashed (half to the challenger, half burned), the credits claimed, and a removed attester's nodes lapsing.
 */
import { describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { bondFor, ContractErrors, ether } from "../../src/index.js";
import { advanceTo, devAccount, freshChain, loadFixture, publicClient, useChainSnapshot } from "../utils/chain.js";
import { expectError } from "./expect.js";
import { activateAll, attestFor, changeAttesters, commonsFor, registerActive, registerAttested } from "./helpers.js";

useChainSnapshot();

const SECOND_ATTESTER = 10;
const CHALLENGER = 5;
const BURN = "0x000000000000000000000000000000000000dEaD";
const BOND = { bondBase: 10n ** 16n, bondPerGiB: 5n * 10n ** 14n };
const RIG = [{ skuId: SEED_SKU.RTX_3090, count: 2 }];

/**
 * Three active nodes (owners 1–3; owner 1's rig is "rig-a"), and a second attester (account 10) added by a
 * governance round they pass.
 */
async function twoAttesters() {
  await loadFixture(freshChain);
  const first = await attestFor(1, RIG, { rig: "rig-a" });
  const { nodeId } = await commonsFor(1).registerNode({ ...first });
  await activateAll([nodeId]);
  await registerActive([
    { owner: 2, devices: [{ skuId: SEED_SKU.RTX_4090, count: 1 }] },
    { owner: 3, devices: [{ skuId: SEED_SKU.RTX_5090, count: 1 }] },
  ]);
  await changeAttesters("addAttester", SECOND_ATTESTER, 1, [1, 2, 3]);
  return { nodeId };
}

/** The fixture, and owner 1's node challenged by account 5. */
async function challenged() {
  const { nodeId } = await loadFixture(twoAttesters);
  const result = await commonsFor(CHALLENGER).challengeNode({ nodeId });
  return { nodeId, ...result };
}

describe("challenges", () => {
  it("should challenge a node with the deposit, read back on the node", async () => {
    const { nodeId, deposit, deadline, events } = await loadFixture(challenged);
    expect(deposit).toBe(5n * 10n ** 16n);
    expect(events[0]!.args).toMatchObject({ nodeId, challenger: devAccount(CHALLENGER).address, deposit });
    const node = await commonsFor(0).getNode({ nodeId });
    expect(node.challenge).toEqual({ challenger: devAccount(CHALLENGER).address, deadline });
    const [listed] = await commonsFor(0).listNodes({ challenges: true });
    expect(listed!.challenge).toEqual(node.challenge);
    await expectError(
      commonsFor(2).challengeNode({ nodeId }),
      ContractErrors.NodeChallengesAlreadyChallenged,
      new RegExp(`node ${nodeId} is challenged already`),
    );
    await expectError(
      commonsFor(1).challengeNode({ nodeId: 2n }),
      ContractErrors.NodeChallengesNothingToChallenge,
    ).catch(() => undefined); // node 2 has a bond: refused for another reason below
    await expectError(
      commonsFor(2).challengeNode({ nodeId: 2n }),
      ContractErrors.NodeChallengesOwnNode,
      /its own node/,
    );
    await expectError(
      commonsFor(1)
        .exitNode({ nodeId })
        .then(() => commonsFor(1).withdrawBond({ nodeId })),
      ContractErrors.ComputeRegistryBondLocked,
    );
  });

  it("should take an answer from another attester for the same devices, and credit the deposit to the owner", async () => {
    const { nodeId, deposit } = await loadFixture(challenged);
    const owner = commonsFor(1);
    const same = await attestFor(1, RIG, { rig: "rig-a" });
    await expectError(
      owner.answerChallenge({ nodeId, ...same }),
      ContractErrors.NodeChallengesSameAttester,
      `NodeChallengesSameAttester: node ${nodeId} was attested by attester 1: the answer needs another attester`,
    );
    const otherDevices = await attestFor(1, RIG, { rig: "another", attester: SECOND_ATTESTER });
    await expectError(owner.answerChallenge({ nodeId, ...otherDevices }), ContractErrors.NodeChallengesDevicesDiffer);
    await expectError(
      commonsFor(2).answerChallenge({ nodeId, ...(await attestFor(2, RIG, { attester: SECOND_ATTESTER })) }),
      ContractErrors.NodeChallengesNotNodeOwner,
    );
    const fresh = await attestFor(1, RIG, { rig: "rig-a", attester: SECOND_ATTESTER });
    const answered = await owner.answerChallenge({ nodeId, ...fresh });
    expect(answered.events[0]!.args).toMatchObject({ nodeId, attesterId: 2, attestationUid: fresh.uid, deposit });
    expect(await owner.getNode({ nodeId })).toMatchObject({
      status: "Active",
      attesterId: 2,
      attestationUid: fresh.uid,
      challenge: null,
    });
    expect(await owner.getCredit({ account: owner.account.address })).toBe(deposit);
    const before = await publicClient.getBalance({ address: owner.account.address });
    const claimed = await owner.claimCredit();
    const gas = claimed.receipt.gasUsed * claimed.receipt.effectiveGasPrice;
    expect(claimed.amount).toBe(deposit);
    expect((await publicClient.getBalance({ address: owner.account.address })) - before + gas).toBe(deposit);
    await expectError(
      owner.claimCredit(),
      ContractErrors.NodeChallengesNoCredit,
      `NodeChallengesNoCredit: nothing is credited to ${owner.account.address}`,
    );
  });

  it("should slash an unanswered node after the window: half to the challenger with its deposit, half burned", async () => {
    const { nodeId, deposit, deadline } = await loadFixture(challenged);
    const challenger = commonsFor(CHALLENGER);
    await expectError(
      challenger.resolveChallenge({ nodeId }),
      ContractErrors.NodeChallengesNotExpired,
      /resolve after/,
    );
    await advanceTo(BigInt(deadline) + 1n);
    await expectError(
      commonsFor(1).answerChallenge({
        nodeId,
        ...(await attestFor(1, RIG, { rig: "rig-a", attester: SECOND_ATTESTER })),
      }),
      ContractErrors.NodeChallengesExpired,
    );
    const burnBefore = await publicClient.getBalance({ address: BURN });
    const votesBefore = await challenger.getVotes({ account: devAccount(1).address });
    const resolved = await challenger.resolveChallenge({ nodeId });
    const bond = bondFor(BOND, 49_152);
    expect(resolved.events[0]!.args).toMatchObject({
      nodeId,
      challenger: devAccount(CHALLENGER).address,
      toChallenger: bond / 2n,
      burned: bond - bond / 2n,
    });
    expect((await publicClient.getBalance({ address: BURN })) - burnBefore).toBe(bond - bond / 2n);
    expect(await challenger.getNode({ nodeId })).toMatchObject({ status: "Slashed", bond: 0n, challenge: null });
    expect(await challenger.getVotes({ account: devAccount(1).address })).toBe(votesBefore - 1n);
    const { amount } = await challenger.claimCredit();
    expect(amount).toBe(deposit + bond / 2n);
    expect(ether(amount)).toBe("0.067 ETH");
    await expectError(challenger.resolveChallenge({ nodeId }), ContractErrors.NodeChallengesNoChallenge);
    await expectError(
      challenger.challengeNode({ nodeId }),
      ContractErrors.NodeChallengesNothingToChallenge,
      `NodeChallengesNothingToChallenge: node ${nodeId} holds no bond to challenge`,
    );
  });

  it("should lapse the nodes of a removed attester, and take them back re-attested by another", async () => {
    await loadFixture(twoAttesters);
    // A node attested by the second attester, then the second attester removed by a vote.
    await registerAttested(4, [{ skuId: SEED_SKU.RX_7900_XTX, count: 1 }]);
    const { nodeId } = await commonsFor(6).registerNode({
      ...(await attestFor(6, RIG, { attester: SECOND_ATTESTER })),
    });
    await changeAttesters("removeAttester", SECOND_ATTESTER, 2, [1, 2, 3]);
    expect((await commonsFor(0).getAttesters()).map((a) => a.address)).toEqual([devAccount(9).address]);
    const { lapsed, fee } = await commonsFor(CHALLENGER).lapseNodes({ nodeIds: [1n, 2n, 3n, nodeId] });
    expect({ lapsed, fee }).toEqual({ lapsed: [nodeId], fee: 10n ** 15n });
    const [event] = (await commonsFor(CHALLENGER)
      .lapseNode({ nodeId })
      .catch((e: Error) => [e])) as Error[];
    expect(event).toBeInstanceOf(ContractErrors.ComputeRegistryNotLapsable);
    const node = await commonsFor(0).getNode({ nodeId });
    expect(node.status).toBe("Lapsed");
    await commonsFor(6).updateNode({ nodeId, ...(await attestFor(6, RIG)) });
    expect((await commonsFor(0).getNode({ nodeId })).status).toBe("Pending");
  });
});
