// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ModelClassifier} from "../../contracts/classification/ModelClassifier.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {GovernanceDeployers} from "../utils/GovernanceDeployers.sol";
import {ClassifierHandler} from "./handlers/ClassifierHandler.sol";

/// @notice The handler, defined in this root file so that the invariant runner has its artifact.
contract TargetClassifierHandler is ClassifierHandler {
    constructor(
        ComputeRegistry registry_,
        IModelClassifier.Thresholds memory initial,
        IModelClassifier.Guards memory guards_,
        uint256 attesterKey
    ) ClassifierHandler(registry_, initial, guards_, attesterKey) {}
}

/// @notice Invariants of ModelClassifier under random node churn, time, governed changes and raiseToFloor
/// (THREATS.md 4.3: M2 monotone classify vs a naive reference, M3 boundaries, M4 checkpointed history, M5
/// owner-only; plus the consumer floor at every write).
/// forge-config: default.invariant.fail-on-revert = true
contract ModelClassifierInvariantTest is GovernanceDeployers {
    ClassifierHandler internal handler;
    ModelClassifier internal c;

    function setUp() public {
        deployGovernanceFixture();
        handler = new TargetClassifierHandler(
            registry,
            IModelClassifier.Thresholds(MAX_SMALL_PARAMS, MAX_SMALL_FLOP),
            IModelClassifier.Guards(QUANT_BITS, OVERHEAD_BPS, 60, 30),
            ATTESTER_PK
        );
        c = handler.classifier();
        targetContract(address(handler));
    }

    function tier(uint256 p, uint256 f, IModelClassifier.Thresholds memory t) internal pure returns (uint256) {
        return (p <= t.maxSmallParams && f <= t.maxSmallTrainingFlop) ? 0 : 1;
    }

    /// @notice A raise never goes above the lowest floor over the window, nor beyond twice the line.
    function invariant_raisesFollowTheLowestFloorWithinTheFactor() public view {
        assertEq(handler.ghostRaiseAboveLowestFloor(), 0, "raised above the lowest floor over the window");
        assertEq(handler.ghostRaiseBeyondFactor(), 0, "raised more than 2x");
    }

    /// @notice Every governed maxSmallParams was at or above the highest floor over the window when written.
    function invariant_writesAtOrAboveFloor() public view {
        uint256 n = handler.ghostLength();
        for (uint256 i = 0; i < n; ++i) {
            assertGe(handler.ghostParams(i), handler.ghostFloorAtWrite(i), "write below floor");
        }
    }

    /// @notice Checkpoints are ordered in time and thresholdsAt replays the ghost history exactly.
    function invariant_historyMatchesGhost() public view {
        uint256 n = handler.ghostLength();
        assertEq(c.thresholdCheckpointCount(), n, "checkpoint count");
        uint256 now_ = vm.getBlockTimestamp();
        for (uint256 i = 0; i < n; ++i) {
            uint256 when = handler.ghostTimes(i);
            if (i > 0) assertGt(when, handler.ghostTimes(i - 1), "strictly increasing");
            if (when >= now_) {
                // The latest, written this second: the current value.
                assertEq(c.thresholds().maxSmallParams, handler.ghostParams(i));
                continue;
            }
            IModelClassifier.Thresholds memory t = c.thresholdsAt(when);
            assertEq(t.maxSmallParams, handler.ghostParams(i), "params at checkpoint");
            assertEq(t.maxSmallTrainingFlop, handler.ghostFlops(i), "flop at checkpoint");
            uint256 end = i + 1 < n ? handler.ghostTimes(i + 1) - 1 : now_ - 1;
            assertEq(c.thresholdsAt(end).maxSmallParams, handler.ghostParams(i), "params until next");
        }
        IModelClassifier.Thresholds memory latest = c.thresholds();
        assertEq(latest.maxSmallParams, handler.ghostParams(n - 1));
        assertEq(latest.maxSmallTrainingFlop, handler.ghostFlops(n - 1));
    }

    /// @notice classify is monotone in params and in flop, and agrees with a naive reference at T-1, T, T+1.
    function invariant_classifyMatchesReferenceAtBoundaries() public view {
        IModelClassifier.Thresholds memory t = c.thresholds();
        uint256[3] memory ps = [uint256(t.maxSmallParams) - 1, t.maxSmallParams, uint256(t.maxSmallParams) + 1];
        uint256[3] memory fs = [
            uint256(t.maxSmallTrainingFlop) - 1,
            t.maxSmallTrainingFlop,
            uint256(t.maxSmallTrainingFlop) + 1
        ];
        for (uint256 i = 0; i < 3; ++i) {
            for (uint256 j = 0; j < 3; ++j) {
                uint256 got = uint256(c.classify(ps[i], fs[j]));
                assertEq(got, tier(ps[i], fs[j], t), "classify vs reference");
                if (i > 0) assertGe(got, uint256(c.classify(ps[i - 1], fs[j])), "monotone in params");
                if (j > 0) assertGe(got, uint256(c.classify(ps[i], fs[j - 1])), "monotone in flop");
            }
        }
        // The same at the first checkpoint, through classifyAt.
        uint256 first = handler.ghostTimes(0);
        if (first < vm.getBlockTimestamp()) {
            IModelClassifier.Thresholds memory t0 = c.thresholdsAt(first);
            assertEq(uint256(c.classifyAt(t0.maxSmallParams, t0.maxSmallTrainingFlop, first)), 0);
            assertEq(uint256(c.classifyAt(uint256(t0.maxSmallParams) + 1, 0, first)), 1);
            assertEq(uint256(c.classifyAt(0, uint256(t0.maxSmallTrainingFlop) + 1, first)), 1);
        }
    }

    /// @notice Only the owner moves thresholds.
    function invariant_strangersNeverWrite() public view {
        assertEq(handler.ghostStrangerWrites(), 0);
    }
}
