// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Exists only for benchmarks (bench/): fills a registry with many nodes in few transactions. Never deployed
// by the Ignition module.

import {IComputeRegistry} from "../interfaces/IComputeRegistry.sol";

/// @title BatchRegistrar
/// @notice Benchmark helper: registers many nodes, all owned by this contract, from its own ETH balance.
/// Node ownership does not change what the benchmarks read (the histogram, the node pages).
contract BatchRegistrar {
    IComputeRegistry private immutable _registry;

    /// @param registry_ The registry to fill.
    constructor(IComputeRegistry registry_) {
        _registry = registry_;
    }

    /// @notice Accepts the ETH that pays the bonds.
    receive() external payable {}

    /// @notice Registers `count` nodes, cycling through `patterns` from index `start`.
    /// @param patterns Device lists to cycle through.
    /// @param start Index into `patterns` of the first node.
    /// @param count Nodes to register.
    /// @param metadataURI The metadata URI of every node.
    function registerMany(
        IComputeRegistry.DeviceLine[][] calldata patterns,
        uint256 start,
        uint256 count,
        string calldata metadataURI
    ) external {
        uint256 bond = _registry.minBond();
        for (uint256 i = 0; i < count; ++i) {
            _registry.registerNode{value: bond}(patterns[(start + i) % patterns.length], metadataURI);
        }
    }
}
