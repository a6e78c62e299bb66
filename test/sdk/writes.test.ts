import { http, keccak256, toHex } from "viem";
import { hardhat } from "viem/chains";
import { describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import {
  castVoteBySig,
  ChainMismatchError,
  CommonsError,
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
  deployment,
  freshChain,
  loadFixture,
  publicClient,
  rpcUrl,
  useChainSnapshot,
  walletFor,
} from "../utils/chain.js";
import { commonsFor, countedWriter } from "./helpers.js";

useChainSnapshot();

const alice = commonsFor(1);
const bob = commonsFor(2);
const carol = commonsFor(3);
const dave = commonsFor(4);
const { RTX_3090, RTX_4090, RTX_5090, M2_ULTRA_192GB } = SEED_SKU;

async function expectError<T extends abstract new (...args: never[]) => Error>(
  promise: Promise<unknown>,
  cls: T,
  message?: RegExp | string,
): Promise<InstanceType<T>> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, "expected a rejection").toBeInstanceOf(cls);
  if (message !== undefined) expect((err as CommonsError).shortMessage).toMatch(message);
  return err as InstanceType<T>;
}

describe("SDK writes: nodes", () => {
  it("should register a node, reading the bond itself, and return its id and event", async () => {
    await loadFixture(freshChain);
    const hashes: string[] = [];
    const result = await alice.registerNode({
      devices: [{ skuId: RTX_4090, count: 1 }],
      metadataURI: "ipfs://alice-rig",
      onTransactionHash: (hash) => hashes.push(hash),
    });
    expect(hashes).toEqual([result.hash]);
    expect(result.receipt.status).toBe("success");
    expect(result.events[0]!.args.owner).toBe(alice.account.address);
    const node = await alice.getNode({ nodeId: result.nodeId });
    expect(node).toMatchObject({ status: "Active", memoryMiB: 24_576, bond: 10n ** 16n });
    expect(await alice.getVotes({ account: node.owner })).toBeGreaterThanOrEqual(1n);
  });

  it("should refuse bad device lists before sending anything", async () => {
    await loadFixture(freshChain);
    const { commons, counter } = countedWriter(1);
    await expectError(commons.registerNode({ devices: [] }), InvalidInputError, /at least one device/);
    await expectError(
      commons.registerNode({ devices: [{ skuId: 99, count: 1 }] }),
      InvalidInputError,
      /unknown SKU 99/,
    );
    await expectError(
      commons.registerNode({ devices: [{ skuId: RTX_3090, count: 9 }] }),
      InvalidInputError,
      /9 devices; a node holds at most 8/,
    );
    await expectError(
      commons.registerNode({ devices: [{ skuId: RTX_3090, count: "1.5" }] }),
      InvalidInputError,
      /not a whole decimal number/,
    );
    await expectError(
      commons.registerNode({ devices: [{ skuId: RTX_3090, count: 0 }] }),
      InvalidInputError,
      /below the minimum 1/,
    );
    await expectError(
      commons.registerNode({
        devices: [
          { skuId: RTX_3090, count: 1 },
          { skuId: RTX_3090, count: 1 },
        ],
      }),
      InvalidInputError,
      new RegExp(`SKU ${RTX_3090} is listed twice`),
    );
    await expectError(
      commons.registerNode({ devices: [{ skuId: M2_ULTRA_192GB, count: 6 }] }),
      InvalidInputError,
      /node memory 1179648 MiB is above the cap of 1048576 MiB/,
    );
    // Reads of the catalog and limits only: nothing simulated, nothing sent.
    expect(counter.methods.filter((m) => m !== "eth_call")).toEqual([]);
  });

  it("should update, exit and withdraw, with reverts decoded into typed errors", async () => {
    await loadFixture(freshChain);
    const { nodeId } = await bob.registerNode({ devices: [{ skuId: RTX_3090, count: 2 }] });
    const updated = await bob.updateNode({ nodeId, devices: [{ skuId: RTX_5090, count: 1 }] });
    expect(updated.events[0]!.args).toMatchObject({ oldMemoryMiB: 49_152, newMemoryMiB: 32_768 });

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
    expect(paid.events[0]!.args.amount).toBe(10n ** 16n);
    const after = await publicClient.getBalance({ address: bob.account.address });
    const gas = paid.receipt.gasUsed * paid.receipt.effectiveGasPrice;
    expect(after - before + gas).toBe(10n ** 16n);
    await expectError(bob.getNode({ nodeId: 10_000n }), ContractErrors.ComputeRegistryUnknownNode);
  });

  it("should refuse to write on the wrong chain or without a wallet", async () => {
    await loadFixture(freshChain);
    const wrongChain = createCommonsClient({
      chain: hardhat,
      transport: http(rpcUrl),
      account: alice.account,
      deployment: { ...deployment, chainId: 1 },
    });
    const err = await expectError(
      wrongChain.registerNode({ devices: [{ skuId: RTX_3090, count: 1 }] }),
      ChainMismatchError,
    );
    expect(err.shortMessage).toBe("Wrong network: the deployment is on chain 1 but the RPC is chain 31337");
    // The standalone action, on a client without an account.
    await expectError(exitNode({ ...publicClient, deployment }, { nodeId: 1n }), MissingWalletError, /needs a wallet/);
  });
});

