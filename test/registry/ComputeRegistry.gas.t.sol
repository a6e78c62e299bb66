// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {console} from "hardhat/console.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {Deployers} from "../utils/Deployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice Gas measurements. Each measured call starts cold (`vm.cool`), like the first call of a fresh
/// transaction; the numbers are execution gas of the call frame (no 21000 base, no calldata cost).
contract ComputeRegistryGasTest is Deployers {
    uint256 internal constant SMALL = 10;
    uint256 internal constant LARGE = 10_000;

    function setUp() public {
        deployFixture();
    }

    function _cool() internal {
        vm.cool(address(registry));
        vm.cool(address(catalog));
    }

    /// @dev Ten memory sizes from 12 GiB to 960 GiB, spread over several histogram groups.
    function _pattern(uint256 i) internal pure returns (IComputeRegistry.DeviceLine[] memory) {
        uint256 k = i % 10;
        if (k == 0) return oneLine(SeedDevices.RTX_3060_12GB, 1); // 12 GiB
        if (k == 1) return oneLine(SeedDevices.RTX_4090, 1); // 24
        if (k == 2) return oneLine(SeedDevices.RTX_5090, 1); // 32
        if (k == 3) return oneLine(SeedDevices.RTX_3090, 2); // 48
        if (k == 4) return oneLine(SeedDevices.M4_PRO_64GB, 1); // 64
        if (k == 5) return oneLine(SeedDevices.RX_7900_XTX, 4); // 96
        if (k == 6) return oneLine(SeedDevices.M4_MAX_128GB, 1); // 128
        if (k == 7) return oneLine(SeedDevices.M2_ULTRA_192GB, 1); // 192
        if (k == 8) return twoLines(SeedDevices.M3_MAX_128GB, 2, SeedDevices.RTX_5090, 4); // 384
        return oneLine(SeedDevices.M2_ULTRA_192GB, 5); // 960
    }

    function _registerMany(uint256 from, uint256 to) internal {
        vm.pauseGasMetering();
        for (uint256 i = from; i < to; ++i) {
            // Many different owners: each one's first registration (self-delegation included).
            address owner = address(uint160(0x100000 + i));
            vm.deal(owner, MIN_BOND);
            vm.prank(owner);
            registry.registerNode{value: MIN_BOND}(_pattern(i), "");
        }
        vm.resumeGasMetering();
    }

    function _percentileGas(uint256 p) internal returns (uint256 gasUsed, uint256 answer) {
        _cool();
        uint256 before = gasleft();
        answer = registry.memoryPercentileMiB(p);
        gasUsed = before - gasleft();
    }

    function test_gas_memoryPercentileDoesNotGrowWithNodeCount() public {
        uint256[5] memory ps = [uint256(1), 25, 50, 90, 100];
        uint256[5] memory small;
        uint256[5] memory smallAnswer;
        _registerMany(0, SMALL);
        assertEq(registry.activeNodeCount(), SMALL);
        for (uint256 i = 0; i < ps.length; ++i) {
            (small[i], smallAnswer[i]) = _percentileGas(ps[i]);
        }
        _registerMany(SMALL, LARGE);
        assertEq(registry.activeNodeCount(), LARGE);
        for (uint256 i = 0; i < ps.length; ++i) {
            (uint256 large, uint256 answer) = _percentileGas(ps[i]);
            console.log("memoryPercentileMiB p=%d gas@10=%d gas@10000=%d", ps[i], small[i], large);
            assertEq(answer, smallAnswer[i], "same distribution, same answer");
            // ratio <= 1.05
            assertLe(large * 100, small[i] * 105, "percentile gas grew with node count");
        }
        assertEq(smallAnswer[2], 65536); // p50 of the pattern: the 5th of 10 sizes = 64 GiB
        assertEq(smallAnswer[4], 983040);
    }

    function test_gas_nodeLifecycle() public {
        vm.deal(address(0xA1), 10 * MIN_BOND);
        vm.deal(address(0xB2), 10 * MIN_BOND);
        IComputeRegistry.DeviceLine[] memory one = oneLine(SeedDevices.RTX_4090, 1);
        IComputeRegistry.DeviceLine[] memory three = threeLines();

        // the very first node of an empty registry (all totals and histogram words go from zero)
        vm.deal(address(0xC3), MIN_BOND);
        _cool();
        vm.prank(address(0xC3));
        uint256 g = gasleft();
        registry.registerNode{value: MIN_BOND}(oneLine(SeedDevices.RTX_3090, 1), "");
        uint256 gasRegisterEmpty = g - gasleft();

        // first node of a fresh owner, one SKU line (includes self-delegation)
        _cool();
        vm.prank(address(0xA1));
        g = gasleft();
        uint256 id = registry.registerNode{value: MIN_BOND}(one, "");
        uint256 gasRegisterFirst = g - gasleft();

        // second node of the same owner, one line
        _cool();
        vm.prank(address(0xA1));
        g = gasleft();
        registry.registerNode{value: MIN_BOND}(one, "");
        uint256 gasRegisterSecond = g - gasleft();

        // first node of another fresh owner, three SKU lines
        _cool();
        vm.prank(address(0xB2));
        g = gasleft();
        registry.registerNode{value: MIN_BOND}(three, "");
        uint256 gasRegisterThree = g - gasleft();

        // update: one line -> three lines, memory changes (histogram moves)
        _cool();
        vm.prank(address(0xA1));
        g = gasleft();
        registry.updateNode(id, three, "");
        uint256 gasUpdate = g - gasleft();

        _cool();
        vm.prank(address(0xA1));
        g = gasleft();
        registry.exitNode(id);
        uint256 gasExit = g - gasleft();

        vm.warp(block.timestamp + UNBONDING_PERIOD);
        _cool();
        vm.prank(address(0xA1));
        g = gasleft();
        registry.withdrawBond(id);
        uint256 gasWithdraw = g - gasleft();

        console.log("registerNode 1 line, first node of an empty registry: %d", gasRegisterEmpty);
        console.log("registerNode 1 line, fresh owner: %d", gasRegisterFirst);
        console.log("registerNode 1 line, 2nd node of owner: %d", gasRegisterSecond);
        console.log("registerNode 3 lines, fresh owner: %d", gasRegisterThree);
        console.log("updateNode 1 -> 3 lines: %d", gasUpdate);
        console.log("exitNode: %d", gasExit);
        console.log("withdrawBond: %d", gasWithdraw);

        // Loose ceilings so that regressions show up.
        assertLt(gasRegisterEmpty, 350_000);
        assertLt(gasRegisterFirst, 300_000);
        assertLt(gasRegisterThree, 320_000);
        assertLt(gasUpdate, 120_000);
        assertLt(gasExit, 100_000);
        assertLt(gasWithdraw, 60_000);
    }
}
