// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "drop the floor". Against v1 95 tiny nodes registered inside the `execute`
/// transaction let a below-floor threshold pass (0.95 ETH, one 8.3M-gas transaction), and the Small line ended
/// below the honest floor. Here money without an attester registers nothing; attested tiny nodes give no floor
/// weight in their warm-up; and `setThresholds` may not go below the highest floor over the floor window, so a
/// drop that lasts less than the window lowers no guard.
contract DropTheFloorAttack is AttackBase {
    function setUp() public {
        deployGovernanceFixture();
        honest = enlist(20, SeedDevices.RTX_3090, HONEST_SALT);
        // The majority's own rigs are 24 GiB cards too: the honest floor is 24 GiB.
        army = enlist(20, SeedDevices.RTX_4090, ARMY_SALT);
        registerNode(ATTACKER, SeedDevices.RTX_4090, 1);
        army.push(ATTACKER);
        activatePending();
        warpBy(LOCAL_FLOOR_WINDOW + LOCAL_FLOOR_WINDOW / 16);
    }

    function belowTheHonestFloor() internal view returns (Proposal memory) {
        // 40B: within 2x of 70B, below the 24 GiB floor (46.4B), above a 12 GiB floor (23.2B).
        return setThresholdsProposal(40e9, MAX_SMALL_FLOP, "regulate what ordinary people run");
    }

    function test_dropTheFloor_withoutAnAttesterTheTinyNodesNeverExist() public {
        Proposal memory p = belowTheHonestFloor();
        passAndQueueByArmy(p);
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL + TIMELOCK_DELAY + 1000);
        for (uint256 i = 0; i < 95; ++i) {
            bytes memory err =
                tryRegisterWithoutAttester(actor(0xD80, i), oneLine(SeedDevices.RTX_3060_12GB, 1), attester);
            assertEq(bytes4(err), IHardwareAttestations.HardwareAttestationsBadSignature.selector);
        }
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierBelowConsumerFloor.selector, 40e9, PARAMS_24GIB)
        );
        execute(p);
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
    }

    function test_dropTheFloor_attestedTinyNodesDropTheCurrentFloorButNotTheGuard() public {
        // With attestations for 95 tiny rigs, warmed up and active at execution time: the current floor falls to
        // 12 GiB, but the highest floor over the window is still the honest 24 GiB.
        Proposal memory p = belowTheHonestFloor();
        passAndQueueByArmy(p);
        address[] memory tiny = enlist(95, SeedDevices.RTX_3060_12GB, 0xD80);
        activatePending();
        assertEq(registry.floorMiB(), 12_288, "the current floor fell");
        (, uint256 highest) = classifier.floorRange();
        assertEq(highest, PARAMS_24GIB, "the guard did not");
        uint256 at = DEPLOY_TIME + MIN_CHANGE_INTERVAL;
        if (vm.getBlockTimestamp() < at) vm.warp(at);
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierBelowConsumerFloor.selector, 40e9, PARAMS_24GIB)
        );
        execute(p);
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
        assertEq(tiny.length, 95);
    }
}
