// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IComputeGovernor} from "../../contracts/interfaces/IComputeGovernor.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "take the contracts". Against v1 one passed proposal called `transferOwnership` on
/// the registry, the classifier and the catalog (the fence checked selectors only on the governor and the
/// timelock), and the new owner slashed every honest bond to itself: with 100 honest nodes, 1.01 ETH in and
/// 2.01 ETH out. Here the attacker holds a majority (101 of 201 nodes) and tries every door.
contract TakeTheContractsAttack is AttackBase {
    function setUp() public {
        deployGovernanceFixture();
        honest = enlist(100, SeedDevices.RTX_3090, HONEST_SALT);
        raiseArmy(100);
        activatePending();
    }

    function expectRefusedAtPropose(address target, bytes memory data) internal {
        Proposal memory p = single(target, data, string.concat("capture ", vm.toString(data)));
        vm.prank(ATTACKER);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeGovernor.ComputeGovernorCallNotAllowed.selector, 0, target, bytes4(data))
        );
        governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function test_takeTheContracts_everyHandoverIsRefusedBeforeTheVote() public {
        bytes32 before = fingerprint();
        bytes memory transfer = abi.encodeWithSignature("transferOwnership(address)", ATTACKER);
        expectRefusedAtPropose(address(registry), transfer);
        expectRefusedAtPropose(address(classifier), transfer);
        expectRefusedAtPropose(address(catalog), transfer);
        expectRefusedAtPropose(address(registry), abi.encodeWithSignature("renounceOwnership()"));
        expectRefusedAtPropose(address(registry), abi.encodeWithSignature("slash(uint256,string)", 1, "mine"));
        expectRefusedAtPropose(address(registry), abi.encodeCall(registry.bindGovernor, (ATTACKER)));
        expectRefusedAtPropose(address(timelock), abi.encodeCall(timelock.grantRole, (PROPOSER_ROLE, ATTACKER)));
        expectRefusedAtPropose(address(timelock), abi.encodeCall(timelock.grantRole, (DEFAULT_ADMIN_ROLE, ATTACKER)));
        expectRefusedAtPropose(
            address(timelock), abi.encodeCall(timelock.schedule, (ATTACKER, 0, "", bytes32(0), bytes32(0), 1))
        );
        expectRefusedAtPropose(address(governor), abi.encodeCall(governor.relay, (address(registry), 0, transfer)));
        expectRefusedAtPropose(
            address(governor), abi.encodeCall(governor.updateTimelock, (TimelockController(payable(ATTACKER))))
        );
        assertEq(governor.proposalCount(), 0);
        assertEq(fingerprint(), before);
    }

    function test_takeTheContracts_aHandoverHiddenBehindAnAllowedCallIsRefused() public {
        Proposal memory p = single(address(classifier), abi.encodeCall(classifier.setThresholds, (80e9, 1e25)), "x");
        p.targets = new address[](2);
        (p.targets[0], p.targets[1]) = (address(classifier), address(registry));
        p.values = new uint256[](2);
        bytes[] memory calldatas = new bytes[](2);
        calldatas[0] = abi.encodeCall(classifier.setThresholds, (80e9, 1e25));
        calldatas[1] = abi.encodeWithSignature("transferOwnership(address)", ATTACKER);
        p.calldatas = calldatas;
        vm.prank(ATTACKER);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeGovernor.ComputeGovernorCallNotAllowed.selector, 1, address(registry), bytes4(calldatas[1])
            )
        );
        governor.propose(p.targets, p.values, p.calldatas, "raise the line (and one more thing)");
    }

    function test_takeTheContracts_noAdminPowerExistsToCall() public {
        // Even a caller that were the timelock could not hand anything over: those functions do not exist.
        bytes[4] memory calls = [
            abi.encodeWithSignature("transferOwnership(address)", ATTACKER),
            abi.encodeWithSignature("renounceOwnership()"),
            abi.encodeWithSignature("slash(uint256,string)", 1, "mine"),
            abi.encodeWithSignature("owner()")
        ];
        address[3] memory targets = [address(registry), address(classifier), address(catalog)];
        vm.startPrank(address(timelock));
        for (uint256 t = 0; t < targets.length; ++t) {
            for (uint256 c = 0; c < calls.length; ++c) {
                (bool ok,) = targets[t].call(calls[c]);
                assertFalse(ok, "a v1 admin function still exists");
            }
        }
        vm.stopPrank();
        // The governor binding is taken for good, and the timelock takes no orders but the governor's.
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryGovernorAlreadyBound.selector, address(governor))
        );
        registry.bindGovernor(ATTACKER);
        vm.prank(ATTACKER);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, ATTACKER, PROPOSER_ROLE)
        );
        timelock.schedule(address(registry), 0, "", bytes32(0), bytes32(0), 1 days);
        assertEq(registry.admin(), address(timelock));
        assertEq(classifier.admin(), address(timelock));
        assertEq(catalog.admin(), address(timelock));
    }

    function test_takeTheContracts_everyHonestBondStillComesHome() public {
        // Whatever the army tried above, each honest owner exits and withdraws exactly its bond.
        uint256[] memory ids = new uint256[](honest.length);
        for (uint256 i = 0; i < honest.length; ++i) {
            ids[i] = registry.nodeIdsOf(honest[i], 0, 1)[0];
            vm.prank(honest[i]);
            registry.exitNode(ids[i]);
        }
        warpBy(registry.unbondingPeriod());
        for (uint256 i = 0; i < honest.length; ++i) {
            uint256 balanceBefore = honest[i].balance;
            vm.prank(honest[i]);
            registry.withdrawBond(ids[i]);
            assertEq(honest[i].balance - balanceBefore, registry.bondFor(SeedDevices.memoryOf(SeedDevices.RTX_3090)));
        }
        assertEq(address(timelock).balance, 0);
    }
}
