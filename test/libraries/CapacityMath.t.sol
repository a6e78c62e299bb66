// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {CapacityMath} from "../../contracts/libraries/CapacityMath.sol";
import {Test} from "../utils/Test.sol";

contract CapacityMathHarness {
    function runnableParams(uint256 memoryMiB, uint256 quantBits, uint256 overheadBps)
        external
        pure
        returns (uint256)
    {
        return CapacityMath.runnableParams(memoryMiB, quantBits, overheadBps);
    }
}

contract CapacityMathTest is Test {
    CapacityMathHarness internal m;

    function setUp() public {
        m = new CapacityMathHarness();
    }

    function test_runnableParams_designExamples() public view {
        // DESIGN.md: with q=4 and 10% overhead a 24 GiB card runs about 46.4B parameters, 48 GiB about 92.8B.
        assertEq(m.runnableParams(24576, 4, 1000), 46_385_646_796);
        assertEq(m.runnableParams(49152, 4, 1000), 92_771_293_593);
        // No overhead, 8-bit: one parameter per byte.
        assertEq(m.runnableParams(1, 8, 0), 1 << 20);
        assertEq(m.runnableParams(0, 4, 1000), 0);
        assertEq(m.runnableParams(1, 4, 9999), 209); // 2^21 / 10_000, rounded down
    }

    function test_runnableParams_revertsWhenZeroQuantization() public {
        vm.expectRevert(abi.encodeWithSelector(CapacityMath.CapacityMathZeroQuantization.selector));
        m.runnableParams(24576, 0, 1000);
    }

    function test_runnableParams_revertsWhenOverheadTooHigh() public {
        vm.expectRevert(abi.encodeWithSelector(CapacityMath.CapacityMathOverheadTooHigh.selector, 10_000));
        m.runnableParams(24576, 4, 10_000);
        vm.expectRevert(abi.encodeWithSelector(CapacityMath.CapacityMathOverheadTooHigh.selector, 20_000));
        m.runnableParams(24576, 4, 20_000);
    }

    function testFuzz_runnableParams_monotoneInMemory(uint32 a, uint32 b, uint8 q, uint16 o) public view {
        uint256 quant = bound(q, 1, 32);
        uint256 overhead = bound(o, 0, 9999);
        (uint256 lo, uint256 hi) = a <= b ? (uint256(a), uint256(b)) : (uint256(b), uint256(a));
        assertLe(m.runnableParams(lo, quant, overhead), m.runnableParams(hi, quant, overhead));
        // Never more than the raw bit budget allows.
        assertLe(m.runnableParams(hi, quant, overhead) * quant, hi * (1 << 20) * 8);
    }
}
