// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ThresholdBallots} from "../../../contracts/ballots/ThresholdBallots.sol";
import {ModelClassifier} from "../../../contracts/classification/ModelClassifier.sol";
import {IModelClassifier} from "../../../contracts/interfaces/IModelClassifier.sol";
import {IThresholdBallots} from "../../../contracts/interfaces/IThresholdBallots.sol";
import {ComputeRegistry} from "../../../contracts/registry/ComputeRegistry.sol";
import {Test} from "../../utils/Test.sol";

/// @title BallotsHandler
/// @notice Random ballots, changes, withdrawals, exits, time and settlements over a fixed set of active nodes,
/// with ghost ballots to check the distributions against, and counters of anything a settlement must never do.
contract BallotsHandler is Test {
    ThresholdBallots public immutable ballots;
    ModelClassifier public immutable classifier;
    ComputeRegistry public immutable registry;

    uint256[] public nodeIds;
    address[] public owners;

    // Ghost ballots, by index into nodeIds.
    mapping(uint256 i => bool) public ghostHas;
    mapping(uint256 i => uint256) public ghostParams;
    mapping(uint256 i => uint256) public ghostFlop;
    mapping(uint256 i => uint256) public ghostExpiry;
    mapping(uint256 i => bool) public ghostDeparted;
    mapping(uint256 epoch => bool) public ghostSettledIn;

    uint256 public ghostSettlements;
    uint256 public ghostStepViolations;
    uint256 public ghostFloorViolations;
    uint256 public ghostTwiceInAnEpoch;
    uint256 public ghostDepartedCast;

    constructor(ThresholdBallots ballots_, uint256[] memory nodeIds_, address[] memory owners_) {
        ballots = ballots_;
        classifier = ModelClassifier(ballots_.classifier());
        registry = ComputeRegistry(ballots_.registry());
        nodeIds = nodeIds_;
        owners = owners_;
    }

    function nodeCount() external view returns (uint256) {
        return nodeIds.length;
    }

    function cast(uint256 seed, uint256 params, uint256 flop, bool spread) external {
        uint256 i = seed % nodeIds.length;
        // Half the time near the line (where a median lives), half anywhere in the range.
        params =
            spread
                ? bound(params, ballots.MIN_PARAMS(), ballots.MAX_PARAMS() - 1)
                : bound(params, 20_000_000_000, 200_000_000_000);
        flop = spread ? bound(flop, ballots.MIN_FLOP(), ballots.MAX_FLOP() - 1) : bound(flop, 1e24, 1e26);
        vm.prank(owners[i]);
        try ballots.castBallot(nodeIds[i], uint64(params), uint128(flop)) {
            if (ghostDeparted[i]) ++ghostDepartedCast;
            ghostHas[i] = true;
            ghostParams[i] = params;
            ghostFlop[i] = flop;
            ghostExpiry[i] = ballots.epoch() + ballots.ballotLifetime();
        } catch {
            // Only a departed node may be refused.
            if (!ghostDeparted[i]) ++ghostDepartedCast;
        }
    }

    function withdraw(uint256 seed) external {
        uint256 i = seed % nodeIds.length;
        if (!ghostHas[i]) return;
        vm.prank(owners[i]);
        ballots.withdrawBallot(nodeIds[i]);
        ghostHas[i] = false;
    }

    function exitNode(uint256 seed) external {
        uint256 i = seed % nodeIds.length;
        // Keep most of the population: a settlement needs a quorum.
        if (ghostDeparted[i] || i < nodeIds.length / 2) return;
        vm.prank(owners[i]);
        registry.exitNode(nodeIds[i]);
        ghostDeparted[i] = true;
        ghostHas[i] = false;
    }

    function warp(uint256 secondsToAdd) external {
        vm.warp(vm.getBlockTimestamp() + bound(secondsToAdd, 1, 30 * ballots.epochLength()));
    }

    function settle() external {
        uint256 epoch = ballots.epoch();
        uint256[] memory expired = new uint256[](nodeIds.length);
        uint256 n = 0;
        for (uint256 i = 0; i < nodeIds.length; ++i) {
            if (ghostHas[i] && ghostExpiry[i] <= epoch) expired[n++] = nodeIds[i];
        }
        assembly ("memory-safe") {
            mstore(expired, n)
        }
        IModelClassifier.Thresholds memory before = classifier.thresholds();
        (, uint256 floorParams) = classifier.floorRange();
        try ballots.settle(expired) returns (uint64 p, uint128 f) {
            if (ghostSettledIn[epoch]) ++ghostTwiceInAnEpoch;
            ghostSettledIn[epoch] = true;
            ++ghostSettlements;
            for (uint256 k = 0; k < n; ++k) {
                for (uint256 i = 0; i < nodeIds.length; ++i) {
                    if (nodeIds[i] == expired[k]) ghostHas[i] = false;
                }
            }
            if (!_withinStep(before.maxSmallParams, p) || !_withinStep(before.maxSmallTrainingFlop, f)) {
                ++ghostStepViolations;
            }
            if (p < before.maxSmallParams && p < floorParams) ++ghostFloorViolations;
        } catch {}
    }

    /// @dev At most ×1.25 up, ÷1.10 down.
    function _withinStep(uint256 oldValue, uint256 newValue) private pure returns (bool) {
        return newValue <= (oldValue * 5) / 4 && newValue >= (oldValue * 10) / 11;
    }
}
