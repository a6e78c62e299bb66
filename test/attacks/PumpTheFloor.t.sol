// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @dev Registers, activates and exits a batch of big nodes, then calls raiseToFloor, in one transaction.
contract FloorPump {
    function pump(IModelClassifier classifier, IComputeRegistry registry, uint256[] calldata nodeIds) external {
        for (uint256 i = 0; i < nodeIds.length; ++i) {
            try registry.activate(nodeIds[i]) {} catch {}
        }
        try classifier.raiseToFloor() {} catch {}
    }
}

/// @notice THREATS.md §0, "pump the floor". Against v1, 101 one-TiB "nodes" registered, `raiseToFloor` and
/// exited in one 9.3M-gas transaction lifted the Small line from 70B to 1.98T (28x) for good, and undoing it
/// took five changes over 150 days. Here money without an attester registers nothing; attested big nodes give
/// no floor weight before their warm-up; and the line follows only the lowest floor over the floor window, at
/// most 2x per raise interval, so a population that lasts less than the window lifts nothing.
contract PumpTheFloorAttack is AttackBase {
    function setUp() public {
        deployGovernanceFixture();
        honest = enlist(20, SeedDevices.RTX_3090, HONEST_SALT);
        activatePending();
        warpBy(LOCAL_FLOOR_WINDOW + LOCAL_FLOOR_WINDOW / 16); // the honest floor has held a whole window
    }

    function bigRig() internal pure returns (IComputeRegistry.DeviceLine[] memory) {
        return oneLine(SeedDevices.M2_ULTRA_192GB, 5); // 960 GiB, the biggest the catalog allows under 1 TiB
    }

    function test_pumpTheFloor_withoutAnAttesterNothingRegisters() public {
        for (uint256 i = 0; i < 101; ++i) {
            bytes memory err = tryRegisterWithoutAttester(actor(ARMY_SALT, i), bigRig(), attester);
            assertEq(bytes4(err), IHardwareAttestations.HardwareAttestationsBadSignature.selector);
        }
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierNotBelowFloor.selector, MAX_SMALL_PARAMS, PARAMS_24GIB)
        );
        classifier.raiseToFloor();
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
    }

    function test_pumpTheFloor_attestedBigNodesInOneTransactionMoveNothing() public {
        // Even with attestations for 101 big rigs, registered and "activated" and raised in one transaction:
        // they are warming up, so neither the floor nor the line moves.
        uint256[] memory ids = new uint256[](101);
        for (uint256 i = 0; i < ids.length; ++i) {
            ids[i] = registerPending(actor(ARMY_SALT, i), bigRig());
        }
        FloorPump pump = new FloorPump();
        pump.pump(classifier, registry, ids);
        assertEq(registry.floorMiB(), 24_576);
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
        assertEq(classifier.thresholdCheckpointCount(), 1);
    }

    function test_pumpTheFloor_aPopulationShorterThanTheWindowLiftsNothing() public {
        // They wait out the warm-up, activate (the floor is now 960 GiB), and try to raise before leaving.
        uint256[] memory ids = new uint256[](101);
        for (uint256 i = 0; i < ids.length; ++i) {
            ids[i] = registerPending(actor(ARMY_SALT, i), bigRig());
        }
        vm.warp(readyAtOf(ids[0]));
        for (uint256 i = 0; i < ids.length; ++i) {
            registry.activate(ids[i]);
        }
        assertEq(registry.floorMiB(), 960 * 1024, "the current floor is pumped");
        (uint256 lowest,) = classifier.floorRange();
        assertEq(lowest, PARAMS_24GIB, "the lowest over the window is not");
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierNotBelowFloor.selector, MAX_SMALL_PARAMS, PARAMS_24GIB)
        );
        classifier.raiseToFloor();
        // They stay almost a whole window, then leave: nothing was lifted, and nothing ever will be.
        warpBy(LOCAL_FLOOR_WINDOW - 2 * (LOCAL_FLOOR_WINDOW / 16));
        vm.expectRevert();
        classifier.raiseToFloor();
        for (uint256 i = 0; i < ids.length; ++i) {
            vm.prank(actor(ARMY_SALT, i));
            registry.exitNode(ids[i]);
        }
        warpBy(LOCAL_FLOOR_WINDOW + LOCAL_FLOOR_WINDOW / 16);
        vm.expectRevert();
        classifier.raiseToFloor();
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
    }

    function test_pumpTheFloor_aPumpThatHoldsTheWindowMovesTheLineAtMostTwiceAnInterval() public {
        // Had they held the floor for a whole window, the line rises 2x per raise interval, not 28x at once.
        uint256[] memory ids = new uint256[](101);
        for (uint256 i = 0; i < ids.length; ++i) {
            ids[i] = registerPending(actor(ARMY_SALT, i), bigRig());
        }
        vm.warp(readyAtOf(ids[0]));
        for (uint256 i = 0; i < ids.length; ++i) {
            registry.activate(ids[i]);
        }
        warpBy(LOCAL_FLOOR_WINDOW + LOCAL_FLOOR_WINDOW / 16);
        assertEq(classifier.raiseToFloor(), 2 * MAX_SMALL_PARAMS);
        vm.expectRevert();
        classifier.raiseToFloor();
        assertEq(classifier.thresholds().maxSmallParams, 2 * MAX_SMALL_PARAMS);
    }

    function test_pumpTheFloor_updateUpAndBackRestartsTheWarmup() public {
        // v1's other pump: update a node to 1 TiB and back, no new bond. Here an update is a new attestation
        // and a new warm-up: the node leaves the floor while it warms up.
        uint256 nodeId = registry.nodeIdsOf(honest[0], 0, 1)[0];
        IHardwareAttestations.OffchainAttestation memory big = attestation(honest[0], bigRig(), freshDeviceIds(5));
        bytes memory signature = sign(ATTESTER_PK, big);
        uint256 topUp = registry.bondFor(960 * 1024) - bondOf(nodeId);
        vm.deal(honest[0], topUp);
        vm.prank(honest[0]);
        registry.updateNode{value: topUp}(nodeId, big, attester, signature, "");
        assertEq(uint8(statusOf(nodeId)), uint8(IComputeRegistry.NodeStatus.Pending));
        assertEq(registry.activeNodeCount(), 19);
        assertEq(registry.floorMiB(), 24_576);
    }
}
