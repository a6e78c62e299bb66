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
import { describe, expect, it } from "vitest";
import { SEED_SKU } from "../ignition/modules/seedDevices.js";
import { Tier } from "../src/domain.js";
import { computeGovernorAbi, computeRegistryAbi, modelClassifierAbi } from "../src/abi/generated.js";
import { attestFor } from "./sdk/helpers.js";
import {
  advanceTo,
  commonsContracts,
  commonsContractsFor,
  deployment,
  devAccount,
  freshChain,
  latestTimestamp,
  loadFixture,
  mined,
  publicClient,
  walletFor,
  useChainSnapshot,
} from "./utils/chain.js";

/** OpenZeppelin `IGovernor.ProposalState`. */
const ProposalState = { Pending: 0, Active: 1, Succeeded: 4, Queued: 5, Executed: 7 } as const;
/** `GovernorCountingSimple` support values. */
const Vote = { Against: 0, For: 1, Abstain: 2 } as const;

const DEPLOYER = 0;
/** Dev accounts that register a node each, and the rig each brings (SKU ids from the seeded catalog). */
const NODE_OWNERS = [
  { account: 1, devices: [{ skuId: SEED_SKU.RTX_3090, count: 1 }] },
  { account: 2, devices: [{ skuId: SEED_SKU.RTX_4090, count: 1 }] },
  { account: 3, devices: [{ skuId: SEED_SKU.RTX_3090, count: 2 }] },
  { account: 4, devices: [{ skuId: SEED_SKU.M4_PRO_64GB, count: 1 }] },
  { account: 5, devices: [{ skuId: SEED_SKU.RTX_3060_12GB, count: 1 }] },
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

  it("should make the governor the only proposer and executor (anyone executes through it), and a canceller", async () => {
    expect(await timelock.read.hasRole([role("PROPOSER_ROLE"), deployment.governor])).toBe(true);
    expect(await timelock.read.hasRole([role("CANCELLER_ROLE"), deployment.governor])).toBe(true);
    expect(await timelock.read.hasRole([role("EXECUTOR_ROLE"), deployment.governor])).toBe(true);
    expect(await timelock.read.hasRole([role("EXECUTOR_ROLE"), zeroAddress])).toBe(false);
    expect(await governor.read.timelock()).toBe(getAddress(deployment.timelock));
    expect(await governor.read.token()).toBe(getAddress(deployment.registry));
  });

  it("should make the timelock the fixed admin of the catalog, registry, classifier, attestations and challenges", async () => {
    const { attestations, challenges } = commonsContracts();
    for (const contract of [catalog, registry, classifier, attestations, challenges]) {
      expect(await contract.read.admin()).toBe(getAddress(deployment.timelock));
    }
  });

  it("should make the node veto a canceller, and deploy EAS with the hardware schema and the dev attester", async () => {
    const { attestations, eas, veto } = commonsContracts();
    expect(await timelock.read.hasRole([role("CANCELLER_ROLE"), deployment.veto])).toBe(true);
    expect(await veto.read.governor()).toBe(getAddress(deployment.governor));
    expect(await attestations.read.eas()).toBe(getAddress(deployment.eas!));
    expect(await eas.read.version()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await attestations.read.attesters()).toEqual([devAccount(9).address]);
    expect(await registry.read.attestations()).toBe(getAddress(deployment.attestations));
    expect(await registry.read.challenges()).toBe(getAddress(deployment.challenges));
    expect(await registry.read.governor()).toBe(getAddress(deployment.governor));
  });

  it("should use the local parameters", async () => {
    expect(await governor.read.votingDelay()).toBe(60n);
    expect(await governor.read.votingPeriod()).toBe(300n);
    expect(await timelock.read.getMinDelay()).toBe(60n);
    expect((await classifier.read.guards()).minChangeInterval).toBe(300);
    expect(await registry.read.warmup()).toBe(360n);
    expect(await classifier.read.thresholds()).toEqual({
      maxSmallParams: 70_000_000_000n,
      maxSmallTrainingFlop: 10n ** 25n,
    });
  });
});

const reader = commonsContracts();

/**
 * A node per owner, from the dev attester's attestation of its devices (signed with the SDK's typed data, checked
 * against the contract's digest), bonded by its memory, then activated after the warm-up.
 */
async function nodesRegistered() {
  await loadFixture(freshChain);
  const countBefore = await reader.registry.read.nodeCount();
  const registrations = [];
  for (const { account, devices } of NODE_OWNERS) {
    const wallet = walletFor(account);
    const { attestation, attester, signature } = await attestFor(account, devices);
    const memoryMiB =
      BigInt(devices[0].count) * BigInt((await reader.catalog.read.sku([BigInt(devices[0].skuId)])).memoryMiB);
    const bond = await reader.registry.read.bondFor([memoryMiB]);
    const { registry } = commonsContractsFor(wallet);
    const receipt = await mined(
      registry.write.registerNode([attestation, attester, signature, `ipfs://rig-${account}`], { value: bond }),
    );
    const [registered] = parseEventLogs({ abi: computeRegistryAbi, logs: receipt.logs, eventName: "NodeRegistered" });
    registrations.push({ owner: wallet.account.address, registered, bond });
  }
  const warmup = await reader.registry.read.warmup();
  await advanceTo((await latestTimestamp()) + warmup + 1n);
  for (const { registered } of registrations) {
    await mined(commonsContractsFor(walletFor(DEPLOYER)).registry.write.activate([registered!.args.nodeId]));
  }
  return { countBefore, registrations };
}

