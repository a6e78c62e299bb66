// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {FixedAdmin} from "../access/FixedAdmin.sol";
import {IComputeGovernor} from "../interfaces/IComputeGovernor.sol";
import {IComputeRegistry} from "../interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../interfaces/IHardwareAttestations.sol";
import {IHardwareCatalog} from "../interfaces/IHardwareCatalog.sol";
import {INodeChallenges} from "../interfaces/INodeChallenges.sol";
import {IThresholdBallots} from "../interfaces/IThresholdBallots.sol";
import {FloorHistory} from "../libraries/FloorHistory.sol";
import {MemoryHistogram} from "../libraries/MemoryHistogram.sol";
import {Paging} from "../libraries/Paging.sol";

/// @title ComputeRegistry
/// @notice Nodes of attested consumer hardware, their bonds, and one vote per active node. See
/// {IComputeRegistry}.
/// @dev The registry is the Governor's votes source: OpenZeppelin `Votes` on a timestamp clock, with
/// `name`/`symbol`/`decimals` so that governance dapps can index it like a token. Votes never transfer.
contract ComputeRegistry is IComputeRegistry, Votes, FixedAdmin, ReentrancyGuardTransient {
    using FloorHistory for FloorHistory.History;
    using MemoryHistogram for MemoryHistogram.Histogram;

    /// @notice Lower bound for `maxDevicesPerNode`: governance may not shut out multi-GPU rigs.
    uint256 public constant MIN_DEVICES_LIMIT = 8;
    /// @notice Upper bound for `maxDevicesPerNode`.
    uint256 public constant MAX_DEVICES_LIMIT = 64;
    /// @notice Lower bound for `maxNodeMemoryMiB`: 256 GiB, so every consumer rig in the catalog still fits.
    uint256 public constant MIN_NODE_MEMORY_LIMIT_MIB = 256 * 1024;
    /// @notice Upper bound for `maxNodeMemoryMiB`: 1 TiB, the histogram's range.
    uint256 public constant MAX_NODE_MEMORY_LIMIT_MIB = MemoryHistogram.MAX_MEMORY_MIB;
    /// @notice Lower bound for `bondBase`: a vote always costs something to leave lying around.
    uint256 public constant MIN_BOND_BASE = 0.001 ether;
    /// @notice Upper bound for `bondBase`: governance may not price consumers out of new nodes.
    uint256 public constant MAX_BOND_BASE = 0.1 ether;
    /// @notice Upper bound for `bondPerGiB` (a 192 GB Mac Studio then bonds under 1.1 ETH).
    uint256 public constant MAX_BOND_PER_GIB = 0.005 ether;
    /// @notice Upper bound for `keeperFee`.
    uint256 public constant MAX_KEEPER_FEE = 0.005 ether;
    /// @notice Upper bound for `unbondingPeriod`: governance may not hold exiting bonds hostage for long.
    uint256 public constant MAX_UNBONDING_PERIOD = 90 days;
    /// @notice Longest metadata URI, in bytes.
    uint256 public constant MAX_METADATA_URI_LENGTH = 256;

    uint256 private constant _INLINE_IDS = 3;
    uint256 private constant _IDS_PER_PAGE = 5;
    bytes32 private constant _PROPOSER_ROLE = keccak256("PROPOSER_ROLE");

    // Three words per node. Word 1: who, memory, status, device lines, attester and attestation expiry.
    // Word 2: the bond in gwei, the device generation (bumped when the devices change), the activation or
    // unlock time, and the packed device lines (line i at bits 24*i: uint16 skuId, then uint8 count).
    // Word 3: the attestation's UID.
    struct NodeRecord {
        address owner;
        uint32 memoryMiB;
        NodeStatus status;
        uint8 lineCount;
        uint16 attesterId;
        uint32 attestationExpiry;
        uint48 bondGwei;
        uint16 generation;
        uint48 readyAt;
        uint144 lines;
        bytes32 attestationUid;
    }

    // One word per owner: what `Votes` counts, how many nodes it registered, and its first three node ids.
    struct OwnerRecord {
        uint48 activeNodes;
        uint48 nodeCount;
        uint144 firstNodeIds; // three uint48 ids; an array would start a second slot
    }

    // Written on every activation and exit, so they share one word.
    struct Totals {
        uint96 bonded;
        uint48 activeNodes;
        uint64 memoryMiB;
        uint48 nodeCount;
    }

    IHardwareCatalog private immutable _catalog;
    IHardwareAttestations private immutable _attestations;
    INodeChallenges private immutable _challenges;
    IThresholdBallots private immutable _ballots;
    uint32 private immutable _minUnbondingPeriod;
    uint32 private immutable _minWarmup;
    uint8 private immutable _floorPercentile;
    uint32 private immutable _floorWindow;

    Params private _params;
    Totals private _totals;
    uint32 private _floorMiB;
    IComputeGovernor private _governor;
    MemoryHistogram.Histogram private _histogram;
    FloorHistory.History private _floorHistory;
    mapping(uint256 nodeId => NodeRecord record) private _nodes;
    mapping(uint256 nodeId => string uri) private _metadataURIs;
    mapping(address owner => OwnerRecord record) private _owners;
    mapping(address owner => mapping(uint256 page => uint256 ids)) private _ownerNodePages;
    // Which node (bits 0-47) and device generation (48-63) last claimed a device.
    mapping(bytes32 deviceId => uint256 claim) private _deviceClaims;

    /// @param admin_ The admin for good (the timelock in a deployment): sets the bounded parameters.
    /// @param catalog_ The hardware catalog.
    /// @param attestations_ The attester set and attestation check.
    /// @param challenges_ The challenges contract (it binds itself to this registry afterwards).
    /// @param ballots_ The threshold ballots, told of every node whose vote ends (zero: none).
    /// @param initial Starting parameters, each checked against its bounds.
    /// @param config_ What is fixed for good: the floor under the unbonding period, the shortest warm-up, the
    /// floor percentile and the floor window.
    constructor(
        address admin_,
        IHardwareCatalog catalog_,
        IHardwareAttestations attestations_,
        INodeChallenges challenges_,
        IThresholdBallots ballots_,
        Params memory initial,
        Config memory config_
    ) EIP712("ComputeRegistry", "1") FixedAdmin(admin_) {
        if (
            config_.minUnbondingPeriod > MAX_UNBONDING_PERIOD ||
            config_.floorPercentile == 0 ||
            config_.floorPercentile > 100 ||
            config_.floorWindow == 0
        ) revert ComputeRegistryInvalidConfig();
        _catalog = catalog_;
        _attestations = attestations_;
        _challenges = challenges_;
        _ballots = ballots_;
        _minUnbondingPeriod = config_.minUnbondingPeriod;
        _minWarmup = config_.minWarmup;
        _floorPercentile = config_.floorPercentile;
        _floorWindow = config_.floorWindow;
        _setBond(initial.bondBase, initial.bondPerGiB);
        _setKeeperFee(initial.keeperFee);
        _setMaxDevicesPerNode(initial.maxDevicesPerNode);
        _setMaxNodeMemoryMiB(initial.maxNodeMemoryMiB);
        _setUnbondingPeriod(initial.unbondingPeriod);
    }

    // ---------------------------------------------------------------- nodes

    /// @inheritdoc IComputeRegistry
    function registerNode(
        IHardwareAttestations.OffchainAttestation calldata attestation,
        address attester,
        bytes calldata signature,
        string calldata metadataURI
    ) external payable returns (uint256 nodeId) {
        _checkMetadataURI(metadataURI);
        nodeId = _register(_attestations.verify(attestation, attester, signature, msg.sender, _caps()), metadataURI);
    }

    function _register(
        IHardwareAttestations.Attested memory attested,
        string calldata metadataURI
    ) private returns (uint256 nodeId) {
        uint32 memoryMiB = attested.memoryMiB;
        {
            uint256 bond = bondFor(memoryMiB);
            if (msg.value != bond) revert ComputeRegistryWrongValue(msg.value, bond);
            Totals memory totals = _totals;
            nodeId = ++totals.nodeCount;
            totals.bonded += uint96(msg.value);
            _totals = totals;
        }
        _claimDevices(attested.deviceIds, nodeId, 0);
        NodeRecord storage record = _nodes[nodeId];
        record.owner = msg.sender;
        record.memoryMiB = memoryMiB;
        record.status = NodeStatus.Pending;
        record.lineCount = uint8(attested.lines.length);
        record.attesterId = attested.attesterId;
        record.attestationExpiry = uint32(attested.expirationTime);
        record.bondGwei = uint48(msg.value / 1 gwei);
        record.readyAt = Time.timestamp() + uint48(warmup());
        record.lines = attested.packedLines;
        record.attestationUid = attested.uid;
        if (bytes(metadataURI).length != 0) _metadataURIs[nodeId] = metadataURI;
        _appendOwnerNode(msg.sender, nodeId);
        emit NodeRegistered(
            nodeId,
            msg.sender,
            memoryMiB,
            uint96(msg.value),
            attested.lines,
            attested.uid,
            attested.attesterId,
            record.readyAt,
            metadataURI
        );
    }

    /// @inheritdoc IComputeRegistry
    function activate(uint256 nodeId) external {
        NodeRecord storage record = _existingNode(nodeId);
        _requireStatus(nodeId, record.status, NodeStatus.Pending);
        if (Time.timestamp() < record.readyAt) revert ComputeRegistryWarmingUp(nodeId, record.readyAt);
        IHardwareAttestations.Lapse reason = _lapseOf(record);
        if (reason != IHardwareAttestations.Lapse.None) revert ComputeRegistryAttestationLapsed(nodeId, reason);
        record.status = NodeStatus.Active;
        record.readyAt = 0;
        address nodeOwner = record.owner;
        _addToFloor(record.memoryMiB);
        OwnerRecord storage ownerRecord = _owners[nodeOwner];
        // The owner's first vote: delegate to self (before the unit exists, so it is counted once).
        if (delegates(nodeOwner) == address(0)) _delegate(nodeOwner, nodeOwner);
        ownerRecord.activeNodes += 1;
        _transferVotingUnits(address(0), nodeOwner, 1);
        emit NodeActivated(nodeId, nodeOwner);
    }

    /// @inheritdoc IComputeRegistry
    function updateNode(
        uint256 nodeId,
        IHardwareAttestations.OffchainAttestation calldata attestation,
        address attester,
        bytes calldata signature,
        string calldata metadataURI
    ) external payable {
        NodeRecord storage record = _ownedNode(nodeId);
        NodeStatus status = record.status;
        if (status != NodeStatus.Pending && status != NodeStatus.Active && status != NodeStatus.Lapsed) {
            revert ComputeRegistryWrongNodeStatus(nodeId, status);
        }
        _requireNoChallenge(nodeId);
        _checkMetadataURI(metadataURI);
        IHardwareAttestations.Attested memory attested = _attestations.verify(
            attestation,
            attester,
            signature,
            msg.sender,
            _caps()
        );
        if (attested.uid == record.attestationUid) revert ComputeRegistrySameAttestation(nodeId);
        if (status == NodeStatus.Active) _deactivate(nodeId, record);
        _metadataURIs[nodeId] = metadataURI;
        _reattest(record, nodeId, attested, metadataURI);
    }

    /// @dev Gives a node a new attestation: new devices (a new generation frees those it no longer lists and
    /// re-claims those it keeps), a bond topped up by `msg.value`, and a new warm-up.
    function _reattest(
        NodeRecord storage record,
        uint256 nodeId,
        IHardwareAttestations.Attested memory attested,
        string calldata metadataURI
    ) private {
        uint32 memoryMiB = attested.memoryMiB;
        {
            uint256 held = _bondOf(record);
            uint256 required = bondFor(memoryMiB);
            uint256 topUp = required > held ? required - held : 0;
            if (msg.value != topUp) revert ComputeRegistryWrongValue(msg.value, topUp);
            record.bondGwei = uint48((held + msg.value) / 1 gwei);
            _totals.bonded += uint96(msg.value);
        }
        uint16 generation = record.generation + 1;
        _claimDevices(attested.deviceIds, nodeId, generation);
        uint32 oldMemoryMiB = record.memoryMiB;
        record.memoryMiB = memoryMiB;
        record.status = NodeStatus.Pending;
        record.lineCount = uint8(attested.lines.length);
        record.attesterId = attested.attesterId;
        record.attestationExpiry = uint32(attested.expirationTime);
        record.generation = generation;
        record.readyAt = Time.timestamp() + uint48(warmup());
        record.lines = attested.packedLines;
        record.attestationUid = attested.uid;
        emit NodeUpdated(
            nodeId,
            oldMemoryMiB,
            memoryMiB,
            attested.lines,
            attested.uid,
            attested.attesterId,
            record.readyAt,
            metadataURI
        );
    }

    /// @inheritdoc IComputeRegistry
    function exitNode(uint256 nodeId) external {
        NodeRecord storage record = _ownedNode(nodeId);
        NodeStatus status = record.status;
        if (status != NodeStatus.Pending && status != NodeStatus.Active && status != NodeStatus.Lapsed) {
            revert ComputeRegistryWrongNodeStatus(nodeId, status);
        }
        if (status == NodeStatus.Active) _deactivate(nodeId, record);
        uint48 unlockAt = _unlockTimeOnExit();
        record.status = NodeStatus.Exiting;
        record.readyAt = unlockAt;
        emit NodeExited(nodeId, msg.sender, unlockAt);
    }

    /// @inheritdoc IComputeRegistry
    function withdrawBond(uint256 nodeId) external nonReentrant {
        NodeRecord storage record = _ownedNode(nodeId);
        _requireStatus(nodeId, record.status, NodeStatus.Exiting);
        if (Time.timestamp() < record.readyAt) revert ComputeRegistryBondLocked(nodeId, record.readyAt);
        _requireNoChallenge(nodeId);
        uint96 amount = _bondOf(record);
        record.status = NodeStatus.Withdrawn;
        record.bondGwei = 0;
        _totals.bonded -= amount;
        emit BondWithdrawn(nodeId, msg.sender, amount);
        Address.sendValue(payable(msg.sender), amount);
    }

    /// @inheritdoc IComputeRegistry
    function lapse(uint256 nodeId) external nonReentrant returns (uint256 fee) {
        fee = _lapse(nodeId);
        if (fee == type(uint256).max) revert ComputeRegistryNotLapsable(nodeId);
        if (fee != 0) Address.sendValue(payable(msg.sender), fee);
    }

    /// @inheritdoc IComputeRegistry
    function lapseMany(uint256[] calldata nodeIds) external nonReentrant returns (uint256 lapsed, uint256 fee) {
        for (uint256 i = 0; i < nodeIds.length; ++i) {
            uint256 paid = _lapse(nodeIds[i]);
            if (paid == type(uint256).max) continue;
            ++lapsed;
            fee += paid;
        }
        if (fee != 0) Address.sendValue(payable(msg.sender), fee);
    }

    // ---------------------------------------------------------------- challenges

    /// @inheritdoc IComputeRegistry
    function slashByChallenge(uint256 nodeId) external nonReentrant returns (uint256 bond) {
        _onlyChallenges();
        NodeRecord storage record = _existingNode(nodeId);
        NodeStatus status = record.status;
        if (status == NodeStatus.Withdrawn || status == NodeStatus.Slashed) {
            revert ComputeRegistryWrongNodeStatus(nodeId, status);
        }
        if (status == NodeStatus.Active) _deactivate(nodeId, record);
        bond = _bondOf(record);
        record.status = NodeStatus.Slashed;
        record.bondGwei = 0;
        record.readyAt = 0;
        _totals.bonded -= uint96(bond);
        emit NodeSlashed(nodeId, record.owner, bond);
        Address.sendValue(payable(address(_challenges)), bond);
    }

    /// @inheritdoc IComputeRegistry
    function adoptAttestation(uint256 nodeId, bytes32 uid, uint16 attesterId, uint64 expirationTime) external {
        _onlyChallenges();
        NodeRecord storage record = _existingNode(nodeId);
        record.attesterId = attesterId;
        record.attestationExpiry = uint32(expirationTime);
        record.attestationUid = uid;
        emit AttestationAdopted(nodeId, attesterId, uid);
    }

    // ---------------------------------------------------------------- governance wiring & parameters

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

    /// @inheritdoc IComputeRegistry
    function setBond(uint256 bondBase, uint256 bondPerGiB) external onlyAdmin {
        _setBond(bondBase, bondPerGiB);
    }

    /// @inheritdoc IComputeRegistry
    function setKeeperFee(uint256 fee) external onlyAdmin {
        _setKeeperFee(fee);
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
    function nodeRecord(uint256 nodeId) external view returns (uint256 word1, uint256 word2, bytes32 attestationUid) {
        return _words(_existingNode(nodeId));
    }

    /// @inheritdoc IComputeRegistry
    function metadataURIOf(uint256 nodeId) external view returns (string memory) {
        _existingNode(nodeId);
        return _metadataURIs[nodeId];
    }

    /// @inheritdoc IComputeRegistry
    function packedNodes(
        uint256 offset,
        uint256 limit
    ) external view returns (uint256 total, uint256[] memory words, string[] memory metadataURIs) {
        total = _totals.nodeCount;
        uint256 count = Paging.end(offset, limit, total) - offset;
        words = new uint256[](3 * count);
        metadataURIs = new string[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 nodeId = offset + 1 + i;
            bytes32 uid;
            (words[3 * i], words[3 * i + 1], uid) = _words(_nodes[nodeId]);
            words[3 * i + 2] = uint256(uid);
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
    function nodeOfDevice(bytes32 deviceId) external view returns (uint256) {
        uint256 claim = _deviceClaims[deviceId];
        return _claimHolds(claim) ? uint48(claim) : 0;
    }

    /// @inheritdoc IComputeRegistry
    function deviceClaimOf(bytes32 deviceId) external view returns (uint256) {
        return _deviceClaims[deviceId];
    }

    /// @inheritdoc IComputeRegistry
    function nodeCount() external view returns (uint256) {
        return _totals.nodeCount;
    }

    /// @inheritdoc IComputeRegistry
    function balanceOf(address account) external view returns (uint256) {
        return _owners[account].activeNodes;
    }

    /// @inheritdoc IComputeRegistry
    function totalSupply() external view returns (uint256) {
        return _totals.activeNodes;
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
    function memoryHistogram() external view returns (uint256[128] memory) {
        return _histogram.rawBuckets();
    }

    /// @inheritdoc IComputeRegistry
    function floorMiB() external view returns (uint256) {
        return _floorMiB;
    }

    /// @inheritdoc IComputeRegistry
    function floorRangeMiB() external view returns (uint256 lowest, uint256 highest) {
        return _floorHistory.range(_floorWindow, _floorMiB);
    }

    /// @inheritdoc IComputeRegistry
    function bondFor(uint256 memoryMiB) public view returns (uint256) {
        Params memory params = _params;
        return params.bondBase + params.bondPerGiB * ((memoryMiB + 1023) / 1024);
    }

    /// @inheritdoc IComputeRegistry
    function parameters() external view returns (Params memory) {
        return _params;
    }

    /// @inheritdoc IComputeRegistry
    function config() external view returns (Config memory) {
        return Config(_minUnbondingPeriod, _minWarmup, _floorPercentile, _floorWindow);
    }

    /// @inheritdoc IComputeRegistry
    function unbondingPeriod() external view returns (uint256) {
        return _params.unbondingPeriod;
    }

    /// @inheritdoc IComputeRegistry
    function warmup() public view returns (uint256) {
        uint256 minimum = _minWarmup;
        if (address(_governor) == address(0)) return minimum;
        IGovernor g = IGovernor(address(_governor));
        uint256 vote = g.votingDelay() + g.votingPeriod();
        return vote > minimum ? vote : minimum;
    }

    /// @inheritdoc IComputeRegistry
    function catalog() external view returns (address) {
        return address(_catalog);
    }

    /// @inheritdoc IComputeRegistry
    function attestations() external view returns (address) {
        return address(_attestations);
    }

    /// @inheritdoc IComputeRegistry
    function challenges() external view returns (address) {
        return address(_challenges);
    }

    /// @inheritdoc IComputeRegistry
    function ballots() external view returns (address) {
        return address(_ballots);
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

    /// @dev Every vote that starts or ends is also an ERC-20 mint or burn, for token indexers.
    function _transferVotingUnits(address from, address to, uint256 amount) internal override {
        super._transferVotingUnits(from, to, amount);
        emit Transfer(from, to, amount);
    }

    /// @dev Lapses a Pending or Active node whose attestation no longer holds; returns the keeper fee, or
    /// `type(uint256).max` when the node does not lapse. Pays nothing itself.
    function _lapse(uint256 nodeId) private returns (uint256 fee) {
        NodeRecord storage record = _existingNode(nodeId);
        NodeStatus status = record.status;
        if (status != NodeStatus.Pending && status != NodeStatus.Active) return type(uint256).max;
        IHardwareAttestations.Lapse reason = _lapseOf(record);
        if (reason == IHardwareAttestations.Lapse.None) return type(uint256).max;
        if (status == NodeStatus.Active) _deactivate(nodeId, record);
        record.status = NodeStatus.Lapsed;
        record.readyAt = 0;
        uint96 bond = _bondOf(record);
        fee = _params.keeperFee < bond ? _params.keeperFee : bond;
        record.bondGwei = uint48((bond - fee) / 1 gwei);
        _totals.bonded -= uint96(fee);
        emit NodeLapsed(nodeId, record.owner, reason, msg.sender, fee);
    }

    function _lapseOf(NodeRecord storage record) private view returns (IHardwareAttestations.Lapse) {
        return _attestations.lapseOf(record.attesterId, record.attestationUid, record.attestationExpiry);
    }

    /// @dev Removes an Active node's vote, floor weight and ballot.
    function _deactivate(uint256 nodeId, NodeRecord storage record) private {
        address nodeOwner = record.owner;
        _removeFromFloor(record.memoryMiB);
        _owners[nodeOwner].activeNodes -= 1;
        _transferVotingUnits(nodeOwner, address(0), 1);
        if (address(_ballots) != address(0)) _ballots.onNodeLeft(nodeId);
    }

    function _addToFloor(uint32 memoryMiB) private {
        Totals memory totals = _totals;
        totals.activeNodes += 1;
        totals.memoryMiB += memoryMiB;
        _totals = totals;
        _histogram.add(memoryMiB);
        _recordFloor(totals.activeNodes);
    }

    function _removeFromFloor(uint32 memoryMiB) private {
        Totals memory totals = _totals;
        totals.activeNodes -= 1;
        totals.memoryMiB -= memoryMiB;
        _totals = totals;
        _histogram.remove(memoryMiB);
        _recordFloor(totals.activeNodes);
    }

    /// @dev Keeps the floor and its history current after the active population changed.
    function _recordFloor(uint256 activeNodes) private {
        uint32 oldFloor = _floorMiB;
        uint32 newFloor = uint32(_histogram.percentileMiB(_floorPercentile, activeNodes));
        if (newFloor == oldFloor) return;
        _floorMiB = newFloor;
        _floorHistory.record(_floorWindow, oldFloor, newFloor);
        emit FloorChanged(oldFloor, newFloor);
    }

    /// @dev A device is held by the node of its last claim while that node still holds a bond (Pending, Active,
    /// Lapsed, or Exiting: an exiting node may still be challenged, and must be able to answer with its devices)
    /// and the claim is of the node's current generation.
    function _claimHolds(uint256 claim) private view returns (bool) {
        if (claim == 0) return false;
        NodeRecord storage holder = _nodes[uint48(claim)];
        NodeStatus status = holder.status;
        bool live =
            status == NodeStatus.Pending ||
                status == NodeStatus.Active ||
                status == NodeStatus.Lapsed ||
                status == NodeStatus.Exiting;
        return live && holder.generation == uint16(claim >> 48);
    }

    function _claimDevices(bytes32[] memory deviceIds, uint256 nodeId, uint16 generation) private {
        uint256 claim = nodeId | (uint256(generation) << 48);
        for (uint256 i = 0; i < deviceIds.length; ++i) {
            bytes32 deviceId = deviceIds[i];
            uint256 previous = _deviceClaims[deviceId];
            // The node's own previous claims are of an older generation: it takes them again.
            if (uint48(previous) != nodeId && _claimHolds(previous)) {
                revert ComputeRegistryDeviceInUse(deviceId, uint48(previous));
            }
            _deviceClaims[deviceId] = claim;
        }
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
    function _appendOwnerNode(address owner_, uint256 nodeId) private {
        OwnerRecord memory ownerRecord = _owners[owner_];
        uint256 index = ownerRecord.nodeCount;
        if (index < _INLINE_IDS) {
            ownerRecord.firstNodeIds |= uint144(nodeId << (48 * index));
        } else {
            uint256 paged = index - _INLINE_IDS;
            _ownerNodePages[owner_][paged / _IDS_PER_PAGE] |= nodeId << (48 * (paged % _IDS_PER_PAGE));
        }
        ownerRecord.nodeCount += 1;
        _owners[owner_] = ownerRecord;
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

    function _caps() private view returns (IHardwareAttestations.Caps memory) {
        return IHardwareAttestations.Caps(_params.maxDevicesPerNode, _params.maxNodeMemoryMiB);
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

    function _requireNoChallenge(uint256 nodeId) private view {
        if (_challenges.isChallenged(nodeId)) revert ComputeRegistryChallengeOpen(nodeId);
    }

    function _onlyChallenges() private view {
        if (msg.sender != address(_challenges)) revert ComputeRegistryNotChallenges(msg.sender);
    }

    /// @dev The node's two packed words ({NodeWords}: the storage layout of NodeRecord) and its attestation UID.
    function _words(NodeRecord storage r) private view returns (uint256 word1, uint256 word2, bytes32 uid) {
        word1 =
            uint256(uint160(r.owner)) |
            (uint256(r.memoryMiB) << 160) |
            (uint256(r.status) << 192) |
            (uint256(r.lineCount) << 200) |
            (uint256(r.attesterId) << 208) |
            (uint256(r.attestationExpiry) << 224);
        word2 =
            uint256(r.bondGwei) |
            (uint256(r.generation) << 48) |
            (uint256(r.readyAt) << 64) |
            (uint256(r.lines) << 112);
        uid = r.attestationUid;
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

    function _setBond(uint256 bondBase, uint256 bondPerGiB) private {
        _checkBounds(bondBase, MIN_BOND_BASE, MAX_BOND_BASE);
        _checkBounds(bondPerGiB, 0, MAX_BOND_PER_GIB);
        // Bonds are stored in gwei so that a node fits in three storage words.
        _requireWholeGwei(bondBase);
        _requireWholeGwei(bondPerGiB);
        emit BondUpdated(_params.bondBase, bondBase, _params.bondPerGiB, bondPerGiB);
        _params.bondBase = uint96(bondBase);
        _params.bondPerGiB = uint96(bondPerGiB);
    }

    function _setKeeperFee(uint256 fee) private {
        _checkBounds(fee, 0, MAX_KEEPER_FEE);
        // Taken from bonds stored in gwei.
        _requireWholeGwei(fee);
        emit KeeperFeeUpdated(_params.keeperFee, fee);
        _params.keeperFee = uint96(fee);
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
        _params.unbondingPeriod = uint32(newPeriod);
    }

    function _requireWholeGwei(uint256 value) private pure {
        if (value % 1 gwei != 0) revert ComputeRegistryBondNotWholeGwei(value);
    }

    function _checkBounds(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ComputeRegistryParameterOutOfBounds(value, min, max);
    }
}
