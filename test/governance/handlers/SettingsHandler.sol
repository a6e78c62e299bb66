// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {ComputeGovernor} from "../../../contracts/governance/ComputeGovernor.sol";
import {INodeChallenges} from "../../../contracts/interfaces/INodeChallenges.sol";
import {ComputeRegistry} from "../../../contracts/registry/ComputeRegistry.sol";
import {Vm} from "../../utils/Vm.sol";

/// @title SettingsHandler
/// @notice A majority that passes random setter proposals, one to three actions each, with values drawn
/// around every bound (0, min - 1, min, max, max + 1, extremes, anything), and executes them. Ghosts count
/// what executed and what the guards refused.
contract SettingsHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    ComputeGovernor public immutable governor;
    ComputeRegistry public immutable registry;
    TimelockController public immutable timelock;
    address public immutable proposer;
    address[] internal _voters;

    uint256 public ghostExecuted;
    uint256 public ghostRefused;
    uint256 public ghostProposals;
    uint256 internal _nonce;

    constructor(ComputeGovernor governor_, ComputeRegistry registry_, address proposer_, address[] memory voters_) {
        governor = governor_;
        registry = registry_;
        timelock = TimelockController(payable(governor_.timelock()));
        proposer = proposer_;
        _voters = voters_;
    }

    /// @notice Proposes up to three random setter calls, passes them, and tries to execute.
    function passSettings(uint256 seedA, uint256 seedB, uint256 seedC, uint8 count) external {
        uint256 n = 1 + (count % 3);
        address[] memory targets = new address[](n);
        bytes[] memory calldatas = new bytes[](n);
        uint256[3] memory seeds = [seedA, seedB, seedC];
        for (uint256 i = 0; i < n; ++i) {
            (targets[i], calldatas[i]) = _setterCall(seeds[i]);
        }
        string memory description = string.concat("settings ", vm.toString(++_nonce));
        vm.prank(proposer);
        uint256 id = governor.propose(targets, new uint256[](n), calldatas, description);
        ++ghostProposals;
        vm.warp(governor.proposalSnapshot(id) + 1);
        for (uint256 i = 0; i < _voters.length; ++i) {
            vm.prank(_voters[i]);
            governor.castVote(id, 1);
        }
        vm.warp(governor.proposalDeadline(id) + 1);
        require(governor.state(id) == IGovernor.ProposalState.Succeeded, "handler: the majority's proposal failed");
        governor.queue(id);
        vm.warp(governor.proposalEta(id));
        try governor.execute(id) {
            ++ghostExecuted;
        } catch {
            ++ghostRefused;
        }
    }

    function _setterCall(uint256 seed) internal view returns (address target, bytes memory data) {
        uint256 which = seed % 12;
        uint256 value = _value(seed >> 8);
        if (which == 0) return (address(governor), abi.encodeCall(governor.setVotingDelay, (uint48(value))));
        if (which == 1) return (address(governor), abi.encodeCall(governor.setVotingPeriod, (uint32(value))));
        if (which == 2) return (address(governor), abi.encodeCall(governor.setProposalThreshold, (value % 16)));
        if (which == 3) return (address(governor), abi.encodeCall(governor.updateQuorumNumerator, (value % 101)));
        if (which == 4) {
            return (address(governor), abi.encodeCall(governor.setLateQuorumVoteExtension, (uint48(value))));
        }
        if (which == 5) return (address(timelock), abi.encodeCall(timelock.updateDelay, (value)));
        if (which == 6) return (address(registry), abi.encodeCall(registry.setUnbondingPeriod, (value)));
        if (which == 7) return (address(registry), abi.encodeCall(registry.setBond, (value * 1 gwei, value % 7 * 1e15)));
        if (which == 8) return (address(registry), abi.encodeCall(registry.setMaxDevicesPerNode, (value % 100)));
        if (which == 9) return (address(registry), abi.encodeCall(registry.setMaxNodeMemoryMiB, (value % (2 << 20))));
        INodeChallenges challenges = INodeChallenges(registry.challenges());
        if (which == 10) return (address(challenges), abi.encodeCall(challenges.setWindow, (value)));
        return (address(registry), abi.encodeCall(registry.setKeeperFee, (value % 7 * 1e15)));
    }

    /// @dev Durations near the edges that matter: zero, seconds, the local and public bounds, and beyond.
    function _value(uint256 seed) internal pure returns (uint256) {
        uint256[12] memory edges =
            [uint256(0), 1, 59, 60, 300, 3599, 3600, 1 days, 7 days, 14 days, 30 days, 90 days + 1];
        uint256 pick = seed % 16;
        if (pick < edges.length) return edges[pick];
        return (seed >> 4) % (100 days);
    }
}
