// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {HardwareCatalog} from "../../contracts/catalog/HardwareCatalog.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {SeedDevices} from "./SeedDevices.sol";
import {Test} from "./Test.sol";

/// @title Deployers
/// @notice Fixture: a HardwareCatalog seeded with {SeedDevices} and a ComputeRegistry, both owned by the test
/// contract (which stands in for the timelock and receives slashed bonds), plus small helpers.
abstract contract Deployers is Test {
    uint96 internal constant MIN_BOND = 0.1 ether;
    uint16 internal constant MAX_DEVICES = 16;
    uint32 internal constant MAX_NODE_MEMORY_MIB = 1 << 20; // 1 TiB, the histogram's range
    uint48 internal constant UNBONDING_PERIOD = 7 days;
    uint48 internal constant MIN_UNBONDING_PERIOD = 1 days;
    uint256 internal constant START_TIME = 1_700_000_000;

    HardwareCatalog internal catalog;
    ComputeRegistry internal registry;

    /// @notice Slashed bonds arrive here.
    receive() external payable virtual {}

    function deployFixture() internal {
        vm.warp(START_TIME);
        catalog = new HardwareCatalog(address(this), SeedDevices.all());
        registry = new ComputeRegistry(
            address(this),
            IHardwareCatalog(address(catalog)),
            ComputeRegistry.Params({
                minBond: MIN_BOND,
                maxDevicesPerNode: MAX_DEVICES,
                maxNodeMemoryMiB: MAX_NODE_MEMORY_MIB,
                unbondingPeriod: UNBONDING_PERIOD
            }),
            MIN_UNBONDING_PERIOD
        );
        vm.label(address(catalog), "HardwareCatalog");
        vm.label(address(registry), "ComputeRegistry");
    }

    // ------------------------------------------------------------------ device lists

    function oneLine(uint16 skuId, uint8 count) internal pure returns (IComputeRegistry.DeviceLine[] memory d) {
        d = new IComputeRegistry.DeviceLine[](1);
        d[0] = IComputeRegistry.DeviceLine(skuId, count);
    }

    function twoLines(uint16 skuA, uint8 countA, uint16 skuB, uint8 countB)
        internal
        pure
        returns (IComputeRegistry.DeviceLine[] memory d)
    {
        d = new IComputeRegistry.DeviceLine[](2);
        d[0] = IComputeRegistry.DeviceLine(skuA, countA);
        d[1] = IComputeRegistry.DeviceLine(skuB, countB);
    }

    function threeLines() internal pure returns (IComputeRegistry.DeviceLine[] memory d) {
        d = new IComputeRegistry.DeviceLine[](3);
        d[0] = IComputeRegistry.DeviceLine(SeedDevices.RTX_3090, 2);
        d[1] = IComputeRegistry.DeviceLine(SeedDevices.RTX_4090, 1);
        d[2] = IComputeRegistry.DeviceLine(SeedDevices.RX_7900_XTX, 1);
    }

    // ------------------------------------------------------------------ actions

    /// @notice Funds `owner` with exactly one bond and registers a node as `owner`.
    function registerAs(address owner, IComputeRegistry.DeviceLine[] memory devices) internal returns (uint256) {
        vm.deal(owner, MIN_BOND);
        vm.prank(owner);
        return registry.registerNode{value: MIN_BOND}(devices, "");
    }

    function registerAs(address owner, uint16 skuId, uint8 count) internal returns (uint256) {
        return registerAs(owner, oneLine(skuId, count));
    }
}
