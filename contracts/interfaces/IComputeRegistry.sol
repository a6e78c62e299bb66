// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IComputeRegistry
/// @notice Nodes (rigs of consumer devices from the HardwareCatalog), their bonds, and the voting power
/// they carry: one vote per active node, through OpenZeppelin `Votes` on a timestamp clock.
interface IComputeRegistry {
    /// @notice Life of a node. Active nodes vote and count in the capacity statistics.
    enum NodeStatus {
        None,
        Active,
        Exiting,
        Withdrawn,
        Slashed
    }

    /// @notice One line of a node's device list: `count` devices of catalog SKU `skuId`.
    struct DeviceLine {
        uint16 skuId;
        uint8 count;
    }

    /// @notice A node as dapps read it.
    /// @param id The node's id (from 1).
    /// @param owner Who registered it and holds its vote.
    /// @param status Its life stage.
    /// @param memoryMiB Total memory of its devices, in MiB.
    /// @param bond The bond it holds, in wei (0 once withdrawn or slashed).
    /// @param unlockAt When an exiting node's bond can be withdrawn (0 while active).
    /// @param devices Its device lines.
    /// @param metadataURI Free-form pointer to a description of the rig.
    struct NodeView {
        uint256 id;
        address owner;
        NodeStatus status;
        uint32 memoryMiB;
        uint96 bond;
        uint48 unlockAt;
        DeviceLine[] devices;
        string metadataURI;
    }

