// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "page cost". Against v1 `nodeIdsOf` walked a linked list from the owner's newest
/// node, so a page's gas grew with its offset: 29.5K gas at offset 0, 4.49M at 1,990 — an owner (or whoever
/// registered nodes to an address) could make its later pages unreadable under an `eth_call` cap. Here each
/// id is one read wherever the page starts.
contract PageCostAttack is AttackBase {
    uint256 internal constant NODES = 2000;

    function setUp() public {
        deployGovernanceFixture();
        for (uint256 i = 0; i < NODES; ++i) {
            registerNode(ATTACKER, SeedDevices.RTX_3060_12GB, 1);
        }
    }

    function pageGas(uint256 offset) internal view returns (uint256 used) {
        uint256 start = gasleft();
        uint256[] memory ids = registry.nodeIdsOf(ATTACKER, offset, 10);
        used = start - gasleft();
        require(ids.length == 10, "a full page");
        require(ids[0] == NODES - offset, "newest first");
    }

    function test_pageCost_doesNotGrowWithTheOffset() public {
        uint256 first = pageGas(0);
        uint256 deep = pageGas(1990);
        emit log_named_uint("nodeIdsOf(owner, 0, 10) gas", first);
        emit log_named_uint("nodeIdsOf(owner, 1990, 10) gas", deep);
        assertLe(deep, first + first / 20, "deep page more than 5% dearer");
        assertLt(deep, 60_000);
    }
}
