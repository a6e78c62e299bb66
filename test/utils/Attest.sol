// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {Vm} from "./Vm.sol";

/// @title Attest
/// @notice What an attester does, for tests and handlers: builds an EAS off-chain attestation of devices for a
/// recipient and signs it with the attester's key.
library Attest {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    /// @notice Device-id nonces of handlers start here, apart from the fixtures' own.
    uint256 internal constant HANDLER_DEVICES = 1 << 100;
    /// @notice How long attestations made here live.
    uint64 internal constant LIFETIME = 180 days;

    function build(
        IHardwareAttestations attestations,
        address recipient,
        IComputeRegistry.DeviceLine[] memory devices,
        bytes32[] memory deviceIds
    ) internal view returns (IHardwareAttestations.OffchainAttestation memory a) {
        uint16[] memory skuIds = new uint16[](devices.length);
        uint8[] memory counts = new uint8[](devices.length);
        for (uint256 i = 0; i < devices.length; ++i) {
            (skuIds[i], counts[i]) = (devices[i].skuId, devices[i].count);
        }
        a = IHardwareAttestations.OffchainAttestation({
            version: 2,
            schema: attestations.schemaUID(),
            recipient: recipient,
            time: uint64(block.timestamp),
            expirationTime: uint64(block.timestamp) + LIFETIME,
            revocable: true,
            refUID: bytes32(0),
            data: abi.encode(skuIds, counts, deviceIds, keccak256("evidence")),
            salt: keccak256(abi.encode(recipient, deviceIds, block.timestamp))
        });
    }

    function sign(IHardwareAttestations attestations, uint256 pk, IHardwareAttestations.OffchainAttestation memory a)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, attestations.digestOf(a));
        return abi.encodePacked(r, s, v);
    }

    /// @notice `n` ascending device ids unique to `nonce` (ids of different nonces never collide).
    function deviceIds(uint256 nonce, uint256 n) internal pure returns (bytes32[] memory ids) {
        ids = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            ids[i] = bytes32((nonce << 128) | (i + 1));
        }
    }

    /// @notice One line of `count` x `skuId`.
    function line(uint16 skuId, uint8 count) internal pure returns (IComputeRegistry.DeviceLine[] memory d) {
        d = new IComputeRegistry.DeviceLine[](1);
        d[0] = IComputeRegistry.DeviceLine(skuId, count);
    }
}
