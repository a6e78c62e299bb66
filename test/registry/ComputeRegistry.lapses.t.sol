// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Attest} from "../utils/Attest.sol";
import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice A keeper contract with no way to take ETH: it can never be paid a keeper fee.
contract RejectingKeeper {
    function lapse(ComputeRegistry r, uint256 nodeId) external returns (uint256) {
        return r.lapse(nodeId);
    }
}

/// @notice Lapses: an attestation that expired, was revoked through EAS `revokeOffchain`, or lost its attester
/// takes the node's vote and floor weight at once, pays the caller a keeper fee from the bond, and leaves a
/// Lapsed node its owner can re-attest (updateNode) or exit.
contract ComputeRegistryLapsesTest is RegistryTestBase {
    uint256 internal constant BOND_24GIB = 0.034 ether;
    uint256 internal constant EXPIRY = START_TIME + Attest.LIFETIME;

    function setUp() public {
        deployFixture();
    }

    function _expectLapseRevert(uint256 id, bytes memory err) internal {
        State memory before = snapshot();
        uint256 keeperBalance = KEEPER.balance;
        vm.prank(KEEPER);
        vm.expectRevert(err);
        registry.lapse(id);
        assertUnchanged(before);
        assertEq(KEEPER.balance, keeperBalance, "keeper paid for nothing");
    }

    function _notLapsable(uint256 id) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotLapsable.selector, id);
    }

    function _revoke(Signed memory s, address revoker) internal {
        bytes32 uid = uidOf(s);
        vm.prank(revoker);
        eas.revokeOffchain(uid);
    }

    function _lapseAs(address keeper, uint256 id) internal returns (uint256 fee) {
        vm.prank(keeper);
        fee = registry.lapse(id);
    }

    // ------------------------------------------------------------------ the three reasons

    function test_lapse_expired_boundary() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        registerActive(BOB, oneLine(SeedDevices.RTX_5090, 1)); // the floor (p50 of 24 and 32 GiB) is 24 GiB
        vm.warp(EXPIRY - 1);
        _expectLapseRevert(a, _notLapsable(a));

        vm.warp(EXPIRY);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.FloorChanged(24576, 32768);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeLapsed(a, ALICE, IHardwareAttestations.Lapse.Expired, KEEPER, KEEPER_FEE);
        assertEq(_lapseAs(KEEPER, a), KEEPER_FEE);

        IComputeRegistry.NodeView memory n = nodeView(a);
        assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Lapsed));
        assertEq(n.bond, BOND_24GIB - KEEPER_FEE);
        assertEq(n.activatableAt, 0);
        assertEq(registry.getVotes(ALICE), 0, "the vote left at once");
        assertEq(registry.activeNodeCount(), 1);
        assertEq(registry.totalMemoryMiB(), 32768, "the floor weight left at once");
        assertEq(registry.floorMiB(), 32768);
        assertEq(KEEPER.balance, KEEPER_FEE);
        assertEq(registry.totalBonded(), BOND_24GIB + 0.042 ether - KEEPER_FEE);
        assertEq(address(registry).balance, registry.totalBonded());
    }

    function test_lapse_revokedThroughEasRevokeOffchain() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        bytes32 uid = uidOf(s);
        _expectLapseRevert(a, _notLapsable(a));

        vm.expectEmit(address(eas));
        emit IEAS.RevokedOffchain(attester, uid, uint64(block.timestamp));
        vm.prank(attester);
        eas.revokeOffchain(uid);
        assertEq(eas.getRevokeOffchain(attester, uid), block.timestamp);
        assertEq(uint8(attestations.lapseOf(1, uid, uint64(EXPIRY))), uint8(IHardwareAttestations.Lapse.Revoked));

        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeLapsed(a, ALICE, IHardwareAttestations.Lapse.Revoked, KEEPER, KEEPER_FEE);
        _lapseAs(KEEPER, a);
        assertStatus(a, IComputeRegistry.NodeStatus.Lapsed);
        assertEq(registry.getVotes(ALICE), 0);
    }

    function test_lapse_revocationBySomeoneElseDoesNotCount() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        _revoke(s, BOB); // EAS records it under BOB's address
        _revoke(s, secondAttester); // another attester's revocation of an attestation it did not sign
        _revoke(s, ALICE); // the owner cannot get rid of its own attestation that way either
        _expectLapseRevert(a, _notLapsable(a));
        assertStatus(a, IComputeRegistry.NodeStatus.Active);
    }

    function test_lapse_attesterRemoved() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        Signed memory s = attestBy(SECOND_ATTESTER_PK, BOB, oneLine(SeedDevices.RTX_4090, 1), freshDeviceIds(1));
        uint256 b = submit(BOB, s);
        registry.activate(b);

        attestations.removeAttester(attester);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeLapsed(a, ALICE, IHardwareAttestations.Lapse.AttesterRemoved, KEEPER, KEEPER_FEE);
        _lapseAs(KEEPER, a);
        // Only the removed attester's nodes lapse.
        _expectLapseRevert(b, _notLapsable(b));
        assertEq(registry.getVotes(BOB), 1);
    }

    function test_lapse_returningAttesterDoesNotReviveItsOldNodes() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        attestations.removeAttester(attester);
        assertEq(attestations.addAttester(attester), 3, "a new id, never reused");
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeLapsed(a, ALICE, IHardwareAttestations.Lapse.AttesterRemoved, KEEPER, KEEPER_FEE);
        _lapseAs(KEEPER, a);
        // Its new attestations are good again.
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        assertEq(nodeView(b).attesterId, 3);
    }

    function test_lapse_expiryComesFirstAmongReasons() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        _revoke(s, attester);
        attestations.removeAttester(attester);
        vm.warp(EXPIRY);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeLapsed(a, ALICE, IHardwareAttestations.Lapse.Expired, KEEPER, KEEPER_FEE);
        _lapseAs(KEEPER, a);
    }

    function test_lapse_pendingNode() public {
        uint256 a = submit(ALICE, attest(ALICE, oneLine(SeedDevices.RTX_4090, 1)));
        vm.warp(EXPIRY);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeLapsed(a, ALICE, IHardwareAttestations.Lapse.Expired, STRANGER, KEEPER_FEE);
        _lapseAs(STRANGER, a);
        assertStatus(a, IComputeRegistry.NodeStatus.Lapsed);
        assertEq(registry.activeNodeCount(), 0);
        assertEq(nodeView(a).activatableAt, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, a, IComputeRegistry.NodeStatus.Lapsed
            )
        );
        registry.activate(a);
    }

    // ------------------------------------------------------------------ keeper fee

    function test_lapse_keeperFeeLargerThanTheRemainingBond() public {
        registry.setBond(0.001 ether, 0);
        registry.setKeeperFee(0.005 ether);
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1)); // a bond the fee must not reach
        vm.warp(EXPIRY);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeLapsed(a, ALICE, IHardwareAttestations.Lapse.Expired, KEEPER, 0.001 ether);
        assertEq(_lapseAs(KEEPER, a), 0.001 ether, "the fee is capped by the bond");
        assertEq(nodeView(a).bond, 0);
        assertEq(KEEPER.balance, 0.001 ether);
        assertEq(registry.totalBonded(), 0.001 ether);
        assertEq(address(registry).balance, 0.001 ether);
        assertEq(nodeView(b).bond, 0.001 ether);

        // The empty bond exits and "withdraws" nothing, without reverting.
        exitAs(ALICE, a);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.BondWithdrawn(a, ALICE, 0);
        vm.prank(ALICE);
        registry.withdrawBond(a);
        assertEq(ALICE.balance, 0);
        assertEq(registry.totalBonded(), 0.001 ether);
    }

    function test_lapse_zeroKeeperFeePaysNothing() public {
        registry.setKeeperFee(0);
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.warp(EXPIRY);
        assertEq(_lapseAs(KEEPER, a), 0);
        assertEq(KEEPER.balance, 0);
        assertEq(nodeView(a).bond, BOND_24GIB);
        assertEq(registry.totalBonded(), BOND_24GIB);
    }

    function test_lapse_revertsWhenKeeperRejectsTheFee() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        RejectingKeeper keeper = new RejectingKeeper();
        vm.warp(EXPIRY);
        State memory before = snapshot();
        vm.expectRevert(abi.encodeWithSelector(Errors.FailedCall.selector));
        keeper.lapse(registry, a);
        assertUnchanged(before);
        // Anyone else can still lapse it.
        _lapseAs(KEEPER, a);
        assertStatus(a, IComputeRegistry.NodeStatus.Lapsed);
    }

    // ------------------------------------------------------------------ what cannot lapse

    function test_lapse_revertsWhenNotLapsable() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 c,) = registerActive(CAROL, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 d,) = registerActive(CAROL, oneLine(SeedDevices.RTX_4090, 1));
        _expectLapseRevert(a, _notLapsable(a)); // its attestation holds
        exitAs(BOB, b);
        exitAs(CAROL, c);
        vm.warp(START_TIME + UNBONDING_PERIOD);
        vm.prank(CAROL);
        registry.withdrawBond(c);
        vm.prank(address(challenges));
        registry.slashByChallenge(d);
        vm.warp(EXPIRY);
        _lapseAs(KEEPER, a);
        _expectLapseRevert(a, _notLapsable(a)); // lapsed already: one fee per lapse
        _expectLapseRevert(b, _notLapsable(b)); // exiting: its vote left already, its bond is unbonding
        _expectLapseRevert(c, _notLapsable(c)); // withdrawn
        _expectLapseRevert(d, _notLapsable(d)); // slashed
        _expectLapseRevert(99, abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 99));
    }

    // ------------------------------------------------------------------ after a lapse

    function test_lapse_lapsedNodeKeepsItsDevicesUntilItsBondLeaves() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.warp(EXPIRY);
        _lapseAs(KEEPER, a);
        bytes32 device = idsOf(s)[0];
        assertEq(registry.nodeOfDevice(device), a);
        Signed memory bob = attestBy(ATTESTER_PK, BOB, oneLine(SeedDevices.RTX_4090, 1), idsOf(s));
        State memory before = snapshot();
        vm.deal(BOB, BOND_24GIB);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryDeviceInUse.selector, device, a));
        registry.registerNode{value: BOND_24GIB}(bob.a, bob.attester, bob.signature, "");
        assertUnchanged(before);

        exitAs(ALICE, a);
        assertEq(registry.nodeOfDevice(device), a, "an exiting node may still have to answer with it");
        vm.warp(readyAtOf(a));
        vm.prank(ALICE);
        registry.withdrawBond(a);
        assertEq(registry.nodeOfDevice(device), 0);
        assertEq(ALICE.balance, BOND_24GIB - KEEPER_FEE, "the bond less the keeper fee");
        bob = attestBy(ATTESTER_PK, BOB, oneLine(SeedDevices.RTX_4090, 1), idsOf(s));
        assertEq(submit(BOB, bob), 2);
    }

    function test_updateNode_reattestsAnExpiredNode() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.warp(EXPIRY);
        _lapseAs(KEEPER, a);
        // A fresh attestation of the same device, topped up by the fee the keeper took.
        Signed memory fresh = attestBy(ATTESTER_PK, ALICE, oneLine(SeedDevices.RTX_4090, 1), idsOf(s));
        assertEq(topUpFor(a, fresh), KEEPER_FEE);
        bytes32 uid = uidOf(fresh);
        vm.deal(ALICE, KEEPER_FEE);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeUpdated(a, 24576, 24576, oneLine(SeedDevices.RTX_4090, 1), uid, 1, uint48(EXPIRY), "");
        vm.prank(ALICE);
        registry.updateNode{value: KEEPER_FEE}(a, fresh.a, fresh.attester, fresh.signature, "");
        assertStatus(a, IComputeRegistry.NodeStatus.Pending);
        assertEq(nodeView(a).bond, BOND_24GIB);
        assertEq(nodeView(a).attestationExpiry, EXPIRY + Attest.LIFETIME);
        registry.activate(a);
        assertEq(registry.getVotes(ALICE), 1);
        assertEq(registry.totalMemoryMiB(), 24576);
    }

    function test_updateNode_reattestsARevokedNodeWithAnotherAttester() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        _revoke(s, attester);
        _lapseAs(KEEPER, a);
        // The revoked attestation itself is refused...
        bytes memory err = abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsRevoked.selector, uidOf(s));
        State memory before = snapshot();
        vm.deal(ALICE, KEEPER_FEE);
        vm.prank(ALICE);
        vm.expectRevert(err);
        registry.updateNode{value: KEEPER_FEE}(a, s.a, s.attester, s.signature, "");
        assertUnchanged(before);
        // ...a fresh one from the second attester is not. (A second later: an EAS UID does not name the
        // attester, so the same devices, recipient, time and salt would give the same UID.)
        warpBy(1);
        reattest(ALICE, a, attestBy(SECOND_ATTESTER_PK, ALICE, oneLine(SeedDevices.RTX_4090, 1), idsOf(s)));
        registry.activate(a);
        assertEq(nodeView(a).attesterId, 2);
        assertEq(registry.getVotes(ALICE), 1);
    }

    function test_updateNode_reattestsAfterTheAttesterWasRemoved() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        attestations.removeAttester(attester);
        _lapseAs(KEEPER, a);
        warpBy(1);
        reattest(ALICE, a, attestBy(SECOND_ATTESTER_PK, ALICE, oneLine(SeedDevices.RTX_4090, 1), idsOf(s)));
        registry.activate(a);
        assertStatus(a, IComputeRegistry.NodeStatus.Active);
        _expectLapseRevert(a, _notLapsable(a));
    }

    // ------------------------------------------------------------------ lapseMany

    function test_lapseMany_skipsNodesThatDoNotLapse() public {
        (uint256 expired,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 exiting,) = registerActive(CAROL, oneLine(SeedDevices.RTX_4090, 1));
        exitAs(CAROL, exiting);
        vm.warp(START_TIME + 100 days);
        (uint256 healthy,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 revoked, Signed memory s) = registerActive(BOB, oneLine(SeedDevices.RTX_5090, 1));
        _revoke(s, attester);
        vm.warp(EXPIRY);

        uint256[] memory ids = new uint256[](6);
        (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]) = (expired, healthy, revoked, exiting, expired, revoked);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeLapsed(expired, ALICE, IHardwareAttestations.Lapse.Expired, KEEPER, KEEPER_FEE);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeLapsed(revoked, BOB, IHardwareAttestations.Lapse.Revoked, KEEPER, KEEPER_FEE);
        vm.prank(KEEPER);
        (uint256 lapsed, uint256 fee) = registry.lapseMany(ids);
        assertEq(lapsed, 2, "each lapsable node once");
        assertEq(fee, 2 * KEEPER_FEE);
        assertEq(KEEPER.balance, 2 * KEEPER_FEE);
        assertStatus(expired, IComputeRegistry.NodeStatus.Lapsed);
        assertStatus(revoked, IComputeRegistry.NodeStatus.Lapsed);
        assertStatus(healthy, IComputeRegistry.NodeStatus.Active);
        assertStatus(exiting, IComputeRegistry.NodeStatus.Exiting);
        assertEq(registry.getVotes(BOB), 1);
        assertEq(registry.activeNodeCount(), 1);
        assertEq(address(registry).balance, registry.totalBonded());
    }

    function test_lapseMany_everyNodeOfARemovedAttester() public {
        uint256[] memory ids = new uint256[](4);
        for (uint256 i = 0; i < 3; ++i) {
            (ids[i],) = registerActive(actor(7, i), oneLine(SeedDevices.RTX_3090, 1));
        }
        Signed memory other = attestBy(SECOND_ATTESTER_PK, BOB, oneLine(SeedDevices.RTX_3090, 1), freshDeviceIds(1));
        ids[3] = submit(BOB, other);
        registry.activate(ids[3]);
        attestations.removeAttester(attester);
        vm.prank(KEEPER);
        (uint256 lapsed, uint256 fee) = registry.lapseMany(ids);
        assertEq(lapsed, 3);
        assertEq(fee, 3 * KEEPER_FEE);
        assertEq(registry.activeNodeCount(), 1);
        assertEq(registry.getVotes(BOB), 1);
    }

    function test_lapseMany_emptyOrNothingLapsablePaysNothing() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        State memory before = snapshot();
        vm.prank(KEEPER);
        (uint256 lapsed, uint256 fee) = registry.lapseMany(new uint256[](0));
        assertEq(lapsed, 0);
        assertEq(fee, 0);
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (a, a);
        vm.prank(KEEPER);
        (lapsed, fee) = registry.lapseMany(ids);
        assertEq(lapsed, 0);
        assertEq(fee, 0);
        assertUnchanged(before);
        assertEq(KEEPER.balance, 0);
    }

    function test_lapseMany_revertsWholeBatchOnUnknownNode() public {
        // An id that was never registered is a caller's mistake, not a node that "does not lapse".
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.warp(EXPIRY);
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (a, 99);
        State memory before = snapshot();
        vm.prank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 99));
        registry.lapseMany(ids);
        assertUnchanged(before);
    }

    function test_lapseMany_capsEachFeeByItsBond() public {
        registry.setBond(0.001 ether, 0);
        registry.setKeeperFee(0.005 ether);
        uint256[] memory ids = new uint256[](2);
        (ids[0],) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        (ids[1],) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        vm.warp(EXPIRY);
        vm.prank(KEEPER);
        (uint256 lapsed, uint256 fee) = registry.lapseMany(ids);
        assertEq(lapsed, 2);
        assertEq(fee, 0.002 ether);
        assertEq(registry.totalBonded(), 0);
        assertEq(address(registry).balance, 0);
    }
}
