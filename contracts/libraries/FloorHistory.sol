// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title FloorHistory
/// @notice The lowest and highest consumer floor (in MiB) over a trailing window, at O(1) gas per change and a
/// fixed number of reads per query: time is cut into buckets of `window / 16`, and each bucket keeps the lowest
/// and highest floor it saw (including the floor in force when it began). A population that lasts less than
/// the window can therefore lift the lowest floor, or drop the highest, not at all.
library FloorHistory {
    /// @notice Buckets per window; a query reads `BUCKETS + 1` buckets, four to a storage word.
    uint256 internal constant BUCKETS = 16;
    uint256 private constant _PER_WORD = 4;
    uint256 private constant _MASK = type(uint32).max;

    struct History {
        // Bucket b at bits 64 * (b % 4) of word b / 4: lowest + 1 (bits 0-31), highest + 1 (bits 32-63).
        // Zero means nothing was recorded in the bucket.
        mapping(uint256 word => uint256 buckets) words;
    }

    /// @notice The bucket length for a window: a sixteenth of it, at least one second.
    function span(uint256 window) internal pure returns (uint256) {
        uint256 s = window / BUCKETS;
        return s == 0 ? 1 : s;
    }

    /// @notice Records that the floor moved from `oldFloor` to `newFloor` now.
    function record(History storage h, uint256 window, uint256 oldFloor, uint256 newFloor) internal {
        uint256 bucket = block.timestamp / span(window);
        uint256 shift = 64 * (bucket % _PER_WORD);
        uint256 word = h.words[bucket / _PER_WORD];
        uint256 packed = (word >> shift) & type(uint64).max;
        uint256 lowest;
        uint256 highest;
        if (packed == 0) {
            // First change in this bucket: the floor it began with counts too.
            (lowest, highest) = oldFloor < newFloor ? (oldFloor, newFloor) : (newFloor, oldFloor);
        } else {
            lowest = (packed & _MASK) - 1;
            highest = (packed >> 32) - 1;
            if (newFloor < lowest) lowest = newFloor;
            if (newFloor > highest) highest = newFloor;
        }
        uint256 next = (lowest + 1) | ((highest + 1) << 32);
        h.words[bucket / _PER_WORD] = (word & ~(uint256(type(uint64).max) << shift)) | (next << shift);
    }

    /// @notice The lowest and highest floor over the last `window` seconds (rounded out to whole buckets), given
    /// the floor in force now.
    function range(
        History storage h,
        uint256 window,
        uint256 current
    ) internal view returns (uint256 lowest, uint256 highest) {
        (lowest, highest) = (current, current);
        uint256 s = span(window);
        uint256 last = block.timestamp / s;
        uint256 first = block.timestamp > window ? (block.timestamp - window) / s : 0;
        uint256 wordIndex = type(uint256).max;
        uint256 word;
        for (uint256 bucket = first; bucket <= last; ++bucket) {
            if (bucket / _PER_WORD != wordIndex) {
                wordIndex = bucket / _PER_WORD;
                word = h.words[wordIndex];
            }
            uint256 packed = (word >> (64 * (bucket % _PER_WORD))) & type(uint64).max;
            if (packed == 0) continue;
            uint256 low = (packed & _MASK) - 1;
            uint256 high = (packed >> 32) - 1;
            if (low < lowest) lowest = low;
            if (high > highest) highest = high;
        }
    }
}
