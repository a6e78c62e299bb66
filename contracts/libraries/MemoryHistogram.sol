// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title MemoryHistogram
/// @notice A two-level histogram of node memory in 1 GiB buckets, so that a percentile costs the same
/// gas with ten nodes or ten million: at most 4 words of group totals and 4 words of bucket counts are read.
/// @dev Bucket `b` (0-based) holds nodes with `b GiB < memory <= (b + 1) GiB`; a percentile answers with
/// the bucket's upper edge, so it is at or above the exact nearest-rank value and less than 1 GiB above it
/// (exact for whole-GiB memory sizes). Counts are uint32, eight to a word; 32 buckets form a group.
library MemoryHistogram {
    /// @notice Largest memory the histogram can hold: 1 TiB.
    uint256 internal constant MAX_MEMORY_MIB = 1 << 20;
    uint256 internal constant BUCKET_MIB = 1024;
    uint256 internal constant BUCKETS = MAX_MEMORY_MIB / BUCKET_MIB; // 1024
    uint256 private constant _PER_WORD = 8;
    uint256 private constant _BUCKETS_PER_GROUP = 32;
    uint256 private constant _GROUPS = BUCKETS / _BUCKETS_PER_GROUP; // 32
    uint256 private constant _COUNT_MASK = type(uint32).max;

    struct Histogram {
        uint256[BUCKETS / 8] bucketWords;
        uint256[_GROUPS / 8] groupWords;
    }

    /// @notice Memory is zero or above `MAX_MEMORY_MIB`.
    /// @param memoryMiB The memory given.
    error MemoryHistogramMemoryOutOfRange(uint256 memoryMiB);
    /// @notice Percentile outside 1..100.
    /// @param percentile The percentile given.
    error MemoryHistogramInvalidPercentile(uint256 percentile);

    /// @notice Counts one node of `memoryMiB`.
    function add(Histogram storage h, uint256 memoryMiB) internal {
        uint256 bucket = _bucketOf(memoryMiB);
        // Counts cannot reach 2^32: that would need more nodes than the chain has gas for.
        h.bucketWords[bucket / _PER_WORD] += 1 << (32 * (bucket % _PER_WORD));
        uint256 group = bucket / _BUCKETS_PER_GROUP;
        h.groupWords[group / _PER_WORD] += 1 << (32 * (group % _PER_WORD));
    }

    /// @notice Removes one node of `memoryMiB`; it must have been added.
    function remove(Histogram storage h, uint256 memoryMiB) internal {
        uint256 bucket = _bucketOf(memoryMiB);
        h.bucketWords[bucket / _PER_WORD] -= 1 << (32 * (bucket % _PER_WORD));
        uint256 group = bucket / _BUCKETS_PER_GROUP;
        h.groupWords[group / _PER_WORD] -= 1 << (32 * (group % _PER_WORD));
    }

    /// @notice Nearest-rank percentile: the smallest bucket edge `x` such that at least `percentile`% of
    /// the counted nodes have memory <= x. Zero when the histogram is empty.
    /// @param total The number of nodes counted; the caller keeps it (packed with its other totals).
    function percentileMiB(Histogram storage h, uint256 percentile, uint256 total) internal view returns (uint256) {
        if (percentile == 0 || percentile > 100) revert MemoryHistogramInvalidPercentile(percentile);
        if (total == 0) return 0;
        uint256 rank = (total * percentile + 99) / 100; // ceil(p% of n), at least 1
        uint256 seen = 0;
        uint256 group = 0;
        // Find the group holding the rank-th node, then the bucket inside it.
        while (true) {
            uint256 count = (h.groupWords[group / _PER_WORD] >> (32 * (group % _PER_WORD))) & _COUNT_MASK;
            if (seen + count >= rank) break;
            seen += count;
            ++group;
        }
        uint256 bucket = group * _BUCKETS_PER_GROUP;
        while (true) {
            uint256 count = (h.bucketWords[bucket / _PER_WORD] >> (32 * (bucket % _PER_WORD))) & _COUNT_MASK;
            if (seen + count >= rank) break;
            seen += count;
            ++bucket;
        }
        return (bucket + 1) * BUCKET_MIB;
    }

    /// @notice The raw bucket words: bucket b's count is bits 32 * (b % 8) of word b / 8.
    function rawBuckets(Histogram storage h) internal view returns (uint256[BUCKETS / 8] memory) {
        return h.bucketWords;
    }

    function _bucketOf(uint256 memoryMiB) private pure returns (uint256) {
        if (memoryMiB == 0 || memoryMiB > MAX_MEMORY_MIB) revert MemoryHistogramMemoryOutOfRange(memoryMiB);
        return (memoryMiB - 1) / BUCKET_MIB;
    }
}
