// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {GovernanceDeployers} from "../utils/GovernanceDeployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice The whole life of a threshold change, as node owners would live it on the deployed system.
contract LifecycleTest is GovernanceDeployers {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA201);
    address internal constant DAVE = address(0xDA7E);
    address internal constant KEEPER = address(0x4EE9E2);

    function setUp() public {
        deployGovernanceFixture();
    }

    function test_lifecycle_raiseSmallParamsThroughGovernance() public {
        // Several owners register rigs; Alice twice.
        registerNode(ALICE, SeedDevices.RTX_3090, 2);
        registerNode(ALICE, SeedDevices.RTX_4090, 1);
        registerNode(BOB, SeedDevices.M4_PRO_64GB, 1);
        registerNode(CAROL, SeedDevices.RX_7900_XTX, 1);
        registerNode(DAVE, SeedDevices.RTX_3060_12GB, 1);
        assertEq(registry.activeNodeCount(), 0, "warming up");
        activatePending();
        assertEq(registry.activeNodeCount(), 5);
        assertEq(registry.getVotes(ALICE), 2);
        (uint256 floorMiB, uint256 floorParams) = classifier.consumerFloor();
        assertEq(floorMiB, 24_576);
        assertEq(floorParams, PARAMS_24GIB);

        vm.prank(CAROL);
        uint256 modelId = classifier.registerModel(
            "Open 100B", 100e9, 5e24, keccak256("open-100b-weights"), "ipfs://open-100b", true
        );
        assertEq(uint256(classifier.classifyModel(modelId)), uint256(IModelClassifier.Tier.Large));
        uint256 before = vm.getBlockTimestamp();
        warpBy(1);

        // Propose 70B -> 120B.
        Proposal memory p = setThresholdsProposal(120e9, MAX_SMALL_FLOP, "Raise Small to 120B params");
        uint256 id = propose(BOB, p);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Pending));
        uint256 snapshot = governor.proposalSnapshot(id);
        assertEq(registry.getPastTotalSupply(snapshot - VOTING_DELAY - 1), 5);

        // Vote.
        warpToVoting(id);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Active));
        assertEq(vote(ALICE, id, 1), 2);
        vm.prank(BOB);
        assertEq(governor.castVoteWithReason(id, 1, "my Mac runs it"), 1);
        assertEq(vote(CAROL, id, 0), 1);
        assertEq(vote(DAVE, id, 2), 1);
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        assertEq(against, 1);
        assertEq(forVotes, 3);
        assertEq(abstain, 1);

        // Past the period: Succeeded; queue into the timelock.
        warpPastDeadline(id);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Succeeded));
        queue(p);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Queued));

        // Past the timelock delay and the classifier's minChangeInterval; anyone executes.
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL + TIMELOCK_DELAY);
        assertGe(vm.getBlockTimestamp(), governor.proposalEta(id));
        vm.expectEmit(address(classifier));
        emit IModelClassifier.ThresholdsUpdated(MAX_SMALL_PARAMS, 120e9, MAX_SMALL_FLOP, MAX_SMALL_FLOP, false);
        vm.prank(KEEPER);
        execute(p);
        uint256 changedAt = vm.getBlockTimestamp();
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Executed));
        assertEq(classifier.thresholds().maxSmallParams, 120e9);
        assertEq(classifier.lastChangeAt(), changedAt);
        assertEq(classifier.thresholdCheckpointCount(), 2);

        // The model flips to Small from now on; its past tier is unchanged.
        assertEq(uint256(classifier.classifyModel(modelId)), uint256(IModelClassifier.Tier.Small));
        warpBy(1);
        assertEq(uint256(classifier.classifyModelAt(modelId, before)), uint256(IModelClassifier.Tier.Large));
        assertEq(uint256(classifier.classifyModelAt(modelId, changedAt - 1)), uint256(IModelClassifier.Tier.Large));
        assertEq(uint256(classifier.classifyModelAt(modelId, changedAt)), uint256(IModelClassifier.Tier.Small));
        assertEq(classifier.thresholdsAt(before).maxSmallParams, MAX_SMALL_PARAMS);

        // A second change through governance must wait for the interval again.
        Proposal memory back = setThresholdsProposal(70e9, MAX_SMALL_FLOP, "Back to 70B");
        address[] memory all = new address[](2);
        (all[0], all[1]) = (ALICE, BOB);
        uint256 backId = propose(ALICE, back);
        warpToVoting(backId);
        vote(ALICE, backId, 1);
        vote(BOB, backId, 1);
        warpPastDeadline(backId);
        queue(back);
        warpBy(TIMELOCK_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierChangeTooSoon.selector, changedAt + MIN_CHANGE_INTERVAL
            )
        );
        execute(back);
        vm.warp(changedAt + MIN_CHANGE_INTERVAL);
        execute(back);
        assertEq(uint256(classifier.classifyModel(modelId)), uint256(IModelClassifier.Tier.Large));
    }

    function test_lifecycle_raiseToFloorAfterBigNodesJoin() public {
        // Median node an M2 Ultra: the floor (371B) is above the 70B line, and anyone may lift the line toward
        // it once the floor has held for the whole floor window, by at most 2x per raise interval.
        registerNode(ALICE, SeedDevices.M2_ULTRA_192GB, 1);
        registerNode(BOB, SeedDevices.M2_ULTRA_192GB, 1);
        registerNode(CAROL, SeedDevices.RTX_3060_12GB, 1);
        activatePending();
        (, uint256 floorParams) = classifier.consumerFloor();
        assertEq(floorParams, PARAMS_M2_ULTRA);
        (uint256 lowest, uint256 highest) = classifier.floorRange();
        assertEq(lowest, 0, "the floor was 0 earlier in the window");
        assertEq(highest, PARAMS_M2_ULTRA);
        vm.prank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierNotBelowFloor.selector, MAX_SMALL_PARAMS, 0));
        classifier.raiseToFloor();

        warpBy(LOCAL_FLOOR_WINDOW + LOCAL_FLOOR_WINDOW / 16);
        (lowest,) = classifier.floorRange();
        assertEq(lowest, PARAMS_M2_ULTRA, "held for a whole window");
        vm.startPrank(KEEPER);
        assertEq(classifier.raiseToFloor(), 2 * MAX_SMALL_PARAMS);
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierRaiseTooSoon.selector, vm.getBlockTimestamp() + RAISE_INTERVAL
            )
        );
        classifier.raiseToFloor();
        warpBy(RAISE_INTERVAL);
        assertEq(classifier.raiseToFloor(), 4 * MAX_SMALL_PARAMS);
        warpBy(RAISE_INTERVAL);
        assertEq(classifier.raiseToFloor(), PARAMS_M2_ULTRA);
        vm.stopPrank();
        assertEq(classifier.thresholds().maxSmallParams, PARAMS_M2_ULTRA);

        // Governance still cannot go below the highest floor over the window, nor move more than 2x.
        warpBy(1);
        Proposal memory p = setThresholdsProposal(uint64(PARAMS_M2_ULTRA - 1), MAX_SMALL_FLOP, "below");
        uint256 id = propose(ALICE, p);
        warpToVoting(id);
        vote(ALICE, id, 1);
        vote(BOB, id, 1);
        warpPastDeadline(id);
        queue(p);
        uint256 at = DEPLOY_TIME + MIN_CHANGE_INTERVAL;
        vm.warp(at > governor.proposalEta(id) ? at : governor.proposalEta(id));
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierBelowConsumerFloor.selector, PARAMS_M2_ULTRA - 1, PARAMS_M2_ULTRA
            )
        );
        execute(p);
    }
}
