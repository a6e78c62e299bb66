// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {NodeChallenges} from "../../contracts/challenges/NodeChallenges.sol";
import {RegistryTestBase} from "../registry/RegistryTestBase.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice A challenger whose receive() re-enters NodeChallenges while its credit is being paid.
contract MaliciousChallenger {
    NodeChallenges internal immutable _challenges;
    uint256 public pending;
    uint256 public received;
    uint256 public calls;
    uint256 public creditAtCallback;
    uint256 public owedAtCallback;
    uint256 public balanceAtCallback;
    bytes public claimError;
    bytes public resolveError;
    bool public rechallenged;

    constructor(NodeChallenges challenges_) {
        _challenges = challenges_;
    }

    function challenge(uint256 nodeId) external payable {
        _challenges.challenge{value: msg.value}(nodeId);
    }

    function claim(uint256 pending_) external returns (uint256) {
        pending = pending_;
        return _challenges.claimCredit();
    }

    receive() external payable {
        received += msg.value;
        calls += 1;
        creditAtCallback = _challenges.creditOf(address(this));
        owedAtCallback = _challenges.totalOwed();
        balanceAtCallback = address(_challenges).balance;
        try _challenges.claimCredit() {} catch (bytes memory err) {
            claimError = err;
        }
        try _challenges.resolve(pending) {} catch (bytes memory err) {
            resolveError = err;
        }
        // Not guarded, and harmless: a new challenge is a new deposit, fully accounted.
        uint256 deposit = _challenges.deposit();
        if (address(this).balance >= deposit) {
            try _challenges.challenge{value: deposit}(pending == 0 ? 1 : pending) {
                rechallenged = true;
            } catch {}
        }
    }
}

/// @notice A challenger that cannot take ETH: its credit waits for it, and nobody else is blocked.
contract RejectingChallenger {
    function challenge(NodeChallenges c, uint256 nodeId) external payable {
        c.challenge{value: msg.value}(nodeId);
    }

    function claim(NodeChallenges c) external returns (uint256) {
        return c.claimCredit();
    }
}

contract NodeChallengesReentrancyTest is RegistryTestBase {
    uint256 internal constant BOND_24GIB = 0.034 ether;

    function setUp() public {
        deployFixture();
        vm.deal(address(this), 10 ether);
    }

    function test_claimCredit_reentrancyPaysOnceAndResolveIsGuarded() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        MaliciousChallenger evil = new MaliciousChallenger(challenges);
        evil.challenge{value: CHALLENGE_DEPOSIT}(a);
        evil.challenge{value: CHALLENGE_DEPOSIT}(b);
        uint256 deadline = challenges.challengeOf(a).deadline;
        vm.warp(deadline + 1);
        challenges.resolve(a);
        uint256 credit = CHALLENGE_DEPOSIT + BOND_24GIB / 2;
        assertEq(challenges.creditOf(address(evil)), credit);

        // Claim, and from the callback try to claim again and to resolve b (overdue too).
        assertEq(evil.claim(b), credit);
        assertEq(evil.calls(), 1);
        assertEq(evil.received(), credit, "paid once");
        assertEq(evil.creditAtCallback(), 0, "credit cleared before the ETH left");
        assertEq(evil.owedAtCallback(), CHALLENGE_DEPOSIT, "only b's deposit still owed");
        assertEq(evil.balanceAtCallback(), CHALLENGE_DEPOSIT);
        bytes memory reentrant = abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        assertEq(evil.claimError(), reentrant);
        assertEq(evil.resolveError(), reentrant);
        // b stays challenged (the re-challenge from the callback hit AlreadyChallenged) and resolves normally.
        assertFalse(evil.rechallenged());
        assertTrue(challenges.isChallenged(b));
        challenges.resolve(b);
        assertEq(challenges.creditOf(address(evil)), credit);
        assertEq(address(challenges).balance, challenges.totalOwed());
    }

    function test_claimCredit_reentrantChallengeIsAccounted() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        MaliciousChallenger evil = new MaliciousChallenger(challenges);
        evil.challenge{value: CHALLENGE_DEPOSIT}(a);
        vm.warp(challenges.challengeOf(a).deadline + 1);
        challenges.resolve(a);
        // The callback uses what it receives to challenge b.
        evil.claim(b);
        assertTrue(evil.rechallenged());
        assertEq(challenges.challengeOf(b).challenger, address(evil));
        assertEq(challenges.totalOwed(), CHALLENGE_DEPOSIT);
        assertEq(address(challenges).balance, CHALLENGE_DEPOSIT);
    }

    function test_resolve_doesNotDependOnTheChallengerTakingEth() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        RejectingChallenger rejecting = new RejectingChallenger();
        rejecting.challenge{value: CHALLENGE_DEPOSIT}(challenges, a);
        vm.warp(challenges.challengeOf(a).deadline + 1);
        uint256 burned = BURN.balance;
        challenges.resolve(a); // pull payments: nothing is pushed to the challenger
        assertEq(BURN.balance, burned + BOND_24GIB / 2);
        vm.expectRevert(abi.encodeWithSelector(Errors.FailedCall.selector));
        rejecting.claim(challenges);
        assertEq(challenges.creditOf(address(rejecting)), CHALLENGE_DEPOSIT + BOND_24GIB / 2, "still owed");
        assertEq(address(challenges).balance, challenges.totalOwed());
    }
}
