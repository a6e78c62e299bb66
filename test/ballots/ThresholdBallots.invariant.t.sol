// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ThresholdBallots} from "../../contracts/ballots/ThresholdBallots.sol";
import {IThresholdBallots} from "../../contracts/interfaces/IThresholdBallots.sol";
import {BallotsBase} from "./BallotsBase.sol";
import {BallotsHandler} from "./handlers/BallotsHandler.sol";

/// @notice The handler, defined in this root file so that the invariant runner has its artifact.
contract TargetBallotsHandler is BallotsHandler {
    constructor(
        ThresholdBallots ballots_,
        uint256[] memory nodeIds_,
        address[] memory owners_
    ) BallotsHandler(ballots_, nodeIds_, owners_) {}
}

/// @notice Invariants of the ballots under random casts, changes, withdrawals, exits, time and settlements: the
/// median read is within one bucket of a brute-force weighted median of the ghost ballots; a settlement never
/// moves a threshold by more than its step, never lowers the params line below the floor, never happens twice
/// in an epoch; ballots of departed nodes never count.
contract ThresholdBallotsInvariantTest is BallotsBase {
    BallotsHandler internal handler;

    function setUp() public {
        setUpBallots(12);
        handToBallots(true);
        handler = new TargetBallotsHandler(ballots, nodeIds, voters);
        targetContract(address(handler));
    }

    function invariant_settlementsStayWithinTheirSteps() public view {
        assertEq(handler.ghostStepViolations(), 0, "moved more than x1.25 up or 1.10x down");
        assertEq(handler.ghostFloorViolations(), 0, "lowered below the floor");
        assertEq(handler.ghostTwiceInAnEpoch(), 0, "settled twice in an epoch");
        assertEq(handler.ghostDepartedCast(), 0, "a departed node cast, or a counted node was refused");
    }

    function invariant_departedNodesHaveNoBallot() public view {
        uint256 n = handler.nodeCount();
        uint256 count = 0;
        uint256 live = 0;
        uint256 epoch = ballots.epoch();
        for (uint256 i = 0; i < n; ++i) {
            IThresholdBallots.Ballot memory b = ballots.ballotOf(handler.nodeIds(i));
            assertEq(b.expiryEpoch != 0, handler.ghostHas(i), "ballot present as the ghost says");
            if (handler.ghostDeparted(i)) assertEq(b.expiryEpoch, 0, "a departed node's ballot counts");
            if (handler.ghostHas(i)) {
                ++count;
                assertEq(b.maxSmallParams, handler.ghostParams(i));
                assertEq(b.maxSmallTrainingFlop, handler.ghostFlop(i));
                if (handler.ghostExpiry(i) > epoch) ++live;
            }
        }
        assertEq(ballots.ballotCount(), count, "ballot count");
        assertEq(ballots.liveBallotCount(), live, "live ballot count");
    }

    function invariant_medianWithinOneBucketOfBruteForce() public view {
        uint256 n = handler.nodeCount();
        uint256[] memory params = new uint256[](n);
        uint256[] memory flop = new uint256[](n);
        uint256 k = 0;
        for (uint256 i = 0; i < n; ++i) {
            if (!handler.ghostHas(i)) continue;
            params[k] = handler.ghostParams(i);
            flop[k] = handler.ghostFlop(i);
            ++k;
        }
        (uint256 mp, uint256 mf) = ballots.medians();
        if (k == 0) {
            assertEq(mp, 0);
            assertEq(mf, 0);
            return;
        }
        uint256 rank = (k + 1) / 2; // ceil(k / 2), 1-based
        uint256 vp = kth(params, k, rank);
        uint256 vf = kth(flop, k, rank);
        // The median read is the lower bound of the brute-force median's bucket: at or below it, by less than
        // one bucket (1/32 of the bound).
        assertLe(mp, vp, "params median above brute force");
        assertLe(vp - mp, mp / 32, "params median more than a bucket below");
        assertLe(mf, vf, "flop median above brute force");
        assertLe(vf - mf, mf / 32, "flop median more than a bucket below");
    }

    /// @dev The rank-th smallest (1-based) of the first k values, by selection.
    function kth(uint256[] memory values, uint256 k, uint256 rank) internal pure returns (uint256) {
        for (uint256 i = 0; i < rank; ++i) {
            uint256 m = i;
            for (uint256 j = i + 1; j < k; ++j) {
                if (values[j] < values[m]) m = j;
            }
            (values[i], values[m]) = (values[m], values[i]);
        }
        return values[rank - 1];
    }
}
