/**
 * The whole governance lifecycle against a real `hardhat node`, deployed by the production Ignition module
 * with the local timings: nodes register and get votes, a model is registered as Large, the nodes vote
 * through the governor and the timelock to raise the thresholds, and the model becomes Small while its
 * classification before the change stays on record.
 */
import {
  encodeFunctionData,
  getAddress,
  keccak256,
  parseEventLogs,
  toHex,
  zeroAddress,
  zeroHash,
  type Address,
  type Hex,
} from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { computeGovernorAbi, computeRegistryAbi, modelClassifierAbi } from "./utils/abis.js";
import {
  advanceTo,
  commonsContracts,
  commonsContractsFor,
  deployment,
  devAccount,
  latestTimestamp,
  mined,
  publicClient,
  walletFor,
  useChainSnapshot,
} from "./utils/chain.js";

/** `IModelClassifier.Tier`. */
const Tier = { Small: 0, Large: 1 } as const;
/** OpenZeppelin `IGovernor.ProposalState`. */
const ProposalState = { Pending: 0, Active: 1, Succeeded: 4, Queued: 5, Executed: 7 } as const;
/** `GovernorCountingSimple` support values. */
const Vote = { Against: 0, For: 1, Abstain: 2 } as const;

const DEPLOYER = 0;
/** Dev accounts that register a node each, and the rig each brings (SKU ids from the seeded catalog). */
const NODE_OWNERS = [
  { account: 1, devices: [{ skuId: 2, count: 1 }] }, // RTX 3090
  { account: 2, devices: [{ skuId: 3, count: 1 }] }, // RTX 4090
  { account: 3, devices: [{ skuId: 2, count: 2 }] }, // 2x RTX 3090
  { account: 4, devices: [{ skuId: 9, count: 1 }] }, // M4 Pro 64GB
  { account: 5, devices: [{ skuId: 1, count: 1 }] }, // RTX 3060 12GB
] as const;
const MODEL_REGISTRANT = 6;

const MODEL = {
  name: "Open 100B",
  params: 100_000_000_000n,
  trainingFlop: 10n ** 24n,
  weightsHash: keccak256(toHex("open-100b weights")),
  uri: "ipfs://open-100b",
  openWeights: true,
};
const NEW_MAX_SMALL_PARAMS = 120_000_000_000n;
const NEW_MAX_SMALL_FLOP = 10n ** 25n;

const role = (name: string): Hex => keccak256(toHex(name));

describe("ComputeCommons deployment (Ignition module)", () => {
  const { catalog, registry, classifier, governor, timelock } = commonsContracts();
  const deployer = devAccount(DEPLOYER).address;

  it("should leave the deployer without any timelock role", async () => {
    for (const name of ["PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE"]) {
      expect(await timelock.read.hasRole([role(name), deployer]), name).toBe(false);
    }
    expect(await timelock.read.hasRole([zeroHash, deployer])).toBe(false);
    // The timelock administers itself; nobody else does.
    expect(await timelock.read.hasRole([zeroHash, deployment.timelock])).toBe(true);
    expect(await timelock.read.hasRole([zeroHash, deployment.governor])).toBe(false);
  });

  it("should make the governor the only proposer and canceller, and let anyone execute", async () => {
    expect(await timelock.read.hasRole([role("PROPOSER_ROLE"), deployment.governor])).toBe(true);
    expect(await timelock.read.hasRole([role("CANCELLER_ROLE"), deployment.governor])).toBe(true);
    expect(await timelock.read.hasRole([role("EXECUTOR_ROLE"), zeroAddress])).toBe(true);
    expect(await timelock.read.hasRole([role("EXECUTOR_ROLE"), deployment.governor])).toBe(false);
    expect(await governor.read.timelock()).toBe(getAddress(deployment.timelock));
    expect(await governor.read.token()).toBe(getAddress(deployment.registry));
  });

  it("should make the timelock the owner of the catalog, the registry and the classifier", async () => {
    expect(await catalog.read.owner()).toBe(getAddress(deployment.timelock));
    expect(await registry.read.owner()).toBe(getAddress(deployment.timelock));
    expect(await classifier.read.owner()).toBe(getAddress(deployment.timelock));
  });

  it("should use the local parameters", async () => {
    expect(await governor.read.votingDelay()).toBe(60n);
    expect(await governor.read.votingPeriod()).toBe(300n);
    expect(await timelock.read.getMinDelay()).toBe(60n);
    expect((await classifier.read.guards()).minChangeInterval).toBe(300);
    expect(await classifier.read.thresholds()).toEqual({
      maxSmallParams: 70_000_000_000n,
      maxSmallTrainingFlop: 10n ** 25n,
    });
  });
});

