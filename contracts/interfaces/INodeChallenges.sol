// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IHardwareAttestations} from "./IHardwareAttestations.sol";

/// @title INodeChallenges
/// @notice Optimistic verification of nodes: anyone may challenge a node with a deposit; its owner answers
/// within the window with a fresh attestation of the same devices from another attester, or the node is
/// slashed: half its bond to the challenger, half burned. A failed challenge's deposit goes to the owner.
/// Payouts are credited and claimed (a receiver that refuses ETH can stall nobody but itself).
interface INodeChallenges {
    /// @notice An open challenge.
    /// @param challenger Who challenged.
    /// @param deadline Last second the owner may answer.
    /// @param deposit The challenger's deposit, in wei.
    struct Challenge {
        address challenger;
        uint48 deadline;
        uint96 deposit;
    }

    /// @notice Emitted when a node is challenged.
    /// @param nodeId The node.
    /// @param challenger Who challenged.
    /// @param deposit The challenger's deposit, in wei.
    /// @param deadline Last second the owner may answer.
    event NodeChallenged(uint256 indexed nodeId, address indexed challenger, uint256 deposit, uint48 deadline);
    /// @notice Emitted when an owner answers a challenge with a fresh attestation from another attester.
    /// @param nodeId The node.
    /// @param owner Its owner, credited with the challenger's deposit.
    /// @param attesterId The new attester.
    /// @param attestationUid The new attestation's UID.
    /// @param deposit The deposit credited to the owner, in wei.
    event ChallengeAnswered(
        uint256 indexed nodeId,
        address indexed owner,
        uint16 attesterId,
        bytes32 attestationUid,
        uint256 deposit
    );
    /// @notice Emitted when an unanswered challenge is resolved and the node slashed.
    /// @param nodeId The node.
    /// @param challenger The challenger, credited with its deposit and half the bond.
    /// @param toChallenger Half the bond, in wei (besides the deposit).
    /// @param burned The other half, in wei, sent to `BURN_ADDRESS`.
    event ChallengeResolved(uint256 indexed nodeId, address indexed challenger, uint256 toChallenger, uint256 burned);
    /// @notice Emitted when credited ETH is claimed.
    /// @param account Who claimed.
    /// @param amount In wei.
    event CreditClaimed(address indexed account, uint256 amount);
    /// @notice Emitted once, when the registry is bound.
    /// @param registry The registry.
    event RegistryBound(address indexed registry);
    /// @notice Emitted when the challenge deposit changes.
    /// @param oldDeposit Before, in wei.
    /// @param newDeposit After.
    event ChallengeDepositUpdated(uint256 oldDeposit, uint256 newDeposit);
    /// @notice Emitted when the challenge window changes.
    /// @param oldWindow Before, in seconds.
    /// @param newWindow After.
    event ChallengeWindowUpdated(uint256 oldWindow, uint256 newWindow);

    /// @notice `msg.value` is not the challenge deposit.
    /// @param sent What was sent, in wei.
    /// @param required The deposit, in wei.
    error NodeChallengesWrongDeposit(uint256 sent, uint256 required);
    /// @notice The node holds no bond to challenge (unknown, withdrawn or slashed).
    /// @param nodeId The node.
    error NodeChallengesNothingToChallenge(uint256 nodeId);
    /// @notice The owner may not challenge its own node.
    /// @param nodeId The node.
    error NodeChallengesOwnNode(uint256 nodeId);
    /// @notice The node has an open challenge already.
    /// @param nodeId The node.
    /// @param deadline Its deadline.
    error NodeChallengesAlreadyChallenged(uint256 nodeId, uint256 deadline);
    /// @notice The node has no open challenge.
    /// @param nodeId The node.
    error NodeChallengesNoChallenge(uint256 nodeId);
    /// @notice Only the node's owner may answer.
    /// @param nodeId The node.
    /// @param caller The caller.
    error NodeChallengesNotNodeOwner(uint256 nodeId, address caller);
    /// @notice The answer came after the deadline.
    /// @param nodeId The node.
    /// @param deadline The deadline.
    error NodeChallengesExpired(uint256 nodeId, uint256 deadline);
    /// @notice The challenge may be resolved only after its deadline.
    /// @param nodeId The node.
    /// @param deadline The deadline.
    error NodeChallengesNotExpired(uint256 nodeId, uint256 deadline);
    /// @notice A challenge must be answered by another attester than the node's.
    /// @param nodeId The node.
    /// @param attesterId The node's attester.
    error NodeChallengesSameAttester(uint256 nodeId, uint16 attesterId);
    /// @notice The answering attestation does not attest the node's devices.
    /// @param nodeId The node.
    error NodeChallengesDevicesDiffer(uint256 nodeId);
    /// @notice Nothing is credited to the caller.
    /// @param account The caller.
    error NodeChallengesNoCredit(address account);
    /// @notice Only the deployer binds, once, a registry that names this contract as its challenges.
    /// @param registry The address given.
    error NodeChallengesCannotBind(address registry);
    /// @notice Only the registry may send slashed bonds here.
    /// @param caller The caller.
    error NodeChallengesNotRegistry(address caller);
    /// @notice A governed parameter is out of its bounds.
    /// @param value The value given.
    /// @param min The lowest allowed.
    /// @param max The highest allowed.
    error NodeChallengesParameterOutOfBounds(uint256 value, uint256 min, uint256 max);

