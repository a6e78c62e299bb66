// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Paging
/// @notice The one rule behind every paged read: items `offset` to `end - 1` of `count`, at most `limit`.
library Paging {
    /// @notice End (exclusive) of the page starting at `offset`; equals `offset` (an empty page) past the end.
    /// @param offset Index of the first item.
    /// @param limit The most items in the page.
    /// @param count Number of items in all.
    /// @return end One past the page's last index.
    function end(uint256 offset, uint256 limit, uint256 count) internal pure returns (uint256) {
        if (offset >= count) return offset;
        return count - offset < limit ? count : offset + limit;
    }
}