/** The nodes, and the 100B model registered by an account without a node. */
async function modelRegistered() {
  await loadFixture(nodesRegistered);
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
  return { registered, modelId: registered!.args.modelId };
}

/** The model, and a node owner's proposal to raise the thresholds, made once the change interval passed. */
async function proposalCreated() {
  const { modelId } = await loadFixture(modelRegistered);
  const lastChangeAt = await reader.classifier.read.lastChangeAt();
  const { minChangeInterval } = await reader.classifier.read.guards();
  await advanceTo(BigInt(lastChangeAt) + BigInt(minChangeInterval) + 1n);

  const proposer: Address = devAccount(NODE_OWNERS[0].account).address;
  const targets: Address[] = [deployment.classifier];
  const values: bigint[] = [0n];
  const calldatas: Hex[] = [
    encodeFunctionData({
      abi: modelClassifierAbi,
      functionName: "setThresholds",
      args: [NEW_MAX_SMALL_PARAMS, NEW_MAX_SMALL_FLOP],
    }),
  ];
  const description = `Raise the Small line to 120B parameters#proposer=${proposer}`;
  const descriptionHash = keccak256(toHex(description));
  const { governor } = commonsContractsFor(walletFor(NODE_OWNERS[0].account));
  const receipt = await mined(governor.write.propose([targets, values, calldatas, description]));
  const [created] = parseEventLogs({ abi: computeGovernorAbi, logs: receipt.logs, eventName: "ProposalCreated" });
  const proposal = { targets, values, calldatas, descriptionHash } as const;
  return { modelId, proposer, proposal, created, proposalId: created!.args.proposalId };
}

/** Four of five nodes vote for, one against, once the voting delay has passed. */
async function votesCast() {
  const created = await loadFixture(proposalCreated);
  await advanceTo((await reader.governor.read.proposalSnapshot([created.proposalId])) + 1n);
  const ballots = NODE_OWNERS.map(({ account }, i) => ({ account, support: i === 4 ? Vote.Against : Vote.For }));
  const activeAtVote = await reader.governor.read.state([created.proposalId]);
  for (const { account, support } of ballots) {
    const { governor } = commonsContractsFor(walletFor(account));
    await mined(governor.write.castVote([created.proposalId, support]));
  }
  return { ...created, ballots, activeAtVote };
}

/** The passed proposal queued in the timelock by an account without a node, after the voting period. */
async function queued() {
  const voted = await loadFixture(votesCast);
  const { proposalId, proposal } = voted;
  // The deadline may have moved (late-quorum extension): read it rather than computing it.
  await advanceTo((await reader.governor.read.proposalDeadline([proposalId])) + 1n);
  const succeeded = await reader.governor.read.state([proposalId]);
  const { governor } = commonsContractsFor(walletFor(MODEL_REGISTRANT));
  // ComputeGovernor queues by the sequential id alone, as OpenZeppelin's by the full proposal.
  const receipt = await mined(governor.write.queue([proposalId]));
  const beforeExecution = (await reader.governor.read.proposalEta([proposalId])) - 1n;
  return { ...voted, succeeded, receipt, beforeExecution };
}

/** The proposal executed after the timelock delay, and one more block so the execution is in the past. */
async function executed() {
  const q = await loadFixture(queued);
  const { proposalId, proposal } = q;
  await advanceTo((await reader.governor.read.proposalEta([proposalId])) + 1n);
  const { governor } = commonsContractsFor(walletFor(MODEL_REGISTRANT));
  const receipt = await mined(
    governor.write.execute([proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash]),
  );
  await advanceTo((await latestTimestamp()) + 1n);
  return { ...q, receipt };
}