    /// @notice Emitted when a node is registered.
    /// @param nodeId The new node's id.
    /// @param owner Its owner.
    /// @param memoryMiB Its total memory in MiB.
    /// @param bond The bond paid, in wei.
    /// @param devices Its device lines.
    /// @param metadataURI Its metadata URI.
    event NodeRegistered(
        uint256 indexed nodeId,
        address indexed owner,
        uint32 memoryMiB,
        uint96 bond,
        DeviceLine[] devices,
        string metadataURI
    );
    /// @notice Emitted when a node's devices or metadata change.
    /// @param nodeId The node.
    /// @param oldMemoryMiB Memory before, in MiB.
    /// @param newMemoryMiB Memory after, in MiB.
    /// @param devices The new device lines.
    /// @param metadataURI The new metadata URI.
    event NodeUpdated(
        uint256 indexed nodeId,
        uint32 oldMemoryMiB,
        uint32 newMemoryMiB,
        DeviceLine[] devices,
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
    /// @notice Emitted once, when the governor whose proposals the admin timelock obeys is bound.
    /// @param governor The governor.
    event GovernorBound(address indexed governor);
    /// @notice Emitted when the bond for new nodes changes.
    /// @param oldMinBond Before, in wei.
    /// @param newMinBond After, in wei.
    event MinBondUpdated(uint256 oldMinBond, uint256 newMinBond);
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

    /// @notice `msg.value` is not the current bond.
    /// @param sent What was sent, in wei.
    /// @param required The bond, in wei.
    error ComputeRegistryWrongBond(uint256 sent, uint256 required);
    /// @notice The bond is not a whole number of gwei (bonds are stored in gwei).
    /// @param value The value given, in wei.
    error ComputeRegistryBondNotWholeGwei(uint256 value);
    /// @notice The device list is empty.
    error ComputeRegistryNoDevices();
    /// @notice More distinct SKUs than a node can hold.
    /// @param lines Lines given.
    /// @param maxLines The limit.
    error ComputeRegistryTooManyDeviceLines(uint256 lines, uint256 maxLines);
    /// @notice A device line has a count of zero.
    /// @param skuId The SKU of that line.
    error ComputeRegistryZeroDeviceCount(uint256 skuId);
    /// @notice A SKU appears in two lines.
    /// @param skuId The SKU.
    error ComputeRegistryDuplicateSku(uint256 skuId);
    /// @notice The SKU is deprecated in the catalog.
    /// @param skuId The SKU.
    error ComputeRegistrySkuDeprecated(uint256 skuId);
    /// @notice More devices than `maxDevicesPerNode`.
    /// @param devices Devices given.
    /// @param maxDevices The limit.
    error ComputeRegistryTooManyDevices(uint256 devices, uint256 maxDevices);
    /// @notice Total memory above `maxNodeMemoryMiB`.
    /// @param memoryMiB The node's memory.
    /// @param capMiB The cap.
    error ComputeRegistryNodeMemoryAboveCap(uint256 memoryMiB, uint256 capMiB);
    /// @notice The metadata URI is too long.
    /// @param length Its length in bytes.
    /// @param maxLength The limit.
    error ComputeRegistryMetadataURITooLong(uint256 length, uint256 maxLength);
    /// @notice No node has this id.
    /// @param nodeId The id.
    error ComputeRegistryUnknownNode(uint256 nodeId);
    /// @notice The caller does not own the node.
    /// @param nodeId The node.
    /// @param caller The caller.
    error ComputeRegistryNotNodeOwner(uint256 nodeId, address caller);
    /// @notice The node is not in the status this call needs.
    /// @param nodeId The node.
    /// @param status Its status.
    error ComputeRegistryWrongNodeStatus(uint256 nodeId, NodeStatus status);
    /// @notice The bond is still unbonding.
    /// @param nodeId The node.
    /// @param unlockAt When it unlocks.
    error ComputeRegistryBondLocked(uint256 nodeId, uint256 unlockAt);
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

    /// @notice Registers a node built from catalog SKUs; `msg.value` must equal `minBond()`. The owner is
    /// delegated to itself if it has no delegate yet, so the node votes without a second transaction.
    /// @param devices The device lines: distinct SKUs, each count > 0.
    /// @param metadataURI Optional pointer to a description of the rig.
    /// @return nodeId The new node's id.
    function registerNode(
        DeviceLine[] calldata devices,
        string calldata metadataURI
    ) external payable returns (uint256 nodeId);

    /// @notice Replaces an active node's devices and metadata. Owner only; same checks as registering.
    /// @param nodeId The node.
    /// @param devices The new device lines.
    /// @param metadataURI The new metadata URI.
    function updateNode(uint256 nodeId, DeviceLine[] calldata devices, string calldata metadataURI) external;

    /// @notice Exits an active node: its vote and its memory leave at once, and its bond starts unbonding. The
    /// bond unlocks after the unbonding period, and never before every proposal created until now (each of
    /// which the node's vote may have counted in) has ended and could have executed (`voteLockEnd` of the
    /// governor). Owner only.
    /// @param nodeId The node.
    function exitNode(uint256 nodeId) external;

    /// @notice Pays an exited node's bond back to its owner once unbonding is over. Owner only, once.
    /// @param nodeId The node.
    function withdrawBond(uint256 nodeId) external;

    /// @notice Binds the governor whose votes lock exiting bonds, once. Anyone may call it; it succeeds only for
    /// an address that holds PROPOSER_ROLE on the admin timelock (the deployment's governor), so no deployer
    /// privilege is involved. Governance has no way to take a bond: there is no slash by vote.
    /// @param governor_ The governor.
    function bindGovernor(address governor_) external;

    /// @notice Sets the bond for new nodes. Admin only.
    /// @param newMinBond In wei, a whole number of gwei; `MIN_BOND` to `MAX_BOND`.
    function setMinBond(uint256 newMinBond) external;

    /// @notice Sets the most devices a node may hold. Admin only.
    /// @param newMax `MIN_DEVICES_LIMIT` to `MAX_DEVICES_LIMIT`.
    function setMaxDevicesPerNode(uint256 newMax) external;

    /// @notice Sets the memory cap per node. Admin only.
    /// @param newMaxMiB In MiB; `MIN_NODE_MEMORY_LIMIT_MIB` to `MAX_NODE_MEMORY_LIMIT_MIB`.
    function setMaxNodeMemoryMiB(uint256 newMaxMiB) external;

    /// @notice Sets the unbonding period. Admin only.
    /// @param newPeriod In seconds; `minUnbondingPeriod()` to `MAX_UNBONDING_PERIOD`.
    function setUnbondingPeriod(uint256 newPeriod) external;

    /// @notice One node; reverts with `ComputeRegistryUnknownNode` when there is none.
    /// @param nodeId The node.
    /// @return The node.
    function node(uint256 nodeId) external view returns (NodeView memory);

    /// @notice A page of nodes in id order, exited ones included.
    /// @param offset Index of the first node (0 is node id 1).
    /// @param limit The most nodes to return.
    /// @return page The nodes.
    function nodes(uint256 offset, uint256 limit) external view returns (NodeView[] memory page);

    /// @notice The same page as `nodes`, packed two words per node, for indexers and the SDK: bulk reads cost
    /// a fraction of the ABI-encoded structs. Word 1: owner (bits 0-159), memoryMiB (160-191), status
    /// (192-199), device line count (200-207). Word 2: bond in gwei (0-63), unlockAt (64-111), device lines
    /// (112-255; line i at bit 112 + 24 * i: uint16 skuId, then uint8 count). Node ids run from `offset + 1`.
    /// @param offset Index of the first node (0 is node id 1).
    /// @param limit The most nodes to return.
    /// @return total Number of nodes ever registered.
    /// @return words Two words per node of the page.
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

    /// @notice Number of nodes ever registered. Ids run from 1 to `nodeCount()`.
    /// @return The count.
    function nodeCount() external view returns (uint256);

    /// @notice Number of active nodes (also the total voting supply now).
    /// @return The count.
    function activeNodeCount() external view returns (uint256);

    /// @notice Memory of all active nodes, in MiB.
    /// @return The sum.
    function totalMemoryMiB() external view returns (uint256);

    /// @notice Bonds of active and unbonding nodes, in wei.
    /// @return The sum.
    function totalBonded() external view returns (uint256);

    /// @notice Nearest-rank percentile of active nodes' memory: the smallest x (to 1 GiB, rounded up) such
    /// that at least `percentile`% of active nodes have memory <= x; 0 when there are none. Gas does not
    /// grow with the number of nodes.
    /// @param percentile 1 to 100, else `MemoryHistogramInvalidPercentile`.
    /// @return memoryMiB The percentile, in MiB.
    function memoryPercentileMiB(uint256 percentile) external view returns (uint256 memoryMiB);

    /// @notice The bond a new node must send, in wei.
    /// @return The bond.
    function minBond() external view returns (uint256);

    /// @notice The most devices (sum of line counts) one node may hold.
    /// @return The limit.
    function maxDevicesPerNode() external view returns (uint256);

    /// @notice The most memory one node may hold, in MiB.
    /// @return The cap.
    function maxNodeMemoryMiB() external view returns (uint256);

    /// @notice Seconds between exit and withdrawal.
    /// @return The period.
    function unbondingPeriod() external view returns (uint256);

    /// @notice The floor under `unbondingPeriod`, fixed at deployment.
    /// @return The floor, in seconds.
    function minUnbondingPeriod() external view returns (uint256);

    /// @notice The catalog the devices come from.
    /// @return The catalog's address.
    function catalog() external view returns (address);

    /// @notice The governor bound by `bindGovernor` (zero before).
    /// @return The governor's address.
    function governor() external view returns (address);
}
