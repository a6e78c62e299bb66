// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {GovernanceDeployers} from "../utils/GovernanceDeployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @title BallotsBase
/// @notice The whole system (GovernanceDeployers, local profile: one-minute epochs, ballots live 60 epochs) with
/// `n` active 24 GiB nodes, one owner each, and helpers to hand the thresholds to the ballots and cast.
abstract contract BallotsBase is GovernanceDeployers {
    uint256 internal constant VOTER_SALT = 0xB411;
    /// @notice 10^11 parameters: a wish above the default line (7 · 10^10).
    uint64 internal constant WISH_PARAMS = 100_000_000_000;
    /// @notice 10^26 FLOP: a wish above the default line (10^25).
    uint128 internal constant WISH_FLOP = 1e26;

    address[] internal voters;
    uint256[] internal nodeIds;

    /// @notice Deploys, activates `n` nodes (one owner each), and warps past one floor window.
    function setUpBallots(uint256 n) internal {
        deployGovernanceFixture();
        for (uint256 i = 0; i < n; ++i) {
            address owner = actor(VOTER_SALT, i);
            voters.push(owner);
            nodeIds.push(registerNode(owner, SeedDevices.RTX_3090, 1));
        }
        activatePending();
        warpBy(LOCAL_FLOOR_WINDOW + LOCAL_FLOOR_WINDOW / 16);
    }

    /// @notice A governance round (all voters For) that hands the thresholds to the ballots (or back).
    function handToBallots(bool ballotsInCharge) internal {
        passAndExecute(
            voters[0],
            voters,
            single(
                address(classifier),
                abi.encodeCall(classifier.setThresholdAuthority, (ballotsInCharge)),
                ballotsInCharge ? "ballots in charge" : "governor in charge"
            )
        );
    }

    function cast(uint256 i, uint64 params, uint128 flop) internal {
        vm.prank(voters[i]);
        ballots.castBallot(nodeIds[i], params, flop);
    }

    /// @notice The first `n` voters cast the same ballot.
    function castMany(uint256 n, uint64 params, uint128 flop) internal {
        for (uint256 i = 0; i < n; ++i) {
            cast(i, params, flop);
        }
    }

    /// @notice Warps to the first second of the next epoch.
    function nextEpoch() internal {
        vm.warp(ballots.genesis() + (ballots.epoch() + 1) * ballots.epochLength());
    }

    function settleNow() internal returns (uint64 params, uint128 flop) {
        return ballots.settle(noNodes());
    }

    function noNodes() internal pure returns (uint256[] memory) {
        return new uint256[](0);
    }

    /// @notice The lower bound of x's bucket, computed apart from LogHistogram: x with all but its top six bits
    /// cleared.
    function bucketFloor(uint256 x) internal pure returns (uint256) {
        uint256 k = 0;
        while ((x >> (k + 1)) != 0) ++k;
        return (x >> (k - 5)) << (k - 5);
    }
}
