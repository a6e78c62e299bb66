// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {BallotsBase} from "../ballots/BallotsBase.sol";

/// @notice Flip the authority: a majority that wants the line down fast uses both authorities, a settlement
/// step and then a governed ÷2 at once, and flips back to keep settling. Without a rule between them the two
/// would stack (÷1.10 and ÷2 within minutes). Here one authority acts at a time, a flip waits
/// `minChangeInterval` after the last one, and the governor's first change after a handover waits
/// `minChangeInterval` after the last settlement.
contract FlipTheAuthorityAttack is BallotsBase {
    function setUp() public {
        setUpBallots(20);
        handToBallots(true);
        castMany(20, uint64(PARAMS_24GIB), MAX_SMALL_FLOP);
        settleNow();
    }

    function test_flipTheAuthority_theGovernorCannotStackAChangeOnASettlement() public {
        uint256 settledAt = vm.getBlockTimestamp();
        uint64 lowered = classifier.thresholds().maxSmallParams;
        assertEq(lowered, (uint256(MAX_SMALL_PARAMS) * 10) / 11);
        // While the ballots are in charge, the governor's change is refused outright.
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierBallotsInCharge.selector));
        classifier.setThresholds(uint64(PARAMS_24GIB), MAX_SMALL_FLOP);
        // Flipping back waits an interval after the first flip; then the change still waits for the settlement's.
        uint256 flipAt = classifier.lastAuthorityChangeAt() + MIN_CHANGE_INTERVAL;
        vm.prank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierAuthorityChangeTooSoon.selector, flipAt)
        );
        classifier.setThresholdAuthority(false);
        vm.warp(flipAt);
        vm.prank(address(timelock));
        classifier.setThresholdAuthority(false);
        if (vm.getBlockTimestamp() < settledAt + MIN_CHANGE_INTERVAL) {
            vm.prank(address(timelock));
            vm.expectRevert(
                abi.encodeWithSelector(
                    IModelClassifier.ModelClassifierChangeTooSoon.selector,
                    settledAt + MIN_CHANGE_INTERVAL
                )
            );
            classifier.setThresholds(uint64(PARAMS_24GIB), MAX_SMALL_FLOP);
        }
        // And flipping to the ballots again at once, to settle the next step: refused too.
        vm.prank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierAuthorityChangeTooSoon.selector,
                vm.getBlockTimestamp() + MIN_CHANGE_INTERVAL
            )
        );
        classifier.setThresholdAuthority(true);
        assertEq(classifier.thresholds().maxSmallParams, lowered, "nothing stacked");
    }
}
