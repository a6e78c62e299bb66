import { keccak256, toHex } from "viem";
import { describe, expect, it } from "vitest";
import {
  ChainMismatchError,
  CommonsError,
  ContractErrors,
  InvalidInputError,
  MissingWalletError,
  ThresholdBelowFloorError,
  ThresholdRateLimitError,
  createCommonsClient,
  toCommonsError,
} from "../../src/index.js";
import { castVoteBySig } from "../../src/actions/governance/castVoteBySig.js";
import { computeGovernorAbi } from "../../src/abi/generated.js";
import { advanceTime, deployment, publicClient, useChainSnapshot, walletFor } from "../utils/chain.js";
import { commonsFor, countedWriter } from "./helpers.js";

useChainSnapshot();

const alice = commonsFor(1);
const bob = commonsFor(2);
const carol = commonsFor(3);
const dave = commonsFor(4);
const RTX_4090 = 3;

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
    const hashes: string[] = [];
    const result = await alice.registry.registerNode({
      devices: [{ skuId: RTX_4090, count: 1 }],
      metadataURI: "ipfs://alice-rig",
      onTransactionHash: (hash) => hashes.push(hash),
    });
    expect(hashes).toEqual([result.hash]);
    expect(result.receipt.status).toBe("success");
    expect(result.events[0]!.args.owner).toBe(alice.walletClient!.account!.address);
    const node = await alice.registry.getNode({ nodeId: result.nodeId });
    expect(node).toMatchObject({ status: "Active", memoryMiB: 24_576, bond: 10n ** 16n });
    expect(await alice.registry.getVotes({ account: node.owner })).toBeGreaterThanOrEqual(1n);
  });

  it("should refuse bad device lists before sending anything", async () => {
    const { commons, counter } = countedWriter(1);
    await expectError(commons.registry.registerNode({ devices: [] }), InvalidInputError, /at least one device/);
    await expectError(
      commons.registry.registerNode({ devices: [{ skuId: 99, count: 1 }] }),
      InvalidInputError,
      /unknown SKU 99/,
    );
    await expectError(
      commons.registry.registerNode({ devices: [{ skuId: 2, count: 9 }] }),
      InvalidInputError,
      /9 devices; a node holds at most 8/,
    );
    await expectError(
      commons.registry.registerNode({ devices: [{ skuId: 2, count: "1.5" }] }),
      InvalidInputError,
      /not a whole decimal number/,
    );
    await expectError(
      commons.registry.registerNode({ devices: [{ skuId: 2, count: 0 }] }),
      InvalidInputError,
      /below the minimum 1/,
    );
    await expectError(
      commons.registry.registerNode({ devices: [{ skuId: 2, count: 1 }, { skuId: 2, count: 1 }] }),
      InvalidInputError,
      /SKU 2 is listed twice/,
    );
    await expectError(
      commons.registry.registerNode({ devices: [{ skuId: 6, count: 6 }] }),
      InvalidInputError,
      /node memory 1179648 MiB is above the cap of 1048576 MiB/,
    );
    // Reads of the catalog and limits only: nothing simulated, nothing sent.
    expect(counter.methods.filter((m) => m !== "eth_call")).toEqual([]);
  });

  it("should update, exit and withdraw, with reverts decoded into typed errors", async () => {
    const { nodeId } = await bob.registry.registerNode({ devices: [{ skuId: 2, count: 2 }] });
    const updated = await bob.registry.updateNode({ nodeId, devices: [{ skuId: 4, count: 1 }] });
    expect(updated.events[0]!.args).toMatchObject({ oldMemoryMiB: 49_152, newMemoryMiB: 32_768 });

    const notOwner = await expectError(alice.registry.exitNode({ nodeId }), ContractErrors.ComputeRegistryNotNodeOwner);
    expect(notOwner.shortMessage).toBe(
      `ComputeRegistryNotNodeOwner: ${alice.walletClient!.account!.address} does not own node ${nodeId}`,
    );
    expect(notOwner.args).toEqual([nodeId, alice.walletClient!.account!.address]);

    const exited = await bob.registry.exitNode({ nodeId });
    const unlockAt = exited.events[0]!.args.unlockAt!;
    await expectError(
      bob.registry.withdrawBond({ nodeId }),
      ContractErrors.ComputeRegistryBondLocked,
      `ComputeRegistryBondLocked: node ${nodeId}'s bond unlocks at ${new Date(unlockAt * 1000).toISOString()}`,
    );
    await expectError(
      bob.registry.exitNode({ nodeId }),
      ContractErrors.ComputeRegistryWrongNodeStatus,
      `ComputeRegistryWrongNodeStatus: node ${nodeId} is Exiting`,
    );
    await advanceTime(601);
    const before = await publicClient.getBalance({ address: bob.walletClient!.account!.address });
    const paid = await bob.registry.withdrawBond({ nodeId });
    expect(paid.events[0]!.args.amount).toBe(10n ** 16n);
    const after = await publicClient.getBalance({ address: bob.walletClient!.account!.address });
    const gas = paid.receipt.gasUsed * paid.receipt.effectiveGasPrice;
    expect(after - before + gas).toBe(10n ** 16n);
    await expectError(bob.registry.getNode({ nodeId: 10_000n }), ContractErrors.ComputeRegistryUnknownNode);
  });

  it("should refuse to write on the wrong chain or without a wallet", async () => {
    const wrongChain = createCommonsClient({
      publicClient: alice.publicClient,
      walletClient: alice.walletClient,
      deployment: { ...deployment, chainId: 1 },
    });
    const err = await expectError(
      wrongChain.registry.registerNode({ devices: [{ skuId: 2, count: 1 }] }),
      ChainMismatchError,
    );
    expect(err.shortMessage).toBe("Wrong network: the deployment is on chain 1 but the RPC is chain 31337");
    const readOnly = createCommonsClient({ publicClient: alice.publicClient, deployment });
    await expectError(readOnly.registry.exitNode({ nodeId: 1n }), MissingWalletError, /needs a wallet/);
  });
});

