import { http, keccak256, toHex } from "viem";
import { hardhat } from "viem/chains";
import { describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import {
  bondFor,
  castVoteBySig,
  floorMemory,
  ChainMismatchError,
  ContractErrors,
  createCommonsClient,
  exitNode,
  InvalidInputError,
  MissingWalletError,
  ThresholdBelowFloorError,
  ThresholdRateLimitError,
  toCommonsError,
  utc,
} from "../../src/index.js";
import { computeGovernorAbi } from "../../src/abi/generated.js";
import {
  advanceTime,
  commonsContracts,
  deployment,
  devAccount,
  freshChain,
  latestTimestamp,
  loadFixture,
  publicClient,
  rpcUrl,
  useChainSnapshot,
  walletFor,
} from "../utils/chain.js";
import { expectError } from "./expect.js";
import { activateAll, attestFor, commonsFor, countedWriter, registerActive, registerAttested } from "./helpers.js";

useChainSnapshot();

const alice = commonsFor(1);
const bob = commonsFor(2);
const carol = commonsFor(3);
const dave = commonsFor(4);
const { RTX_3090, RTX_4090, RTX_5090 } = SEED_SKU;
/** Local bond formula (the module's defaults): 0.01 ETH + 0.0005 ETH per GiB. */
const BOND = { bondBase: 10n ** 16n, bondPerGiB: 5n * 10n ** 14n };

describe("SDK writes: nodes", () => {
  it("should register a node from an attestation, paying bondFor its memory, Pending until activated", async () => {
    await loadFixture(freshChain);
    const signed = await attestFor(1, [{ skuId: RTX_4090, count: 1 }]);
    const hashes: string[] = [];
    const result = await alice.registerNode({
      ...signed,
      metadataURI: "ipfs://alice-rig",
      onTransactionHash: (hash) => hashes.push(hash),
    });
    expect(hashes).toEqual([result.hash]);
    expect(result.receipt.status).toBe("success");
    expect(result.events[0]!.args).toMatchObject({ owner: alice.account.address, attestationUid: signed.uid });
    expect(result.bond).toBe(bondFor(BOND, 24_576));
    expect(result.bond).toBe(await commonsContracts().registry.read.bondFor([24_576n]));
    const pending = await alice.getNode({ nodeId: result.nodeId });
    expect(pending).toMatchObject({
      status: "Pending",
      memoryMiB: 24_576,
      bond: 22n * 10n ** 15n,
      activatableAt: result.activatableAt,
      attesterId: 1,
      attestationUid: signed.uid,
      attestationExpiry: Number(signed.attestation.expirationTime),
      challenge: null,
      metadataURI: "ipfs://alice-rig",
    });
    expect(BigInt(result.activatableAt) - (await latestTimestamp())).toBe(360n); // voting delay + period
    expect(await alice.getVotes({ account: pending.owner })).toBe(0n);

    await expectError(
      bob.activateNode({ nodeId: result.nodeId }),
      ContractErrors.ComputeRegistryWarmingUp,
      `ComputeRegistryWarmingUp: node ${result.nodeId} is warming up until ${utc(result.activatableAt)}`,
    );
    await activateAll([result.nodeId]);
    expect(await alice.getNode({ nodeId: result.nodeId })).toMatchObject({ status: "Active", activatableAt: 0 });
    expect(await alice.getVotes({ account: pending.owner })).toBe(1n);
    // The same devices cannot register twice, whoever holds the attestation.
    const again = await attestFor(1, [{ skuId: RTX_4090, count: 1 }], { rig: "alice" });
    await alice.registerNode({ ...again });
    await expectError(
      alice.registerNode({ ...(await attestFor(1, [{ skuId: RTX_4090, count: 1 }], { rig: "alice" })) }),
      ContractErrors.ComputeRegistryDeviceInUse,
      /is in node \d+ already/,
    );
  });

  it("should refuse an attestation of another owner, or of devices the catalog refuses, before sending", async () => {
    await loadFixture(freshChain);
    const { commons, counter } = countedWriter(1);
    const bobs = await attestFor(2, [{ skuId: RTX_3090, count: 1 }]);
    const other = await expectError(commons.registerNode({ ...bobs }), InvalidInputError);
    expect(other.shortMessage).toBe(
      `Invalid attestation: it attests devices of ${bobs.attestation.recipient}, not of ${alice.account.address} who would submit it`,
    );
    const altered = { ...bobs, attestation: { ...bobs.attestation, recipient: alice.account.address } };
    await expectError(commons.registerNode(altered), InvalidInputError, /was altered/);
    const alices = await attestFor(1, [{ skuId: RTX_3090, count: 1 }]);
    await expectError(
      commons.registerNode({ ...alices, uid: undefined, attestation: { ...alices.attestation, data: "0x1234" } }),
      InvalidInputError,
      /does not decode/,
    );
    await expectError(
      commons.registerNode({ ...alices, metadataURI: "x".repeat(257) }),
      InvalidInputError,
      /257 bytes/,
    );
    // Nothing simulated, nothing sent.
    expect(counter.methods.filter((m) => m !== "eth_call")).toEqual([]);
  });

  it("should decode the registry's refusals of attestations into typed errors", async () => {
    await loadFixture(freshChain);
    const signed = await attestFor(1, [{ skuId: RTX_3090, count: 1 }]);
    await commonsFor(9).revokeAttestation({ uid: signed.uid });
    await expectError(alice.registerNode({ ...signed }), ContractErrors.HardwareAttestationsRevoked, /revoked/);
    const forged = { ...(await attestFor(1, [{ skuId: RTX_3090, count: 1 }])), attester: bob.account.address };
    await expectError(
      alice.registerNode(forged),
      ContractErrors.HardwareAttestationsNotAttester,
      `HardwareAttestationsNotAttester: ${bob.account.address} is not an active attester`,
    );
    const short = await attestFor(1, [{ skuId: RTX_3090, count: 1 }], { expiresIn: 10n });
    await advanceTime(11);
    await expectError(alice.registerNode({ ...short }), ContractErrors.HardwareAttestationsBadExpiry, /expired at/);
  });

  it("should update, exit and withdraw, with reverts decoded into typed errors", async () => {
    await loadFixture(freshChain);
    const { nodeId } = await registerAttested(2, [{ skuId: RTX_3090, count: 2 }]);
    const fresh = await attestFor(2, [{ skuId: RTX_5090, count: 1 }]);
    const updated = await bob.updateNode({ nodeId, ...fresh });
    expect(updated.events[0]!.args).toMatchObject({ oldMemoryMiB: 49_152, newMemoryMiB: 32_768 });
    expect(updated.topUp).toBe(0n); // it holds the 48 GiB bond already
    await expectError(bob.updateNode({ nodeId, ...fresh }), ContractErrors.ComputeRegistrySameAttestation);
    // A bigger rig tops the bond up.
    const bigger = await bob.updateNode({ nodeId, ...(await attestFor(2, [{ skuId: RTX_5090, count: 2 }])) });
    expect(bigger.topUp).toBe(bondFor(BOND, 65_536) - bondFor(BOND, 49_152));

    const notOwner = await expectError(alice.exitNode({ nodeId }), ContractErrors.ComputeRegistryNotNodeOwner);
    expect(notOwner.shortMessage).toBe(
      `ComputeRegistryNotNodeOwner: ${alice.account.address} does not own node ${nodeId}`,
    );
    expect(notOwner.args).toEqual([nodeId, alice.account.address]);

    const exited = await bob.exitNode({ nodeId });
    const unlockAt = exited.events[0]!.args.unlockAt;
    await expectError(
      bob.withdrawBond({ nodeId }),
      ContractErrors.ComputeRegistryBondLocked,
      `ComputeRegistryBondLocked: node ${nodeId}'s bond unlocks at ${utc(unlockAt)}`,
    );
    await expectError(
      bob.exitNode({ nodeId }),
      ContractErrors.ComputeRegistryWrongNodeStatus,
      `ComputeRegistryWrongNodeStatus: node ${nodeId} is Exiting`,
    );
    await advanceTime(601);
    const before = await publicClient.getBalance({ address: bob.account.address });
    const paid = await bob.withdrawBond({ nodeId });
    expect(paid.events[0]!.args.amount).toBe(bondFor(BOND, 65_536));
    const after = await publicClient.getBalance({ address: bob.account.address });
    const gas = paid.receipt.gasUsed * paid.receipt.effectiveGasPrice;
    expect(after - before + gas).toBe(bondFor(BOND, 65_536));
    await expectError(bob.getNode({ nodeId: 10_000n }), ContractErrors.ComputeRegistryUnknownNode);
  });

  it("should lapse a revoked node for the keeper fee, and many at once skipping those that hold", async () => {
    await loadFixture(freshChain);
    const [first, second, third] = await registerActive([
      { owner: 1, devices: [{ skuId: RTX_3090, count: 1 }] },
      { owner: 2, devices: [{ skuId: RTX_4090, count: 1 }] },
      { owner: 3, devices: [{ skuId: RTX_5090, count: 1 }] },
    ]);
    await expectError(
      dave.lapseNode({ nodeId: first! }),
      ContractErrors.ComputeRegistryNotLapsable,
      `ComputeRegistryNotLapsable: node ${first}'s attestation still holds: it cannot be lapsed`,
    );
    const attester = commonsFor(9);
    for (const nodeId of [first!, second!]) {
      await attester.revokeAttestation({ uid: (await dave.getNode({ nodeId })).attestationUid });
    }
    const lapsed = await dave.lapseNode({ nodeId: first! });
    expect(lapsed).toMatchObject({ reason: "Revoked", fee: 10n ** 15n });
    expect(await dave.getNode({ nodeId: first! })).toMatchObject({
      status: "Lapsed",
      bond: bondFor(BOND, 24_576) - 10n ** 15n,
    });
    expect(await alice.getVotes({ account: alice.account.address })).toBe(0n);
    const many = await dave.lapseNodes({ nodeIds: [second!, third!] });
    expect(many).toMatchObject({ lapsed: [second], fee: 10n ** 15n });
    await expectError(dave.lapseNodes({ nodeIds: [] }), InvalidInputError, /at least one/);
    await expectError(dave.lapseNodes({ nodeIds: [1n, 1n] }), InvalidInputError, /node 1 is listed twice/);
    // A lapsed node is re-attested with updateNode.
    const back = await alice.updateNode({ nodeId: first!, ...(await attestFor(1, [{ skuId: RTX_3090, count: 1 }])) });
    expect(back.topUp).toBe(10n ** 15n);
    expect((await alice.getNode({ nodeId: first! })).status).toBe("Pending");
  });

  it("should refuse to write on the wrong chain or without a wallet", async () => {
    await loadFixture(freshChain);
    const wrongChain = createCommonsClient({
      chain: hardhat,
      transport: http(rpcUrl),
      account: alice.account,
      deployment: { ...deployment, chainId: 1 },
    });
    const err = await expectError(wrongChain.activateNode({ nodeId: 1n }), ChainMismatchError);
    expect(err.shortMessage).toBe("Wrong network: the deployment is on chain 1 but the RPC is chain 31337");
    // The standalone action, on a client without an account.
    await expectError(exitNode({ ...publicClient, deployment }, { nodeId: 1n }), MissingWalletError, /needs a wallet/);
  });
});

describe("SDK writes: models and classification", () => {
  it("should register models and classify them now and in the past", async () => {
    await loadFixture(freshChain);
    const weightsHash = keccak256(toHex("sdk-test llama-3.1-405b"));
    const { modelId } = await carol.registerModel({
      name: "Llama 3.1 405B",
      params: 405_000_000_000n,
      trainingFlop: 38n * 10n ** 24n,
      weightsHash,
      uri: "https://huggingface.co/meta-llama/Llama-3.1-405B",
      openWeights: true,
    });
    expect(await carol.classifyModel({ modelId })).toBe("Large");
    expect(await carol.classify({ params: "8030000000", trainingFlop: 1_224n * 10n ** 21n })).toBe("Small");
    await expectError(
      carol.classify({ params: "7e9", trainingFlop: 1n }),
      InvalidInputError,
      /"7e9" is not a whole decimal number/,
    );
    await expectError(carol.classify({ params: -1, trainingFlop: 1n }), InvalidInputError, /below the minimum 0/);
    await expectError(carol.classify({ params: 2 ** 60, trainingFlop: 1n }), InvalidInputError, /above 2\^53/);
    const dup = await expectError(
      carol.registerModel({ name: "copy", params: 1n, trainingFlop: 1n, weightsHash }),
      ContractErrors.ModelClassifierDuplicateModel,
    );
    expect(dup.shortMessage).toBe(
      `ModelClassifierDuplicateModel: ${carol.account.address} has registered these weights already, as model ${modelId}`,
    );
    // Another registrant's record of the same weights is its own: it neither blocks nor overrules Carol's.
    const squat = await dave.registerModel({ name: "Llama 3.1 405B", params: 1n, trainingFlop: 1n, weightsHash });
    expect((await dave.getModel({ modelId: squat.modelId })).registrant).toBe(dave.account.address);
    expect(await carol.classifyModel({ modelId })).toBe("Large");
    await expectError(
      carol.registerModel({ name: "", params: 1n, trainingFlop: 1n, weightsHash: keccak256("0x01") }),
      InvalidInputError,
      /name: must not be empty/,
    );
    const now = (await publicClient.getBlock()).timestamp;
    await expectError(
      carol.classifyModel({ modelId, timepoint: now + 100n }),
      ContractErrors.ModelClassifierFutureLookup,
      /is not in the past/,
    );
  });
});

/** Five attested 24 GiB nodes, active, two of them Alice's: the consumer floor is 46.4B, and Alice has two votes. */
async function fiveNodes() {
  await loadFixture(freshChain);
  const rtx4090 = [{ skuId: RTX_4090, count: 1 }];
  await registerActive([1, 1, 2, 3, 4].map((owner) => ({ owner, devices: rtx4090 })));
  await advanceTime(floorMemory(320n) + 1n); // past the floor window: the floor's range is the 24 GiB nodes' alone
}

/** The five nodes, and Alice's proposal to raise the Small line to 100B (Pending). */
async function proposed() {
  await loadFixture(fiveNodes);
  return alice.proposeThresholds({
    maxSmallParams: 100_000_000_000n,
    maxSmallTrainingFlop: 10n ** 25n,
    description: "Raise Small to 100B: two used RTX 3090s run it",
  });
}

/** The proposal voted on: Alice for with a reason, Bob against, Carol for by signature through a relayer. */
async function voted() {
  const { proposalId } = await loadFixture(proposed);
  await advanceTime(61);
  const direct = await alice.castVote({ proposal: proposalId, support: "for", reason: "Consumer rigs run it" });
  await bob.castVote({ proposal: proposalId, support: "against" });
  const relayer = walletFor(5);
  const signed = await carol.castVoteBySig({ proposal: proposalId, support: "for", relayer });
  return { proposalId, direct, signed, relayer };
}

describe("SDK writes: a governance round", () => {
  it("should activate attested 24 GiB nodes so the consumer floor is 46.4B parameters over the window", async () => {
    await loadFixture(fiveNodes);
    expect(await alice.getConsumerFloor()).toEqual({ memoryMiB: 24_576n, params: 46_385_646_796n });
    const range = await alice.getFloorRange();
    expect(range).toEqual({
      now: { memoryMiB: 24_576n, params: 46_385_646_796n },
      lowest: { memoryMiB: 24_576n, params: 46_385_646_796n },
      highest: { memoryMiB: 24_576n, params: 46_385_646_796n },
      window: 320n,
    });
  });

  it("should refuse a proposal below the highest floor over the window or outside the rate limit before sending", async () => {
    await loadFixture(fiveNodes);
    // Bigger nodes are the median for a moment: their floor stays the guard's for the whole window.
    const big = [{ skuId: RTX_3090, count: 2 }];
    const bigIds = await registerActive([
      { owner: 5, devices: big },
      { owner: 6, devices: big },
    ]);
    for (const [owner, nodeId] of [
      [1, 2n],
      [2, 3n],
      [3, 4n],
      [4, 5n],
    ] as const)
      await commonsFor(owner).exitNode({ nodeId });
    expect((await alice.getConsumerFloor()).memoryMiB).toBe(49_152n);
    for (const [i, nodeId] of bigIds.entries()) await commonsFor(5 + i).exitNode({ nodeId });
    const range = await alice.getFloorRange();
    expect(range.now.params).toBe(46_385_646_796n);
    expect(range.highest).toEqual({ memoryMiB: 49_152n, params: 92_771_293_593n });
    const below = await expectError(
      alice.proposeThresholds({
        maxSmallParams: 90_000_000_000n,
        maxSmallTrainingFlop: 10n ** 25n,
        description: "Lower Small to 90B",
      }),
      ThresholdBelowFloorError,
    );
    expect(below.shortMessage).toBe(
      "maxSmallParams 90000000000 is below the consumer floor of 92771293593 parameters " +
        "(the highest over the floor window: what the floor-percentile node with 49152 MiB can run)",
    );
    await expectError(
      alice.proposeThresholds({
        maxSmallParams: 150_000_000_000n,
        maxSmallTrainingFlop: 10n ** 25n,
        description: "Triple it",
      }),
      ThresholdRateLimitError,
      /allows 35000000000\.\.140000000000, got 150000000000/,
    );
    await expectError(
      alice.proposeThresholds({
        maxSmallParams: 70_000_000_000n,
        maxSmallTrainingFlop: 10n ** 25n,
        description: "Same",
      }),
      InvalidInputError,
      /equal the current thresholds/,
    );
  });

  it("should propose with a #proposer suffix and return the proposal's sequential id", async () => {
    const result = await loadFixture(proposed);
    expect(result.description.endsWith(`#proposer=${alice.account.address}`)).toBe(true);
    expect(result.descriptionHash).toBe(keccak256(toHex(result.description)));
    expect(result.proposalId).toBe(1n);
    expect(result.proposalNumber).toBe(1n);
    const [latest] = (await alice.readGovernanceState({ proposalLimit: 1 })).proposals;
    expect(latest).toMatchObject({ id: 1n, number: 1n, state: "Pending", veto: { votes: 0n, threshold: 0n } });
    expect(latest!.actions).toEqual([
      {
        target: deployment.classifier,
        selector: "0x77756c7d",
        calldataLength: 68,
        contract: "classifier",
        signature: "setThresholds(uint64,uint128)",
        functionName: "setThresholds",
      },
    ]);
    const details = await alice.getProposalActions({ proposal: 1 });
    expect(details.actions[0]).toMatchObject({
      target: deployment.classifier,
      contract: "classifier",
      functionName: "setThresholds",
      args: [100_000_000_000n, 10n ** 25n],
    });
    expect(details.descriptionHash).toBe(result.descriptionHash);
    expect(details.proposalHash).toBe(latest!.proposalHash);
    expect(await alice.getProposal({ proposal: 1 })).toEqual(latest);
    await expectError(alice.getProposal({ proposal: 2 }), InvalidInputError, /there is no proposal 2 \(there are 1\)/);
    await expectError(alice.getProposalActions({ proposal: 2 }), InvalidInputError, /there is no proposal 2/);
  });

  it("should vote directly, with a reason, and by signature through a relayer; replay is refused", async () => {
    const { proposalId, direct, signed, relayer } = await loadFixture(voted);
    // Alice registered two nodes: two votes.
    expect(direct.events[0]!.args).toMatchObject({ support: 1, weight: 2n, reason: "Consumer rigs run it" });
    expect(signed.events[0]!.args.voter).toBe(carol.account.address);
    expect(signed.receipt.from.toLowerCase()).toBe(relayer.account.address.toLowerCase());

    // Replaying the same signature: the nonce moved on, so it no longer recovers to the voter.
    const replay = await publicClient
      .simulateContract({
        address: deployment.governor,
        abi: computeGovernorAbi,
        functionName: "castVoteBySig",
        args: [proposalId, 1, carol.account.address, signed.signature],
        account: relayer.account,
      })
      .catch((e: unknown) => toCommonsError(e));
    expect(replay).toBeInstanceOf(ContractErrors.GovernorInvalidSignature);

    await expectError(
      alice.castVote({ proposal: proposalId, support: "for" }),
      ContractErrors.GovernorAlreadyCastVote,
      `GovernorAlreadyCastVote: ${alice.account.address} has already voted`,
    );
    await expectError(
      castVoteBySig(dave, { proposal: proposalId, support: "maybe" as never }),
      InvalidInputError,
      /not for, against or abstain/,
    );
    await expectError(
      alice.castVote({ proposal: 7, support: "for" }),
      InvalidInputError,
      /no proposal 7 \(there are 1\)/,
    );
    const [p] = await alice.listProposals();
    expect(p!.votes).toEqual({ for: 3n, against: 1n, abstain: 0n });
  });

  it("should queue and execute, and the thresholds and history follow", async () => {
    const { proposalId } = await loadFixture(voted);
    await expectError(
      dave.queueProposal({ proposal: proposalId }),
      ContractErrors.GovernorUnexpectedProposalState,
      /is Active, which does not allow this/,
    );
    await advanceTime(301 + 600);
    await dave.queueProposal({ proposal: 1 });
    await expectError(dave.executeProposal({ proposal: proposalId }), ContractErrors.TimelockUnexpectedOperationState);
    await advanceTime(61);
    const executed = await dave.executeProposal({ proposal: proposalId });
    expect(executed.events[0]!.args.proposalId).toBe(proposalId);
    expect((await dave.getThresholds()).maxSmallParams).toBe(100_000_000_000n);

    const history = await dave.getThresholdHistory({ blockRange: 3 });
    expect(history.at(-1)).toMatchObject({ oldMaxSmallParams: 70_000_000_000n, newMaxSmallParams: 100_000_000_000n });
    const votes = await dave.getVoteHistory({ blockRange: 5 });
    expect(votes.filter((v) => v.proposalId === proposalId)).toHaveLength(3);
    const registrations = await dave.getRegistrationHistory();
    expect(registrations).toHaveLength(5);
    const state = await dave.readGovernanceState();
    expect(state.proposals[0]).toMatchObject({ id: proposalId, state: "Executed", quorumReached: true });
    expect(devAccount(1).address).toBe(alice.account.address);
  });
});
