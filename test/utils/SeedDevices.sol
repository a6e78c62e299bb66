// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";

/// @title SeedDevices
/// @notice Real consumer devices the test catalog starts with. The order is fixed: SKU ids 1..9, and other
/// tests and scripts depend on it. Memory in MiB (VRAM or unified memory), bandwidth in GB/s.
library SeedDevices {
    uint16 internal constant RTX_3060_12GB = 1;
    uint16 internal constant RTX_3090 = 2;
    uint16 internal constant RTX_4090 = 3;
    uint16 internal constant RTX_5090 = 4;
    uint16 internal constant RX_7900_XTX = 5;
    uint16 internal constant M2_ULTRA_192GB = 6;
    uint16 internal constant M3_MAX_128GB = 7;
    uint16 internal constant M4_MAX_128GB = 8;
    uint16 internal constant M4_PRO_64GB = 9;
    uint256 internal constant COUNT = 9;

    /// @notice The seed list, SKU ids 1..9 in this order.
    function all() internal pure returns (IHardwareCatalog.SkuInput[] memory list) {
        list = new IHardwareCatalog.SkuInput[](COUNT);
        list[0] = IHardwareCatalog.SkuInput("NVIDIA", "GeForce RTX 3060 12 GB", 12288, 360);
        list[1] = IHardwareCatalog.SkuInput("NVIDIA", "GeForce RTX 3090 24 GB", 24576, 936);
        list[2] = IHardwareCatalog.SkuInput("NVIDIA", "GeForce RTX 4090 24 GB", 24576, 1008);
        list[3] = IHardwareCatalog.SkuInput("NVIDIA", "GeForce RTX 5090 32 GB", 32768, 1792);
        list[4] = IHardwareCatalog.SkuInput("AMD", "Radeon RX 7900 XTX 24 GB", 24576, 960);
        list[5] = IHardwareCatalog.SkuInput("Apple", "M2 Ultra 192 GB", 196608, 800);
        list[6] = IHardwareCatalog.SkuInput("Apple", "M3 Max 128 GB", 131072, 400);
        list[7] = IHardwareCatalog.SkuInput("Apple", "M4 Max 128 GB", 131072, 546);
        list[8] = IHardwareCatalog.SkuInput("Apple", "M4 Pro 64 GB", 65536, 273);
    }

    /// @notice Memory of seed SKU `skuId` (1..9), in MiB.
    function memoryOf(uint256 skuId) internal pure returns (uint32) {
        return all()[skuId - 1].memoryMiB;
    }
}
