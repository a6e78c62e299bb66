// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Attest} from "../utils/Attest.sol";
import {FixedAdmin} from "../../contracts/access/FixedAdmin.sol";
import {NodeChallenges} from "../../contracts/challenges/NodeChallenges.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {INodeChallenges} from "../../contracts/interfaces/INodeChallenges.sol";
import {RegistryTestBase} from "../registry/RegistryTestBase.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice Pretends to be a registry that names a challenges contract: enough for `bindRegistry`'s check.
contract FakeRegistry {
    address public challenges;

    constructor(address challenges_) {
        challenges = challenges_;
    }
}

/// @notice NodeChallenges: challenge with a deposit, the owner's answer (another attester, the same devices)
/// within the window, and otherwise the slash, half to the challenger's credit, half to the burn address.
contract NodeChallengesTest is RegistryTestBase {
    uint256 internal constant BOND_24GIB = 0.034 ether;
    uint256 internal constant DEPOSIT = CHALLENGE_DEPOSIT;

    uint256 internal nodeId;
    Signed internal registered;

    function setUp() public {
        deployFixture();
        Signed memory s;
        (nodeId, s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        registered = s;
        vm.deal(CHALLENGER, 10 ether);
    }

    // ------------------------------------------------------------------ helpers

    function _challenge(uint256 id) internal returns (uint48 deadline) {
        vm.prank(CHALLENGER);
        challenges.challenge{value: DEPOSIT}(id);
        deadline = challenges.challengeOf(id).deadline;
    }

    /// @notice A fresh attestation of node `nodeId`'s device by the second attester (an hour later, so its UID
    /// differs from the registered one).
    function _answerOf(uint256 pk) internal returns (Signed memory) {
        warpBy(1 hours);
        return attestBy(pk, ALICE, oneLine(SeedDevices.RTX_4090, 1), idsOf(registered));
    }

    function _expectAnswerRevert(address caller, uint256 id, Signed memory s, bytes memory err) internal {
        State memory before = snapshot();
        INodeChallenges.Challenge memory open = challenges.challengeOf(id);
        vm.prank(caller);
        vm.expectRevert(err);
        challenges.answer(id, s.a, s.attester, s.signature);
        assertUnchanged(before);
        assertEq(keccak256(abi.encode(challenges.challengeOf(id))), keccak256(abi.encode(open)), "challenge moved");
        assertEq(challenges.creditOf(caller), 0);
    }

    function _expectChallengeRevert(uint256 id, uint256 value, bytes memory err) internal {
        State memory before = snapshot();
        uint256 balance = CHALLENGER.balance;
        vm.prank(CHALLENGER);
        vm.expectRevert(err);
        challenges.challenge{value: value}(id);
        assertUnchanged(before);
        assertEq(CHALLENGER.balance, balance);
    }

    function _expectResolveRevert(uint256 id, bytes memory err) internal {
        State memory before = snapshot();
        uint256 burned = BURN.balance;
        vm.prank(STRANGER);
        vm.expectRevert(err);
        challenges.resolve(id);
        assertUnchanged(before);
        assertEq(BURN.balance, burned);
    }

    function _newChallenges(uint256 deposit, uint256 window, uint32 minWindow) internal returns (NodeChallenges) {
        return new NodeChallenges(address(this), deposit, window, minWindow);
    }

    // ------------------------------------------------------------------ constructor, binding, parameters

    function test_constructor_setsParametersAndEmits() public {
        assertEq(challenges.deposit(), DEPOSIT);
        assertEq(challenges.window(), CHALLENGE_WINDOW);
        assertEq(challenges.minWindow(), MIN_CHALLENGE_WINDOW);
        assertEq(challenges.registry(), address(registry));
        assertEq(challenges.admin(), address(this));
        assertEq(challenges.totalOwed(), 0);
        assertEq(challenges.MIN_DEPOSIT(), 0.001 ether);
        assertEq(challenges.MAX_DEPOSIT(), 1 ether);
        assertEq(challenges.MAX_WINDOW(), 14 days);
        assertEq(challenges.BURN_ADDRESS(), BURN);
        vm.expectEmit(false, false, false, true);
        emit INodeChallenges.ChallengeDepositUpdated(0, 0.001 ether);
        vm.expectEmit(false, false, false, true);
        emit INodeChallenges.ChallengeWindowUpdated(0, 14 days);
        NodeChallenges c = _newChallenges(0.001 ether, 14 days, 14 days);
        assertEq(c.registry(), address(0));
        assertEq(_newChallenges(1 ether, 1, 1).window(), 1);
    }

    function test_constructor_revertsWhenOutOfBounds() public {
        bytes4 sel = INodeChallenges.NodeChallengesParameterOutOfBounds.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, 0, 1, 14 days));
        _newChallenges(DEPOSIT, 1 days, 0);
        vm.expectRevert(abi.encodeWithSelector(sel, 14 days + 1, 1, 14 days));
        _newChallenges(DEPOSIT, 14 days + 1, 14 days + 1);
        vm.expectRevert(abi.encodeWithSelector(sel, 0.001 ether - 1, 0.001 ether, 1 ether));
        _newChallenges(0.001 ether - 1, 1 days, 1 hours);
        vm.expectRevert(abi.encodeWithSelector(sel, 1 ether + 1, 0.001 ether, 1 ether));
        _newChallenges(1 ether + 1, 1 days, 1 hours);
        vm.expectRevert(abi.encodeWithSelector(sel, 1 hours - 1, 1 hours, 14 days));
        _newChallenges(DEPOSIT, 1 hours - 1, 1 hours);
        vm.expectRevert(abi.encodeWithSelector(sel, 14 days + 1, 1 hours, 14 days));
        _newChallenges(DEPOSIT, 14 days + 1, 1 hours);
        vm.expectRevert(abi.encodeWithSelector(FixedAdmin.FixedAdminZeroAdmin.selector));
        new NodeChallenges(address(0), DEPOSIT, 1 days, 1 hours);
    }

    function test_bindRegistry_onceAndOnlyToARegistryNamingIt() public {
        vm.expectRevert(
            abi.encodeWithSelector(INodeChallenges.NodeChallengesCannotBind.selector, address(registry))
        );
        challenges.bindRegistry(address(registry));
        NodeChallenges fresh = _newChallenges(DEPOSIT, 1 days, 1 hours);
        // The registry names another challenges contract.
        vm.expectRevert(abi.encodeWithSelector(INodeChallenges.NodeChallengesCannotBind.selector, address(registry)));
        fresh.bindRegistry(address(registry));
        assertEq(fresh.registry(), address(0));
        FakeRegistry fake = new FakeRegistry(address(fresh));
        // Only the deployer binds: no one can squat the binding before the deployment's own.
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(INodeChallenges.NodeChallengesCannotBind.selector, address(fake)));
        fresh.bindRegistry(address(fake));
        assertEq(fresh.registry(), address(0));
        vm.expectEmit(address(fresh));
        emit INodeChallenges.RegistryBound(address(fake));
        fresh.bindRegistry(address(fake));
        // Once.
        vm.expectRevert(abi.encodeWithSelector(INodeChallenges.NodeChallengesCannotBind.selector, address(fake)));
        fresh.bindRegistry(address(fake));
    }

    function test_setDeposit_setsAtBoundsAndKeepsOpenChallenges() public {
        uint48 deadline = _challenge(nodeId);
        vm.expectEmit(address(challenges));
        emit INodeChallenges.ChallengeDepositUpdated(DEPOSIT, 0.001 ether);
        challenges.setDeposit(0.001 ether);
        assertEq(challenges.deposit(), 0.001 ether);
        challenges.setDeposit(1 ether);
        assertEq(challenges.deposit(), 1 ether);
        INodeChallenges.Challenge memory open = challenges.challengeOf(nodeId);
        assertEq(open.deposit, DEPOSIT, "an open challenge keeps its deposit");
        assertEq(open.deadline, deadline);
        bytes4 sel = INodeChallenges.NodeChallengesParameterOutOfBounds.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, 0.001 ether - 1, 0.001 ether, 1 ether));
        challenges.setDeposit(0.001 ether - 1);
        vm.expectRevert(abi.encodeWithSelector(sel, 1 ether + 1, 0.001 ether, 1 ether));
        challenges.setDeposit(1 ether + 1);
        assertEq(challenges.deposit(), 1 ether);
    }

    function test_setWindow_setsAtBoundsAndKeepsOpenDeadlines() public {
        uint48 deadline = _challenge(nodeId);
        vm.expectEmit(address(challenges));
        emit INodeChallenges.ChallengeWindowUpdated(CHALLENGE_WINDOW, MIN_CHALLENGE_WINDOW);
        challenges.setWindow(MIN_CHALLENGE_WINDOW);
        assertEq(challenges.window(), MIN_CHALLENGE_WINDOW);
        challenges.setWindow(14 days);
        assertEq(challenges.window(), 14 days);
        assertEq(challenges.challengeOf(nodeId).deadline, deadline, "an open deadline does not move");
        bytes4 sel = INodeChallenges.NodeChallengesParameterOutOfBounds.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, MIN_CHALLENGE_WINDOW - 1, MIN_CHALLENGE_WINDOW, 14 days));
        challenges.setWindow(MIN_CHALLENGE_WINDOW - 1);
        vm.expectRevert(abi.encodeWithSelector(sel, 14 days + 1, MIN_CHALLENGE_WINDOW, 14 days));
        challenges.setWindow(14 days + 1);
    }

    function test_setters_onlyAdmin() public {
        bytes memory err =
            abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, STRANGER, address(this));
        vm.startPrank(STRANGER);
        vm.expectRevert(err);
        challenges.setDeposit(0.1 ether);
        vm.expectRevert(err);
        challenges.setWindow(2 days);
        vm.stopPrank();
        assertEq(challenges.deposit(), DEPOSIT);
        assertEq(challenges.window(), CHALLENGE_WINDOW);
    }

    function test_receive_onlyFromTheRegistry() public {
        vm.deal(STRANGER, 1 ether);
        vm.prank(STRANGER);
        (bool ok, bytes memory ret) = address(challenges).call{value: 1 ether}("");
        assertFalse(ok);
        assertEq(ret, abi.encodeWithSelector(INodeChallenges.NodeChallengesNotRegistry.selector, STRANGER));
        assertEq(address(challenges).balance, 0);
    }

    // ------------------------------------------------------------------ challenge

    function test_challenge_opensWithTheDeposit() public {
        uint48 deadline = uint48(block.timestamp + CHALLENGE_WINDOW);
        vm.expectEmit(address(challenges));
        emit INodeChallenges.NodeChallenged(nodeId, CHALLENGER, DEPOSIT, deadline);
        vm.prank(CHALLENGER);
        challenges.challenge{value: DEPOSIT}(nodeId);
        INodeChallenges.Challenge memory open = challenges.challengeOf(nodeId);
        assertEq(open.challenger, CHALLENGER);
        assertEq(open.deadline, deadline);
        assertEq(open.deposit, DEPOSIT);
        assertTrue(challenges.isChallenged(nodeId));
        assertEq(challenges.totalOwed(), DEPOSIT);
        assertEq(address(challenges).balance, DEPOSIT);
        assertEq(nodeView(nodeId).challenger, CHALLENGER);
        assertEq(nodeView(nodeId).challengeDeadline, deadline);
        // The node keeps its vote while challenged.
        assertEq(registry.getVotes(ALICE), 1);
    }

    function test_challenge_everyLiveStatus() public {
        uint256 pending = submit(BOB, attest(BOB, oneLine(SeedDevices.RTX_4090, 1)));
        (uint256 exiting,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        exitAs(BOB, exiting);
        (uint256 lapsed,) = registerActive(CAROL, oneLine(SeedDevices.RTX_4090, 1));
        vm.warp(START_TIME + Attest.LIFETIME - 1);
        _challenge(pending);
        _challenge(exiting);
        vm.warp(START_TIME + Attest.LIFETIME);
        vm.prank(KEEPER);
        registry.lapse(lapsed);
        _challenge(lapsed);
        assertTrue(challenges.isChallenged(pending));
        assertTrue(challenges.isChallenged(exiting));
        assertTrue(challenges.isChallenged(lapsed));
        assertEq(challenges.totalOwed(), 3 * DEPOSIT);
    }

    function test_challenge_revertsWhenNothingToChallenge() public {
        exitAs(ALICE, nodeId);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(ALICE);
        registry.withdrawBond(nodeId);
        _expectChallengeRevert(
            nodeId, DEPOSIT, abi.encodeWithSelector(INodeChallenges.NodeChallengesNothingToChallenge.selector, nodeId)
        );
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        vm.prank(address(challenges));
        registry.slashByChallenge(b);
        _expectChallengeRevert(
            b, DEPOSIT, abi.encodeWithSelector(INodeChallenges.NodeChallengesNothingToChallenge.selector, b)
        );
        _expectChallengeRevert(
            42, DEPOSIT, abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 42)
        );
    }

    function test_challenge_revertsWhenOwnNode() public {
        vm.deal(ALICE, DEPOSIT);
        State memory before = snapshot();
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(INodeChallenges.NodeChallengesOwnNode.selector, nodeId));
        challenges.challenge{value: DEPOSIT}(nodeId);
        assertUnchanged(before);
    }

    function test_challenge_revertsWhenAlreadyChallenged() public {
        uint48 deadline = _challenge(nodeId);
        vm.warp(deadline + 1); // even once the window is over, until it is resolved
        _expectChallengeRevert(
            nodeId,
            DEPOSIT,
            abi.encodeWithSelector(INodeChallenges.NodeChallengesAlreadyChallenged.selector, nodeId, deadline)
        );
    }

    function test_challenge_revertsWhenWrongDeposit() public {
        bytes4 sel = INodeChallenges.NodeChallengesWrongDeposit.selector;
        _expectChallengeRevert(nodeId, 0, abi.encodeWithSelector(sel, 0, DEPOSIT));
        _expectChallengeRevert(nodeId, DEPOSIT - 1, abi.encodeWithSelector(sel, DEPOSIT - 1, DEPOSIT));
        _expectChallengeRevert(nodeId, DEPOSIT + 1, abi.encodeWithSelector(sel, DEPOSIT + 1, DEPOSIT));
    }

    // ------------------------------------------------------------------ answer

    function test_answer_byAnotherAttesterCreditsTheOwner() public {
        uint48 deadline = _challenge(nodeId);
        Signed memory s = _answerOf(SECOND_ATTESTER_PK);
        bytes32 uid = uidOf(s);
        assertTrue(uid != nodeView(nodeId).attestationUid);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.AttestationAdopted(nodeId, 2, uid);
        vm.expectEmit(address(challenges));
        emit INodeChallenges.ChallengeAnswered(nodeId, ALICE, 2, uid, DEPOSIT);
        vm.prank(ALICE);
        challenges.answer(nodeId, s.a, s.attester, s.signature);

        assertFalse(challenges.isChallenged(nodeId));
        assertEq(challenges.challengeOf(nodeId).challenger, address(0));
        assertEq(challenges.creditOf(ALICE), DEPOSIT);
        assertEq(challenges.creditOf(CHALLENGER), 0);
        assertEq(challenges.totalOwed(), DEPOSIT, "still owed, now to the owner");
        IComputeRegistry.NodeView memory n = nodeView(nodeId);
        assertEq(n.attesterId, 2);
        assertEq(n.attestationUid, uid);
        assertEq(n.attestationExpiry, s.a.expirationTime);
        assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Active));
        assertEq(n.bond, BOND_24GIB);
        assertEq(registry.getVotes(ALICE), 1);
        assertTrue(block.timestamp <= deadline);

        // The owner takes the deposit; the node may be challenged again.
        vm.expectEmit(address(challenges));
        emit INodeChallenges.CreditClaimed(ALICE, DEPOSIT);
        vm.prank(ALICE);
        assertEq(challenges.claimCredit(), DEPOSIT);
        assertEq(ALICE.balance, DEPOSIT);
        assertEq(challenges.totalOwed(), 0);
        assertEq(address(challenges).balance, 0);
        _challenge(nodeId);
        assertTrue(challenges.isChallenged(nodeId));
    }

    function test_answer_boundaryOfTheDeadline() public {
        uint48 deadline = _challenge(nodeId);
        Signed memory s = _answerOf(SECOND_ATTESTER_PK);
        vm.warp(deadline + 1);
        _expectAnswerRevert(
            ALICE, nodeId, s, abi.encodeWithSelector(INodeChallenges.NodeChallengesExpired.selector, nodeId, deadline)
        );
        vm.warp(deadline);
        vm.prank(ALICE);
        challenges.answer(nodeId, s.a, s.attester, s.signature);
        assertEq(challenges.creditOf(ALICE), DEPOSIT);
    }

    function test_answer_revertsWhenSameAttester() public {
        _challenge(nodeId);
        // A fresh attestation of the same devices, but from the attester that is being questioned.
        _expectAnswerRevert(
            ALICE,
            nodeId,
            _answerOf(ATTESTER_PK),
            abi.encodeWithSelector(INodeChallenges.NodeChallengesSameAttester.selector, nodeId, 1)
        );
    }

    function test_answer_revertsWhenDevicesDiffer() public {
        _challenge(nodeId);
        bytes memory err = abi.encodeWithSelector(INodeChallenges.NodeChallengesDevicesDiffer.selector, nodeId);
        warpBy(1 hours);
        // Another SKU for the same device id.
        _expectAnswerRevert(
            ALICE, nodeId, attestBy(SECOND_ATTESTER_PK, ALICE, oneLine(SeedDevices.RTX_3090, 1), idsOf(registered)), err
        );
        // The same SKU, another device.
        _expectAnswerRevert(
            ALICE, nodeId, attestBy(SECOND_ATTESTER_PK, ALICE, oneLine(SeedDevices.RTX_4090, 1), freshDeviceIds(1)), err
        );
        // One device more.
        bytes32[] memory two = new bytes32[](2);
        (two[0], two[1]) = (idsOf(registered)[0], freshDeviceIds(1)[0]);
        _expectAnswerRevert(
            ALICE, nodeId, attestBy(SECOND_ATTESTER_PK, ALICE, oneLine(SeedDevices.RTX_4090, 2), two), err
        );
    }

    function test_answer_revertsForTheSameAttesterUnderANewId() public {
        // Removed and added back, the node's attester has a new id; it is still the same attester.
        _challenge(nodeId);
        attestations.removeAttester(attester);
        uint16 newId = attestations.addAttester(attester);
        assertGt(newId, 2);
        _expectAnswerRevert(
            ALICE,
            nodeId,
            _answerOf(ATTESTER_PK),
            abi.encodeWithSelector(INodeChallenges.NodeChallengesSameAttester.selector, nodeId, 1)
        );
    }

    function test_answer_anExitingNodeStillAnswersWithItsDevices() public {
        // An exiting node keeps its devices until its bond leaves: no one can take them from under it (say by
        // buying the GPU and registering it) and then win a challenge it could no longer answer.
        _challenge(nodeId);
        exitAs(ALICE, nodeId);
        Signed memory elsewhere =
            attestBy(SECOND_ATTESTER_PK, BOB, oneLine(SeedDevices.RTX_4090, 1), idsOf(registered));
        uint256 bond = bondOfAttestation(elsewhere);
        vm.deal(BOB, bond);
        vm.prank(BOB);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryDeviceInUse.selector, idsOf(registered)[0], nodeId)
        );
        registry.registerNode{value: bond}(elsewhere.a, elsewhere.attester, elsewhere.signature, "");
        Signed memory answer = _answerOf(SECOND_ATTESTER_PK);
        vm.prank(ALICE);
        challenges.answer(nodeId, answer.a, answer.attester, answer.signature);
        assertFalse(challenges.isChallenged(nodeId));
    }

    function test_answer_revertsWhenNotOwnerOrNoChallenge() public {
        Signed memory s = _answerOf(SECOND_ATTESTER_PK);
        _expectAnswerRevert(
            ALICE, nodeId, s, abi.encodeWithSelector(INodeChallenges.NodeChallengesNoChallenge.selector, nodeId)
        );
        _challenge(nodeId);
        _expectAnswerRevert(
            BOB, nodeId, s, abi.encodeWithSelector(INodeChallenges.NodeChallengesNotNodeOwner.selector, nodeId, BOB)
        );
        _expectAnswerRevert(
            CHALLENGER,
            nodeId,
            s,
            abi.encodeWithSelector(INodeChallenges.NodeChallengesNotNodeOwner.selector, nodeId, CHALLENGER)
        );
    }

    function test_answer_revertsWhenTheAnswerIsNoGoodAttestation() public {
        _challenge(nodeId);
        Signed memory s = _answerOf(SECOND_ATTESTER_PK);
        bytes32 uid = uidOf(s);
        vm.prank(secondAttester);
        eas.revokeOffchain(uid);
        _expectAnswerRevert(
            ALICE, nodeId, s, abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsRevoked.selector, uid)
        );
        Signed memory forBob = attestBy(SECOND_ATTESTER_PK, BOB, oneLine(SeedDevices.RTX_4090, 1), idsOf(registered));
        _expectAnswerRevert(
            ALICE,
            nodeId,
            forBob,
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsWrongRecipient.selector, BOB, ALICE)
        );
        Signed memory unknown = _answerOf(0xBAD);
        _expectAnswerRevert(
            ALICE,
            nodeId,
            unknown,
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsNotAttester.selector, vm.addr(0xBAD))
        );
    }

    function test_answer_ignoresCapsLoweredSinceRegistration() public {
        (uint256 big, Signed memory s) = registerActive(BOB, oneLine(SeedDevices.RTX_3060_12GB, 12));
        registry.setMaxDevicesPerNode(8);
        _challenge(big);
        warpBy(1 hours);
        Signed memory a = attestBy(SECOND_ATTESTER_PK, BOB, oneLine(SeedDevices.RTX_3060_12GB, 12), idsOf(s));
        vm.prank(BOB);
        challenges.answer(big, a.a, a.attester, a.signature);
        assertEq(challenges.creditOf(BOB), DEPOSIT);
    }

    function test_answer_savesANodeWhoseAttesterWasRemoved() public {
        _challenge(nodeId);
        attestations.removeAttester(attester);
        Signed memory s = _answerOf(SECOND_ATTESTER_PK);
        vm.prank(ALICE);
        challenges.answer(nodeId, s.a, s.attester, s.signature);
        // The node now stands on the second attester's attestation: nothing to lapse.
        vm.prank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotLapsable.selector, nodeId));
        registry.lapse(nodeId);
        assertEq(registry.getVotes(ALICE), 1);
    }

    // ------------------------------------------------------------------ resolve

    function test_resolve_slashesHalfToTheChallengerHalfBurned() public {
        registerActive(BOB, oneLine(SeedDevices.RTX_5090, 1));
        uint48 deadline = _challenge(nodeId);
        uint256 burnBefore = BURN.balance;
        vm.warp(deadline + 1);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeSlashed(nodeId, ALICE, BOND_24GIB);
        vm.expectEmit(address(challenges));
        emit INodeChallenges.ChallengeResolved(nodeId, CHALLENGER, BOND_24GIB / 2, BOND_24GIB / 2);
        vm.prank(STRANGER); // anyone may resolve
        challenges.resolve(nodeId);

        assertEq(BURN.balance, burnBefore + BOND_24GIB / 2, "half burned");
        assertEq(challenges.creditOf(CHALLENGER), DEPOSIT + BOND_24GIB / 2, "deposit back plus half");
        assertEq(challenges.creditOf(STRANGER), 0);
        assertEq(challenges.totalOwed(), DEPOSIT + BOND_24GIB / 2);
        assertEq(address(challenges).balance, challenges.totalOwed());
        assertFalse(challenges.isChallenged(nodeId));
        IComputeRegistry.NodeView memory n = nodeView(nodeId);
        assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Slashed));
        assertEq(n.bond, 0);
        assertEq(registry.getVotes(ALICE), 0);
        assertEq(registry.activeNodeCount(), 1);
        assertEq(registry.totalMemoryMiB(), 32768);
        assertEq(registry.totalBonded(), 0.042 ether);
        assertEq(address(registry).balance, 0.042 ether);
        assertEq(registry.nodeOfDevice(idsOf(registered)[0]), 0, "a slashed node holds no device");

        uint256 before = CHALLENGER.balance;
        vm.prank(CHALLENGER);
        assertEq(challenges.claimCredit(), DEPOSIT + BOND_24GIB / 2);
        assertEq(CHALLENGER.balance, before + DEPOSIT + BOND_24GIB / 2);
        assertEq(challenges.totalOwed(), 0);
        assertEq(address(challenges).balance, 0, "every wei went to the challenger or the burn address");
        // Slashed for good: nothing left to challenge.
        _expectChallengeRevert(
            nodeId, DEPOSIT, abi.encodeWithSelector(INodeChallenges.NodeChallengesNothingToChallenge.selector, nodeId)
        );
    }

    function test_resolve_boundaryOfTheDeadline() public {
        uint48 deadline = _challenge(nodeId);
        vm.warp(deadline);
        _expectResolveRevert(
            nodeId, abi.encodeWithSelector(INodeChallenges.NodeChallengesNotExpired.selector, nodeId, deadline)
        );
        vm.warp(deadline + 1);
        challenges.resolve(nodeId);
        assertStatus(nodeId, IComputeRegistry.NodeStatus.Slashed);
    }

    function test_resolve_revertsWhenNoChallenge() public {
        _expectResolveRevert(nodeId, abi.encodeWithSelector(INodeChallenges.NodeChallengesNoChallenge.selector, nodeId));
        uint48 deadline = _challenge(nodeId);
        vm.warp(deadline + 1);
        challenges.resolve(nodeId);
        _expectResolveRevert(nodeId, abi.encodeWithSelector(INodeChallenges.NodeChallengesNoChallenge.selector, nodeId));
        // An answered challenge is gone too.
        (uint256 b, Signed memory s) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        deadline = _challenge(b);
        warpBy(1 hours);
        Signed memory a = attestBy(SECOND_ATTESTER_PK, BOB, oneLine(SeedDevices.RTX_4090, 1), idsOf(s));
        vm.prank(BOB);
        challenges.answer(b, a.a, a.attester, a.signature);
        vm.warp(deadline + 1);
        _expectResolveRevert(b, abi.encodeWithSelector(INodeChallenges.NodeChallengesNoChallenge.selector, b));
    }

    function test_resolve_exitingNodeIsStillSlashable() public {
        uint48 deadline = _challenge(nodeId);
        exitAs(ALICE, nodeId);
        uint256 unlockAt = nodeView(nodeId).unlockAt;
        vm.warp(unlockAt);
        // Unbonded, but the challenge holds the bond.
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryChallengeOpen.selector, nodeId));
        registry.withdrawBond(nodeId);
        assertTrue(unlockAt > deadline);
        challenges.resolve(nodeId);
        assertEq(challenges.creditOf(CHALLENGER), DEPOSIT + BOND_24GIB / 2);
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, nodeId, IComputeRegistry.NodeStatus.Slashed
            )
        );
        registry.withdrawBond(nodeId);
        assertEq(ALICE.balance, 0);
    }

    function test_resolve_challengeJustBeforeUnlockOutlivesTheUnbonding() public {
        exitAs(ALICE, nodeId);
        uint256 unlockAt = nodeView(nodeId).unlockAt;
        vm.warp(unlockAt - 1);
        uint48 deadline = _challenge(nodeId);
        vm.warp(unlockAt);
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryChallengeOpen.selector, nodeId));
        registry.withdrawBond(nodeId);
        vm.warp(deadline + 1);
        challenges.resolve(nodeId);
        assertStatus(nodeId, IComputeRegistry.NodeStatus.Slashed);
    }

    function test_resolve_lapsedNodeSplitsWhatIsLeft() public {
        uint48 deadline = _challenge(nodeId);
        attestations.removeAttester(attester);
        vm.prank(KEEPER);
        registry.lapse(nodeId);
        uint256 left = BOND_24GIB - KEEPER_FEE;
        uint256 burned = BURN.balance;
        vm.warp(deadline + 1);
        challenges.resolve(nodeId);
        assertEq(challenges.creditOf(CHALLENGER), DEPOSIT + left / 2);
        assertEq(BURN.balance, burned + left - left / 2);
        assertEq(address(challenges).balance, challenges.totalOwed());
    }

    function test_resolve_emptyBondReturnsTheDepositOnly() public {
        registry.setBond(0.001 ether, 0);
        registry.setKeeperFee(0.005 ether);
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        uint48 deadline = _challenge(b);
        vm.warp(START_TIME + Attest.LIFETIME);
        vm.prank(KEEPER);
        registry.lapse(b); // the fee takes the whole bond
        assertEq(nodeView(b).bond, 0);
        assertTrue(block.timestamp > deadline);
        uint256 burned = BURN.balance;
        vm.expectEmit(address(challenges));
        emit INodeChallenges.ChallengeResolved(b, CHALLENGER, 0, 0);
        challenges.resolve(b);
        assertEq(BURN.balance, burned);
        assertEq(challenges.creditOf(CHALLENGER), DEPOSIT);
        assertStatus(b, IComputeRegistry.NodeStatus.Slashed);
    }

    // ------------------------------------------------------------------ claimCredit

    function test_claimCredit_revertsWhenNoCredit() public {
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(INodeChallenges.NodeChallengesNoCredit.selector, STRANGER));
        challenges.claimCredit();
        // An open challenge's deposit is no credit of its challenger.
        _challenge(nodeId);
        State memory before = snapshot();
        vm.prank(CHALLENGER);
        vm.expectRevert(abi.encodeWithSelector(INodeChallenges.NodeChallengesNoCredit.selector, CHALLENGER));
        challenges.claimCredit();
        assertUnchanged(before);
    }

    function test_claimCredit_paysOnce() public {
        uint48 deadline = _challenge(nodeId);
        vm.warp(deadline + 1);
        challenges.resolve(nodeId);
        vm.prank(CHALLENGER);
        challenges.claimCredit();
        vm.prank(CHALLENGER);
        vm.expectRevert(abi.encodeWithSelector(INodeChallenges.NodeChallengesNoCredit.selector, CHALLENGER));
        challenges.claimCredit();
    }

    function test_credits_accumulateOverChallenges() public {
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        uint48 deadline = _challenge(nodeId);
        _challenge(b);
        uint256 burned = BURN.balance;
        vm.warp(deadline + 1);
        challenges.resolve(nodeId);
        challenges.resolve(b);
        assertEq(challenges.creditOf(CHALLENGER), 2 * (DEPOSIT + BOND_24GIB / 2));
        assertEq(BURN.balance, burned + BOND_24GIB);
        vm.prank(CHALLENGER);
        assertEq(challenges.claimCredit(), 2 * (DEPOSIT + BOND_24GIB / 2));
        assertEq(address(challenges).balance, 0);
    }
}
