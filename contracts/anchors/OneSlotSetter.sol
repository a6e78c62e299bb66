// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Exists only for benchmarks (bench/): the target of the reference governor's proposals, the cheapest
// governed setting there is. Never deployed by the Ignition module.

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title OneSlotSetter
/// @notice Benchmark anchor: an owner-guarded setting that writes one storage word.
contract OneSlotSetter is Ownable {
    /// @notice The value changed.
    /// @param oldValue The value before.
    /// @param newValue The value after.
    event ValueUpdated(uint256 oldValue, uint256 newValue);

    uint256 private _value;

    /// @param admin The owner (the reference timelock).
    /// @param initial The starting value.
    constructor(address admin, uint256 initial) Ownable(admin) {
        _value = initial;
    }

    /// @notice Sets the value.
    /// @param newValue The new value.
    function set(uint256 newValue) external onlyOwner {
        emit ValueUpdated(_value, newValue);
        _value = newValue;
    }

    /// @notice The value.
    /// @return The value.
    function value() external view returns (uint256) {
        return _value;
    }
}