describe("SDK writes: models and classification", () => {
  it("should register models and classify them now and in the past", async () => {
    const { modelId } = await carol.classifier.registerModel({
      name: "Llama 3.1 405B",
      params: 405_000_000_000n,
      trainingFlop: 38n * 10n ** 24n,
      weightsHash: keccak256(toHex("sdk-test llama-3.1-405b")),
      uri: "https://huggingface.co/meta-llama/Llama-3.1-405B",
      openWeights: true,
    });
    expect(await carol.classifier.classifyModel({ modelId })).toBe("Large");
    expect(await carol.classifier.classify({ params: "8030000000", trainingFlop: 1_224n * 10n ** 21n })).toBe("Small");
    await expectError(
      carol.classifier.classify({ params: "7e9", trainingFlop: 1n }),
      InvalidInputError,
      /"7e9" is not a whole decimal number/,
    );
    await expectError(
      carol.classifier.classify({ params: -1, trainingFlop: 1n }),
      InvalidInputError,
      /below the minimum 0/,
    );
    await expectError(
      carol.classifier.classify({ params: 2 ** 60, trainingFlop: 1n }),
      InvalidInputError,
      /above 2\^53/,
    );
    const dup = await expectError(
      carol.classifier.registerModel({
        name: "copy",
        params: 1n,
        trainingFlop: 1n,
        weightsHash: keccak256(toHex("sdk-test llama-3.1-405b")),
      }),
      ContractErrors.ModelClassifierDuplicateWeightsHash,
    );
    expect(dup.shortMessage).toBe(`ModelClassifierDuplicateWeightsHash: these weights are already model ${modelId}`);
    await expectError(
      carol.classifier.registerModel({ name: "", params: 1n, trainingFlop: 1n, weightsHash: keccak256("0x01") }),
      InvalidInputError,
      /name: must not be empty/,
    );
    const now = (await publicClient.getBlock()).timestamp;
    await expectError(
      carol.classifier.classifyModel({ modelId, timepoint: now + 100n }),
      ContractErrors.ModelClassifierFutureLookup,
      /is not in the past/,
    );
  });
});

