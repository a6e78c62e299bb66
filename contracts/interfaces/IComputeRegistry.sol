// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IHardwareAttestations} from "./IHardwareAttestations.sol";

/// @title IComputeRegistry
/// @notice Nodes made of attested consumer devices, their bonds, and the votes they carry: one vote per active
/// node, through OpenZeppelin `Votes` on a timestamp clock. A node's devices come from an attester's EAS
/// attestation; it votes and counts for the consumer floor only after a warm-up; it lapses when its
/// attestation expires, is revoked or loses its attester; anyone may challenge it (INodeChallenges).
interface IComputeRegistry {
    /// @notice Life of a node. Only Active nodes vote and count in the floor.
    /// Pending: attested and bonded, warming up. Lapsed: its attestation no longer holds (re-attest or exit).
    enum NodeStatus {
        None,
        Pending,
        Active,
        Exiting,
        Withdrawn,
        Slashed,
        Lapsed
    }

    /// @notice One line of a node's device list: `count` devices of catalog SKU `skuId`.
    struct DeviceLine {
        uint16 skuId;
        uint8 count;
    }

    /// @notice The governed parameters, each within constant bounds.
    /// @param bondBase The bond every node pays, in wei (a whole number of gwei).
    /// @param bondPerGiB The bond per GiB of memory, in wei (a whole number of gwei).
    /// @param maxDevicesPerNode Most devices one node may hold.
    /// @param maxNodeMemoryMiB Most memory one node may hold, in MiB.
    /// @param keeperFee Paid from a lapsed node's bond to whoever lapses it, in wei (a whole number of gwei).
    /// @param unbondingPeriod Seconds between exit and withdrawal.
    struct Params {
        uint96 bondBase;
        uint96 bondPerGiB;
        uint16 maxDevicesPerNode;
        uint32 maxNodeMemoryMiB;
        uint96 keeperFee;
        uint32 unbondingPeriod;
    }

    /// @notice What is fixed at deployment.
    /// @param minUnbondingPeriod The floor under `unbondingPeriod`.
    /// @param minWarmup The shortest warm-up; the warm-up is also at least the governor's delay + period.
    /// @param floorPercentile The percentile (1..100) of active nodes' memory that is the consumer floor.
    /// @param floorWindow Seconds over which the floor's lowest and highest values are taken.
    struct Config {
        uint32 minUnbondingPeriod;
        uint32 minWarmup;
        uint8 floorPercentile;
        uint32 floorWindow;
    }

    /// @notice A node as dapps read it.
    /// @param id The node's id (from 1).
    /// @param owner Who registered it and holds its vote.
    /// @param status Its life stage.
    /// @param memoryMiB Total memory of its devices, in MiB.
    /// @param bond The bond it holds, in wei (0 once withdrawn or slashed).
    /// @param activatableAt When a Pending node may be activated (0 otherwise).
    /// @param unlockAt When an exiting node's bond can be withdrawn (0 otherwise).
    /// @param attesterId Who attested its devices.
    /// @param attestationUid The EAS off-chain UID of that attestation.
    /// @param attestationExpiry When that attestation expires.
    /// @param devices Its device lines.
    /// @param challenger Who challenged it, while a challenge is open (zero otherwise).
    /// @param challengeDeadline The open challenge's answer deadline (0 when none).
    /// @param metadataURI Free-form pointer to a description of the rig.
    struct NodeView {
        uint256 id;
        address owner;
        NodeStatus status;
        uint32 memoryMiB;
        uint96 bond;
        uint48 activatableAt;
        uint48 unlockAt;
        uint16 attesterId;
        bytes32 attestationUid;
        uint64 attestationExpiry;
        DeviceLine[] devices;
        address challenger;
        uint48 challengeDeadline;
        string metadataURI;
    }

