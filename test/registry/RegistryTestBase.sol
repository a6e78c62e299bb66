// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {INodeChallenges} from "../../contracts/interfaces/INodeChallenges.sol";
import {NodeWords} from "../../contracts/libraries/NodeWords.sol";
import {Deployers} from "../utils/Deployers.sol";

/// @notice A governor stand-in for the registry's `bindGovernor`: the voting timings that set the warm-up, and
/// the vote lock that holds exiting bonds.
contract MockGovernor {
    uint256 public votingDelay;
    uint256 public votingPeriod;
    uint256 public voteLockEnd;

    function set(uint256 delay, uint256 period, uint256 lockEnd) external {
        (votingDelay, votingPeriod, voteLockEnd) = (delay, period, lockEnd);
    }
}

/// @title RegistryTestBase
/// @notice What the registry, attestation and challenge suites share on top of {Deployers}: signed
/// attestations that remember their device ids, registrations that return them, a decoded view of a node's
/// packed words, and a snapshot of every piece of state a refused call must leave as it was.
abstract contract RegistryTestBase is Deployers {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA201);
    address internal constant STRANGER = address(0xBEEF);
    address internal constant KEEPER = address(0x4EE9E2);
    address internal constant CHALLENGER = address(0xC4A1);
    address internal constant BURN = 0x000000000000000000000000000000000000dEaD;

    bytes32 internal constant PROPOSER_ROLE_ID = keccak256("PROPOSER_ROLE");

    /// @notice An attestation with its signature and signer, ready to submit.
    struct Signed {
        IHardwareAttestations.OffchainAttestation a;
        address attester;
        bytes signature;
    }

    /// @notice Everything a refused call must leave untouched.
    struct State {
        uint256 nodeCount;
        uint256 active;
        uint256 memoryMiB;
        uint256 bonded;
        uint256 registryBalance;
        uint256 challengesBalance;
        uint256 owed;
        uint256 floor;
        uint256 aliceVotes;
        uint256 bobVotes;
        uint256 carolVotes;
        bytes32 nodesHash;
    }

    /// @notice The governor `hasRole` vouches for (this test contract is the registry's admin).
    address internal trustedGovernor;

    /// @notice Stands in for the timelock's `hasRole`: only `trustedGovernor` is a proposer.
    function hasRole(bytes32 role, address account) external view returns (bool) {
        return role == PROPOSER_ROLE_ID && account != address(0) && account == trustedGovernor;
    }

    /// @notice Binds a fresh {MockGovernor} with the given timings.
    function bindMockGovernor(uint256 delay, uint256 period, uint256 lockEnd) internal returns (MockGovernor g) {
        g = new MockGovernor();
        g.set(delay, period, lockEnd);
        trustedGovernor = address(g);
        registry.bindGovernor(address(g));
    }

    // ------------------------------------------------------------------ attestations

    function attestBy(
        uint256 pk,
        address owner,
        IComputeRegistry.DeviceLine[] memory devices,
        bytes32[] memory deviceIds
    ) internal view returns (Signed memory s) {
        s.a = attestation(owner, devices, deviceIds);
        s.attester = vm.addr(pk);
        s.signature = sign(pk, s.a);
    }

    /// @notice The first attester's attestation of `devices` with fresh device ids.
    function attest(address owner, IComputeRegistry.DeviceLine[] memory devices) internal returns (Signed memory) {
        return attestBy(ATTESTER_PK, owner, devices, freshDeviceIds(countOf(devices)));
    }

    /// @notice Signs `a` again with `pk` (after a field was changed), naming `pk`'s address as the attester.
    function resign(Signed memory s, uint256 pk) internal view returns (Signed memory) {
        s.attester = vm.addr(pk);
        s.signature = sign(pk, s.a);
        return s;
    }

    /// @notice The device ids an attestation lists.
    function idsOf(Signed memory s) internal pure returns (bytes32[] memory ids) {
        (,, ids,) = abi.decode(s.a.data, (uint16[], uint8[], bytes32[], bytes32));
    }

    function uidOf(Signed memory s) internal view returns (bytes32) {
        return attestations.uidOf(s.a);
    }

    // ------------------------------------------------------------------ actions

    /// @notice Registers `s` as `owner`, paying the bond its devices need (dealt to `owner`). Pending.
    function submit(address owner, Signed memory s) internal returns (uint256 nodeId) {
        uint256 bond = bondOfAttestation(s);
        vm.deal(owner, owner.balance + bond);
        vm.prank(owner);
        nodeId = registry.registerNode{value: bond}(s.a, s.attester, s.signature, "");
    }

    /// @notice Registers and activates `devices` for `owner` (no warm-up in `deployFixture`); returns the ids.
    function registerActive(address owner, IComputeRegistry.DeviceLine[] memory devices)
        internal
        returns (uint256 nodeId, Signed memory s)
    {
        s = attest(owner, devices);
        nodeId = submit(owner, s);
        registry.activate(nodeId);
    }

    /// @notice Re-attests node `nodeId` of `owner` with `s`, paying whatever top-up the registry asks for.
    function reattest(address owner, uint256 nodeId, Signed memory s) internal {
        uint256 topUp = topUpFor(nodeId, s);
        vm.deal(owner, owner.balance + topUp);
        vm.prank(owner);
        registry.updateNode{value: topUp}(nodeId, s.a, s.attester, s.signature, "");
    }

    function exitAs(address owner, uint256 nodeId) internal {
        vm.prank(owner);
        registry.exitNode(nodeId);
    }

    /// @notice Exits, waits out the unbonding, withdraws: the node's devices are free after this.
    function leaveAs(address owner, uint256 nodeId) internal {
        exitAs(owner, nodeId);
        vm.warp(readyAtOf(nodeId));
        vm.prank(owner);
        registry.withdrawBond(nodeId);
    }

    function bondOfAttestation(Signed memory s) internal view returns (uint256) {
        return registry.bondFor(memoryOfData(s.a.data));
    }

    function topUpFor(uint256 nodeId, Signed memory s) internal view returns (uint256) {
        uint256 required = bondOfAttestation(s);
        uint256 held = nodeView(nodeId).bond;
        return required > held ? required - held : 0;
    }

    /// @notice Memory of the devices an attestation's data lists, from the live catalog.
    function memoryOfData(bytes memory data) internal view returns (uint256 total) {
        (uint16[] memory skuIds, uint8[] memory counts,,) = abi.decode(data, (uint16[], uint8[], bytes32[], bytes32));
        for (uint256 i = 0; i < skuIds.length; ++i) {
            (uint32 mem,) = catalog.skuMemory(skuIds[i]);
            total += uint256(mem) * counts[i];
        }
    }

    // ------------------------------------------------------------------ reads

    /// @notice A node decoded from `nodeRecord` by the {NodeWords} layout (as `CommonsLens.node` does).
    function nodeView(uint256 nodeId) internal view returns (IComputeRegistry.NodeView memory v) {
        (uint256 word1, uint256 word2, bytes32 uid) = registry.nodeRecord(nodeId);
        v = decode(word1, word2, uid);
        v.id = nodeId;
        INodeChallenges.Challenge memory open = challenges.challengeOf(nodeId);
        (v.challenger, v.challengeDeadline) = (open.challenger, open.deadline);
        v.metadataURI = registry.metadataURIOf(nodeId);
    }

    function decode(uint256 word1, uint256 word2, bytes32 uid)
        internal
        pure
        returns (IComputeRegistry.NodeView memory v)
    {
        v.owner = NodeWords.owner(word1);
        v.status = NodeWords.status(word1);
        v.memoryMiB = NodeWords.memoryMiB(word1);
        v.bond = uint96(NodeWords.bondGwei(word2)) * 1 gwei;
        if (v.status == IComputeRegistry.NodeStatus.Pending) v.activatableAt = NodeWords.readyAt(word2);
        if (v.status == IComputeRegistry.NodeStatus.Exiting) v.unlockAt = NodeWords.readyAt(word2);
        v.attesterId = NodeWords.attesterId(word1);
        v.attestationUid = uid;
        v.attestationExpiry = NodeWords.attestationExpiry(word1);
        uint256 lineCount = NodeWords.lineCount(word1);
        uint256 lines = NodeWords.lines(word2);
        v.devices = new IComputeRegistry.DeviceLine[](lineCount);
        for (uint256 i = 0; i < lineCount; ++i) {
            uint256 line = lines >> (24 * i);
            v.devices[i] = IComputeRegistry.DeviceLine(uint16(line), uint8(line >> 16));
        }
    }

    function assertStatus(uint256 nodeId, IComputeRegistry.NodeStatus expected) internal view {
        assertEq(uint256(statusOf(nodeId)), uint256(expected), "node status");
    }

    // ------------------------------------------------------------------ unchanged state

    function snapshot() internal view returns (State memory s) {
        s.nodeCount = registry.nodeCount();
        s.active = registry.activeNodeCount();
        s.memoryMiB = registry.totalMemoryMiB();
        s.bonded = registry.totalBonded();
        s.registryBalance = address(registry).balance;
        s.challengesBalance = address(challenges).balance;
        s.owed = challenges.totalOwed();
        s.floor = registry.floorMiB();
        s.aliceVotes = registry.getVotes(ALICE);
        s.bobVotes = registry.getVotes(BOB);
        s.carolVotes = registry.getVotes(CAROL);
        (, uint256[] memory words, string[] memory uris) = registry.packedNodes(0, s.nodeCount);
        s.nodesHash = keccak256(abi.encode(words, uris));
    }

    function assertUnchanged(State memory a) internal view {
        State memory b = snapshot();
        assertEq(b.nodeCount, a.nodeCount, "nodeCount changed");
        assertEq(b.active, a.active, "activeNodeCount changed");
        assertEq(b.memoryMiB, a.memoryMiB, "totalMemoryMiB changed");
        assertEq(b.bonded, a.bonded, "totalBonded changed");
        assertEq(b.registryBalance, a.registryBalance, "registry balance changed");
        assertEq(b.challengesBalance, a.challengesBalance, "challenges balance changed");
        assertEq(b.owed, a.owed, "totalOwed changed");
        assertEq(b.floor, a.floor, "floor changed");
        assertEq(b.aliceVotes, a.aliceVotes, "alice votes changed");
        assertEq(b.bobVotes, a.bobVotes, "bob votes changed");
        assertEq(b.carolVotes, a.carolVotes, "carol votes changed");
        assertEq(b.nodesHash, a.nodesHash, "a node record changed");
    }
}
