// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {INodeChallenges} from "../../contracts/interfaces/INodeChallenges.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice The ways to bring hardware that is not there, or not yours, or no longer vouched for (issue 11): the
/// same device in two nodes, an attestation for another recipient or schema or past its expiry, an attester
/// whose nodes outlive its removal, a challenge answered by the same attester.
contract ForgeHardwareAttack is AttackBase {
    address internal constant MALLORY = address(0x3A11);

    function setUp() public {
        deployGovernanceFixture();
        honest = enlist(3, SeedDevices.RTX_3090, HONEST_SALT);
        activatePending();
    }

    function registerWith(address owner, IHardwareAttestations.OffchainAttestation memory a, uint256 pk)
        internal
        returns (bytes memory revertData)
    {
        bytes memory signature = sign(pk, a);
        uint256 bond = registry.bondFor(24_576);
        vm.deal(owner, owner.balance + bond);
        vm.prank(owner);
        try registry.registerNode{value: bond}(a, vm.addr(pk), signature, "") {} catch (bytes memory err) {
            revertData = err;
        }
    }

    function test_forgeHardware_oneDeviceTwoNodes() public {
        // The same GPU (device id) attested again, for another owner or a second node of the same owner.
        bytes32[] memory ids = freshDeviceIds(1);
        IComputeRegistry.DeviceLine[] memory rig = oneLine(SeedDevices.RTX_3090, 1);
        assertEq(registerWith(honest[0], attestation(honest[0], rig, ids), ATTESTER_PK), "");
        uint256 first = registry.nodeOfDevice(ids[0]);
        bytes memory inUse =
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryDeviceInUse.selector, ids[0], first);
        assertEq(registerWith(MALLORY, attestation(MALLORY, rig, ids), SECOND_ATTESTER_PK), inUse);
        assertEq(registerWith(honest[0], attestation(honest[0], rig, ids), SECOND_ATTESTER_PK), inUse);
        assertEq(registry.nodeCountOf(MALLORY), 0);
        // Once the first node's bond has left (exit, unbonding, withdrawal), the device may join a node again
        // (a sold GPU); until then it may still have to answer a challenge with it.
        vm.prank(honest[0]);
        registry.exitNode(first);
        assertEq(registerWith(MALLORY, attestation(MALLORY, rig, ids), ATTESTER_PK), inUse);
        vm.warp(readyAtOf(first));
        vm.prank(honest[0]);
        registry.withdrawBond(first);
        assertEq(registerWith(MALLORY, attestation(MALLORY, rig, ids), ATTESTER_PK), "");
    }

    function test_forgeHardware_anAttestationForSomeoneElseOrAnotherSchemaOrExpired() public {
        IComputeRegistry.DeviceLine[] memory rig = oneLine(SeedDevices.RTX_3090, 1);
        IHardwareAttestations.OffchainAttestation memory a = attestation(honest[1], rig, freshDeviceIds(1));
        assertEq(
            registerWith(MALLORY, a, ATTESTER_PK),
            abi.encodeWithSelector(
                IHardwareAttestations.HardwareAttestationsWrongRecipient.selector, honest[1], MALLORY
            )
        );
        a = attestation(MALLORY, rig, freshDeviceIds(1));
        a.schema = keccak256("another schema");
        assertEq(
            registerWith(MALLORY, a, ATTESTER_PK),
            abi.encodeWithSelector(
                IHardwareAttestations.HardwareAttestationsWrongSchema.selector, a.schema, attestations.schemaUID()
            )
        );
        a = attestation(MALLORY, rig, freshDeviceIds(1));
        a.expirationTime = uint64(vm.getBlockTimestamp());
        assertEq(
            registerWith(MALLORY, a, ATTESTER_PK),
            abi.encodeWithSelector(
                IHardwareAttestations.HardwareAttestationsBadExpiry.selector, a.expirationTime, vm.getBlockTimestamp()
            )
        );
        assertEq(registry.nodeCountOf(MALLORY), 0);
    }

    function test_forgeHardware_aRemovedAttestersNodesLapse() public {
        // An attester found signing for fake rigs is removed by governance; all its nodes lapse in one call.
        address[] memory fakes = enlist(10, SeedDevices.RTX_5090, 0xFA4E);
        activatePending();
        assertEq(registry.activeNodeCount(), 13);
        Proposal memory p =
            single(address(attestations), abi.encodeCall(attestations.removeAttester, (attester)), "remove attester");
        address[] memory voters = new address[](3);
        (voters[0], voters[1], voters[2]) = (honest[0], honest[1], honest[2]);
        // The removed attester also attested the honest nodes here: they lapse too, and re-attest elsewhere.
        passAndExecute(honest[0], voters, p);
        uint256[] memory ids = new uint256[](fakes.length);
        for (uint256 i = 0; i < fakes.length; ++i) {
            ids[i] = registry.nodeIdsOf(fakes[i], 0, 1)[0];
        }
        address keeper = address(0x4EE9);
        vm.prank(keeper);
        (uint256 lapsed, uint256 fee) = registry.lapseMany(ids);
        assertEq(lapsed, 10);
        assertEq(fee, 10 * uint256(KEEPER_FEE));
        assertEq(keeper.balance, fee);
        assertEq(registry.activeNodeCount(), 3);
        for (uint256 i = 0; i < fakes.length; ++i) {
            assertEq(registry.getVotes(fakes[i]), 0);
        }
    }

    function test_forgeHardware_aChallengeAnsweredByTheSameAttester() public {
        uint256 nodeId = registry.nodeIdsOf(honest[2], 0, 1)[0];
        vm.deal(MALLORY, CHALLENGE_DEPOSIT);
        vm.prank(MALLORY);
        challenges.challenge{value: CHALLENGE_DEPOSIT}(nodeId);
        // The owner's answer must come from a second attester; its own attester vouching again is refused.
        IHardwareAttestations.OffchainAttestation memory again =
            attestation(honest[2], oneLine(SeedDevices.RTX_3090, 1), freshDeviceIds(1));
        bytes memory signature = sign(ATTESTER_PK, again);
        vm.prank(honest[2]);
        vm.expectRevert(abi.encodeWithSelector(INodeChallenges.NodeChallengesSameAttester.selector, nodeId, 1));
        challenges.answer(nodeId, again, attester, signature);
    }
}
