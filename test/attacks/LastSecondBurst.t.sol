// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {IThresholdBallots} from "../../contracts/interfaces/IThresholdBallots.sol";
import {BallotsBase} from "../ballots/BallotsBase.sol";

/// @notice A burst in the last second: a bloc of counted nodes that wants the line down keeps quiet all epoch,
/// then casts in the last second and settles at once, so no one can answer before the line moves. Setting the
/// line to the median (a naive settlement) would drop it from 7 · 10^10 to the bloc's wish (about 10^6) in one
/// transaction; here it moves one step, ÷1.10, per epoch, never below the floor, and once an epoch.
contract LastSecondBurstAttack is BallotsBase {
    uint256 internal constant HONEST = 9;
    uint256 internal constant BLOC = 11; // a majority of the counted nodes

    function setUp() public {
        setUpBallots(HONEST + BLOC);
        handToBallots(true);
        castMany(HONEST, MAX_SMALL_PARAMS, MAX_SMALL_FLOP);
    }

    function burst() internal {
        // The last second of the epoch.
        vm.warp(ballots.genesis() + (ballots.epoch() + 1) * ballots.epochLength() - 1);
        for (uint256 i = HONEST; i < HONEST + BLOC; ++i) {
            cast(i, uint64(ballots.MIN_PARAMS()), uint128(ballots.MIN_FLOP()));
        }
    }

    function test_lastSecondBurst_movesTheLineOneStep() public {
        burst();
        (uint256 medianParams, ) = ballots.medians();
        assertEq(medianParams, ballots.MIN_PARAMS(), "the bloc owns the median");
        (uint64 p, uint128 f) = settleNow();
        assertEq(p, (uint256(MAX_SMALL_PARAMS) * 10) / 11, "one step down");
        assertEq(f, (uint256(MAX_SMALL_FLOP) * 10) / 11, "one step down");
        // And not again in the same epoch, however many ballots arrive.
        (, uint256 epoch) = ballots.lastSettled();
        vm.expectRevert(
            abi.encodeWithSelector(
                IThresholdBallots.ThresholdBallotsAlreadySettled.selector,
                epoch,
                ballots.genesis() + (epoch + 1) * ballots.epochLength()
            )
        );
        settleNow();
    }

    function test_lastSecondBurst_aSustainedMajorityStillStopsAtTheFloor() public {
        burst();
        settleNow();
        uint64 previous = classifier.thresholds().maxSmallParams;
        for (uint256 k = 0; k < 12; ++k) {
            nextEpoch();
            (uint64 p, ) = settleNow();
            assertGe(p, (uint256(previous) * 10) / 11, "more than one step");
            previous = p;
        }
        // Five steps reach the 24 GiB floor (7e10 x (10/11)^5 < 4.64e10); there it stays.
        assertEq(classifier.thresholds().maxSmallParams, PARAMS_24GIB);
        (, uint256 floorParams) = classifier.floorRange();
        assertEq(floorParams, PARAMS_24GIB);
    }

    function test_lastSecondBurst_theHonestNodesHaveAnEpochToAnswer() public {
        burst();
        settleNow();
        // The honest side answers by taking the line back: the majority is gone (two bloc nodes change sides).
        cast(HONEST, MAX_SMALL_PARAMS, MAX_SMALL_FLOP);
        cast(HONEST + 1, MAX_SMALL_PARAMS, MAX_SMALL_FLOP);
        nextEpoch();
        (uint64 p, ) = settleNow();
        // Back in the honest median's bucket (its lower bound, 6.87e10: within 1/32 of where it was).
        assertEq(p, bucketFloor(MAX_SMALL_PARAMS), "raised back to the honest median");
        assertEq(uint8(classifier.classify(p, 1)), uint8(IModelClassifier.Tier.Small));
    }
}
