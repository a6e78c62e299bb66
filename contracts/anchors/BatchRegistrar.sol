// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Exists only for benchmarks (bench/): fills a registry with many nodes in few transactions. Never deployed
// by the Ignition module.

import {IComputeRegistry} from "../interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../interfaces/IHardwareAttestations.sol";
import {IThresholdBallots} from "../interfaces/IThresholdBallots.sol";

/// @title BatchRegistrar
/// @notice Benchmark helper: registers many attested nodes, all owned by this contract (each attestation names
/// it as recipient), from its own ETH balance, and activates them after their warm-up. Node ownership does not
/// change what the benchmarks read (the histogram, the floor, the node pages).
contract BatchRegistrar {
    IComputeRegistry private immutable _registry;

    /// @param registry_ The registry to fill.
    constructor(IComputeRegistry registry_) {
        _registry = registry_;
    }

    /// @notice Accepts the ETH that pays the bonds.
    receive() external payable {}

    /// @notice Registers one node per attestation, each with the bond its memory requires.
    /// @param attestations Attestations whose recipient is this contract.
    /// @param attester Who signed them.
    /// @param signatures One signature per attestation.
    /// @param memoryMiB The memory of each attested node (for its bond).
    /// @param metadataURI The metadata URI of every node.
    function registerMany(
        IHardwareAttestations.OffchainAttestation[] calldata attestations,
        address attester,
        bytes[] calldata signatures,
        uint256[] calldata memoryMiB,
        string calldata metadataURI
    ) external {
        for (uint256 i = 0; i < attestations.length; ++i) {
            uint256 bond = _registry.bondFor(memoryMiB[i]);
            _registry.registerNode{value: bond}(attestations[i], attester, signatures[i], metadataURI);
        }
    }

    /// @notice Activates nodes `firstId` to `firstId + count - 1` (anyone may, once their warm-up is over).
    /// @param firstId The first node id.
    /// @param count How many.
    function activateMany(uint256 firstId, uint256 count) external {
        for (uint256 i = 0; i < count; ++i) {
            _registry.activate(firstId + i);
        }
    }

    /// @notice Casts the ballots of nodes `firstId` to `firstId + count - 1`: node `id` wishes
    /// `params[id % params.length]` and `flop[id % flop.length]`, so every size has the same distribution shape.
    /// @param ballots The ballots contract.
    /// @param firstId The first node id.
    /// @param count How many.
    /// @param params The params wishes, in turn.
    /// @param flop The FLOP wishes, in turn.
    function castBallotsCycling(
        IThresholdBallots ballots,
        uint256 firstId,
        uint256 count,
        uint64[] calldata params,
        uint128[] calldata flop
    ) external {
        for (uint256 id = firstId; id < firstId + count; ++id) {
            ballots.castBallot(id, params[id % params.length], flop[id % flop.length]);
        }
    }
}
