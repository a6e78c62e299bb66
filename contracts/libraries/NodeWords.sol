// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../interfaces/IComputeRegistry.sol";

/// @title NodeWords
/// @notice The one definition of a node's packed words (`IComputeRegistry.nodeRecord`, `packedNodes`) and of
/// a device claim. Word 1: owner (bits 0-159), memoryMiB (160-191), status (192-199), device line count
/// (200-207), attesterId (208-223), attestation expiry (224-255). Word 2: bond in gwei (0-47), device
/// generation (48-63), activatableAt or unlockAt (64-111), device lines (112-255; line i at bit 112 + 24 * i:
/// uint16 skuId, then uint8 count). A device claim: node id (bits 0-47), generation (48-63).
library NodeWords {
    function owner(uint256 word1) internal pure returns (address) {
        return address(uint160(word1));
    }

    function memoryMiB(uint256 word1) internal pure returns (uint32) {
        return uint32(word1 >> 160);
    }

    function status(uint256 word1) internal pure returns (IComputeRegistry.NodeStatus) {
        return IComputeRegistry.NodeStatus(uint8(word1 >> 192));
    }

    function lineCount(uint256 word1) internal pure returns (uint8) {
        return uint8(word1 >> 200);
    }

    function attesterId(uint256 word1) internal pure returns (uint16) {
        return uint16(word1 >> 208);
    }

    function attestationExpiry(uint256 word1) internal pure returns (uint32) {
        return uint32(word1 >> 224);
    }

    function bondGwei(uint256 word2) internal pure returns (uint48) {
        return uint48(word2);
    }

    function generation(uint256 word2) internal pure returns (uint16) {
        return uint16(word2 >> 48);
    }

    function readyAt(uint256 word2) internal pure returns (uint48) {
        return uint48(word2 >> 64);
    }

    function lines(uint256 word2) internal pure returns (uint144) {
        return uint144(word2 >> 112);
    }

    function claim(uint256 nodeId, uint16 generation_) internal pure returns (uint256) {
        return nodeId | (uint256(generation_) << 48);
    }
}
