// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "buy a majority". Against v1, 1,001 fake nodes registered in the snapshot second and
/// exited one second later still voted, and their 10.01 ETH came back after unbonding: 0 lost. Here money
/// without an attester registers nothing; and even attested nodes registered at the snapshot carry no weight
/// (the warm-up is a whole vote long), and their bonds stay until the proposal has run.
contract BuyAMajorityAttack is AttackBase {
    function setUp() public {
        deployGovernanceFixture();
        honest = enlist(100, SeedDevices.RTX_3090, HONEST_SALT);
        activatePending();
        registerNode(ATTACKER, SeedDevices.RTX_3060_12GB, 1); // the attacker's one real rig, to propose with
        activatePending();
    }

    function test_buyAMajority_withoutAnAttesterTheArmyNeverExists() public {
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL);
        uint256 id = propose(ATTACKER, setThresholdsProposal(140e9, MAX_SMALL_FLOP, "ours"));
        vm.warp(governor.proposalSnapshot(id));
        IComputeRegistry.DeviceLine[] memory rig = oneLine(SeedDevices.M2_ULTRA_192GB, 1);
        for (uint256 i = 0; i < 101; ++i) {
            bytes memory err = tryRegisterWithoutAttester(actor(ARMY_SALT, i), rig, attester);
            assertEq(bytes4(err), IHardwareAttestations.HardwareAttestationsBadSignature.selector);
        }
        warpToVoting(id);
        assertEq(vote(ATTACKER, id, 1), 1, "one rig, one vote");
        warpPastDeadline(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated), "no quorum for one vote");
    }

    function test_buyAMajority_attestedFlashNodesAtTheSnapshotCarryNoWeight() public {
        // Grant the attacker attestations for 101 rigs (a careless attester): registered in the snapshot
        // second, they are Pending; voting gives 0; exiting locks the bonds until the vote has run.
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL);
        uint256 id = propose(ATTACKER, setThresholdsProposal(140e9, MAX_SMALL_FLOP, "ours"));
        vm.warp(governor.proposalSnapshot(id));
        address[] memory flash = enlist(101, SeedDevices.M2_ULTRA_192GB, ARMY_SALT);
        warpToVoting(id);
        uint256 runsUntil = governor.proposalDeadline(id) + VOTE_EXTENSION + TIMELOCK_DELAY;
        for (uint256 i = 0; i < flash.length; ++i) {
            assertEq(vote(flash[i], id, 1), 0, "no weight in the warm-up");
            uint256 nodeId = registry.nodeIdsOf(flash[i], 0, 1)[0];
            vm.prank(flash[i]);
            registry.exitNode(nodeId);
            assertGe(readyAtOf(nodeId), runsUntil, "bond locked until the vote has run");
        }
        delete pendingNodes;
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 0);
        assertEq(registry.getPastTotalSupply(governor.proposalSnapshot(id)), 101, "honest 100 + attacker's 1");
    }
}
