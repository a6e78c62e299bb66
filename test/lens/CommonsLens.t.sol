// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {CommonsLens} from "../../contracts/lens/CommonsLens.sol";
import {GovernanceDeployers} from "../utils/GovernanceDeployers.sol";

contract CommonsLensTest is GovernanceDeployers {
    CommonsLens internal lens;
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    function setUp() public {
        deployGovernanceFixture();
        lens = new CommonsLens(catalog, registry, classifier, governor, veto);
    }

    function test_contracts_returnsWiring() public view {
        (address c, address r, address m, address g, address v) = lens.contracts();
        assertEq(v, address(veto));
        assertEq(c, address(catalog));
        assertEq(r, address(registry));
        assertEq(m, address(classifier));
        assertEq(g, address(governor));
    }

    function test_governanceState_onAFreshDeployment() public view {
        CommonsLens.GovernanceState memory s = lens.governanceState(20);
        assertEq(s.clock, uint48(block.timestamp));
        assertEq(s.skuCount, 9);
        assertEq(s.registry.nodeCount, 0);
        assertEq(s.registry.params.bondBase, BOND_BASE);
        assertEq(s.registry.params.bondPerGiB, BOND_PER_GIB);
        assertEq(s.registry.params.keeperFee, KEEPER_FEE);
        assertEq(s.registry.params.maxDevicesPerNode, MAX_DEVICES_PER_NODE);
        assertEq(s.registry.params.maxNodeMemoryMiB, MAX_NODE_MEMORY_MIB);
        assertEq(s.registry.params.unbondingPeriod, LOCAL_UNBONDING_PERIOD);
        assertEq(s.registry.config.minUnbondingPeriod, LOCAL_MIN_UNBONDING_PERIOD);
        assertEq(s.registry.config.floorWindow, LOCAL_FLOOR_WINDOW);
        assertEq(s.registry.config.floorPercentile, FLOOR_PERCENTILE);
        assertEq(s.registry.warmup, VOTING_DELAY + VOTING_PERIOD);
        assertEq(s.registry.challengeDeposit, CHALLENGE_DEPOSIT);
        assertEq(s.registry.challengeWindow, LOCAL_CHALLENGE_WINDOW);
        assertEq(s.registry.challengesOwed, 0);
        assertEq(s.registry.attesters.length, 2);
        assertEq(s.registry.attesters[0], attester);
        assertEq(s.classifier.thresholds.maxSmallParams, MAX_SMALL_PARAMS);
        assertEq(s.classifier.thresholds.maxSmallTrainingFlop, MAX_SMALL_FLOP);
        assertEq(s.classifier.guards.raiseInterval, RAISE_INTERVAL);
        assertEq(s.classifier.floorMemoryMiB, 0);
        assertEq(s.classifier.floorParams, 0);
        assertEq(s.classifier.thresholdCheckpointCount, 1);
        assertEq(s.governor.votingDelay, VOTING_DELAY);
        assertEq(s.governor.votingPeriod, VOTING_PERIOD);
        assertEq(s.governor.quorumNumerator, QUORUM_NUMERATOR);
        assertEq(s.governor.quorumDenominator, 100);
        assertEq(s.governor.timelockDelay, TIMELOCK_DELAY);
        assertEq(s.governor.minQuorumVotes, 1);
        assertEq(s.governor.voteExtension, VOTE_EXTENSION);
        assertEq(
            s.governor.pipelineLength,
            VOTING_DELAY + VOTING_PERIOD + VOTE_EXTENSION + TIMELOCK_DELAY + LOCAL_CHALLENGE_WINDOW
        );
        assertEq(s.governor.proposalCount, 0);
        assertEq(s.latestProposals.length, 0);
    }

    function test_governanceState_reportsNodesFloorAndLatestProposalsNewestFirst() public {
        registerNode(ALICE, 2, 2); // 48 GiB
        registerNode(BOB, 3, 1); // 24 GiB
        registerNode(BOB, 3, 1);
        activatePending();
        uint256 first = propose(ALICE, setThresholdsProposal(80e9, 1e25, "first"));
        uint256 second = propose(BOB, setThresholdsProposal(90e9, 1e25, "second"));
        uint256 third = propose(BOB, setThresholdsProposal(100e9, 1e25, "third"));

        // Pending proposals: quorum of the last second (the snapshot is in the future).
        CommonsLens.GovernanceState memory s = lens.governanceState(2);
        assertEq(s.registry.activeNodeCount, 3);
        assertEq(s.registry.totalMemoryMiB, 98_304);
        assertEq(s.registry.totalBonded, registry.bondFor(49_152) + 2 * registry.bondFor(24_576));
        assertEq(s.registry.floorMiB, 24_576);
        // Alice's 48 GiB node activated first: for a moment it was the median.
        assertEq(s.registry.floorHighestMiB, 49_152);
        assertEq(s.registry.floorLowestMiB, 0);
        assertEq(s.classifier.floorMemoryMiB, 24_576);
        assertEq(s.classifier.floorParams, PARAMS_24GIB);
        assertEq(s.governor.proposalCount, 3);
        assertEq(s.latestProposals.length, 2);
        assertEq(s.latestProposals[0].id, third);
        assertEq(s.latestProposals[1].id, second);
        assertEq(uint8(s.latestProposals[0].state), uint8(IGovernor.ProposalState.Pending));
        assertEq(s.latestProposals[0].quorum, governor.quorum(block.timestamp - 1));
        assertEq(s.latestProposals[0].proposer, BOB);
        assertEq(s.latestProposals[0].actions.length, 1);
        assertEq(s.latestProposals[0].actions[0].target, address(classifier));
        assertEq(s.latestProposals[0].actions[0].selector, classifier.setThresholds.selector);
        assertEq(s.latestProposals[0].actions[0].calldataLength, 68);
        Proposal memory thirdP = setThresholdsProposal(100e9, 1e25, "third");
        assertEq(
            s.latestProposals[0].proposalHash,
            governor.hashProposal(thirdP.targets, thirdP.values, thirdP.calldatas, keccak256("third"))
        );
        assertEq(s.latestProposals[0].vetoThreshold, 0, "pending: no snapshot yet");

        // Active: tallies and the snapshot quorum.
        warpToVoting(first);
        vote(ALICE, first, 1);
        vote(BOB, first, 0);
        CommonsLens.ProposalView memory p = lens.proposal(first);
        assertEq(p.id, first);
        assertEq(uint8(p.state), uint8(IGovernor.ProposalState.Active));
        assertEq(p.forVotes, 1);
        assertEq(p.againstVotes, 2);
        assertEq(p.abstainVotes, 0);
        assertEq(p.quorum, governor.quorum(p.snapshot));
        assertEq(p.deadline, governor.proposalDeadline(first));
        assertEq(p.eta, 0);
        assertEq(p.vetoThreshold, 1);
        assertEq(p.vetoVotes, 0);
    }

    function test_proposals_pagesWithTotal() public {
        registerNode(ALICE, 2, 1);
        activatePending();
        propose(ALICE, setThresholdsProposal(80e9, 1e25, "a"));
        propose(ALICE, setThresholdsProposal(90e9, 1e25, "b"));
        (uint256 total, CommonsLens.ProposalView[] memory page) = lens.proposals(1, 10);
        assertEq(total, 2);
        assertEq(page.length, 1);
        assertEq(page[0].id, 2);
        (total, page) = lens.proposals(0, 1);
        assertEq(page.length, 1);
        (total, page) = lens.proposals(2, 1);
        assertEq(total, 2);
        assertEq(page.length, 0);
    }

    function test_nodesOf_pagesWithTotal() public {
        registerNode(ALICE, 2, 1);
        registerNode(BOB, 3, 1);
        registerNode(ALICE, 4, 1);
        (uint256 total, IComputeRegistry.NodeView[] memory page) = lens.nodesOf(ALICE, 0, 5);
        assertEq(total, 2);
        assertEq(page.length, 2);
        assertEq(page[0].id, 3); // newest first
        assertEq(page[1].id, 1);
        assertEq(page[0].owner, ALICE);
        (total, page) = lens.nodesOf(address(0xCAFE), 0, 5);
        assertEq(total, 0);
        assertEq(page.length, 0);
    }

    function test_models_andSkus_pageWithTotals() public {
        classifier.registerModel("Llama 3.1 8B", 8.03e9, 1.224e24, keccak256("8b"), "", true);
        classifier.registerModel("Llama 3.1 70B", 70.6e9, 7.9e24, keccak256("70b"), "", true);
        (uint256 total, IModelClassifier.Model[] memory models) = lens.models(1, 5);
        assertEq(total, 2);
        assertEq(models.length, 1);
        assertEq(models[0].name, "Llama 3.1 70B");
        (uint256 skuTotal, IHardwareCatalog.Sku[] memory skus) = lens.skus(7, 5);
        assertEq(skuTotal, 9);
        assertEq(skus.length, 2);
        assertEq(skus[1].name, "M4 Pro 64 GB");
    }

    function test_node_decodesTheRegistryRecordWithItsChallenge() public {
        uint256 id = registerNode(ALICE, 2, 2); // 48 GiB
        IComputeRegistry.NodeView memory v = lens.node(id);
        assertEq(v.id, id);
        assertEq(v.owner, ALICE);
        assertEq(uint8(v.status), uint8(IComputeRegistry.NodeStatus.Pending));
        assertEq(v.memoryMiB, 49_152);
        assertEq(v.bond, registry.bondFor(49_152));
        assertEq(v.activatableAt, vm.getBlockTimestamp() + VOTING_DELAY + VOTING_PERIOD);
        assertEq(v.unlockAt, 0);
        assertEq(v.attesterId, 1);
        assertEq(v.devices.length, 1);
        assertEq(v.devices[0].skuId, 2);
        assertEq(v.devices[0].count, 2);
        assertEq(v.challenger, address(0));
        vm.deal(BOB, CHALLENGE_DEPOSIT);
        vm.prank(BOB);
        challenges.challenge{value: CHALLENGE_DEPOSIT}(id);
        v = lens.node(id);
        assertEq(v.challenger, BOB);
        assertEq(v.challengeDeadline, vm.getBlockTimestamp() + LOCAL_CHALLENGE_WINDOW);
        (uint256 total, IComputeRegistry.NodeView[] memory page) = lens.nodes(0, 10);
        assertEq(total, 1);
        assertEq(page[0].owner, ALICE);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 2));
        lens.node(2);
    }

    function test_histogram_nonEmptyBucketsAndTheFloorRange() public {
        (uint256[] memory upper, uint256[] memory counts, uint256 floor,,) = lens.histogram();
        assertEq(upper.length, 0);
        assertEq(floor, 0);
        registerNode(ALICE, 2, 2); // 48 GiB
        registerNode(BOB, 3, 1); // 24 GiB
        registerNode(BOB, 3, 1);
        registerNode(BOB, 6, 1); // 192 GiB
        activatePending();
        uint256 lowest;
        uint256 highest;
        (upper, counts, floor, lowest, highest) = lens.histogram();
        assertEq(upper.length, 3);
        assertEqTwo(upper[0], counts[0], 24 * 1024, 2);
        assertEqTwo(upper[1], counts[1], 48 * 1024, 1);
        assertEqTwo(upper[2], counts[2], 192 * 1024, 1);
        assertEq(floor, 24 * 1024);
        assertEq(lowest, 0);
        assertEq(highest, 48 * 1024);
    }

    function assertEqTwo(uint256 a, uint256 b, uint256 wantA, uint256 wantB) internal pure {
        assertEq(a, wantA);
        assertEq(b, wantB);
    }
}
