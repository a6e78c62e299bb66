// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {FixedAdmin} from "../access/FixedAdmin.sol";
import {IComputeGovernor} from "../interfaces/IComputeGovernor.sol";
import {IComputeRegistry} from "../interfaces/IComputeRegistry.sol";
import {IHardwareCatalog} from "../interfaces/IHardwareCatalog.sol";
import {MemoryHistogram} from "../libraries/MemoryHistogram.sol";
import {Paging} from "../libraries/Paging.sol";

/// @title ComputeRegistry
/// @notice Nodes of consumer hardware, their bonds, and one vote per active node. See {IComputeRegistry}.
/// @dev The registry is the Governor's votes source: OpenZeppelin `Votes` on a timestamp clock, with
/// `name`/`symbol`/`decimals` so that governance dapps can index it like a token. Votes never transfer.
contract ComputeRegistry is IComputeRegistry, Votes, FixedAdmin, ReentrancyGuardTransient {
    using MemoryHistogram for MemoryHistogram.Histogram;

    /// @notice Most distinct SKUs in one node: six lines pack into one storage word with the bond.
    uint256 public constant MAX_DEVICE_LINES = 6;
    /// @notice Lower bound for `maxDevicesPerNode`: governance may not shut out multi-GPU rigs.
    uint256 public constant MIN_DEVICES_LIMIT = 8;
    /// @notice Upper bound for `maxDevicesPerNode`.
    uint256 public constant MAX_DEVICES_LIMIT = 64;
    /// @notice Lower bound for `maxNodeMemoryMiB`: 256 GiB, so every consumer rig in the catalog still fits.
    uint256 public constant MIN_NODE_MEMORY_LIMIT_MIB = 256 * 1024;
    /// @notice Upper bound for `maxNodeMemoryMiB`: 1 TiB, the histogram's range.
    uint256 public constant MAX_NODE_MEMORY_LIMIT_MIB = MemoryHistogram.MAX_MEMORY_MIB;
    /// @notice Lower bound for `minBond`: a vote always costs something to leave lying around.
    uint256 public constant MIN_BOND = 0.001 ether;
    /// @notice Upper bound for `minBond`: governance may not price consumers out of new nodes.
    uint256 public constant MAX_BOND = 1 ether;
    /// @notice Upper bound for `unbondingPeriod`: governance may not hold exiting bonds hostage for long.
    uint256 public constant MAX_UNBONDING_PERIOD = 90 days;
    /// @notice Node ids kept in an owner's record itself; further ids go to pages of five.
    uint256 private constant _INLINE_IDS = 3;
    uint256 private constant _IDS_PER_PAGE = 5;
    bytes32 private constant _PROPOSER_ROLE = keccak256("PROPOSER_ROLE");
    /// @notice Longest metadata URI, in bytes.
    uint256 public constant MAX_METADATA_URI_LENGTH = 256;

    // Two words per node. Word 1: who, how much memory, status, how many device lines. Word 2: the bond in
    // gwei, the unlock time, and the packed device lines (line i at bits 24*i: uint16 skuId, then uint8 count).
    struct NodeRecord {
        address owner;
        uint32 memoryMiB;
        NodeStatus status;
        uint8 lineCount;
        uint64 bondGwei;
        uint48 unlockAt;
        uint144 lines;
    }

    // One word per owner: what `Votes` counts, how many nodes it registered, and its first three node ids
    // (most owners have one rig, so listing an owner's nodes costs no fresh slot at registration).
    struct OwnerRecord {
        uint48 activeNodes;
        uint48 nodeCount;
        uint144 firstNodeIds; // three uint48 ids; an array would start a second slot
    }

    struct Params {
        uint96 minBond;
        uint16 maxDevicesPerNode;
        uint32 maxNodeMemoryMiB;
        uint48 unbondingPeriod;
    }

    // Written on every register and exit, so they share one word.
    struct Totals {
        uint96 bonded;
        uint48 activeNodes;
        uint64 memoryMiB;
        uint48 nodeCount;
    }

    IHardwareCatalog private immutable _catalog;
    uint48 private immutable _minUnbondingPeriod;

    Params private _params;
    Totals private _totals;
    MemoryHistogram.Histogram private _histogram;
    mapping(uint256 nodeId => NodeRecord record) private _nodes;
    mapping(uint256 nodeId => string uri) private _metadataURIs;
    mapping(address owner => OwnerRecord record) private _owners;
    // An owner's node ids past the first three, five uint48 ids to a word.
    mapping(address owner => mapping(uint256 page => uint256 ids)) private _ownerNodePages;
    IComputeGovernor private _governor;

    /// @param admin_ The admin for good (the timelock in a deployment): sets the bounded parameters.
    /// @param catalog_ The hardware catalog.
    /// @param initial Starting parameters, each checked against its bounds.
    /// @param minUnbondingPeriod_ The floor under the unbonding period, fixed for good. Deployments set it to
    /// at least a voting delay plus a voting period, so a bond whose vote is in play cannot leave.
    constructor(
        address admin_,
        IHardwareCatalog catalog_,
        Params memory initial,
        uint48 minUnbondingPeriod_
    ) EIP712("ComputeRegistry", "1") FixedAdmin(admin_) {
        if (minUnbondingPeriod_ > MAX_UNBONDING_PERIOD) {
            revert ComputeRegistryParameterOutOfBounds(minUnbondingPeriod_, 0, MAX_UNBONDING_PERIOD);
        }
        _catalog = catalog_;
        _minUnbondingPeriod = minUnbondingPeriod_;
        _setMinBond(initial.minBond);
        _setMaxDevicesPerNode(initial.maxDevicesPerNode);
        _setMaxNodeMemoryMiB(initial.maxNodeMemoryMiB);
        _setUnbondingPeriod(initial.unbondingPeriod);
    }

    // ---------------------------------------------------------------- nodes

    /// @inheritdoc IComputeRegistry
    function registerNode(
        DeviceLine[] calldata devices,
        string calldata metadataURI
    ) external payable returns (uint256 nodeId) {
        Params memory params = _params;
        if (msg.value != params.minBond) revert ComputeRegistryWrongBond(msg.value, params.minBond);
        (uint32 memoryMiB, uint144 lines) = _checkDevices(devices, params);
        _checkMetadataURI(metadataURI);

        Totals memory totals = _totals;
        nodeId = ++totals.nodeCount;
        totals.activeNodes += 1;
        totals.memoryMiB += memoryMiB;
        totals.bonded += uint96(msg.value);
        _totals = totals;

        OwnerRecord memory ownerRecord = _owners[msg.sender];
        _nodes[nodeId] = NodeRecord({
            owner: msg.sender,
            memoryMiB: memoryMiB,
            status: NodeStatus.Active,
            lineCount: uint8(devices.length),
            bondGwei: uint64(msg.value / 1 gwei),
            unlockAt: 0,
            lines: lines
        });
        if (bytes(metadataURI).length != 0) _metadataURIs[nodeId] = metadataURI;
        _histogram.add(memoryMiB);

        // First registration: delegate to self (before the unit exists, so it is counted once).
        if (ownerRecord.nodeCount == 0 && delegates(msg.sender) == address(0)) _delegate(msg.sender, msg.sender);
        _appendOwnerNode(msg.sender, ownerRecord, nodeId);
        ownerRecord.activeNodes += 1;
        _owners[msg.sender] = ownerRecord;
        _transferVotingUnits(address(0), msg.sender, 1);

        emit NodeRegistered(nodeId, msg.sender, memoryMiB, uint96(msg.value), devices, metadataURI);
    }

    /// @inheritdoc IComputeRegistry
    function updateNode(uint256 nodeId, DeviceLine[] calldata devices, string calldata metadataURI) external {
        NodeRecord storage record = _ownedNode(nodeId);
        _requireStatus(nodeId, record.status, NodeStatus.Active);
        (uint32 memoryMiB, uint144 lines) = _checkDevices(devices, _params);
        _checkMetadataURI(metadataURI);

        uint32 oldMemoryMiB = record.memoryMiB;
        record.memoryMiB = memoryMiB;
        record.lineCount = uint8(devices.length);
        record.lines = lines;
        _metadataURIs[nodeId] = metadataURI;
        if (oldMemoryMiB != memoryMiB) {
            _histogram.remove(oldMemoryMiB);
            _histogram.add(memoryMiB);
            _totals.memoryMiB = _totals.memoryMiB - oldMemoryMiB + memoryMiB;
        }
        emit NodeUpdated(nodeId, oldMemoryMiB, memoryMiB, devices, metadataURI);
    }

    /// @inheritdoc IComputeRegistry
    function exitNode(uint256 nodeId) external {
        NodeRecord storage record = _ownedNode(nodeId);
        _requireStatus(nodeId, record.status, NodeStatus.Active);
        uint48 unlockAt = _unlockTimeOnExit();
        record.status = NodeStatus.Exiting;
        record.unlockAt = unlockAt;
        _deactivate(record, 0);
        emit NodeExited(nodeId, msg.sender, unlockAt);
    }

    /// @inheritdoc IComputeRegistry
    function withdrawBond(uint256 nodeId) external nonReentrant {
        NodeRecord storage record = _ownedNode(nodeId);
        _requireStatus(nodeId, record.status, NodeStatus.Exiting);
        if (Time.timestamp() < record.unlockAt) revert ComputeRegistryBondLocked(nodeId, record.unlockAt);
        uint96 amount = _bondOf(record);
        record.status = NodeStatus.Withdrawn;
        record.bondGwei = 0;
        _totals.bonded -= amount;
        emit BondWithdrawn(nodeId, msg.sender, amount);
        Address.sendValue(payable(msg.sender), amount);
    }

    /// @inheritdoc IComputeRegistry
    function bindGovernor(address governor_) external {
        if (address(_governor) != address(0)) revert ComputeRegistryGovernorAlreadyBound(address(_governor));
        // Only the governor the admin timelock obeys: the fence forbids granting PROPOSER_ROLE, so no one can
        // bind another address, and binding needs no deployer privilege.
        if (!IAccessControl(admin()).hasRole(_PROPOSER_ROLE, governor_)) {
            revert ComputeRegistryNotTimelockProposer(governor_);
        }
        _governor = IComputeGovernor(governor_);
        emit GovernorBound(governor_);
    }

    // ----------------------------------------------------------- parameters

    /// @inheritdoc IComputeRegistry
    function setMinBond(uint256 newMinBond) external onlyAdmin {
        _setMinBond(newMinBond);
    }

    /// @inheritdoc IComputeRegistry
    function setMaxDevicesPerNode(uint256 newMax) external onlyAdmin {
        _setMaxDevicesPerNode(newMax);
    }

    /// @inheritdoc IComputeRegistry
    function setMaxNodeMemoryMiB(uint256 newMaxMiB) external onlyAdmin {
        _setMaxNodeMemoryMiB(newMaxMiB);
    }

    /// @inheritdoc IComputeRegistry
    function setUnbondingPeriod(uint256 newPeriod) external onlyAdmin {
        _setUnbondingPeriod(newPeriod);
    }

    // ---------------------------------------------------------------- reads

    /// @inheritdoc IComputeRegistry
    function node(uint256 nodeId) public view returns (NodeView memory view_) {
        NodeRecord storage record = _existingNode(nodeId);
        view_.id = nodeId;
        view_.owner = record.owner;
        view_.status = record.status;
        view_.memoryMiB = record.memoryMiB;
        view_.bond = _bondOf(record);
        view_.unlockAt = record.unlockAt;
        uint256 lineCount = record.lineCount;
        uint256 lines = record.lines;
        view_.devices = new DeviceLine[](lineCount);
        for (uint256 i = 0; i < lineCount; ++i) {
            uint256 line = lines >> (24 * i);
            view_.devices[i] = DeviceLine(uint16(line), uint8(line >> 16));
        }
        view_.metadataURI = _metadataURIs[nodeId];
    }

    /// @inheritdoc IComputeRegistry
    function nodes(uint256 offset, uint256 limit) external view returns (NodeView[] memory page) {
        uint256 end = Paging.end(offset, limit, _totals.nodeCount);
        page = new NodeView[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = node(i + 1);
        }
    }

    /// @inheritdoc IComputeRegistry
    function packedNodes(
        uint256 offset,
        uint256 limit
    ) external view returns (uint256 total, uint256[] memory words, string[] memory metadataURIs) {
        total = _totals.nodeCount;
        uint256 count = Paging.end(offset, limit, total) - offset;
        words = new uint256[](2 * count);
        metadataURIs = new string[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 nodeId = offset + 1 + i;
            NodeRecord storage r = _nodes[nodeId];
            words[2 * i] =
                uint256(uint160(r.owner)) |
                (uint256(r.memoryMiB) << 160) |
                (uint256(r.status) << 192) |
                (uint256(r.lineCount) << 200);
            words[2 * i + 1] = uint256(r.bondGwei) | (uint256(r.unlockAt) << 64) | (uint256(r.lines) << 112);
            metadataURIs[i] = _metadataURIs[nodeId];
        }
    }

    /// @inheritdoc IComputeRegistry
    function nodeIdsOf(address owner_, uint256 offset, uint256 limit) external view returns (uint256[] memory ids) {
        OwnerRecord memory ownerRecord = _owners[owner_];
        uint256 count = ownerRecord.nodeCount;
        uint256 take = Paging.end(offset, limit, count) - offset;
        ids = new uint256[](take);
        // Newest first: position `offset` is the owner's (count - 1 - offset)-th node. Each id is one read.
        for (uint256 i = 0; i < take; ++i) {
            ids[i] = _ownerNodeIdAt(owner_, ownerRecord, count - 1 - offset - i);
        }
    }

    /// @inheritdoc IComputeRegistry
    function nodeCountOf(address owner_) external view returns (uint256) {
        return _owners[owner_].nodeCount;
    }

    /// @inheritdoc IComputeRegistry
    function nodeCount() external view returns (uint256) {
        return _totals.nodeCount;
    }

    /// @inheritdoc IComputeRegistry
    function activeNodeCount() external view returns (uint256) {
        return _totals.activeNodes;
    }

    /// @inheritdoc IComputeRegistry
    function totalMemoryMiB() external view returns (uint256) {
        return _totals.memoryMiB;
    }

    /// @inheritdoc IComputeRegistry
    function totalBonded() external view returns (uint256) {
        return _totals.bonded;
    }

    /// @inheritdoc IComputeRegistry
    function memoryPercentileMiB(uint256 percentile) external view returns (uint256) {
        return _histogram.percentileMiB(percentile, _totals.activeNodes);
    }

    /// @inheritdoc IComputeRegistry
    function minBond() external view returns (uint256) {
        return _params.minBond;
    }

    /// @inheritdoc IComputeRegistry
    function maxDevicesPerNode() external view returns (uint256) {
        return _params.maxDevicesPerNode;
    }

    /// @inheritdoc IComputeRegistry
    function maxNodeMemoryMiB() external view returns (uint256) {
        return _params.maxNodeMemoryMiB;
    }

    /// @inheritdoc IComputeRegistry
    function unbondingPeriod() external view returns (uint256) {
        return _params.unbondingPeriod;
    }

    /// @inheritdoc IComputeRegistry
    function minUnbondingPeriod() external view returns (uint256) {
        return _minUnbondingPeriod;
    }

    /// @inheritdoc IComputeRegistry
    function catalog() external view returns (address) {
        return address(_catalog);
    }

    /// @inheritdoc IComputeRegistry
    function governor() external view returns (address) {
        return address(_governor);
    }

    // ------------------------------------------------- token-like metadata

    /// @notice Name for governance dapps that index the votes source like a token.
    /// @return The name.
    function name() external pure returns (string memory) {
        return "Compute Commons Node Vote";
    }

    /// @notice Symbol for governance dapps.
    /// @return The symbol.
    function symbol() external pure returns (string memory) {
        return "CCVOTE";
    }

    /// @notice A vote is one whole node.
    /// @return Zero.
    function decimals() external pure returns (uint8) {
        return 0;
    }

    // ---------------------------------------------------------- ERC-6372

    /// @notice The clock is the block timestamp (ERC-6372).
    /// @return The current timestamp.
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock description.
    /// @return "mode=timestamp".
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    // ------------------------------------------------------------ internals

    function _getVotingUnits(address account) internal view override returns (uint256) {
        return _owners[account].activeNodes;
    }

    /// @dev Removes an active node's vote and memory; `bondLeaving` also leaves the bonded total.
    function _deactivate(NodeRecord storage record, uint96 bondLeaving) private {
        address nodeOwner = record.owner;
        uint32 memoryMiB = record.memoryMiB;
        Totals memory totals = _totals;
        totals.activeNodes -= 1;
        totals.memoryMiB -= memoryMiB;
        totals.bonded -= bondLeaving;
        _totals = totals;
        _histogram.remove(memoryMiB);
        _owners[nodeOwner].activeNodes -= 1;
        _transferVotingUnits(nodeOwner, address(0), 1);
    }

    /// @dev A bond leaves no earlier than the unbonding period, and no earlier than the end of every proposal
    /// its vote could have counted in (those created before now), with the rest of the pipeline after it.
    function _unlockTimeOnExit() private view returns (uint48) {
        uint256 unlockAt = uint256(Time.timestamp()) + _params.unbondingPeriod;
        if (address(_governor) != address(0)) {
            uint256 voteLockEnd = _governor.voteLockEnd();
            if (voteLockEnd > unlockAt) unlockAt = voteLockEnd;
        }
        return uint48(unlockAt);
    }

    /// @dev Records `nodeId` as the owner's next node: inline for the first three, then in pages of five.
    function _appendOwnerNode(address owner_, OwnerRecord memory ownerRecord, uint256 nodeId) private {
        uint256 index = ownerRecord.nodeCount;
        if (index < _INLINE_IDS) {
            ownerRecord.firstNodeIds |= uint144(nodeId << (48 * index));
        } else {
            uint256 paged = index - _INLINE_IDS;
            _ownerNodePages[owner_][paged / _IDS_PER_PAGE] |= nodeId << (48 * (paged % _IDS_PER_PAGE));
        }
        ownerRecord.nodeCount += 1;
    }

    function _ownerNodeIdAt(
        address owner_,
        OwnerRecord memory ownerRecord,
        uint256 index
    ) private view returns (uint256) {
        if (index < _INLINE_IDS) return uint48(ownerRecord.firstNodeIds >> (48 * index));
        uint256 paged = index - _INLINE_IDS;
        return uint48(_ownerNodePages[owner_][paged / _IDS_PER_PAGE] >> (48 * (paged % _IDS_PER_PAGE)));
    }

    function _checkDevices(
        DeviceLine[] calldata devices,
        Params memory params
    ) private view returns (uint32 memoryMiB, uint144 lines) {
        uint256 lineCount = devices.length;
        if (lineCount == 0) revert ComputeRegistryNoDevices();
        if (lineCount > MAX_DEVICE_LINES) revert ComputeRegistryTooManyDeviceLines(lineCount, MAX_DEVICE_LINES);
        uint256 deviceCount = 0;
        uint256 totalMiB = 0;
        uint256 packed = 0;
        for (uint256 i = 0; i < lineCount; ++i) {
            DeviceLine calldata line = devices[i];
            if (line.count == 0) revert ComputeRegistryZeroDeviceCount(line.skuId);
            for (uint256 j = 0; j < i; ++j) {
                if (devices[j].skuId == line.skuId) revert ComputeRegistryDuplicateSku(line.skuId);
            }
            (uint32 skuMiB, bool deprecated) = _catalog.skuMemory(line.skuId);
            if (deprecated) revert ComputeRegistrySkuDeprecated(line.skuId);
            deviceCount += line.count;
            totalMiB += uint256(skuMiB) * line.count;
            packed |= (uint256(line.skuId) | (uint256(line.count) << 16)) << (24 * i);
        }
        if (deviceCount > params.maxDevicesPerNode) {
            revert ComputeRegistryTooManyDevices(deviceCount, params.maxDevicesPerNode);
        }
        if (totalMiB > params.maxNodeMemoryMiB) {
            revert ComputeRegistryNodeMemoryAboveCap(totalMiB, params.maxNodeMemoryMiB);
        }
        // Both fit: the cap is at most 2^20 MiB, and 6 lines of 24 bits are 144 bits.
        return (uint32(totalMiB), uint144(packed));
    }

    function _bondOf(NodeRecord storage record) private view returns (uint96) {
        return uint96(record.bondGwei) * 1 gwei;
    }

    function _checkMetadataURI(string calldata metadataURI) private pure {
        uint256 length = bytes(metadataURI).length;
        if (length > MAX_METADATA_URI_LENGTH) {
            revert ComputeRegistryMetadataURITooLong(length, MAX_METADATA_URI_LENGTH);
        }
    }

    function _existingNode(uint256 nodeId) private view returns (NodeRecord storage record) {
        record = _nodes[nodeId];
        if (record.owner == address(0)) revert ComputeRegistryUnknownNode(nodeId);
    }

    function _ownedNode(uint256 nodeId) private view returns (NodeRecord storage record) {
        record = _existingNode(nodeId);
        if (record.owner != msg.sender) revert ComputeRegistryNotNodeOwner(nodeId, msg.sender);
    }

    function _requireStatus(uint256 nodeId, NodeStatus status, NodeStatus required) private pure {
        if (status != required) revert ComputeRegistryWrongNodeStatus(nodeId, status);
    }

    function _setMinBond(uint256 newMinBond) private {
        _checkBounds(newMinBond, MIN_BOND, MAX_BOND);
        // Bonds are stored in gwei so that a node fits in two storage words.
        if (newMinBond % 1 gwei != 0) revert ComputeRegistryBondNotWholeGwei(newMinBond);
        emit MinBondUpdated(_params.minBond, newMinBond);
        _params.minBond = uint96(newMinBond);
    }

    function _setMaxDevicesPerNode(uint256 newMax) private {
        _checkBounds(newMax, MIN_DEVICES_LIMIT, MAX_DEVICES_LIMIT);
        emit MaxDevicesPerNodeUpdated(_params.maxDevicesPerNode, newMax);
        _params.maxDevicesPerNode = uint16(newMax);
    }

    function _setMaxNodeMemoryMiB(uint256 newMaxMiB) private {
        _checkBounds(newMaxMiB, MIN_NODE_MEMORY_LIMIT_MIB, MAX_NODE_MEMORY_LIMIT_MIB);
        emit MaxNodeMemoryUpdated(_params.maxNodeMemoryMiB, newMaxMiB);
        _params.maxNodeMemoryMiB = uint32(newMaxMiB);
    }

    function _setUnbondingPeriod(uint256 newPeriod) private {
        _checkBounds(newPeriod, _minUnbondingPeriod, MAX_UNBONDING_PERIOD);
        emit UnbondingPeriodUpdated(_params.unbondingPeriod, newPeriod);
        _params.unbondingPeriod = uint48(newPeriod);
    }

    function _checkBounds(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ComputeRegistryParameterOutOfBounds(value, min, max);
    }
}