describe("ComputeCommons lifecycle: register, propose, vote, queue, execute", () => {
  useChainSnapshot();

  const reader = commonsContracts();
  let modelId: bigint;
  let proposer: Address;
  let targets: Address[];
  let values: bigint[];
  let calldatas: Hex[];
  let description: string;
  let descriptionHash: Hex;
  let proposalId: bigint;
  let beforeExecution: bigint;

  beforeAll(async () => {
    proposer = devAccount(NODE_OWNERS[0].account).address;
  });

  it("should register a bonded node per owner, each with one vote", async () => {
    const bond = await reader.registry.read.minBond();
    expect(bond).toBeGreaterThan(0n);
    const countBefore = await reader.registry.read.nodeCount();

    for (const { account, devices } of NODE_OWNERS) {
      const wallet = walletFor(account);
      const { registry } = commonsContractsFor(wallet);
      const receipt = await mined(registry.write.registerNode([devices, `ipfs://rig-${account}`], { value: bond }));
      const [registered] = parseEventLogs({ abi: computeRegistryAbi, logs: receipt.logs, eventName: "NodeRegistered" });
      expect(registered?.args.owner).toBe(wallet.account.address);
      expect(registered?.args.bond).toBe(bond);
    }

    expect(await reader.registry.read.nodeCount()).toBe(countBefore + BigInt(NODE_OWNERS.length));
    expect(await reader.registry.read.activeNodeCount()).toBe(BigInt(NODE_OWNERS.length));
    expect(await reader.registry.read.totalBonded()).toBe(bond * BigInt(NODE_OWNERS.length));
    for (const { account } of NODE_OWNERS) {
      expect(await reader.registry.read.getVotes([devAccount(account).address])).toBe(1n);
    }
  });

  it("should classify a 100B-parameter, 1e24-FLOP model as Large under the initial thresholds", async () => {
    const { classifier } = commonsContractsFor(walletFor(MODEL_REGISTRANT));
    const receipt = await mined(
      classifier.write.registerModel([
        MODEL.name,
        MODEL.params,
        MODEL.trainingFlop,
        MODEL.weightsHash,
        MODEL.uri,
        MODEL.openWeights,
      ]),
    );
    const [registered] = parseEventLogs({ abi: modelClassifierAbi, logs: receipt.logs, eventName: "ModelRegistered" });
    expect(registered).toBeDefined();
    modelId = registered!.args.modelId;

    const model = await reader.classifier.read.model([modelId]);
    expect(model.params).toBe(MODEL.params);
    expect(model.trainingFlop).toBe(MODEL.trainingFlop);
    expect(model.registrant).toBe(devAccount(MODEL_REGISTRANT).address);
    expect(await reader.classifier.read.classifyModel([modelId])).toBe(Tier.Large);
  });

  it("should let a node owner propose new thresholds once the change interval has passed", async () => {
    const lastChangeAt = await reader.classifier.read.lastChangeAt();
    const { minChangeInterval } = await reader.classifier.read.guards();
    await advanceTo(BigInt(lastChangeAt) + BigInt(minChangeInterval) + 1n);

    // The consumer floor (median node) is below the new line, so the guard lets it through.
    const [, floorParams] = await reader.classifier.read.consumerFloor();
    expect(floorParams).toBeLessThan(NEW_MAX_SMALL_PARAMS);

    targets = [deployment.classifier];
    values = [0n];
    calldatas = [
      encodeFunctionData({
        abi: modelClassifierAbi,
        functionName: "setThresholds",
        args: [NEW_MAX_SMALL_PARAMS, NEW_MAX_SMALL_FLOP],
      }),
    ];
    description = `Raise the Small line to 120B parameters#proposer=${proposer}`;
    descriptionHash = keccak256(toHex(description));

    const { governor } = commonsContractsFor(walletFor(NODE_OWNERS[0].account));
    const receipt = await mined(governor.write.propose([targets, values, calldatas, description]));
    const [created] = parseEventLogs({ abi: computeGovernorAbi, logs: receipt.logs, eventName: "ProposalCreated" });
    expect(created).toBeDefined();
    proposalId = created!.args.proposalId;
    expect(created!.args.proposer).toBe(proposer);
    expect(await reader.governor.read.hashProposal([targets, values, calldatas, descriptionHash])).toBe(proposalId);
    expect(await reader.governor.read.state([proposalId])).toBe(ProposalState.Pending);
  });

  it("should count the nodes' votes once the voting delay has passed", async () => {
    await advanceTo((await reader.governor.read.proposalSnapshot([proposalId])) + 1n);
    expect(await reader.governor.read.state([proposalId])).toBe(ProposalState.Active);

    // Four of five nodes for, one against.
    const ballots = NODE_OWNERS.map(({ account }, i) => ({ account, support: i === 4 ? Vote.Against : Vote.For }));
    for (const { account, support } of ballots) {
      const { governor } = commonsContractsFor(walletFor(account));
      await mined(governor.write.castVote([proposalId, support]));
      expect(await reader.governor.read.hasVoted([proposalId, devAccount(account).address])).toBe(true);
    }

    const [against, forVotes, abstain] = await reader.governor.read.proposalVotes([proposalId]);
    expect({ against, forVotes, abstain }).toEqual({ against: 1n, forVotes: 4n, abstain: 0n });
    const snapshot = await reader.governor.read.proposalSnapshot([proposalId]);
    expect(await reader.governor.read.quorum([snapshot])).toBeLessThanOrEqual(forVotes);
  });

  it("should queue the passed proposal in the timelock after the voting period", async () => {
    // The deadline may have moved (late-quorum extension): read it rather than computing it.
    await advanceTo((await reader.governor.read.proposalDeadline([proposalId])) + 1n);
    expect(await reader.governor.read.state([proposalId])).toBe(ProposalState.Succeeded);

    // Anyone may queue; use an account without a node.
    const { governor } = commonsContractsFor(walletFor(MODEL_REGISTRANT));
    const receipt = await mined(governor.write.queue([targets, values, calldatas, descriptionHash]));
    expect(await reader.governor.read.state([proposalId])).toBe(ProposalState.Queued);
    beforeExecution = (await reader.governor.read.proposalEta([proposalId])) - 1n;
    const queuedAt = (await publicClient.getBlock({ blockHash: receipt.blockHash })).timestamp;
    expect(queuedAt).toBeLessThanOrEqual(beforeExecution);
    // Still the old line while the proposal waits in the timelock.
    expect(await reader.classifier.read.classifyModel([modelId])).toBe(Tier.Large);
  });

  it("should execute after the timelock delay and flip the model to Small", async () => {
    const eta = await reader.governor.read.proposalEta([proposalId]);
    await advanceTo(eta + 1n);

    const { governor } = commonsContractsFor(walletFor(MODEL_REGISTRANT));
    const receipt = await mined(governor.write.execute([targets, values, calldatas, descriptionHash]));
    expect(await reader.governor.read.state([proposalId])).toBe(ProposalState.Executed);
    const [updated] = parseEventLogs({ abi: modelClassifierAbi, logs: receipt.logs, eventName: "ThresholdsUpdated" });
    expect(updated?.args).toMatchObject({
      oldMaxSmallParams: 70_000_000_000n,
      newMaxSmallParams: NEW_MAX_SMALL_PARAMS,
      newMaxSmallTrainingFlop: NEW_MAX_SMALL_FLOP,
      raisedToFloor: false,
    });

    await advanceTo((await latestTimestamp()) + 1n); // so the execution block is in the past for lookups
    expect(await reader.classifier.read.thresholds()).toEqual({
      maxSmallParams: NEW_MAX_SMALL_PARAMS,
      maxSmallTrainingFlop: NEW_MAX_SMALL_FLOP,
    });
    expect(await reader.classifier.read.classifyModel([modelId])).toBe(Tier.Small);
  });

  it("should keep the model's earlier classification on record", async () => {
    expect(await reader.classifier.read.classifyModelAt([modelId, beforeExecution])).toBe(Tier.Large);
    expect(await reader.classifier.read.thresholdsAt([beforeExecution])).toEqual({
      maxSmallParams: 70_000_000_000n,
      maxSmallTrainingFlop: 10n ** 25n,
    });
    expect(await reader.classifier.read.thresholdCheckpointCount()).toBe(2n);
  });
});
