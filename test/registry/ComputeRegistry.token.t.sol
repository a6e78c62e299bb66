// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {Vm} from "../utils/Vm.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {Deployers} from "../utils/Deployers.sol";

/// @notice The registry as a votes token indexers understand (issue 13): ERC-20 `Transfer` mints and burns of
/// one as votes start and end, `balanceOf` and `totalSupply`, and the sum of the `Transfer` deltas equal to
/// `getPastTotalSupply` at every timepoint.
contract ComputeRegistryTokenTest is Deployers {
    bytes32 internal constant TRANSFER = keccak256("Transfer(address,address,uint256)");
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    int256 internal supplyFromLogs;
    mapping(address account => int256 balance) internal balanceFromLogs;

    function setUp() public {
        deployFixture();
        vm.recordLogs();
    }

    /// @dev Replays the recorded Transfer logs of the registry, as an indexer would.
    function replay() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(registry) || logs[i].topics[0] != TRANSFER) continue;
            address from = address(uint160(uint256(logs[i].topics[1])));
            address to = address(uint160(uint256(logs[i].topics[2])));
            uint256 amount = abi.decode(logs[i].data, (uint256));
            assertEq(amount, 1, "one vote a node");
            int256 value = int256(amount);
            if (from == address(0)) supplyFromLogs += value;
            else balanceFromLogs[from] -= value;
            if (to == address(0)) supplyFromLogs -= value;
            else balanceFromLogs[to] += value;
        }
    }

    function check(uint256 timepoint) internal {
        replay();
        assertEq(uint256(supplyFromLogs), registry.totalSupply(), "supply from Transfer logs");
        assertEq(registry.totalSupply(), registry.activeNodeCount());
        assertEq(uint256(balanceFromLogs[ALICE]), registry.balanceOf(ALICE), "Alice's balance from logs");
        assertEq(uint256(balanceFromLogs[BOB]), registry.balanceOf(BOB), "Bob's balance from logs");
        warpBy(1);
        assertEq(uint256(supplyFromLogs), registry.getPastTotalSupply(timepoint), "logs vs getPastTotalSupply");
    }

    function test_transfer_mintsAndBurnsTrackTheVotingSupply() public {
        uint256 a = registerPending(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        check(vm.getBlockTimestamp()); // Pending: no vote, no mint
        assertEq(registry.balanceOf(ALICE), 0);
        registry.activate(a);
        registerAs(ALICE, SeedDevices.RTX_3090, 1);
        uint256 b = registerAs(BOB, SeedDevices.RTX_5090, 1);
        check(vm.getBlockTimestamp());
        assertEq(registry.balanceOf(ALICE), 2);
        assertEq(registry.totalSupply(), 3);
        vm.prank(BOB);
        registry.exitNode(b);
        check(vm.getBlockTimestamp());
        vm.prank(address(challenges));
        registry.slashByChallenge(a);
        check(vm.getBlockTimestamp());
        assertEq(registry.balanceOf(ALICE), 1);
        assertEq(registry.totalSupply(), 1);
    }

    function test_transfer_votesNeverMoveBetweenOwners() public {
        registerAs(ALICE, SeedDevices.RTX_4090, 1);
        // No ERC-20 transfer or approve exists: a vote is a node, not a token.
        (bool transferred,) = address(registry).call(abi.encodeWithSignature("transfer(address,uint256)", BOB, 1));
        (bool approved,) = address(registry).call(abi.encodeWithSignature("approve(address,uint256)", BOB, 1));
        (bool pulled,) =
            address(registry).call(abi.encodeWithSignature("transferFrom(address,address,uint256)", ALICE, BOB, 1));
        assertFalse(transferred || approved || pulled);
        assertEq(registry.balanceOf(ALICE), 1);
        assertEq(registry.balanceOf(BOB), 0);
        // Delegation moves the votes, never the balance.
        vm.prank(ALICE);
        registry.delegate(BOB);
        assertEq(registry.getVotes(BOB), 1);
        assertEq(registry.balanceOf(ALICE), 1);
        assertEq(uint8(IComputeRegistry.NodeStatus.Active), 2);
    }
}
