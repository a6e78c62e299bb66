// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeGovernor} from "../../contracts/interfaces/IComputeGovernor.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "stuck slashes" and no confiscation by vote. Against v1 governance slashed bonds to
/// the timelock, which no proposal could spend (the fence forbade ETH), so slashed ETH was stuck, and a
/// captured owner could slash honest bonds to itself. Here there is no slash by vote at all, no proposal
/// moves ETH, and a bond leaves the registry only to its owner.
contract StuckSlashesAttack is AttackBase {
    function setUp() public {
        deployGovernanceFixture();
        honest = enlist(5, SeedDevices.RTX_3090, HONEST_SALT);
        raiseArmy(10);
        activatePending();
    }

    function test_stuckSlashes_aMajorityCannotTakeOrStrandABond() public {
        uint256 victimNode = registry.nodeIdsOf(honest[0], 0, 1)[0];
        bytes memory slash = abi.encodeWithSignature("slash(uint256,string)", victimNode, "we say it is fake");
        Proposal memory p = single(address(registry), slash, "confiscate");
        vm.prank(ATTACKER);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeGovernor.ComputeGovernorCallNotAllowed.selector, 0, address(registry), bytes4(slash)
            )
        );
        governor.propose(p.targets, p.values, p.calldatas, p.description);

        // Nor can a proposal carry ETH anywhere, to or from the timelock.
        p = setThresholdsProposal(80e9, MAX_SMALL_FLOP, "and 1 wei for us");
        p.values[0] = 1;
        vm.prank(ATTACKER);
        vm.expectRevert(abi.encodeWithSelector(IComputeGovernor.ComputeGovernorValueNotAllowed.selector, 0, 1));
        governor.propose(p.targets, p.values, p.calldatas, p.description);

        // Every bond stays where it belongs: the registry holds exactly the bonds, the timelock nothing.
        assertEq(address(registry).balance, registry.totalBonded());
        uint256 bond3090 = registry.bondFor(SeedDevices.memoryOf(SeedDevices.RTX_3090));
        uint256 bond3060 = registry.bondFor(SeedDevices.memoryOf(SeedDevices.RTX_3060_12GB));
        assertEq(registry.totalBonded(), 5 * bond3090 + 11 * bond3060);
        assertEq(address(timelock).balance, 0);

        // The victim leaves with its whole bond.
        vm.prank(honest[0]);
        registry.exitNode(victimNode);
        warpBy(registry.unbondingPeriod());
        uint256 before = honest[0].balance;
        vm.prank(honest[0]);
        registry.withdrawBond(victimNode);
        assertEq(honest[0].balance - before, bond3090);
        assertEq(address(timelock).balance, 0);
    }

    function test_stuckSlashes_noAllowedCallMovesEth() public {
        // Every call the fence allows is a setter of a contract without a payable entry point.
        IComputeGovernor.AllowedCall[] memory calls = governor.allowedCalls();
        for (uint256 i = 0; i < calls.length; ++i) {
            address target = calls[i].target;
            assertTrue(
                target == address(catalog) || target == address(registry) || target == address(classifier)
                    || target == address(governor) || target == address(timelock) || target == address(attestations)
                    || target == address(challenges) || target == address(ballots),
                "only system contracts"
            );
            assertTrue(calls[i].selector != registry.registerNode.selector, "no payable registry call");
        }
    }
}