    /// @notice Emitted when a node is registered (Pending until `activatableAt`).
    /// @param nodeId The new node's id.
    /// @param owner Its owner.
    /// @param memoryMiB Its total memory in MiB.
    /// @param bond The bond paid, in wei.
    /// @param devices Its device lines, from the attestation.
    /// @param attestationUid The attestation's UID.
    /// @param attesterId Its attester.
    /// @param activatableAt When it may be activated.
    /// @param metadataURI Its metadata URI.
    event NodeRegistered(
        uint256 indexed nodeId,
        address indexed owner,
        uint32 memoryMiB,
        uint96 bond,
        DeviceLine[] devices,
        bytes32 attestationUid,
        uint16 indexed attesterId,
        uint48 activatableAt,
        string metadataURI
    );
    /// @notice Emitted when a node's warm-up ends and its vote and floor weight start.
    /// @param nodeId The node.
    /// @param owner Its owner.
    event NodeActivated(uint256 indexed nodeId, address indexed owner);
    /// @notice Emitted when a node takes a new attestation (its devices may change); it warms up again.
    /// @param nodeId The node.
    /// @param oldMemoryMiB Memory before, in MiB.
    /// @param newMemoryMiB Memory after, in MiB.
    /// @param devices The new device lines.
    /// @param attestationUid The new attestation's UID.
    /// @param attesterId Its attester.
    /// @param activatableAt When it may be activated again.
    /// @param metadataURI The new metadata URI.
    event NodeUpdated(
        uint256 indexed nodeId,
        uint32 oldMemoryMiB,
        uint32 newMemoryMiB,
        DeviceLine[] devices,
        bytes32 attestationUid,
        uint16 indexed attesterId,
        uint48 activatableAt,
        string metadataURI
    );
    /// @notice Emitted when a node's owner exits it; its vote is gone and its bond unbonds until `unlockAt`.
    /// @param nodeId The node.
    /// @param owner Its owner.
    /// @param unlockAt When the bond can be withdrawn.
    event NodeExited(uint256 indexed nodeId, address indexed owner, uint48 unlockAt);
    /// @notice Emitted when an exited node's bond is paid back.
    /// @param nodeId The node.
    /// @param owner Who was paid.
    /// @param amount The bond, in wei.
    event BondWithdrawn(uint256 indexed nodeId, address indexed owner, uint256 amount);
    /// @notice Emitted when a node lapses: its vote and floor weight leave at once.
    /// @param nodeId The node.
    /// @param owner Its owner.
    /// @param reason Why (IHardwareAttestations.Lapse).
    /// @param keeper Who lapsed it.
    /// @param fee The keeper fee paid from the bond, in wei.
    event NodeLapsed(
        uint256 indexed nodeId,
        address indexed owner,
        IHardwareAttestations.Lapse reason,
        address indexed keeper,
        uint256 fee
    );
    /// @notice Emitted when a challenge was lost: the node's bond goes to the challenges contract, which
    /// splits it between the challenger and the burn address.
    /// @param nodeId The node.
    /// @param owner Its owner.
    /// @param bond The bond, in wei.
    event NodeSlashed(uint256 indexed nodeId, address indexed owner, uint256 bond);
    /// @notice Emitted when an answered challenge gives a node a fresh attestation from another attester.
    /// @param nodeId The node.
    /// @param attesterId The new attester.
    /// @param attestationUid The new attestation's UID.
    event AttestationAdopted(uint256 indexed nodeId, uint16 indexed attesterId, bytes32 attestationUid);
    /// @notice ERC-20's event, so token indexers (Tally, Snapshot, explorers) see holders: a mint of one when a
    /// node's vote starts (activation), a burn of one when it ends (exit, lapse, slash, update). Votes never
    /// move between owners: there is no transfer.
    /// @param from The zero address for a mint, the owner for a burn.
    /// @param to The owner for a mint, the zero address for a burn.
    /// @param value Always 1 (one node, one vote).
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice Emitted when the consumer floor (the floor percentile of active nodes' memory) changes.
    /// @param oldMiB Before.
    /// @param newMiB After.
    event FloorChanged(uint32 oldMiB, uint32 newMiB);
    /// @notice Emitted once, when the governor whose proposals the admin timelock obeys is bound.
    /// @param governor The governor.
    event GovernorBound(address indexed governor);
    /// @notice Emitted when the bond formula changes.
    /// @param oldBase Base before, in wei.
    /// @param newBase Base after.
    /// @param oldPerGiB Per GiB before, in wei.
    /// @param newPerGiB Per GiB after.
    event BondUpdated(uint256 oldBase, uint256 newBase, uint256 oldPerGiB, uint256 newPerGiB);
    /// @notice Emitted when the keeper fee changes.
    /// @param oldFee Before, in wei.
    /// @param newFee After.
    event KeeperFeeUpdated(uint256 oldFee, uint256 newFee);
    /// @notice Emitted when the most devices per node changes.
    /// @param oldMax Before.
    /// @param newMax After.
    event MaxDevicesPerNodeUpdated(uint256 oldMax, uint256 newMax);
    /// @notice Emitted when the memory cap per node changes.
    /// @param oldMaxMiB Before, in MiB.
    /// @param newMaxMiB After, in MiB.
    event MaxNodeMemoryUpdated(uint256 oldMaxMiB, uint256 newMaxMiB);
    /// @notice Emitted when the unbonding period changes.
    /// @param oldPeriod Before, in seconds.
    /// @param newPeriod After, in seconds.
    event UnbondingPeriodUpdated(uint256 oldPeriod, uint256 newPeriod);

    /// @notice `msg.value` is not what the call requires.
    /// @param sent What was sent, in wei.
    /// @param required What is required, in wei.
    error ComputeRegistryWrongValue(uint256 sent, uint256 required);
    /// @notice A bond or deposit parameter is not a whole number of gwei (bonds are stored in gwei).
    /// @param value The value given, in wei.
    error ComputeRegistryBondNotWholeGwei(uint256 value);
    /// @notice The metadata URI is too long.
    /// @param length Its length in bytes.
    /// @param maxLength The limit.
    error ComputeRegistryMetadataURITooLong(uint256 length, uint256 maxLength);
    /// @notice A device is in another live node already.
    /// @param deviceId The device.
    /// @param nodeId The node that holds it.
    error ComputeRegistryDeviceInUse(bytes32 deviceId, uint256 nodeId);
    /// @notice No node has this id.
    /// @param nodeId The id.
    error ComputeRegistryUnknownNode(uint256 nodeId);
    /// @notice The caller does not own the node.
    /// @param nodeId The node.
    /// @param caller The caller.
    error ComputeRegistryNotNodeOwner(uint256 nodeId, address caller);
    /// @notice The node is not in a status this call allows.
    /// @param nodeId The node.
    /// @param status Its status.
    error ComputeRegistryWrongNodeStatus(uint256 nodeId, NodeStatus status);
    /// @notice The node's warm-up is not over.
    /// @param nodeId The node.
    /// @param activatableAt When it ends.
    error ComputeRegistryWarmingUp(uint256 nodeId, uint256 activatableAt);
    /// @notice The node's attestation no longer holds: lapse it instead.
    /// @param nodeId The node.
    /// @param reason Why (IHardwareAttestations.Lapse).
    error ComputeRegistryAttestationLapsed(uint256 nodeId, IHardwareAttestations.Lapse reason);
    /// @notice The node's attestation still holds.
    /// @param nodeId The node.
    error ComputeRegistryNotLapsable(uint256 nodeId);
    /// @notice The update brings the attestation the node holds already.
    /// @param nodeId The node.
    error ComputeRegistrySameAttestation(uint256 nodeId);
    /// @notice The bond is still unbonding.
    /// @param nodeId The node.
    /// @param unlockAt When it unlocks.
    error ComputeRegistryBondLocked(uint256 nodeId, uint256 unlockAt);
    /// @notice The node has an open challenge.
    /// @param nodeId The node.
    error ComputeRegistryChallengeOpen(uint256 nodeId);
    /// @notice Only the challenges contract may call this.
    /// @param caller The caller.
    error ComputeRegistryNotChallenges(address caller);
    /// @notice `bindGovernor` was already called.
    /// @param governor The governor bound then.
    error ComputeRegistryGovernorAlreadyBound(address governor);
    /// @notice `bindGovernor` names an address that holds no PROPOSER_ROLE on the admin timelock.
    /// @param governor The address given.
    error ComputeRegistryNotTimelockProposer(address governor);
    /// @notice A governed parameter is out of its bounds.
    /// @param value The value given.
    /// @param min The lowest allowed.
    /// @param max The highest allowed.
    error ComputeRegistryParameterOutOfBounds(uint256 value, uint256 min, uint256 max);
    /// @notice A deployment constant is out of range.
    error ComputeRegistryInvalidConfig();

    /// @notice Registers a node from an attester's attestation of the caller's devices; `msg.value` must be
    /// `bondFor(memory)`. The node is Pending: its vote and floor weight start at `activate`, once the warm-up
    /// (at least the governor's voting delay plus voting period) is over.
    /// @param attestation The EAS off-chain attestation; its recipient must be the caller.
    /// @param attester Who signed it (an active attester).
    /// @param signature The attester's signature.
    /// @param metadataURI Optional pointer to a description of the rig.
    /// @return nodeId The new node's id.
    function registerNode(
        IHardwareAttestations.OffchainAttestation calldata attestation,
        address attester,
        bytes calldata signature,
        string calldata metadataURI
    ) external payable returns (uint256 nodeId);

    /// @notice Ends a Pending node's warm-up: its vote and floor weight start. Anyone may call once the warm-up
    /// is over and while the attestation holds. The owner is delegated to itself if it has no delegate yet.
    /// @param nodeId The node.
    function activate(uint256 nodeId) external;

    /// @notice Gives a Pending, Active or Lapsed node a new attestation (devices may change). The node warms up
    /// again; `msg.value` tops its bond up to `bondFor(new memory)` (0 when it holds enough). Owner only.
    /// @param nodeId The node.
    /// @param attestation The new attestation.
    /// @param attester Who signed it.
    /// @param signature The attester's signature.
    /// @param metadataURI The new metadata URI.
    function updateNode(
        uint256 nodeId,
        IHardwareAttestations.OffchainAttestation calldata attestation,
        address attester,
        bytes calldata signature,
        string calldata metadataURI
    ) external payable;

    /// @notice Exits a Pending, Active or Lapsed node: its vote and memory leave at once (its devices stay with it
    /// until the bond is withdrawn, so it can still answer a challenge),
    /// and its bond unbonds. It unlocks after the unbonding period, and never before every proposal created
    /// until now has ended and could have executed (`voteLockEnd` of the governor). Owner only.
    /// @param nodeId The node.
    function exitNode(uint256 nodeId) external;

    /// @notice Pays an exited node's bond back to its owner once unbonding is over and no challenge is open.
    /// Owner only, once.
    /// @param nodeId The node.
    function withdrawBond(uint256 nodeId) external;

    /// @notice Lapses a Pending or Active node whose attestation expired, was revoked (EAS `revokeOffchain`),
    /// or whose attester was removed. Anyone may call; the caller gets `keeperFee` from the bond.
    /// @param nodeId The node.
    /// @return fee The keeper fee paid, in wei.
    function lapse(uint256 nodeId) external returns (uint256 fee);

    /// @notice `lapse` for many nodes (e.g. every node of a removed attester); skips those that do not lapse.
    /// @param nodeIds The nodes.
    /// @return lapsed How many lapsed.
    /// @return fee The keeper fees paid, in wei.
    function lapseMany(uint256[] calldata nodeIds) external returns (uint256 lapsed, uint256 fee);

    /// @notice Slashes a node whose challenge went unanswered: its vote and floor weight leave, and its whole
    /// bond goes to the challenges contract, which splits it between the challenger and the burn address.
    /// Only the challenges contract may call.
    /// @param nodeId The node.
    /// @return bond The bond sent, in wei.
    function slashByChallenge(uint256 nodeId) external returns (uint256 bond);

    /// @notice Gives a node the fresh attestation (same devices, another attester) that answered its
    /// challenge. Only the challenges contract may call.
    /// @param nodeId The node.
    /// @param uid The attestation's UID.
    /// @param attesterId Its attester.
    /// @param expirationTime Its expiry.
    function adoptAttestation(uint256 nodeId, bytes32 uid, uint16 attesterId, uint64 expirationTime) external;

    /// @notice Binds the governor whose votes lock exiting bonds and set the warm-up, once. Anyone may call; it
    /// succeeds only for an address that holds PROPOSER_ROLE on the admin timelock (the deployment's governor).
    /// @param governor_ The governor.
    function bindGovernor(address governor_) external;

    /// @notice Sets the bond formula `bondBase + bondPerGiB * GiB`. Admin only. `bondBase` in
    /// `MIN_BOND_BASE..MAX_BOND_BASE`, `bondPerGiB` up to `MAX_BOND_PER_GIB`, both whole gwei.
    /// @param bondBase In wei.
    /// @param bondPerGiB In wei.
    function setBond(uint256 bondBase, uint256 bondPerGiB) external;

    /// @notice Sets the keeper fee. Admin only; up to `MAX_KEEPER_FEE`.
    /// @param fee In wei.
    function setKeeperFee(uint256 fee) external;

    /// @notice Sets the most devices a node may hold. Admin only.
    /// @param newMax `MIN_DEVICES_LIMIT` to `MAX_DEVICES_LIMIT`.
    function setMaxDevicesPerNode(uint256 newMax) external;

    /// @notice Sets the memory cap per node. Admin only.
    /// @param newMaxMiB In MiB; `MIN_NODE_MEMORY_LIMIT_MIB` to `MAX_NODE_MEMORY_LIMIT_MIB`.
    function setMaxNodeMemoryMiB(uint256 newMaxMiB) external;

    /// @notice Sets the unbonding period. Admin only.
    /// @param newPeriod In seconds; `config().minUnbondingPeriod` to `MAX_UNBONDING_PERIOD`.
    function setUnbondingPeriod(uint256 newPeriod) external;

    /// @notice A node's packed words (layout in {NodeWords}) and its attestation UID; reverts with
    /// `ComputeRegistryUnknownNode` when there is none. `CommonsLens.node` decodes it.
    /// @param nodeId The node.
    /// @return word1 Owner, memory, status, line count, attester, expiry.
    /// @return word2 Bond, device generation, activatableAt or unlockAt, device lines.
    /// @return attestationUid The attestation's UID.
    function nodeRecord(uint256 nodeId) external view returns (uint256 word1, uint256 word2, bytes32 attestationUid);

    /// @notice A node's metadata URI.
    /// @param nodeId The node.
    /// @return The URI.
    function metadataURIOf(uint256 nodeId) external view returns (string memory);

    /// @notice A page of nodes in id order, packed, for indexers and the SDK: per node its two `nodeRecord`
    /// words (layout in {NodeWords}) and its attestation UID. Node ids run from `offset + 1`.
    /// @param offset Index of the first node (0 is node id 1).
    /// @param limit The most nodes to return.
    /// @return total Number of nodes ever registered.
    /// @return words Three words per node of the page.
    /// @return metadataURIs The nodes' metadata URIs.
    function packedNodes(
        uint256 offset,
        uint256 limit
    ) external view returns (uint256 total, uint256[] memory words, string[] memory metadataURIs);

    /// @notice A page of the ids of the nodes that `owner` registered, newest first. Gas grows with `limit`
    /// only, never with `offset`.
    /// @param owner The owner.
    /// @param offset Index of the first id.
    /// @param limit The most ids to return.
    /// @return ids The ids.
    function nodeIdsOf(address owner, uint256 offset, uint256 limit) external view returns (uint256[] memory ids);

    /// @notice How many nodes `owner` ever registered.
    /// @param owner The owner.
    /// @return The count.
    function nodeCountOf(address owner) external view returns (uint256);

    /// @notice The node holding a device, or 0 when no node holding a bond (Pending, Active, Lapsed or Exiting)
    /// holds it. A device leaves its node when the bond is withdrawn or slashed, or an update drops it.
    /// @param deviceId The device.
    /// @return The node id.
    function nodeOfDevice(bytes32 deviceId) external view returns (uint256);

    /// @notice The last claim on a device (node id and generation, {NodeWords}), held or not.
    /// @param deviceId The device.
    /// @return The claim (0 when never claimed).
    function deviceClaimOf(bytes32 deviceId) external view returns (uint256);

    /// @notice Number of nodes ever registered. Ids run from 1 to `nodeCount()`.
    /// @return The count.
    function nodeCount() external view returns (uint256);

    /// @notice An owner's counted (active) nodes: its votes before delegation (ERC-20 `balanceOf`, for indexers).
    /// @param account The owner.
    /// @return The count.
    function balanceOf(address account) external view returns (uint256);

    /// @notice All counted (active) nodes (ERC-20 `totalSupply`, for indexers; equals `activeNodeCount`).
    /// @return The count.
    function totalSupply() external view returns (uint256);

    /// @notice Number of active nodes (also the total voting supply now).
    /// @return The count.
    function activeNodeCount() external view returns (uint256);

    /// @notice Memory of all active nodes, in MiB.
    /// @return The sum.
    function totalMemoryMiB() external view returns (uint256);

    /// @notice Bonds held (every node not withdrawn or slashed), in wei.
    /// @return The sum.
    function totalBonded() external view returns (uint256);

    /// @notice Nearest-rank percentile of active nodes' memory: the smallest x (to 1 GiB, rounded up) such
    /// that at least `percentile`% of active nodes have memory <= x; 0 when there are none. Gas does not
    /// grow with the number of nodes.
    /// @param percentile 1 to 100, else `MemoryHistogramInvalidPercentile`.
    /// @return memoryMiB The percentile, in MiB.
    function memoryPercentileMiB(uint256 percentile) external view returns (uint256 memoryMiB);

    /// @notice The memory histogram of active nodes, raw: 1,024 buckets of 1 GiB (bucket b holds nodes with
    /// b GiB < memory <= b + 1 GiB), eight uint32 counts to a word (bucket b at bits 32 * (b % 8) of word b / 8).
    /// `CommonsLens.histogram` returns the non-empty buckets.
    /// @return words The 128 bucket words.
    function memoryHistogram() external view returns (uint256[128] memory words);

    /// @notice The consumer floor now: the floor percentile of active nodes' memory, in MiB.
    /// @return The floor.
    function floorMiB() external view returns (uint256);

    /// @notice The lowest and highest consumer floor over the last `config().floorWindow` seconds (to whole
    /// sixteenths of it), in MiB. The classifier raises the Small line to the lowest and refuses to set it
    /// below the highest, so a population that lasts less than the window moves neither guard.
    /// @return lowest The lowest floor.
    /// @return highest The highest floor.
    function floorRangeMiB() external view returns (uint256 lowest, uint256 highest);

    /// @notice The bond a node of `memoryMiB` pays now: `bondBase + bondPerGiB * ceil(memoryMiB / 1024)`.
    /// @param memoryMiB Its memory.
    /// @return In wei.
    function bondFor(uint256 memoryMiB) external view returns (uint256);

    /// @notice The governed parameters.
    /// @return The parameters.
    function parameters() external view returns (Params memory);

    /// @notice What is fixed at deployment.
    /// @return The configuration.
    function config() external view returns (Config memory);

    /// @notice Seconds between exit and withdrawal.
    /// @return The period.
    function unbondingPeriod() external view returns (uint256);

    /// @notice The warm-up a node registered now goes through, in seconds.
    /// @return The warm-up.
    function warmup() external view returns (uint256);

    /// @notice The catalog the devices come from.
    /// @return The catalog's address.
    function catalog() external view returns (address);

    /// @notice The attester set and attestation check.
    /// @return Its address.
    function attestations() external view returns (address);

    /// @notice The challenges contract.
    /// @return Its address.
    function challenges() external view returns (address);

    /// @notice The governor bound by `bindGovernor` (zero before).
    /// @return The governor's address.
    function governor() external view returns (address);

    /// @notice The ballots contract told of every node whose vote ends (zero: none).
    /// @return Its address.
    function ballots() external view returns (address);
}
