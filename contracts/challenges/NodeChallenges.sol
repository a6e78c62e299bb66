// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {FixedAdmin} from "../access/FixedAdmin.sol";
import {IComputeRegistry} from "../interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../interfaces/IHardwareAttestations.sol";
import {INodeChallenges} from "../interfaces/INodeChallenges.sol";
import {NodeWords} from "../libraries/NodeWords.sol";

/// @title NodeChallenges
/// @notice Challenges of nodes, their deposits and payouts. See {INodeChallenges}.
contract NodeChallenges is INodeChallenges, FixedAdmin, ReentrancyGuardTransient {
    /// @notice Lower bound for the deposit: challenges cost something.
    uint256 public constant MIN_DEPOSIT = 0.001 ether;
    /// @notice Upper bound for the deposit: anyone can afford to question a fake node.
    uint256 public constant MAX_DEPOSIT = 1 ether;
    /// @notice Upper bound for the window.
    uint256 public constant MAX_WINDOW = 14 days;
    /// @notice Where the burned half of a slashed bond goes: an address nobody controls.
    address public constant BURN_ADDRESS = 0x000000000000000000000000000000000000dEaD;

    uint32 private immutable _minWindow;
    // Who deployed this contract: the one address that may bind the registry, once (no one can squat it).
    address private immutable _deployer;
    IComputeRegistry private _registry;
    uint96 private _deposit;
    uint32 private _window;
    uint96 private _owed;
    mapping(uint256 nodeId => Challenge open) private _challenges;
    mapping(address account => uint256 amount) private _credits;

    /// @param admin_ The admin for good (the timelock in a deployment): sets the bounded deposit and window.
    /// @param deposit_ The starting deposit, in wei.
    /// @param window_ The starting window, in seconds.
    /// @param minWindow_ The floor under the window, fixed for good (public networks: a day, so an owner can
    /// always reach a second attester in time).
    constructor(address admin_, uint256 deposit_, uint256 window_, uint32 minWindow_) FixedAdmin(admin_) {
        if (minWindow_ == 0 || minWindow_ > MAX_WINDOW)
            revert NodeChallengesParameterOutOfBounds(minWindow_, 1, MAX_WINDOW);
        _minWindow = minWindow_;
        _deployer = msg.sender;
        _setDeposit(deposit_);
        _setWindow(window_);
    }

    /// @notice Accepts slashed bonds, from the registry only.
    receive() external payable {
        if (msg.sender != address(_registry)) revert NodeChallengesNotRegistry(msg.sender);
    }

    /// @inheritdoc INodeChallenges
    function challenge(uint256 nodeId) external payable {
        (uint256 word1, , ) = _registry.nodeRecord(nodeId);
        IComputeRegistry.NodeStatus status = NodeWords.status(word1);
        if (
            status != IComputeRegistry.NodeStatus.Pending &&
            status != IComputeRegistry.NodeStatus.Active &&
            status != IComputeRegistry.NodeStatus.Exiting &&
            status != IComputeRegistry.NodeStatus.Lapsed
        ) revert NodeChallengesNothingToChallenge(nodeId);
        if (NodeWords.owner(word1) == msg.sender) revert NodeChallengesOwnNode(nodeId);
        uint48 open = _challenges[nodeId].deadline;
        if (open != 0) revert NodeChallengesAlreadyChallenged(nodeId, open);
        uint96 required = _deposit;
        if (msg.value != required) revert NodeChallengesWrongDeposit(msg.value, required);
        uint48 deadline = Time.timestamp() + _window;
        _challenges[nodeId] = Challenge(msg.sender, deadline, required);
        _owed += required;
        emit NodeChallenged(nodeId, msg.sender, required, deadline);
    }

    /// @inheritdoc INodeChallenges
    function answer(
        uint256 nodeId,
        IHardwareAttestations.OffchainAttestation calldata attestation,
        address attester,
        bytes calldata signature
    ) external {
        Challenge memory open = _openChallenge(nodeId);
        (uint256 word1, uint256 word2, ) = _registry.nodeRecord(nodeId);
        if (NodeWords.owner(word1) != msg.sender) revert NodeChallengesNotNodeOwner(nodeId, msg.sender);
        if (Time.timestamp() > open.deadline) revert NodeChallengesExpired(nodeId, open.deadline);
        // No caps: the answer must list the node's own devices, which fit the caps they were registered under.
        IHardwareAttestations.Attested memory attested = IHardwareAttestations(_registry.attestations()).verify(
            attestation,
            attester,
            signature,
            msg.sender,
            IHardwareAttestations.Caps(type(uint256).max, type(uint256).max)
        );
        // By address, not id: an attester removed and added back (a new id) is still the same attester.
        uint16 nodeAttester = NodeWords.attesterId(word1);
        (address nodeAttesterAccount, ) = IHardwareAttestations(_registry.attestations()).attesterOf(nodeAttester);
        if (attester == nodeAttesterAccount) revert NodeChallengesSameAttester(nodeId, nodeAttester);
        _requireSameDevices(nodeId, word1, word2, attested);

        delete _challenges[nodeId];
        // The deposit stays owed: it moves from the challenge to the owner's credit.
        _credits[msg.sender] += open.deposit;
        _registry.adoptAttestation(nodeId, attested.uid, attested.attesterId, attested.expirationTime);
        emit ChallengeAnswered(nodeId, msg.sender, attested.attesterId, attested.uid, open.deposit);
    }

    /// @inheritdoc INodeChallenges
    function resolve(uint256 nodeId) external nonReentrant {
        Challenge memory open = _openChallenge(nodeId);
        if (Time.timestamp() <= open.deadline) revert NodeChallengesNotExpired(nodeId, open.deadline);
        delete _challenges[nodeId];
        uint256 bond = _registry.slashByChallenge(nodeId);
        uint256 toChallenger = bond / 2;
        uint256 burned = bond - toChallenger;
        // The deposit stays owed, now as the challenger's credit together with half the bond.
        _owed += uint96(toChallenger);
        _credits[open.challenger] += open.deposit + toChallenger;
        emit ChallengeResolved(nodeId, open.challenger, toChallenger, burned);
        if (burned != 0) Address.sendValue(payable(BURN_ADDRESS), burned);
    }

    /// @inheritdoc INodeChallenges
    function claimCredit() external nonReentrant returns (uint256 amount) {
        amount = _credits[msg.sender];
        if (amount == 0) revert NodeChallengesNoCredit(msg.sender);
        _credits[msg.sender] = 0;
        _owed -= uint96(amount);
        emit CreditClaimed(msg.sender, amount);
        Address.sendValue(payable(msg.sender), amount);
    }

    /// @inheritdoc INodeChallenges
    function bindRegistry(address registry_) external {
        if (
            msg.sender != _deployer ||
            address(_registry) != address(0) ||
            IComputeRegistry(registry_).challenges() != address(this)
        ) {
            revert NodeChallengesCannotBind(registry_);
        }
        _registry = IComputeRegistry(registry_);
        emit RegistryBound(registry_);
    }

    /// @inheritdoc INodeChallenges
    function setDeposit(uint256 deposit_) external onlyAdmin {
        _setDeposit(deposit_);
    }

    /// @inheritdoc INodeChallenges
    function setWindow(uint256 window_) external onlyAdmin {
        _setWindow(window_);
    }

    /// @inheritdoc INodeChallenges
    function challengeOf(uint256 nodeId) external view returns (Challenge memory) {
        return _challenges[nodeId];
    }

    /// @inheritdoc INodeChallenges
    function isChallenged(uint256 nodeId) external view returns (bool) {
        return _challenges[nodeId].deadline != 0;
    }

    /// @inheritdoc INodeChallenges
    function creditOf(address account) external view returns (uint256) {
        return _credits[account];
    }

    /// @inheritdoc INodeChallenges
    function totalOwed() external view returns (uint256) {
        return _owed;
    }

    /// @inheritdoc INodeChallenges
    function deposit() external view returns (uint256) {
        return _deposit;
    }

    /// @inheritdoc INodeChallenges
    function window() external view returns (uint256) {
        return _window;
    }

    /// @inheritdoc INodeChallenges
    function minWindow() external view returns (uint256) {
        return _minWindow;
    }

    /// @inheritdoc INodeChallenges
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @dev The answer must attest the node's devices: the same lines, and device ids that the node's current
    /// generation holds (so also the same number of devices).
    function _requireSameDevices(
        uint256 nodeId,
        uint256 word1,
        uint256 word2,
        IHardwareAttestations.Attested memory attested
    ) private view {
        if (attested.lines.length != NodeWords.lineCount(word1) || attested.packedLines != NodeWords.lines(word2))
            revert NodeChallengesDevicesDiffer(nodeId);
        uint256 claim = NodeWords.claim(nodeId, NodeWords.generation(word2));
        for (uint256 i = 0; i < attested.deviceIds.length; ++i) {
            if (_registry.deviceClaimOf(attested.deviceIds[i]) != claim) revert NodeChallengesDevicesDiffer(nodeId);
        }
    }

    function _openChallenge(uint256 nodeId) private view returns (Challenge memory open) {
        open = _challenges[nodeId];
        if (open.challenger == address(0)) revert NodeChallengesNoChallenge(nodeId);
    }

    function _setDeposit(uint256 deposit_) private {
        if (deposit_ < MIN_DEPOSIT || deposit_ > MAX_DEPOSIT) {
            revert NodeChallengesParameterOutOfBounds(deposit_, MIN_DEPOSIT, MAX_DEPOSIT);
        }
        emit ChallengeDepositUpdated(_deposit, deposit_);
        _deposit = uint96(deposit_);
    }

    function _setWindow(uint256 window_) private {
        if (window_ < _minWindow || window_ > MAX_WINDOW) {
            revert NodeChallengesParameterOutOfBounds(window_, _minWindow, MAX_WINDOW);
        }
        emit ChallengeWindowUpdated(_window, window_);
        _window = uint32(window_);
    }
}
