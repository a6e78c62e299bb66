// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title CapacityMath
/// @notice How many model parameters a given amount of memory can hold. The SDK mirrors this
/// function exactly (src/capacity.ts), so keep both in step.
library CapacityMath {
    /// @notice Basis points in one whole.
    uint256 internal constant BPS = 10_000;
    uint256 private constant _BYTES_PER_MIB = 1 << 20;

    /// @notice Overhead share is not below 100%.
    /// @param overheadBps The share given.
    error CapacityMathOverheadTooHigh(uint256 overheadBps);
    /// @notice Quantization of zero bits.
    error CapacityMathZeroQuantization();

    /// @notice Parameters that fit in `memoryMiB` at `quantBits` bits each, after reserving `overheadBps`
    /// of the memory for activations, KV cache and runtime:
    /// `memoryMiB * 2^20 * 8 / quantBits * (1 - overheadBps / 10_000)`, rounded down.
    /// @param memoryMiB Memory in MiB.
    /// @param quantBits Bits per parameter (e.g. 4 for 4-bit quantization).
    /// @param overheadBps Share of memory not available to weights, in basis points (1000 = 10%).
    /// @return The parameter count.
    function runnableParams(uint256 memoryMiB, uint256 quantBits, uint256 overheadBps) internal pure returns (uint256) {
        if (quantBits == 0) revert CapacityMathZeroQuantization();
        if (overheadBps >= BPS) revert CapacityMathOverheadTooHigh(overheadBps);
        // One division at the end keeps the result exact for every input the SDK can mirror.
        return (memoryMiB * _BYTES_PER_MIB * 8 * (BPS - overheadBps)) / (quantBits * BPS);
    }
}
