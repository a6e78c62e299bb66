// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {Deployers} from "../utils/Deployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice Fuzz tests: random device lists, bonds and timings are either accepted with consistent state,
/// or refused with exactly the error (selector and arguments) a reference check predicts.
contract ComputeRegistryFuzzTest is Deployers {
    address internal constant ALICE = address(0xA11CE);

    function setUp() public {
        deployFixture();
        catalog.deprecateSku(SeedDevices.RTX_3060_12GB); // so that random lines can hit a deprecated SKU
    }

    /// @dev Builds up to 8 lines from packed random words: SKU ids 0..11 (0, 10, 11 unknown), counts 0..20.
    function _lines(uint256 seed, uint256 lineCount) internal pure returns (IComputeRegistry.DeviceLine[] memory d) {
        d = new IComputeRegistry.DeviceLine[](lineCount);
        for (uint256 i = 0; i < lineCount; ++i) {
            uint256 w = uint256(keccak256(abi.encode(seed, i)));
            d[i] = IComputeRegistry.DeviceLine(uint16(w % 12), uint8((w >> 8) % 21));
        }
    }

    /// @dev Reference implementation of the registry's device checks, in the same order.
    function _expected(IComputeRegistry.DeviceLine[] memory d)
        internal
        view
        returns (bytes memory err, uint256 memoryMiB)
    {
        if (d.length == 0) return (abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNoDevices.selector), 0);
        if (d.length > 6) {
            return (
                abi.encodeWithSelector(IComputeRegistry.ComputeRegistryTooManyDeviceLines.selector, d.length, 6), 0
            );
        }
        uint256 devices;
        for (uint256 i = 0; i < d.length; ++i) {
            if (d[i].count == 0) {
                return (
                    abi.encodeWithSelector(IComputeRegistry.ComputeRegistryZeroDeviceCount.selector, d[i].skuId), 0
                );
            }
            for (uint256 j = 0; j < i; ++j) {
                if (d[j].skuId == d[i].skuId) {
                    return (
                        abi.encodeWithSelector(IComputeRegistry.ComputeRegistryDuplicateSku.selector, d[i].skuId), 0
                    );
                }
            }
            if (d[i].skuId == 0 || d[i].skuId > catalog.skuCount()) {
                return (abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, d[i].skuId), 0);
            }
            (uint32 mem, bool deprecated) = catalog.skuMemory(d[i].skuId);
            if (deprecated) {
                return (
                    abi.encodeWithSelector(IComputeRegistry.ComputeRegistrySkuDeprecated.selector, d[i].skuId), 0
                );
            }
            devices += d[i].count;
            memoryMiB += uint256(mem) * d[i].count;
        }
        if (devices > registry.maxDevicesPerNode()) {
            return (
                abi.encodeWithSelector(
                    IComputeRegistry.ComputeRegistryTooManyDevices.selector, devices, registry.maxDevicesPerNode()
                ),
                0
            );
        }
        if (memoryMiB > registry.maxNodeMemoryMiB()) {
            return (
                abi.encodeWithSelector(
                    IComputeRegistry.ComputeRegistryNodeMemoryAboveCap.selector, memoryMiB, registry.maxNodeMemoryMiB()
                ),
                0
            );
        }
    }

    function testFuzz_registerNode(uint256 seed, uint8 lineCount, uint96 value, bool exactBond, uint16 uriLen)
        public
    {
        IComputeRegistry.DeviceLine[] memory d = _lines(seed, bound(lineCount, 0, 8));
        uint256 sent = exactBond ? MIN_BOND : bound(value, 0, 2 * MIN_BOND);
        uint256 len = bound(uriLen, 0, 300);
        string memory uri = string(new bytes(len));

        (bytes memory err, uint256 memoryMiB) = _expected(d);
        if (sent != MIN_BOND) {
            err = abi.encodeWithSelector(IComputeRegistry.ComputeRegistryWrongBond.selector, sent, MIN_BOND);
        } else if (err.length == 0 && len > 256) {
            err = abi.encodeWithSelector(IComputeRegistry.ComputeRegistryMetadataURITooLong.selector, len, 256);
        }

        vm.deal(ALICE, sent);
        vm.prank(ALICE);
        if (err.length != 0) {
            vm.expectRevert(err);
            registry.registerNode{value: sent}(d, uri);
            assertEq(registry.nodeCount(), 0);
            assertEq(registry.activeNodeCount(), 0);
            assertEq(registry.totalMemoryMiB(), 0);
            assertEq(registry.getVotes(ALICE), 0);
            assertEq(address(registry).balance, 0);
            assertEq(ALICE.balance, sent);
            return;
        }
        uint256 id = registry.registerNode{value: sent}(d, uri);
        IComputeRegistry.NodeView memory n = registry.node(id);
        assertEq(n.memoryMiB, memoryMiB);
        assertEq(n.devices.length, d.length);
        for (uint256 i = 0; i < d.length; ++i) {
            assertEq(n.devices[i].skuId, d[i].skuId);
            assertEq(n.devices[i].count, d[i].count);
        }
        assertEq(registry.totalMemoryMiB(), memoryMiB);
        assertEq(registry.getVotes(ALICE), 1);
        assertEq(registry.totalBonded(), MIN_BOND);
        uint256 p = registry.memoryPercentileMiB(50);
        assertGe(p, memoryMiB);
        assertLt(p, memoryMiB + 1024);
    }

    function testFuzz_updateNode(uint256 seedA, uint256 seedB, uint8 linesB, uint16 maxDevices, uint32 cap) public {
        // a valid starting node: up to 3 seed SKUs 2..9
        IComputeRegistry.DeviceLine[] memory a = oneLine(uint16(bound(seedA, 2, 9)), uint8(bound(seedA >> 8, 1, 4)));
        uint256 id = registerAs(ALICE, a);
        uint256 memA = registry.node(id).memoryMiB;
        registerAs(address(0xB0B), SeedDevices.RTX_4090, 1);

        registry.setMaxDevicesPerNode(bound(maxDevices, 8, 64));
        registry.setMaxNodeMemoryMiB(bound(cap, 256 * 1024, 1 << 20));

        IComputeRegistry.DeviceLine[] memory b = _lines(seedB, bound(linesB, 0, 7));
        (bytes memory err, uint256 memB) = _expected(b);
        vm.prank(ALICE);
        if (err.length != 0) {
            vm.expectRevert(err);
            registry.updateNode(id, b, "x");
            assertEq(registry.node(id).memoryMiB, memA);
            assertEq(registry.totalMemoryMiB(), memA + 24576);
            return;
        }
        registry.updateNode(id, b, "x");
        assertEq(registry.node(id).memoryMiB, memB);
        assertEq(registry.totalMemoryMiB(), memB + 24576);
        assertEq(registry.activeNodeCount(), 2);
        assertEq(registry.getVotes(ALICE), 1);
        uint256 top = registry.memoryPercentileMiB(100);
        uint256 exactTop = memB > 24576 ? memB : 24576;
        assertGe(top, exactTop);
        assertLt(top, exactTop + 1024);
    }

    function testFuzz_exitAndWithdraw(uint8 nodes, uint256 exitMask, uint32 waitA, uint32 waitB, uint48 period)
        public
    {
        uint256 n = bound(nodes, 1, 8);
        uint256 unbonding = bound(period, MIN_UNBONDING_PERIOD, 90 days);
        registry.setUnbondingPeriod(unbonding);
        for (uint256 i = 0; i < n; ++i) {
            registerAs(ALICE, uint16(2 + (i % 8)), 1);
        }
        uint256 exitAt = block.timestamp + bound(waitA, 0, 30 days);
        vm.warp(exitAt);
        uint256 exited;
        for (uint256 i = 1; i <= n; ++i) {
            if ((exitMask >> i) & 1 == 1) {
                vm.prank(ALICE);
                registry.exitNode(i);
                ++exited;
            }
        }
        assertEq(registry.getVotes(ALICE), n - exited);
        assertEq(registry.activeNodeCount(), n - exited);
        assertEq(registry.totalBonded(), n * MIN_BOND);

        uint256 withdrawAt = exitAt + bound(waitB, 0, 2 * unbonding);
        vm.warp(withdrawAt);
        uint256 paid;
        for (uint256 i = 1; i <= n; ++i) {
            bytes memory err;
            if ((exitMask >> i) & 1 == 0) {
                err = abi.encodeWithSelector(
                    IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, i, IComputeRegistry.NodeStatus.Active
                );
            } else if (withdrawAt < exitAt + unbonding) {
                err = abi.encodeWithSelector(
                    IComputeRegistry.ComputeRegistryBondLocked.selector, i, exitAt + unbonding
                );
            }
            vm.prank(ALICE);
            if (err.length != 0) {
                vm.expectRevert(err);
                registry.withdrawBond(i);
            } else {
                registry.withdrawBond(i);
                paid += MIN_BOND;
                vm.prank(ALICE);
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IComputeRegistry.ComputeRegistryWrongNodeStatus.selector,
                        i,
                        IComputeRegistry.NodeStatus.Withdrawn
                    )
                );
                registry.withdrawBond(i);
            }
        }
        assertEq(ALICE.balance, paid);
        assertEq(registry.totalBonded(), n * MIN_BOND - paid);
        assertEq(address(registry).balance, n * MIN_BOND - paid);
    }

    function testFuzz_snapshotEdge(uint32 startOffset, uint16 gap) public {
        uint256 t = START_TIME + bound(startOffset, 1, 365 days);
        uint256 d = bound(gap, 0, 3);
        vm.warp(t);
        registerAs(address(0xCAFE), SeedDevices.RTX_4090, 1);
        vm.warp(t + d);
        registerAs(ALICE, SeedDevices.RTX_4090, 1);
        vm.warp(t + d + 1);
        assertEq(registry.getPastVotes(ALICE, t), d == 0 ? 1 : 0);
        assertEq(registry.getPastTotalSupply(t), d == 0 ? 2 : 1);
        assertEq(registry.getPastVotes(ALICE, t + d), 1);
    }
}