    /// @notice Challenges a node that still holds a bond (Pending, Active, Exiting or Lapsed), with `msg.value`
    /// equal to `deposit()`. Anyone but its owner may.
    /// @param nodeId The node.
    function challenge(uint256 nodeId) external payable;

    /// @notice Answers a challenge with a fresh attestation of the node's devices (the same lines and device
    /// ids) from another active attester; the node takes it, and the deposit is credited to the owner.
    /// Owner only, until the deadline.
    /// @param nodeId The node.
    /// @param attestation The fresh attestation.
    /// @param attester Who signed it; not the node's attester.
    /// @param signature Its signature.
    function answer(
        uint256 nodeId,
        IHardwareAttestations.OffchainAttestation calldata attestation,
        address attester,
        bytes calldata signature
    ) external;

    /// @notice Resolves an unanswered challenge after its deadline: the registry slashes the node (its vote and
    /// floor weight leave), the challenger is credited its deposit and half the bond, the rest is burned.
    /// Anyone may call. No address governance controls ever receives slashed ETH.
    /// @param nodeId The node.
    function resolve(uint256 nodeId) external;

    /// @notice Pays out what challenges credited to the caller.
    /// @return amount In wei.
    function claimCredit() external returns (uint256 amount);

    /// @notice Binds the registry, once: the deployer only (so no one can squat the binding before the
    /// deployment's own), and only a registry that names this contract as its challenges.
    /// @param registry_ The registry.
    function bindRegistry(address registry_) external;

    /// @notice Sets the challenge deposit. Admin (timelock) only; `MIN_DEPOSIT..MAX_DEPOSIT`.
    /// @param deposit_ In wei.
    function setDeposit(uint256 deposit_) external;

    /// @notice Sets the challenge window. Admin (timelock) only; `minWindow()..MAX_WINDOW`. The governor keeps
    /// it inside the unbonding period, with the rest of the pipeline.
    /// @param window_ In seconds.
    function setWindow(uint256 window_) external;

    /// @notice The open challenge of a node (zero challenger when none).
    /// @param nodeId The node.
    /// @return The challenge.
    function challengeOf(uint256 nodeId) external view returns (Challenge memory);

    /// @notice Whether a node has an open challenge (its bond cannot be withdrawn then).
    /// @param nodeId The node.
    /// @return True when it has.
    function isChallenged(uint256 nodeId) external view returns (bool);

    /// @notice What challenges credited to `account`.
    /// @param account The account.
    /// @return In wei.
    function creditOf(address account) external view returns (uint256);

    /// @notice Deposits held plus credits not yet claimed, in wei.
    /// @return The sum.
    function totalOwed() external view returns (uint256);

    /// @notice The challenge deposit, in wei.
    /// @return The deposit.
    function deposit() external view returns (uint256);

    /// @notice Seconds an owner has to answer a challenge.
    /// @return The window.
    function window() external view returns (uint256);

    /// @notice The floor under `window`, fixed at deployment.
    /// @return In seconds.
    function minWindow() external view returns (uint256);

    /// @notice The registry (zero before `bindRegistry`).
    /// @return Its address.
    function registry() external view returns (address);
}
