// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeGovernor} from "../interfaces/IComputeGovernor.sol";

/// @title GovernorCallFence
/// @notice The (target, selector) pairs a proposal may call, fixed at deployment, and the check that every
/// action of a proposal is one of them, sends no ETH, and that a proposal holds at most `MAX_ACTIONS` calls. A
/// vote can change the values governance is meant to set and nothing else: no `transferOwnership`, no role
/// grant on the timelock, no `relay`, no `updateTimelock` (THREATS.md §0, "take the contracts").
abstract contract GovernorCallFence is IComputeGovernor {
    /// @notice Most calls in one proposal.
    uint256 public constant MAX_ACTIONS = 10;

    mapping(address target => mapping(bytes4 selector => bool allowed)) private _allowed;
    // target (bits 0-159) and selector (160-191) of every allowed call, for `allowedCalls`.
    uint256[] private _allowedList;

    /// @inheritdoc IComputeGovernor
    function isAllowedCall(address target, bytes4 selector) public view returns (bool) {
        return _allowed[target][selector];
    }

    /// @inheritdoc IComputeGovernor
    function allowedCalls() external view returns (AllowedCall[] memory calls) {
        uint256 count = _allowedList.length;
        calls = new AllowedCall[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 word = _allowedList[i];
            calls[i] = AllowedCall(address(uint160(word)), bytes4(uint32(word >> 160)));
        }
    }

    /// @dev Adds a pair; only the constructor calls this.
    function _allowCall(address target, bytes4 selector) internal {
        _allowed[target][selector] = true;
        _allowedList.push(uint256(uint160(target)) | (uint256(uint32(selector)) << 160));
    }

    /// @dev Reverts unless every action is an allowed call without ETH, and there are at most `MAX_ACTIONS`.
    function _checkActions(address[] memory targets, uint256[] memory values, bytes[] memory calldatas) internal view {
        uint256 count = targets.length;
        if (count > MAX_ACTIONS) revert ComputeGovernorTooManyActions(count, MAX_ACTIONS);
        // Governor checks the three lengths match after this; a mismatch must not index out of range here.
        for (uint256 i = 0; i < count && i < calldatas.length; ++i) {
            bytes memory data = calldatas[i];
            bytes4 selector = bytes4(data);
            // Calldata shorter than a selector reaches the fallback or `receive`, never a governed setter.
            if (data.length < 4 || !_allowed[targets[i]][selector]) {
                revert ComputeGovernorCallNotAllowed(i, targets[i], selector);
            }
        }
        for (uint256 i = 0; i < values.length; ++i) {
            if (values[i] != 0) revert ComputeGovernorValueNotAllowed(i, values[i]);
        }
    }
}
