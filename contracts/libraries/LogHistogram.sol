// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title LogHistogram
/// @notice A two-level histogram on a log scale, so that a weighted median costs the same gas with ten ballots or
/// ten million: at most 8 words of group totals and 4 words of bucket counts are read.
/// @dev Values from 2^minOctave up to (not including) 2^(minOctave + octaves), octaves ≤ 64. Each octave
/// [2^k, 2^(k+1)) is one group of 32 buckets of equal width 2^(k-5): bucket f of octave k holds
/// [(32 + f) · 2^(k-5), (33 + f) · 2^(k-5)), so a bucket is 1/32 to 1/63 of its lower bound wide (3.1% to 1.6%).
/// Counts are uint32, eight to a word (MemoryHistogram's layout).
library LogHistogram {
    /// @notice Most octaves a histogram spans.
    uint256 internal constant MAX_OCTAVES = 64;
    uint256 internal constant BUCKETS_PER_OCTAVE = 32;
    uint256 private constant _SUB_BITS = 5;
    uint256 private constant _PER_WORD = 8;
    uint256 private constant _COUNT_MASK = type(uint32).max;

    struct Histogram {
        uint256[(MAX_OCTAVES * BUCKETS_PER_OCTAVE) / 8] bucketWords;
        uint256[MAX_OCTAVES / 8] groupWords;
    }

    /// @notice The bucket of `value`; the caller keeps it within [2^minOctave, 2^(minOctave + octaves)).
    function bucketOf(uint256 value, uint256 minOctave) internal pure returns (uint256) {
        uint256 octave = Math.log2(value);
        // minOctave ≥ 5 (callers' constants), so the shift never underflows.
        uint256 fraction = (value >> (octave - _SUB_BITS)) & (BUCKETS_PER_OCTAVE - 1);
        return (octave - minOctave) * BUCKETS_PER_OCTAVE + fraction;
    }

    /// @notice The smallest value in `bucket`.
    function lowerBound(uint256 bucket, uint256 minOctave) internal pure returns (uint256) {
        uint256 octave = minOctave + bucket / BUCKETS_PER_OCTAVE;
        return (BUCKETS_PER_OCTAVE + (bucket % BUCKETS_PER_OCTAVE)) << (octave - _SUB_BITS);
    }

    /// @notice Counts one value in `bucket`.
    function add(Histogram storage h, uint256 bucket) internal {
        // Counts cannot reach 2^32: that would need more nodes than the chain has gas for.
        h.bucketWords[bucket / _PER_WORD] += 1 << (32 * (bucket % _PER_WORD));
        uint256 group = bucket / BUCKETS_PER_OCTAVE;
        h.groupWords[group / _PER_WORD] += 1 << (32 * (group % _PER_WORD));
    }

    /// @notice Removes one value from `bucket`; it must have been added.
    function remove(Histogram storage h, uint256 bucket) internal {
        h.bucketWords[bucket / _PER_WORD] -= 1 << (32 * (bucket % _PER_WORD));
        uint256 group = bucket / BUCKETS_PER_OCTAVE;
        h.groupWords[group / _PER_WORD] -= 1 << (32 * (group % _PER_WORD));
    }

    /// @notice The weighted (lower) median: the smallest bucket holding the ceil(total / 2)-th value.
    /// @param total The values counted (the caller keeps it); non-zero.
    function medianBucket(Histogram storage h, uint256 total) internal view returns (uint256 bucket) {
        uint256 rank = (total + 1) / 2;
        uint256 seen = 0;
        uint256 group = 0;
        uint256 word = 0;
        // Group totals a word at a time (a word of eight zero groups is skipped in one read).
        while (true) {
            if (group % _PER_WORD == 0) word = h.groupWords[group / _PER_WORD];
            uint256 count = (word >> (32 * (group % _PER_WORD))) & _COUNT_MASK;
            if (seen + count >= rank) break;
            seen += count;
            ++group;
        }
        bucket = group * BUCKETS_PER_OCTAVE;
        while (true) {
            if (bucket % _PER_WORD == 0) word = h.bucketWords[bucket / _PER_WORD];
            uint256 count = (word >> (32 * (bucket % _PER_WORD))) & _COUNT_MASK;
            if (seen + count >= rank) break;
            seen += count;
            ++bucket;
        }
    }

    /// @notice How many values `bucket` holds.
    function countOf(Histogram storage h, uint256 bucket) internal view returns (uint256) {
        return (h.bucketWords[bucket / _PER_WORD] >> (32 * (bucket % _PER_WORD))) & _COUNT_MASK;
    }

    /// @notice How many values the octave `group` holds.
    function groupCountOf(Histogram storage h, uint256 group) internal view returns (uint256) {
        return (h.groupWords[group / _PER_WORD] >> (32 * (group % _PER_WORD))) & _COUNT_MASK;
    }
}
