// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {HardwareCatalog} from "../../contracts/catalog/HardwareCatalog.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {SeedDevices} from "./SeedDevices.sol";
import {Test} from "./Test.sol";

/// @title Deployers
/// @notice Base fixture, as v4-core's: a HardwareCatalog seeded with {SeedDevices} and a ComputeRegistry, and
/// the helpers every suite shares (device lists, funded registrations, actors, the clock). `deployFixture`
/// makes the test contract the admin (it stands in for the timelock); {GovernanceDeployers} extends this base
/// with the timelock as admin and the governor on top.
abstract contract Deployers is Test {
    uint96 internal constant MIN_BOND = 0.1 ether;
    uint16 internal constant MAX_DEVICES = 16;
    uint32 internal constant MAX_NODE_MEMORY_MIB = 1 << 20; // 1 TiB, the histogram's range
    uint48 internal constant UNBONDING_PERIOD = 7 days;
    uint48 internal constant MIN_UNBONDING_PERIOD = 1 days;
    uint256 internal constant START_TIME = 1_700_000_000;

    HardwareCatalog internal catalog;
    ComputeRegistry internal registry;
    /// @notice The bond the registry asked at deployment; the registration helpers send it.
    uint96 internal bond;

    /// @notice The registry and catalog administered by the test contract, with the constants above.
    function deployFixture() internal {
        vm.warp(START_TIME);
        deployRegistry(
            address(this),
            ComputeRegistry.Params({
                minBond: MIN_BOND,
                maxDevicesPerNode: MAX_DEVICES,
                maxNodeMemoryMiB: MAX_NODE_MEMORY_MIB,
                unbondingPeriod: UNBONDING_PERIOD
            }),
            MIN_UNBONDING_PERIOD
        );
    }

    function deployRegistry(address admin, ComputeRegistry.Params memory params, uint48 minUnbondingPeriod) internal {
        catalog = new HardwareCatalog(admin, SeedDevices.all());
        registry = new ComputeRegistry(admin, IHardwareCatalog(address(catalog)), params, minUnbondingPeriod);
        bond = params.minBond;
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

    /// @notice Adds exactly one bond to `owner`'s balance and registers a node as `owner`.
    function registerAs(address owner, IComputeRegistry.DeviceLine[] memory devices) internal returns (uint256) {
        vm.deal(owner, owner.balance + bond);
        vm.prank(owner);
        return registry.registerNode{value: bond}(devices, "");
    }

    function registerAs(address owner, uint16 skuId, uint8 count) internal returns (uint256) {
        return registerAs(owner, oneLine(skuId, count));
    }

    /// @notice Registers `n` single-device nodes of `skuId`, one per fresh owner derived from `salt`.
    function registerMany(uint256 n, uint16 skuId, uint256 salt) internal {
        for (uint256 i = 0; i < n; ++i) {
            registerAs(actor(salt, i), skuId, 1);
        }
    }

    /// @notice A fresh address for the `i`-th actor of a family named by `salt`.
    function actor(uint256 salt, uint256 i) internal pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode(salt, i)))));
    }

    function warpBy(uint256 secondsToAdd) internal {
        vm.warp(vm.getBlockTimestamp() + secondsToAdd);
    }

    function repeat(uint256 n) internal pure returns (string memory) {
        bytes memory b = new bytes(n);
        for (uint256 i = 0; i < n; ++i) b[i] = "x";
        return string(b);
    }
}
