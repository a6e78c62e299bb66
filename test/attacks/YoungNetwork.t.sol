// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "young network". Against v1 the quorum was a fraction rounded up and never below
/// one vote: among 20 idle honest nodes, one fake node (0.01 ETH) was the quorum and passed what it liked.
/// Here the public profile's absolute minimum quorum (10 votes) stands beside the fraction.
contract YoungNetworkAttack is AttackBase {
    function setUp() public {
        deployGovernanceFixture(publicProfile());
        honest = enlist(20, SeedDevices.RTX_3090, HONEST_SALT);
        raiseArmy(0); // the attacker alone: one node
        activatePending();
    }

    function test_youngNetwork_oneNodeAmongIdleOnesIsNoQuorum() public {
        vm.warp(DEPLOY_TIME + profile.minChangeInterval);
        Proposal memory p = setThresholdsProposal(140e9, MAX_SMALL_FLOP, "while nobody watches");
        uint256 id = propose(ATTACKER, p);
        warpToVoting(id);
        assertEq(vote(ATTACKER, id, 1), 1);
        warpPastDeadline(id);
        uint256 snapshot = governor.proposalSnapshot(id);
        assertEq(registry.getPastTotalSupply(snapshot), 21);
        assertEq(governor.quorum(snapshot), 10, "4% of 21 is 1; the floor says 10");
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Defeated,
                stateBit(IGovernor.ProposalState.Succeeded)
            )
        );
        queue(p);
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
    }

    function test_youngNetwork_nineFakeNodesAreStillNoQuorum() public {
        address[] memory fakes = enlist(8, SeedDevices.RTX_3060_12GB, ARMY_SALT);
        activatePending();
        Proposal memory p = setThresholdsProposal(140e9, MAX_SMALL_FLOP, "nine of us");
        uint256 id = propose(ATTACKER, p);
        warpToVoting(id);
        vote(ATTACKER, id, 1);
        voteAll(fakes, id, 1);
        warpPastDeadline(id);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 9);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
    }
}
