// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {FloorHistory} from "../../contracts/libraries/FloorHistory.sol";
import {Test} from "../utils/Test.sol";

/// @notice Keeps a floor and its history as the registry does: `set` records the change from the current floor.
contract FloorHistoryHarness {
    using FloorHistory for FloorHistory.History;

    FloorHistory.History internal _h;
    uint256 public immutable window;
    uint256 public current;

    constructor(uint256 window_) {
        window = window_;
    }

    function set(uint256 newFloor) external {
        _h.record(window, current, newFloor);
        current = newFloor;
    }

    function range() external view returns (uint256 lowest, uint256 highest) {
        return _h.range(window, current);
    }

    function span() external view returns (uint256) {
        return FloorHistory.span(window);
    }
}

contract FloorHistoryTest is Test {
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant DAY = 1 days;
    uint256 internal constant WINDOW = 16 days; // one-day buckets

    FloorHistoryHarness internal h;

    function setUp() public {
        vm.warp(T0);
        h = new FloorHistoryHarness(WINDOW);
    }

    function _assertRange(uint256 lowest, uint256 highest) internal view {
        (uint256 lo, uint256 hi) = h.range();
        assertEq(lo, lowest, "lowest");
        assertEq(hi, highest, "highest");
    }

    function test_span_isASixteenthOfTheWindowAndAtLeastOneSecond() public {
        assertEq(h.span(), DAY);
        assertEq(new FloorHistoryHarness(0).span(), 1);
        assertEq(new FloorHistoryHarness(15).span(), 1);
        assertEq(new FloorHistoryHarness(16).span(), 1);
        assertEq(new FloorHistoryHarness(32).span(), 2);
        assertEq(new FloorHistoryHarness(30 days).span(), 30 days / 16);
        assertEq(FloorHistory.BUCKETS, 16);
    }

    function test_range_withoutHistoryIsTheCurrentFloor() public view {
        _assertRange(0, 0);
    }

    function test_range_aChangeCountsItsOldAndNewFloor() public {
        h.set(24576);
        _assertRange(0, 24576);
        warpBy(DAY / 2);
        h.set(12288);
        h.set(49152);
        _assertRange(0, 49152);
    }

    function test_range_aPumpWithinOneTransactionMovesOnlyTheHighest() public {
        h.set(24576);
        vm.warp(T0 + WINDOW + DAY); // the first change is out of the window
        _assertRange(24576, 24576);
        h.set(983040);
        h.set(24576);
        _assertRange(24576, 983040);
    }

    function test_range_aDropWithinOneTransactionMovesOnlyTheLowest() public {
        h.set(24576);
        vm.warp(T0 + WINDOW + DAY);
        h.set(1024);
        h.set(24576);
        _assertRange(1024, 24576);
    }

    function test_range_forgetsAChangeOnceTheWindowHasPassedItsBucket() public {
        vm.warp(T0 + WINDOW); // well past the start of time
        h.set(24576);
        h.set(32768);
        uint256 bucketEnd = ((T0 + WINDOW) / DAY + 1) * DAY;
        // Included while the window reaches into the change's bucket...
        vm.warp(bucketEnd + WINDOW - 1);
        _assertRange(0, 32768);
        // ...and gone from the second the window starts after it.
        vm.warp(bucketEnd + WINDOW);
        _assertRange(32768, 32768);
    }

    function test_range_aPopulationThatLastsTheWindowMovesBothGuards() public {
        h.set(24576);
        vm.warp(T0 + WINDOW + DAY);
        h.set(65536); // lasting
        _assertRange(24576, 65536);
        vm.warp(T0 + 2 * WINDOW + 2 * DAY);
        _assertRange(65536, 65536);
    }

    function test_range_readsAcrossStorageWords() public {
        // Four buckets to a word: changes in buckets 3 and 4 of a word boundary are both read.
        uint256 base = (T0 / DAY / 4 + 8) * 4 * DAY; // the first second of a word's bucket 0
        vm.warp(base + 3 * DAY);
        h.set(10);
        vm.warp(base + 4 * DAY);
        h.set(20);
        vm.warp(base + 5 * DAY);
        h.set(5);
        vm.warp(base + 6 * DAY);
        h.set(15);
        _assertRange(0, 20);
        vm.warp(base + 3 * DAY + WINDOW + DAY); // bucket 3 left the window: the 0 it began with is gone
        _assertRange(5, 20);
    }

    function test_range_keepsEachBucketApart() public {
        h.set(100);
        vm.warp(T0 + DAY);
        h.set(200);
        vm.warp(T0 + 2 * DAY);
        h.set(150);
        // Rewriting a bucket of a word must not touch its neighbours.
        vm.warp(T0 + 2 * DAY + 1);
        h.set(175);
        _assertRange(0, 200);
        uint256 b = T0 / DAY; // the first change's bucket
        vm.warp((b + 17) * DAY); // the window starts in bucket b + 1
        _assertRange(100, 200);
        vm.warp((b + 18) * DAY); // in bucket b + 2: it began at 200, then 150 and 175
        _assertRange(150, 200);
        vm.warp((b + 19) * DAY);
        _assertRange(175, 175);
    }

    // ------------------------------------------------------------------ fuzz against a step-function reference

    uint256[] internal _times;
    uint256[] internal _values;

    /// @notice The lowest and highest floor in force at any moment of the seconds [L, now], where L is the start
    /// of the bucket the window begins in (within a second, the floor before a change counts as well).
    function _reference(uint256 window, uint256 current) internal view returns (uint256 lowest, uint256 highest) {
        uint256 s = FloorHistory.span(window);
        uint256 first = block.timestamp > window ? (block.timestamp - window) / s : 0;
        uint256 from = first * s;
        uint256 atStart = 0;
        for (uint256 i = 0; i < _times.length && _times[i] < from; ++i) atStart = _values[i];
        (lowest, highest) = (atStart, atStart);
        for (uint256 i = 0; i < _times.length; ++i) {
            if (_times[i] < from) continue;
            if (_values[i] < lowest) lowest = _values[i];
            if (_values[i] > highest) highest = _values[i];
        }
        if (current < lowest) lowest = current;
        if (current > highest) highest = current;
    }

    function testFuzz_range_matchesTheFloorInForceOverTheWindow(uint256 seed, uint32 windowSeed, uint8 steps)
        public
    {
        uint256 window = bound(windowSeed, 1, 60 days);
        h = new FloorHistoryHarness(window);
        uint256 n = bound(steps, 1, 40);
        for (uint256 i = 0; i < n; ++i) {
            uint256 w = uint256(keccak256(abi.encode(seed, i)));
            // Gaps from none (the same second, as in one transaction) to twice the window.
            uint256 gap = (w % 4 == 0) ? 0 : bound(w >> 8, 0, 2 * window);
            warpBy(gap);
            uint256 value = bound(w >> 64, 0, 1 << 20);
            h.set(value);
            _times.push(block.timestamp);
            _values.push(value);
        }
        warpBy(bound(seed >> 128, 0, 2 * window));
        (uint256 lowest, uint256 highest) = h.range();
        (uint256 refLowest, uint256 refHighest) = _reference(window, h.current());
        assertEq(lowest, refLowest, "lowest");
        assertEq(highest, refHighest, "highest");
        assertLe(lowest, h.current());
        assertGe(highest, h.current());
    }

    function warpBy(uint256 secondsToAdd) internal {
        vm.warp(vm.getBlockTimestamp() + secondsToAdd);
    }
}
