// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Attest} from "../utils/Attest.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {NodeWords} from "../../contracts/libraries/NodeWords.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice Device identity (THREATS 1.7): a deviceId is in at most one live (Pending, Active or Lapsed) node,
/// across owners and re-registrations; exiting, withdrawing, being slashed or an update that drops it frees it.
contract ComputeRegistryDevicesTest is RegistryTestBase {
    function setUp() public {
        deployFixture();
    }

    function _ids(bytes32 a) internal pure returns (bytes32[] memory ids) {
        ids = new bytes32[](1);
        ids[0] = a;
    }

    function _ids(bytes32 a, bytes32 b) internal pure returns (bytes32[] memory ids) {
        ids = new bytes32[](2);
        (ids[0], ids[1]) = (a, b);
    }

    function _inUse(bytes32 deviceId, uint256 nodeId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IComputeRegistry.ComputeRegistryDeviceInUse.selector, deviceId, nodeId);
    }

    /// @notice Registering `s` as `owner` reverts with `err`, and nothing changes.
    function _expectRegisterRevert(address owner, Signed memory s, bytes memory err) internal {
        uint256 bond = bondOfAttestation(s);
        State memory before = snapshot();
        vm.deal(owner, bond);
        vm.prank(owner);
        vm.expectRevert(err);
        registry.registerNode{value: bond}(s.a, s.attester, s.signature, "");
        assertUnchanged(before);
    }

    function _expectUpdateRevert(address owner, uint256 nodeId, Signed memory s, bytes memory err) internal {
        uint256 topUp = topUpFor(nodeId, s);
        State memory before = snapshot();
        vm.deal(owner, topUp);
        vm.prank(owner);
        vm.expectRevert(err);
        registry.updateNode{value: topUp}(nodeId, s.a, s.attester, s.signature, "");
        assertUnchanged(before);
    }

    function _one4090(address owner, bytes32[] memory ids) internal view returns (Signed memory) {
        return attestBy(ATTESTER_PK, owner, oneLine(SeedDevices.RTX_4090, uint8(ids.length)), ids);
    }

    // ------------------------------------------------------------------ one live node per device

    function test_registerNode_revertsWhenDeviceInAnotherOwnersNode() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 2));
        bytes32[] memory held = idsOf(s);
        // The same device with a fresh one, by another owner and another attester.
        bytes32 fresh = freshDeviceIds(1)[0];
        Signed memory bob =
            attestBy(SECOND_ATTESTER_PK, BOB, oneLine(SeedDevices.RTX_4090, 2), _ids(held[1], fresh));
        _expectRegisterRevert(BOB, bob, _inUse(held[1], a));
        assertEq(registry.nodeOfDevice(fresh), 0, "the fresh device was not claimed either");
        assertEq(registry.deviceClaimOf(fresh), 0);
        assertEq(registry.nodeCountOf(BOB), 0);
    }

    function test_registerNode_revertsWhenOwnerRegistersADeviceTwice() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        // Even the very same signed attestation, submitted again.
        _expectRegisterRevert(ALICE, s, _inUse(idsOf(s)[0], a));
        _expectRegisterRevert(ALICE, _one4090(ALICE, idsOf(s)), _inUse(idsOf(s)[0], a));
    }

    function test_registerNode_pendingAndLapsedNodesHoldTheirDevices() public {
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        uint256 a = submit(ALICE, s);
        bytes32 device = idsOf(s)[0];
        _expectRegisterRevert(BOB, _one4090(BOB, idsOf(s)), _inUse(device, a));
        vm.warp(START_TIME + Attest.LIFETIME);
        vm.prank(KEEPER);
        registry.lapse(a);
        assertStatus(a, IComputeRegistry.NodeStatus.Lapsed);
        _expectRegisterRevert(BOB, _one4090(BOB, idsOf(s)), _inUse(device, a));
    }

    function test_exitNode_keepsItsDevicesUntilTheBondLeaves() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 2));
        bytes32[] memory ids = idsOf(s);
        exitAs(ALICE, a);
        // Still challengeable while unbonding: it keeps the devices it would answer with.
        assertEq(registry.nodeOfDevice(ids[0]), a);
        _expectRegisterRevert(BOB, _one4090(BOB, ids), _inUse(ids[0], a));
        vm.warp(readyAtOf(a));
        vm.prank(ALICE);
        registry.withdrawBond(a);
        assertEq(registry.nodeOfDevice(ids[0]), 0);
        assertEq(registry.nodeOfDevice(ids[1]), 0);
        assertEq(registry.deviceClaimOf(ids[0]), NodeWords.claim(a, 0), "the last claim is kept");
        uint256 b = submit(BOB, _one4090(BOB, ids));
        assertEq(registry.nodeOfDevice(ids[0]), b);
        assertEq(registry.deviceClaimOf(ids[1]), NodeWords.claim(b, 0));
    }

    function test_withdrawBond_ownerMayReRegisterTheSameAttestation() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        leaveAs(ALICE, a);
        // The devices are free and the attestation still holds: the owner may bond them again.
        uint256 b = submit(ALICE, s);
        registry.activate(b);
        assertEq(registry.nodeOfDevice(idsOf(s)[0]), b);
        assertEq(registry.getVotes(ALICE), 1);
        // ...but no one else may use it: it names its recipient.
        exitAs(ALICE, b);
        _expectRegisterRevert(
            BOB,
            s,
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsWrongRecipient.selector, ALICE, BOB)
        );
    }

    function test_withdrawAndSlash_leaveTheDevicesFree() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 b, Signed memory t) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        exitAs(ALICE, a);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(ALICE);
        registry.withdrawBond(a);
        vm.prank(address(challenges));
        registry.slashByChallenge(b);
        assertEq(registry.nodeOfDevice(idsOf(s)[0]), 0);
        assertEq(registry.nodeOfDevice(idsOf(t)[0]), 0);
        uint256 c = submit(CAROL, attestBy(ATTESTER_PK, CAROL, oneLine(SeedDevices.RTX_4090, 2), _ids(idsOf(s)[0], idsOf(t)[0])));
        assertEq(registry.nodeOfDevice(idsOf(s)[0]), c);
        assertEq(registry.nodeOfDevice(idsOf(t)[0]), c);
    }

    // ------------------------------------------------------------------ updates: a new generation

    function test_updateNode_keepsItsOwnDevicesUnderANewGeneration() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        bytes32 kept = idsOf(s)[0];
        bytes32 added = freshDeviceIds(1)[0];
        warpBy(1);
        reattest(ALICE, a, _one4090(ALICE, _ids(kept, added)));
        assertEq(registry.nodeOfDevice(kept), a);
        assertEq(registry.nodeOfDevice(added), a);
        assertEq(registry.deviceClaimOf(kept), NodeWords.claim(a, 1));
        assertEq(registry.deviceClaimOf(added), NodeWords.claim(a, 1));
        warpBy(1);
        reattest(ALICE, a, _one4090(ALICE, _ids(kept)));
        assertEq(registry.deviceClaimOf(kept), NodeWords.claim(a, 2));
        assertEq(registry.nodeOfDevice(added), 0, "dropped by the update: free");
        assertEq(registry.deviceClaimOf(added), NodeWords.claim(a, 1), "a stale claim");
    }

    function test_updateNode_droppedDeviceCanBeTakenByAnotherOwner() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 2));
        bytes32[] memory ids = idsOf(s);
        warpBy(1);
        reattest(ALICE, a, _one4090(ALICE, _ids(ids[0])));
        uint256 b = submit(BOB, _one4090(BOB, _ids(ids[1])));
        assertEq(registry.nodeOfDevice(ids[1]), b);
        // Taking it back is refused: it is Bob's now.
        warpBy(1);
        _expectUpdateRevert(ALICE, a, _one4090(ALICE, ids), _inUse(ids[1], b));
        assertEq(registry.nodeOfDevice(ids[0]), a);
    }

    function test_updateNode_revertsWhenDeviceInTheOwnersOtherNode() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 b,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        _expectUpdateRevert(ALICE, b, _one4090(ALICE, idsOf(s)), _inUse(idsOf(s)[0], a));
    }

    function test_updateNode_revertsWhenDeviceAcrossReRegistrations() public {
        // Alice's node that held the device leaves; Bob registers it; Alice's other node cannot take it.
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 c,) = registerActive(ALICE, oneLine(SeedDevices.RTX_3090, 1));
        leaveAs(ALICE, a);
        uint256 b = submit(BOB, _one4090(BOB, idsOf(s)));
        _expectUpdateRevert(ALICE, c, _one4090(ALICE, idsOf(s)), _inUse(idsOf(s)[0], b));
        // Once Bob's bond leaves, it is free again.
        leaveAs(BOB, b);
        warpBy(1);
        reattest(ALICE, c, _one4090(ALICE, idsOf(s)));
        assertEq(registry.nodeOfDevice(idsOf(s)[0]), c);
    }

    function test_splittingARig_costsABondPerVoteAndADevicePerNode() public {
        // THREATS 1.7: four attested cards as one node is one vote; as four nodes, four votes for four bonds;
        // a fifth node needs a fifth device.
        Signed memory rig = attest(ALICE, oneLine(SeedDevices.RTX_4090, 4));
        bytes32[] memory ids = idsOf(rig);
        uint256 oneNodeBond = registry.bondFor(4 * 24576);
        uint256 splitBond;
        for (uint256 i = 0; i < 4; ++i) {
            uint256 id = submit(ALICE, _one4090(ALICE, _ids(ids[i])));
            registry.activate(id);
            splitBond += nodeView(id).bond;
        }
        assertEq(registry.getVotes(ALICE), 4);
        assertEq(splitBond, 4 * BOND_BASE + 96 * BOND_PER_GIB);
        assertGt(splitBond, oneNodeBond, "splitting pays a base bond per vote");
        _expectRegisterRevert(ALICE, _one4090(ALICE, _ids(ids[0])), _inUse(ids[0], 1));
        _expectRegisterRevert(ALICE, rig, _inUse(ids[0], 1));
    }

    function test_nodeOfDevice_unknownIsZero() public view {
        assertEq(registry.nodeOfDevice(bytes32(uint256(1))), 0);
        assertEq(registry.deviceClaimOf(bytes32(uint256(1))), 0);
        assertEq(registry.nodeOfDevice(bytes32(0)), 0);
    }
}
