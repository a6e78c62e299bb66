// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {INodeVeto} from "../../contracts/interfaces/INodeVeto.sol";
import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "no veto once queued". Against v1 nobody could cancel a queued proposal: a capture
/// that passed was certain to execute, and one that broke a guard stayed queued for good, waiting for the
/// guard to give way. Here a majority (101 of 201 nodes) passes an in-bounds entrenchment; a third of the
/// nodes counted at its snapshot veto it in the timelock delay. And a proposal that lies in wait expires.
contract NoVetoOnceQueuedAttack is AttackBase {
    function setUp() public {
        deployGovernanceFixture(publicProfile());
        honest = enlist(100, SeedDevices.RTX_3090, HONEST_SALT);
        raiseArmy(100);
        activatePending();
    }

    function entrenchment() internal view returns (Proposal memory p) {
        p.targets = new address[](2);
        p.values = new uint256[](2);
        p.calldatas = new bytes[](2);
        (p.targets[0], p.calldatas[0]) = (address(governor), abi.encodeCall(governor.updateQuorumNumerator, (50)));
        (p.targets[1], p.calldatas[1]) = (address(governor), abi.encodeCall(governor.setProposalThreshold, (10)));
        p.description = "only we may propose, and only what half the network turns out for";
    }

    /// @dev Proposes as the attacker, the army votes For, and queues; returns before the ETA.
    function passAndQueueOnly(Proposal memory p) internal returns (uint256 id) {
        id = propose(ATTACKER, p);
        warpToVoting(id);
        voteAll(army, id, 1);
        warpPastDeadline(id);
        queue(p);
    }

    function test_noVetoOnceQueued_aThirdOfTheNodesStopsAQueuedCapture() public {
        Proposal memory p = entrenchment();
        bytes32 before = fingerprint();
        uint256 id = passAndQueueOnly(p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
        assertEq(veto.vetoThreshold(id), 67, "a third of 201, rounded up");

        address[] memory third = new address[](67);
        for (uint256 i = 0; i < 67; ++i) {
            third[i] = honest[i];
        }
        for (uint256 i = 0; i < 66; ++i) {
            vm.prank(third[i]);
            veto.veto(id);
        }
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued), "66 votes are not a third");
        vm.prank(third[66]);
        veto.veto(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));

        warpBy(timelock.getMinDelay());
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Canceled,
                stateBit(IGovernor.ProposalState.Succeeded) | stateBit(IGovernor.ProposalState.Queued)
            )
        );
        execute(p);
        assertEq(fingerprint(), before);
        assertEq(governor.quorumNumerator(), 4);
        assertEq(governor.proposalThreshold(), 1);
    }

    function test_noVetoOnceQueued_nodesRegisteredAfterTheSnapshotCannotVeto() public {
        // The veto is weighed at the proposal's snapshot, like the vote: no buying a veto afterwards either.
        uint256 id = passAndQueueOnly(entrenchment());
        address late = actor(0x1A7E, 0);
        registerNode(late, SeedDevices.RTX_3090, 1);
        activatePending();
        vm.prank(late);
        vm.expectRevert(abi.encodeWithSelector(INodeVeto.NodeVetoNoWeight.selector, id, late));
        veto.veto(id);
    }

    function test_noVetoOnceQueued_aProposalLyingInWaitExpires() public {
        // Queued while the rate limit refuses it (30 days between changes); without an execution window it
        // would wait in the timelock until the guard gives way, and execute then.
        Proposal memory p = setThresholdsProposal(140e9, MAX_SMALL_FLOP, "wait for the rate limit to pass");
        uint256 id = passAndQueueOnly(p);
        uint256 eta = governor.proposalEta(id);
        vm.warp(eta);
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierChangeTooSoon.selector, DEPLOY_TIME + profile.minChangeInterval
            )
        );
        execute(p);
        vm.warp(DEPLOY_TIME + profile.minChangeInterval);
        assertGt(block.timestamp, eta + governor.EXECUTION_WINDOW(), "the window closed before the guard opened");
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Expired));
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Expired,
                stateBit(IGovernor.ProposalState.Succeeded) | stateBit(IGovernor.ProposalState.Queued)
            )
        );
        execute(p);
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
    }
}
