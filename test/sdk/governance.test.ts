/**
 * The governor's new surface through the SDK: the fence refused before sending (from `allowedCalls()`), a
 * generic proposal, the node veto of a queued proposal, the bounds of every governed value (mirrored
 * constants checked against the chain), the attester set, and the sybil cost on today's state.
 */
import { encodeFunctionData, keccak256, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import {
  CallNotAllowedError,
  CONSTANT_BOUNDS,
  ContractErrors,
  InvalidInputError,
  MAX_PROPOSAL_ACTIONS,
  sybilCost,
} from "../../src/index.js";
import { hardwareAttestationsAbi, timelockControllerAbi } from "../../src/abi/generated.js";
import {
  advanceTo,
  commonsContracts,
  deployment,
  devAccount,
  freshChain,
  loadFixture,
  useChainSnapshot,
} from "../utils/chain.js";
import { expectError } from "./expect.js";
import { commonsFor, countedWriter, passAndQueue, registerActive } from "./helpers.js";

useChainSnapshot();

const addAttester = (index: number) => ({
  target: deployment.attestations,
  data: encodeFunctionData({
    abi: hardwareAttestationsAbi,
    functionName: "addAttester",
    args: [devAccount(index).address],
  }),
});

/** Six active nodes, owners 1–6. */
async function sixNodes() {
  await loadFixture(freshChain);
  const rig = [{ skuId: SEED_SKU.RTX_4090, count: 1 }];
  await registerActive([1, 2, 3, 4, 5, 6].map((owner) => ({ owner, devices: rig })));
}

/** The six nodes, and proposal 1 (add attester 10) passed by four of them and queued. */
async function queued() {
  await loadFixture(sixNodes);
  const { proposalId } = await commonsFor(1).propose({ actions: [addAttester(10)], description: "Add attester 10" });
  await passAndQueue(proposalId, [1, 2, 3, 4]);
  return { proposalId };
}

describe("propose and the fence", () => {
  it("should refuse a call outside the fence before sending, naming what the target allows", async () => {
    await loadFixture(sixNodes);
    const { commons, counter } = countedWriter(1);
    const grant = {
      target: deployment.timelock,
      data: encodeFunctionData({
        abi: timelockControllerAbi,
        functionName: "grantRole",
        args: [keccak256(toHex("PROPOSER_ROLE")), devAccount(1).address],
      }),
    };
    const err = await expectError(
      commons.propose({ actions: [addAttester(10), grant], description: "Take the timelock" }),
      CallNotAllowedError,
    );
    expect(err).toMatchObject({ index: 1, target: deployment.timelock, selector: "0x2f2ff15d", field: "actions" });
    expect(err.shortMessage).toBe(
      `action 1 calls grantRole(bytes32,address) on ${deployment.timelock}, which proposals may not call ` +
        "(allowed on that contract: updateDelay(uint256))",
    );
    const elsewhere = await expectError(
      commons.propose({ actions: [{ target: devAccount(7).address, data: "0x12345678" }], description: "x" }),
      CallNotAllowedError,
    );
    expect(elsewhere.shortMessage).toContain("proposals may call nothing on that address");
    await expectError(commons.propose({ actions: [], description: "x" }), InvalidInputError, /at least one call/);
    await expectError(
      commons.propose({ actions: Array(MAX_PROPOSAL_ACTIONS + 1).fill(addAttester(10)), description: "x" }),
      InvalidInputError,
      /11 calls; a proposal holds at most 10/,
    );
    await expectError(
      commons.propose({ actions: [{ ...grant, data: "0x12" }], description: "x" }),
      InvalidInputError,
      /calldata/,
    );
    expect(counter.methods.filter((m) => m !== "eth_call")).toEqual([]);
    // The fence the SDK read is the governor's own.
    const { governor } = commonsContracts();
    expect(await governor.read.isAllowedCall([deployment.timelock, "0x2f2ff15d"])).toBe(false);
    expect(
      await governor.read.isAllowedCall([deployment.attestations, addAttester(10).data.slice(0, 10) as `0x${string}`]),
    ).toBe(true);
  });

  it("should propose allowed calls, summarised in the lens and decoded in full on demand", async () => {
    const { proposalId } = await loadFixture(queued);
    const summary = await commonsFor(0).getProposal({ proposal: proposalId });
    expect(summary.actions).toEqual([
      expect.objectContaining({ contract: "attestations", functionName: "addAttester", calldataLength: 36 }),
    ]);
    const { actions, proposalHash } = await commonsFor(0).getProposalActions({ proposal: proposalId });
    expect(actions[0]).toMatchObject({ functionName: "addAttester", args: [devAccount(10).address], value: 0n });
    expect(proposalHash).toBe(summary.proposalHash);
    expect(summary.state).toBe("Queued");
    // Three open proposals per proposer at most.
    for (let i = 0; i < 3; i++) {
      await commonsFor(2).propose({ actions: [addAttester(11 + i)], description: `Add attester ${11 + i}` });
    }
    await expectError(
      commonsFor(2).propose({ actions: [addAttester(15)], description: "Add attester 15" }),
      ContractErrors.ComputeGovernorTooManyOpenProposals,
      /has 3 proposals pending or in their vote already/,
    );
  });
});

describe("the node veto", () => {
  it("should cancel a queued proposal once a third of its snapshot's votes veto it", async () => {
    const { proposalId } = await loadFixture(queued);
    const first = await commonsFor(5).vetoProposal({ proposal: proposalId });
    expect(first).toMatchObject({ weight: 1n, vetoVotes: 1n, threshold: 2n, vetoed: false });
    await expectError(
      commonsFor(5).vetoProposal({ proposal: proposalId }),
      ContractErrors.NodeVetoAlreadyVetoed,
      `NodeVetoAlreadyVetoed: ${devAccount(5).address} has vetoed proposal ${proposalId} already`,
    );
    await expectError(
      commonsFor(8).vetoProposal({ proposal: proposalId }),
      ContractErrors.NodeVetoNoWeight,
      `NodeVetoNoWeight: ${devAccount(8).address} had no votes at proposal ${proposalId}'s snapshot`,
    );
    const second = await commonsFor(6).vetoProposal({ proposal: proposalId });
    expect(second).toMatchObject({ vetoVotes: 2n, threshold: 2n, vetoed: true });
    const vetoed = await commonsFor(0).getProposal({ proposal: proposalId });
    expect(vetoed).toMatchObject({ state: "Canceled", veto: { votes: 2n, threshold: 2n } });
    await advanceTo(vetoed.eta + 1n);
    await expectError(
      commonsFor(0).executeProposal({ proposal: proposalId }),
      ContractErrors.GovernorUnexpectedProposalState,
      /is Canceled/,
    );
    await expectError(
      commonsFor(6).vetoProposal({ proposal: proposalId }),
      ContractErrors.NodeVetoNotOpen,
      /is Canceled: a veto is open only while it is Queued/,
    );
    await expectError(commonsFor(6).vetoProposal({ proposal: 9 }), InvalidInputError, /there is no proposal 9/);
  });
});

describe("bounds, attesters and the sybil cost", () => {
  it("should mirror the contracts' constant bounds and read the deployment's floors", async () => {
    await loadFixture(freshChain);
    const { governor, registry, challenges, attestations } = commonsContracts();
    expect([
      await governor.read.MAX_VOTING_DELAY(),
      await governor.read.MAX_VOTING_PERIOD(),
      await governor.read.MAX_VOTE_EXTENSION(),
      await governor.read.MAX_TIMELOCK_DELAY(),
      await governor.read.MIN_QUORUM_NUMERATOR(),
      await governor.read.MAX_QUORUM_NUMERATOR(),
      await governor.read.MIN_PROPOSAL_THRESHOLD(),
      await governor.read.MAX_PROPOSAL_THRESHOLD(),
      await governor.read.MAX_ACTIONS(),
      await governor.read.MAX_OPEN_PROPOSALS(),
      await governor.read.EXECUTION_WINDOW(),
      await registry.read.MIN_BOND_BASE(),
      await registry.read.MAX_BOND_BASE(),
      await registry.read.MAX_BOND_PER_GIB(),
      await registry.read.MAX_KEEPER_FEE(),
      await registry.read.MIN_DEVICES_LIMIT(),
      await registry.read.MAX_DEVICES_LIMIT(),
      await registry.read.MIN_NODE_MEMORY_LIMIT_MIB(),
      await registry.read.MAX_NODE_MEMORY_LIMIT_MIB(),
      await registry.read.MAX_UNBONDING_PERIOD(),
      await challenges.read.MIN_DEPOSIT(),
      await challenges.read.MAX_DEPOSIT(),
      await challenges.read.MAX_WINDOW(),
      await attestations.read.MAX_ATTESTERS(),
      await attestations.read.MAX_LIFETIME(),
    ]).toEqual([
      CONSTANT_BOUNDS.maxVotingDelay,
      CONSTANT_BOUNDS.maxVotingPeriod,
      CONSTANT_BOUNDS.maxVoteExtension,
      CONSTANT_BOUNDS.maxTimelockDelay,
      CONSTANT_BOUNDS.quorumNumerator.min,
      CONSTANT_BOUNDS.quorumNumerator.max,
      CONSTANT_BOUNDS.proposalThreshold.min,
      CONSTANT_BOUNDS.proposalThreshold.max,
      CONSTANT_BOUNDS.maxActions,
      CONSTANT_BOUNDS.maxOpenProposals,
      CONSTANT_BOUNDS.executionWindow,
      CONSTANT_BOUNDS.bondBase.min,
      CONSTANT_BOUNDS.bondBase.max,
      CONSTANT_BOUNDS.bondPerGiB.max,
      CONSTANT_BOUNDS.keeperFee.max,
      CONSTANT_BOUNDS.maxDevicesPerNode.min,
      CONSTANT_BOUNDS.maxDevicesPerNode.max,
      CONSTANT_BOUNDS.maxNodeMemoryMiB.min,
      CONSTANT_BOUNDS.maxNodeMemoryMiB.max,
      CONSTANT_BOUNDS.maxUnbondingPeriod,
      CONSTANT_BOUNDS.challengeDeposit.min,
      CONSTANT_BOUNDS.challengeDeposit.max,
      CONSTANT_BOUNDS.maxChallengeWindow,
      CONSTANT_BOUNDS.maxAttesters,
      CONSTANT_BOUNDS.maxAttestationLifetime,
    ]);
    const bounds = await commonsFor(0).getBounds();
    expect(bounds).toMatchObject({
      votingDelay: { min: 1n, max: 14n * 86_400n },
      unbondingPeriod: { min: 420n, max: 90n * 86_400n },
      challengeWindow: { min: 1n, max: 14n * 86_400n },
      minQuorumVotes: 1n,
    });
  });

  it("should list the attesters with their ids, and price a quorum and a majority on today's state", async () => {
    await loadFixture(sixNodes);
    const reader = commonsFor(0);
    expect(await reader.getAttesters()).toEqual([{ address: devAccount(9).address, id: 1 }]);
    const [state, skus] = await Promise.all([reader.readGovernanceState(), reader.listSkus()]);
    const cheapest = skus.reduce((a, b) => (b.memoryMiB < a.memoryMiB ? b : a));
    expect(cheapest.name).toBe("GeForce RTX 3060 12 GB");
    const cost = sybilCost({
      activeNodes: state.registry.activeNodeCount,
      quorumNumerator: state.governor.quorumNumerator,
      quorumDenominator: state.governor.quorumDenominator,
      minQuorumVotes: state.governor.minQuorumVotes,
      ...state.registry.params,
      cheapestSkuMemoryMiB: cheapest.memoryMiB,
      warmup: state.registry.warmup,
    });
    expect(cost.quorum.votes).toBe(1n); // 4% of 7 rounds up to 1, the local minimum
    expect(cost.majority).toEqual({
      votes: 7n,
      devices: 7n,
      bond: 7n * (await commonsContracts().registry.read.bondFor([12_288n])),
    });
    expect(cost.warmup).toBe(360n);
  });
});
