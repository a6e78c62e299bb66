// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {MemoryHistogram} from "../../contracts/libraries/MemoryHistogram.sol";
import {Test} from "../utils/Test.sol";

/// @notice Exposes the library so that its reverts happen in an external call.
contract MemoryHistogramHarness {
    using MemoryHistogram for MemoryHistogram.Histogram;

    MemoryHistogram.Histogram internal _h;
    uint256 public total;

    function add(uint256 memoryMiB) external {
        _h.add(memoryMiB);
        total += 1;
    }

    function remove(uint256 memoryMiB) external {
        _h.remove(memoryMiB);
        total -= 1;
    }

    function percentileMiB(uint256 p) external view returns (uint256) {
        return _h.percentileMiB(p, total);
    }
}

contract MemoryHistogramTest is Test {
    MemoryHistogramHarness internal h;

    function setUp() public {
        h = new MemoryHistogramHarness();
    }

    function test_add_revertsWhenMemoryOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(MemoryHistogram.MemoryHistogramMemoryOutOfRange.selector, 0));
        h.add(0);
        vm.expectRevert(
            abi.encodeWithSelector(MemoryHistogram.MemoryHistogramMemoryOutOfRange.selector, (1 << 20) + 1)
        );
        h.add((1 << 20) + 1);
        assertEq(h.total(), 0);
    }

    function test_remove_revertsWhenMemoryOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(MemoryHistogram.MemoryHistogramMemoryOutOfRange.selector, 0));
        h.remove(0);
    }

    function test_percentile_edgesOfRange() public {
        h.add(1);
        h.add(1 << 20); // the last bucket of the last group
        assertEq(h.percentileMiB(50), 1024);
        assertEq(h.percentileMiB(51), 1 << 20);
        assertEq(h.percentileMiB(100), 1 << 20);
        h.remove(1);
        assertEq(h.percentileMiB(1), 1 << 20);
    }

    function test_percentile_bucketEdges() public {
        h.add(1024);
        assertEq(h.percentileMiB(100), 1024);
        h.remove(1024);
        h.add(1025);
        assertEq(h.percentileMiB(100), 2048);
    }

    function test_percentile_invalid() public {
        vm.expectRevert(abi.encodeWithSelector(MemoryHistogram.MemoryHistogramInvalidPercentile.selector, 0));
        h.percentileMiB(0);
        vm.expectRevert(abi.encodeWithSelector(MemoryHistogram.MemoryHistogramInvalidPercentile.selector, 101));
        h.percentileMiB(101);
        assertEq(h.percentileMiB(100), 0);
    }

    /// @notice The histogram answer is within one bucket above the exact nearest-rank percentile.
    function testFuzz_percentile_matchesBruteForce(uint256 seed, uint8 n, uint8 p) public {
        uint256 count = bound(n, 1, 40);
        uint256 pct = bound(p, 1, 100);
        uint256[] memory values = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            values[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, 1 << 20);
            h.add(values[i]);
        }
        // sort (insertion) and take the ceil(p% * n)-th smallest
        for (uint256 i = 1; i < count; ++i) {
            uint256 v = values[i];
            uint256 j = i;
            while (j > 0 && values[j - 1] > v) {
                values[j] = values[j - 1];
                --j;
            }
            values[j] = v;
        }
        uint256 exact = values[(count * pct + 99) / 100 - 1];
        uint256 answer = h.percentileMiB(pct);
        assertGe(answer, exact, "below exact");
        assertLt(answer, exact + 1024, "a bucket or more above exact");
        assertEq(answer % 1024, 0, "not a bucket edge");
    }
}