describe("ComputeCommons lifecycle: register, propose, vote, queue, execute", () => {
  useChainSnapshot();

  it("should register an attested, bonded node per owner, each with one vote once activated", async () => {
    const { countBefore, registrations } = await loadFixture(nodesRegistered);
    for (const { owner, registered, bond } of registrations) {
      expect(registered?.args.owner).toBe(owner);
      expect(registered?.args.bond).toBe(bond);
      expect(registered?.args.attesterId).toBe(1);
    }

    expect(await reader.registry.read.nodeCount()).toBe(countBefore + BigInt(NODE_OWNERS.length));
    expect(await reader.registry.read.activeNodeCount()).toBe(BigInt(NODE_OWNERS.length));
    const bonded = registrations.reduce((sum, r) => sum + r.bond, 0n);
    expect(await reader.registry.read.totalBonded()).toBe(bonded);
    for (const { account } of NODE_OWNERS) {
      expect(await reader.registry.read.getVotes([devAccount(account).address])).toBe(1n);
    }
  });

  it("should classify a 100B-parameter, 1e24-FLOP model as Large under the initial thresholds", async () => {
    const { registered, modelId } = await loadFixture(modelRegistered);
    expect(registered).toBeDefined();

    const model = await reader.classifier.read.model([modelId]);
    expect(model.params).toBe(MODEL.params);
    expect(model.trainingFlop).toBe(MODEL.trainingFlop);
    expect(model.registrant).toBe(devAccount(MODEL_REGISTRANT).address);
    expect(await reader.classifier.read.classifyModel([modelId])).toBe(Tier.Large);
  });

  it("should let a node owner propose new thresholds once the change interval has passed", async () => {
    const { created, proposer, proposal, proposalId } = await loadFixture(proposalCreated);
    // The consumer floor (median node) is below the new line, so the guard lets it through.
    const [, floorParams] = await reader.classifier.read.consumerFloor();
    expect(floorParams).toBeLessThan(NEW_MAX_SMALL_PARAMS);

    expect(created).toBeDefined();
    expect(created!.args.proposer).toBe(proposer);
    // Ids are sequential; the proposal hash is OpenZeppelin's, kept beside the actions.
    expect(proposalId).toBe(1n);
    const [, proposalHash] = await reader.governor.read.proposalActions([proposalId]);
    expect(
      await reader.governor.read.hashProposal([
        proposal.targets,
        proposal.values,
        proposal.calldatas,
        proposal.descriptionHash,
      ]),
    ).toBe(proposalHash);
    expect(await reader.governor.read.state([proposalId])).toBe(ProposalState.Pending);
  });

  it("should count the nodes' votes once the voting delay has passed", async () => {
    const { proposalId, ballots, activeAtVote } = await loadFixture(votesCast);
    expect(activeAtVote).toBe(ProposalState.Active);
    for (const { account } of ballots) {
      expect(await reader.governor.read.hasVoted([proposalId, devAccount(account).address])).toBe(true);
    }

    const [against, forVotes, abstain] = await reader.governor.read.proposalVotes([proposalId]);
    expect({ against, forVotes, abstain }).toEqual({ against: 1n, forVotes: 4n, abstain: 0n });
    const snapshot = await reader.governor.read.proposalSnapshot([proposalId]);
    expect(await reader.governor.read.quorum([snapshot])).toBeLessThanOrEqual(forVotes);
  });

  it("should queue the passed proposal in the timelock after the voting period", async () => {
    const { proposalId, modelId, succeeded, receipt, beforeExecution } = await loadFixture(queued);
    expect(succeeded).toBe(ProposalState.Succeeded);
    expect(await reader.governor.read.state([proposalId])).toBe(ProposalState.Queued);
    const queuedAt = (await publicClient.getBlock({ blockHash: receipt.blockHash })).timestamp;
    expect(queuedAt).toBeLessThanOrEqual(beforeExecution);
    // Still the old line while the proposal waits in the timelock.
    expect(await reader.classifier.read.classifyModel([modelId])).toBe(Tier.Large);
  });

  it("should execute after the timelock delay and flip the model to Small", async () => {
    const { proposalId, modelId, receipt } = await loadFixture(executed);
    expect(await reader.governor.read.state([proposalId])).toBe(ProposalState.Executed);
    const [updated] = parseEventLogs({ abi: modelClassifierAbi, logs: receipt.logs, eventName: "ThresholdsUpdated" });
    expect(updated?.args).toMatchObject({
      oldMaxSmallParams: 70_000_000_000n,
      newMaxSmallParams: NEW_MAX_SMALL_PARAMS,
      newMaxSmallTrainingFlop: NEW_MAX_SMALL_FLOP,
      raisedToFloor: false,
    });

    expect(await reader.classifier.read.thresholds()).toEqual({
      maxSmallParams: NEW_MAX_SMALL_PARAMS,
      maxSmallTrainingFlop: NEW_MAX_SMALL_FLOP,
    });
    expect(await reader.classifier.read.classifyModel([modelId])).toBe(Tier.Small);
  });

  it("should keep the model's earlier classification on record", async () => {
    const { modelId, beforeExecution } = await loadFixture(executed);
    expect(await reader.classifier.read.classifyModelAt([modelId, beforeExecution])).toBe(Tier.Large);
    expect(await reader.classifier.read.thresholdsAt([beforeExecution])).toEqual({
      maxSmallParams: 70_000_000_000n,
      maxSmallTrainingFlop: 10n ** 25n,
    });
    expect(await reader.classifier.read.thresholdCheckpointCount()).toBe(2n);
  });
});
