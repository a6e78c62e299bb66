// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {INodeChallenges} from "../../contracts/interfaces/INodeChallenges.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "outrun the slash". Against v1 a node exited right after the snapshot, and the
/// fastest slash proposal could execute only one second after its bond unlocked: the slash reverted and the
/// bonds were withdrawn. Here slashing is a challenge anyone raises, not a vote: a challenged bond cannot be
/// withdrawn, exiting does not escape it, and the challenge window fits inside the unbonding period.
contract OutrunTheSlashAttack is AttackBase {
    address internal constant CHALLENGER = address(0xC4A11);
    uint256 internal fakeNode;

    function setUp() public {
        deployGovernanceFixture();
        honest = enlist(5, SeedDevices.RTX_3090, HONEST_SALT);
        // A node whose hardware does not exist, attested by a careless or bought attester.
        fakeNode = registerNode(ATTACKER, SeedDevices.M2_ULTRA_192GB, 1);
        activatePending();
        vm.deal(CHALLENGER, 1 ether);
    }

    function test_outrunTheSlash_exitingRightAwayEscapesNothing() public {
        uint256 bond = bondOf(fakeNode);
        vm.prank(ATTACKER);
        registry.exitNode(fakeNode);
        uint256 unlockAt = readyAtOf(fakeNode);
        // Anyone challenges before the bond unlocks: the whole unbonding period is theirs.
        vm.warp(unlockAt - 1);
        vm.prank(CHALLENGER);
        challenges.challenge{value: CHALLENGE_DEPOSIT}(fakeNode);
        vm.warp(unlockAt);
        vm.prank(ATTACKER);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryChallengeOpen.selector, fakeNode));
        registry.withdrawBond(fakeNode);

        // The owner cannot find another attester to vouch for hardware that does not exist: unanswered.
        vm.warp(challenges.challengeOf(fakeNode).deadline + 1);
        uint256 burnBefore = challenges.BURN_ADDRESS().balance;
        challenges.resolve(fakeNode);
        assertEq(uint8(statusOf(fakeNode)), uint8(IComputeRegistry.NodeStatus.Slashed));
        assertEq(challenges.creditOf(CHALLENGER), CHALLENGE_DEPOSIT + bond / 2);
        assertEq(challenges.BURN_ADDRESS().balance - burnBefore, bond - bond / 2);
        assertEq(address(timelock).balance, 0, "nothing to an address governance controls");
        vm.prank(ATTACKER);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, fakeNode, IComputeRegistry.NodeStatus.Slashed
            )
        );
        registry.withdrawBond(fakeNode);
    }

    function test_outrunTheSlash_theChallengeWindowFitsInsideTheUnbondingPeriod() public view {
        // A challenge raised as soon as a node exits always resolves before its bond could have unlocked.
        assertLe(governor.pipelineLength(), registry.unbondingPeriod());
        assertLt(challenges.window(), registry.unbondingPeriod());
    }

    function test_outrunTheSlash_aChallengeCannotBeOutvotedOrCancelled() public {
        // No proposal can touch a challenge: the fence allows only the deposit and window setters.
        assertFalse(governor.isAllowedCall(address(challenges), INodeChallenges.resolve.selector));
        assertFalse(governor.isAllowedCall(address(challenges), INodeChallenges.answer.selector));
        assertFalse(governor.isAllowedCall(address(registry), IComputeRegistry.slashByChallenge.selector));
        assertFalse(governor.isAllowedCall(address(registry), IComputeRegistry.adoptAttestation.selector));
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotChallenges.selector, address(timelock)));
        registry.slashByChallenge(fakeNode);
    }
}
