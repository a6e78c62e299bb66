// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {BallotsBase} from "../ballots/BallotsBase.sol";

/// @notice An outlier ballot: one node asks for 10^15 parameters (and 10^33 FLOP) to drag the line up. A mean
/// of twenty honest wishes near 7 · 10^10 and that one would be about 4.8 · 10^13, 680× the line; the weighted
/// median moves by at most one rank, which over honest wishes spread over neighbouring buckets is at most
/// one bucket (≤ 3.1%).
contract OutlierBallotAttack is BallotsBase {
    uint256 internal constant HONEST = 20;

    function setUp() public {
        setUpBallots(HONEST + 1);
        handToBallots(true);
        // Honest wishes closer than a bucket apart (x1.015 each, a bucket is 1.6% to 3.1% wide), around the line.
        uint256 wish = 60_000_000_000;
        for (uint256 i = 0; i < HONEST; ++i) {
            cast(i, uint64(wish), uint128(wish * 1e14));
            wish = (wish * 1015) / 1000;
        }
    }

    function bucketsBetween(uint256 a, uint256 b) internal pure returns (uint256 n) {
        // Counts bucket floors from a up to b, one bucket at a time.
        uint256 x = a;
        while (x < b) {
            uint256 k = 0;
            while ((x >> (k + 1)) != 0) ++k;
            x += 1 << (k - 5);
            ++n;
        }
    }

    function test_outlierBallot_movesTheMedianAtMostOneBucket() public {
        (uint256 beforeParams, uint256 beforeFlop) = ballots.medians();
        vm.prank(voters[HONEST]);
        ballots.castBallot(nodeIds[HONEST], 1e15, 1e33);
        (uint256 afterParams, uint256 afterFlop) = ballots.medians();
        assertLe(bucketsBetween(beforeParams, afterParams), 1, "params median moved more than one bucket");
        assertLe(bucketsBetween(beforeFlop, afterFlop), 1, "flop median moved more than one bucket");
        // The mean the outlier would have steered: hundreds of times the line.
        uint256 sum = 1e15;
        for (uint256 i = 0; i < HONEST; ++i) {
            sum += ballots.ballotOf(nodeIds[i]).maxSmallParams;
        }
        assertGt(sum / (HONEST + 1), 600 * uint256(MAX_SMALL_PARAMS));
        // A settlement moves toward the median, not the outlier.
        (uint64 p, ) = settleNow();
        assertLe(p, afterParams + afterParams / 32);
    }

    function test_outlierBallot_evenAtTheRangeEdgeOneBucket() public {
        (uint256 beforeParams, ) = ballots.medians();
        cast(HONEST, uint64(ballots.MAX_PARAMS() - 1), uint128(ballots.MAX_FLOP() - 1));
        (uint256 afterParams, ) = ballots.medians();
        assertLe(bucketsBetween(beforeParams, afterParams), 1);
    }
}