describe("SDK writes: a governance round", () => {
  let proposalId: bigint;

  it("should register 24 GiB nodes so the consumer floor is 46.4B parameters", async () => {
    for (const who of [alice, bob, carol, dave]) {
      await who.registry.registerNode({ devices: [{ skuId: RTX_4090, count: 1 }] });
    }
    const floor = await alice.classifier.getConsumerFloor();
    expect(floor).toEqual({ memoryMiB: 24_576n, params: 46_385_646_796n });
  });

  it("should refuse a proposal below the consumer floor or outside the rate limit before sending", async () => {
    const below = await expectError(
      alice.governance.proposeThresholds({
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
      alice.governance.proposeThresholds({
        maxSmallParams: 150_000_000_000n,
        maxSmallTrainingFlop: 10n ** 25n,
        description: "Triple it",
      }),
      ThresholdRateLimitError,
      /allows 35000000000\.\.140000000000, got 150000000000/,
    );
    await expectError(
      alice.governance.proposeThresholds({
        maxSmallParams: 70_000_000_000n,
        maxSmallTrainingFlop: 10n ** 25n,
        description: "Same",
      }),
      InvalidInputError,
      /equal the current thresholds/,
    );
  });

  it("should propose with a #proposer suffix and return the proposal id", async () => {
    const result = await alice.governance.proposeThresholds({
      maxSmallParams: 100_000_000_000n,
      maxSmallTrainingFlop: 10n ** 25n,
      description: "Raise Small to 100B: two used RTX 3090s run it",
    });
    proposalId = result.proposalId;
    expect(result.description.endsWith(`#proposer=${alice.walletClient!.account!.address}`)).toBe(true);
    expect(result.descriptionHash).toBe(keccak256(toHex(result.description)));
    const [latest] = (await alice.readGovernanceState({ proposalLimit: 1 })).proposals;
    expect(latest).toMatchObject({ id: proposalId, state: "Pending" });
    expect(latest!.actions[0]).toMatchObject({
      target: deployment.classifier,
      functionName: "setThresholds",
      args: [100_000_000_000n, 10n ** 25n],
    });
  });

  it("should vote directly, with a reason, and by signature through a relayer; replay is refused", async () => {
    await advanceTime(61);
    const direct = await alice.governance.castVote({ proposalId, support: "for", reason: "Consumer rigs run it" });
    // Alice registered two nodes in this file: two votes.
    expect(direct.events[0]!.args).toMatchObject({ support: 1, weight: 2n, reason: "Consumer rigs run it" });
    await bob.governance.castVote({ proposalId, support: "against" });

    const relayer = walletFor(5);
    const signed = await carol.governance.castVoteBySig({ proposalId, support: "for", relayer });
    expect(signed.events[0]!.args.voter).toBe(carol.walletClient!.account!.address);
    expect(signed.receipt.from.toLowerCase()).toBe(relayer.account.address.toLowerCase());

    // Replaying the same signature: the nonce moved on, so it no longer recovers to the voter.
    const replay = await publicClient
      .simulateContract({
        address: deployment.governor,
        abi: computeGovernorAbi,
        functionName: "castVoteBySig",
        args: [proposalId, 1, carol.walletClient!.account!.address, signed.signature],
        account: relayer.account,
      })
      .catch((e: unknown) => toCommonsError(e));
    expect(replay).toBeInstanceOf(ContractErrors.GovernorInvalidSignature);

    await expectError(
      alice.governance.castVote({ proposalId, support: "for" }),
      ContractErrors.GovernorAlreadyCastVote,
      `GovernorAlreadyCastVote: ${alice.walletClient!.account!.address} has already voted`,
    );
    await expectError(
      castVoteBySig({ ...dave, walletClient: dave.walletClient }, { proposalId, support: "maybe" as never }),
      InvalidInputError,
      /not for, against or abstain/,
    );
    const [p] = await alice.governance.listProposals();
    expect(p!.votes).toEqual({ for: 3n, against: 1n, abstain: 0n });
  });

  it("should queue and execute, and the thresholds and history follow", async () => {
    await expectError(
      dave.governance.queue({ proposalId }),
      ContractErrors.GovernorUnexpectedProposalState,
      /is Active, which does not allow this/,
    );
    await advanceTime(301 + 600);
    await dave.governance.queue({ proposalId });
    await expectError(dave.governance.execute({ proposalId }), ContractErrors.TimelockUnexpectedOperationState);
    await advanceTime(61);
    const executed = await dave.governance.execute({ proposalId });
    expect(executed.events[0]!.args.proposalId).toBe(proposalId);
    expect((await dave.classifier.getThresholds()).maxSmallParams).toBe(100_000_000_000n);

    const history = await dave.history.thresholds({ blockRange: 3 });
    expect(history.at(-1)).toMatchObject({ oldMaxSmallParams: 70_000_000_000n, newMaxSmallParams: 100_000_000_000n });
    const votes = await dave.history.votes({ blockRange: 5 });
    expect(votes.filter((v) => v.proposalId === proposalId)).toHaveLength(3);
    const registrations = await dave.history.registrations();
    expect(registrations.length).toBeGreaterThanOrEqual(6);
    const state = await dave.readGovernanceState();
    expect(state.proposals[0]).toMatchObject({ id: proposalId, state: "Executed", quorumReached: true });
  });
});