describe("SDK writes: models and classification", () => {
  it("should register models and classify them now and in the past", async () => {
    await loadFixture(freshChain);
    const { modelId } = await carol.registerModel({
      name: "Llama 3.1 405B",
      params: 405_000_000_000n,
      trainingFlop: 38n * 10n ** 24n,
      weightsHash: keccak256(toHex("sdk-test llama-3.1-405b")),
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
      carol.registerModel({
        name: "copy",
        params: 1n,
        trainingFlop: 1n,
        weightsHash: keccak256(toHex("sdk-test llama-3.1-405b")),
      }),
      ContractErrors.ModelClassifierDuplicateWeightsHash,
    );
    expect(dup.shortMessage).toBe(`ModelClassifierDuplicateWeightsHash: these weights are already model ${modelId}`);
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

/** Five 24 GiB nodes, two of them Alice's: the consumer floor is 46.4B parameters, and Alice has two votes. */
async function fiveNodes() {
  await loadFixture(freshChain);
  for (const who of [alice, alice, bob, carol, dave])
    await who.registerNode({ devices: [{ skuId: RTX_4090, count: 1 }] });
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
  const { proposalId, proposalNumber } = await loadFixture(proposed);
  await advanceTime(61);
  const direct = await alice.castVote({ proposal: proposalId, support: "for", reason: "Consumer rigs run it" });
  await bob.castVote({ proposal: proposalNumber, support: "against" });
  const relayer = walletFor(5);
  const signed = await carol.castVoteBySig({ proposal: proposalId, support: "for", relayer });
  return { proposalId, direct, signed, relayer };
}

describe("SDK writes: a governance round", () => {
  it("should register 24 GiB nodes so the consumer floor is 46.4B parameters", async () => {
    await loadFixture(fiveNodes);
    const floor = await alice.getConsumerFloor();
    expect(floor).toEqual({ memoryMiB: 24_576n, params: 46_385_646_796n });
  });

  it("should refuse a proposal below the consumer floor or outside the rate limit before sending", async () => {
    await loadFixture(fiveNodes);
    const below = await expectError(
      alice.proposeThresholds({
        maxSmallParams: 40_000_000_000n,
        maxSmallTrainingFlop: 10n ** 25n,
        description: "Lower Small to 40B",
      }),
      ThresholdBelowFloorError,
    );
    expect(below.shortMessage).toBe(
      "maxSmallParams 40000000000 is below the consumer floor of 46385646796 parameters " +
        "(what the floor-percentile node with 24576 MiB can run)",
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

  it("should propose with a #proposer suffix and return the proposal id and number", async () => {
    const result = await loadFixture(proposed);
    expect(result.description.endsWith(`#proposer=${alice.account.address}`)).toBe(true);
    expect(result.descriptionHash).toBe(keccak256(toHex(result.description)));
    expect(result.proposalNumber).toBe(1n);
    const [latest] = (await alice.readGovernanceState({ proposalLimit: 1 })).proposals;
    expect(latest).toMatchObject({ id: result.proposalId, number: 1n, state: "Pending" });
    expect(latest!.actions[0]).toMatchObject({
      target: deployment.classifier,
      functionName: "setThresholds",
      args: [100_000_000_000n, 10n ** 25n],
    });
    expect(await alice.getProposal({ proposal: 1 })).toEqual(latest);
    expect(await alice.getProposal({ proposal: result.proposalId })).toEqual(latest);
    await expectError(alice.getProposal({ proposal: 2 }), InvalidInputError, /there is no proposal 2 \(there are 1\)/);
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
  });
});
