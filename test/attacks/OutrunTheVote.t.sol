// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "outrun the slash", the governance half: v1 let a node vote from its snapshot, exit
/// one second later and have its bond back before the proposal it swayed had run (the fastest proposal
/// against it executed one second after the bond unlocked). Here a bond that exits unlocks no earlier than
/// the end of every proposal created before the exit, plus the late-quorum extension and the timelock delay,
/// even when governance has shortened the unbonding period in the meantime.
contract OutrunTheVoteAttack is AttackBase {
    uint32 internal constant LONG_PERIOD = 2500;

    function setUp() public {
        Profile memory p = localProfile();
        p.votingPeriod = LONG_PERIOD;
        p.unbondingPeriod = 3000; // 60 + 2500 + 60 + 60 = 2680 fits
        p.minUnbondingPeriod = 420;
        deployGovernanceFixture(p);
        honest = enlist(10, SeedDevices.RTX_3090, HONEST_SALT);
        raiseArmy(4);
        activatePending();
    }

    function test_outrunTheVote_exitRightAfterTheSnapshotKeepsTheBondUntilTheVoteHasRun() public {
        uint256 id = propose(ATTACKER, setThresholdsProposal(140e9, MAX_SMALL_FLOP, "sway and run"));
        warpToVoting(id);
        uint256[] memory nodes = new uint256[](army.length);
        for (uint256 i = 0; i < army.length; ++i) {
            vote(army[i], id, 1);
            nodes[i] = registry.nodeIdsOf(army[i], 0, 1)[0];
            vm.prank(army[i]);
            registry.exitNode(nodes[i]);
        }
        uint256 runsUntil = governor.proposalDeadline(id) + VOTE_EXTENSION + TIMELOCK_DELAY;
        for (uint256 i = 0; i < army.length; ++i) {
            assertGe(registry.node(nodes[i]).unlockAt, runsUntil);
        }
        vm.warp(runsUntil - 1);
        uint256 unlockAt = registry.node(nodes[0]).unlockAt;
        vm.prank(army[0]);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryBondLocked.selector, nodes[0], unlockAt));
        registry.withdrawBond(nodes[0]);
    }

    function test_outrunTheVote_shorteningTheUnbondingPeriodOpensNoDoor() public {
        // Proposal C shortens the vote and the unbonding period; proposal B, created before C executes, still
        // runs its long vote. The army votes on B, exits after C has executed, and finds its bonds locked
        // until B has run, not for the short new unbonding period.
        Proposal memory c = single(address(governor), abi.encodeCall(governor.setVotingPeriod, (uint32(300))), "C");
        c = withAction(c, address(registry), abi.encodeCall(registry.setUnbondingPeriod, (600)));
        uint256 cId = propose(honest[0], c);
        warpToVoting(cId);
        voteAll(honest, cId, 1);
        warpBy(LONG_PERIOD - 200);
        Proposal memory b = setThresholdsProposal(140e9, MAX_SMALL_FLOP, "B");
        uint256 bId = propose(ATTACKER, b);
        warpPastDeadline(cId);
        queue(c);
        warpBy(TIMELOCK_DELAY);
        voteAll(army, bId, 1); // B's snapshot is past: the army's votes count
        execute(c);
        assertEq(registry.unbondingPeriod(), 600);
        assertEq(governor.votingPeriod(), 300);

        uint256 nodeId = registry.nodeIdsOf(ATTACKER, 0, 1)[0];
        vm.prank(ATTACKER);
        registry.exitNode(nodeId);
        uint256 unlockAt = registry.node(nodeId).unlockAt;
        uint256 bRunsUntil = governor.proposalDeadline(bId) + VOTE_EXTENSION + TIMELOCK_DELAY;
        assertEq(unlockAt, bRunsUntil, "the vote lock, not the 600-second unbonding period");
        assertGt(unlockAt, block.timestamp + 600);

        warpBy(600);
        vm.prank(ATTACKER);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryBondLocked.selector, nodeId, unlockAt));
        registry.withdrawBond(nodeId);
        vm.warp(unlockAt);
        vm.prank(ATTACKER);
        registry.withdrawBond(nodeId);
    }

    function withAction(Proposal memory p, address target, bytes memory data) internal pure returns (Proposal memory q) {
        q.targets = new address[](2);
        q.values = new uint256[](2);
        q.calldatas = new bytes[](2);
        (q.targets[0], q.calldatas[0]) = (p.targets[0], p.calldatas[0]);
        (q.targets[1], q.calldatas[1]) = (target, data);
        q.description = p.description;
    }
}
