// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title INodeVeto
/// @notice A veto without a king: while a passed proposal waits in the timelock, the nodes counted at its
/// snapshot may veto it with the same votes; a third of those votes cancels it in the timelock. The contract
/// holds the timelock's CANCELLER role and nothing else; no address holds the power, a minority of real rigs
/// does (THREATS.md §0, "no veto once queued").
interface INodeVeto {
    /// @notice Emitted when a node owner vetoes a queued proposal with its snapshot votes.
    /// @param proposalId The proposal.
    /// @param voter Who vetoed.
    /// @param weight The voter's votes at the proposal's snapshot.
    /// @param vetoVotes All veto votes so far.
    /// @param threshold Veto votes that cancel the proposal.
    event VetoCast(
        uint256 indexed proposalId,
        address indexed voter,
        uint256 weight,
        uint256 vetoVotes,
        uint256 threshold
    );
    /// @notice Emitted when veto votes reach the threshold and the proposal is canceled in the timelock.
    /// @param proposalId The proposal.
    /// @param vetoVotes The veto votes.
    event ProposalVetoed(uint256 indexed proposalId, uint256 vetoVotes);

    /// @notice The veto is open only while a proposal waits in the timelock (Queued).
    /// @param proposalId The proposal.
    /// @param state Its state (IGovernor.ProposalState).
    error NodeVetoNotOpen(uint256 proposalId, uint8 state);
    /// @notice This voter already vetoed this proposal.
    /// @param proposalId The proposal.
    /// @param voter The voter.
    error NodeVetoAlreadyVetoed(uint256 proposalId, address voter);
    /// @notice The voter had no votes at the proposal's snapshot.
    /// @param proposalId The proposal.
    /// @param voter The voter.
    error NodeVetoNoWeight(uint256 proposalId, address voter);

    /// @notice Vetoes a queued proposal with the caller's votes at its snapshot. When veto votes reach
    /// `vetoThreshold`, the proposal's timelock operation is canceled: it can never execute.
    /// @param proposalId The proposal.
    /// @return weight The votes the caller vetoed with.
    function veto(uint256 proposalId) external returns (uint256 weight);

    /// @notice Veto votes that cancel `proposalId`: a third of the votes at its snapshot, rounded up, at least 1.
    /// @param proposalId The proposal.
    /// @return The threshold.
    function vetoThreshold(uint256 proposalId) external view returns (uint256);

    /// @notice Veto votes cast on `proposalId`.
    /// @param proposalId The proposal.
    /// @return The votes.
    function vetoVotes(uint256 proposalId) external view returns (uint256);

    /// @notice Whether `account` vetoed `proposalId`.
    /// @param proposalId The proposal.
    /// @param account The account.
    /// @return True when it did.
    function hasVetoed(uint256 proposalId, address account) external view returns (bool);

    /// @notice The governor whose proposals this contract vetoes.
    /// @return Its address.
    function governor() external view returns (address);
}
