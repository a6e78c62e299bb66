// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IComputeGovernor
/// @notice What ComputeGovernor adds to OpenZeppelin's Governor: a fence of (target, selector) pairs fixed at
/// deployment, bounded settings with a pipeline that always fits inside the unbonding period, an absolute
/// minimum quorum, a veto by a third of the nodes, compact proposal storage with sequential ids, and the vote
/// lock that keeps exiting bonds in place until the proposals they weighed in have run their course.
interface IComputeGovernor {
    /// @notice Deployment-time settings.
    /// @param votingDelay Seconds between proposing and the vote snapshot.
    /// @param votingPeriod Seconds the vote lasts.
    /// @param proposalThreshold Votes (active nodes) needed to propose.
    /// @param quorumNumerator Quorum as a percentage of the votes at the snapshot.
    /// @param voteExtension Seconds a vote is extended when quorum is reached late.
    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumNumerator;
        uint48 voteExtension;
    }

    /// @notice The lower bounds of the timed settings and the absolute quorum, fixed at deployment (public
    /// networks: hours and days; a local chain: seconds). The upper bounds are constants of the contract.
    /// @param minVotingDelay Lowest voting delay, in seconds.
    /// @param minVotingPeriod Lowest voting period, in seconds.
    /// @param minVoteExtension Lowest late-quorum extension, in seconds.
    /// @param minTimelockDelay Lowest timelock delay, in seconds.
    /// @param minQuorumVotes Fewest votes that make a quorum, whatever the fraction says.
    struct Floors {
        uint48 minVotingDelay;
        uint32 minVotingPeriod;
        uint48 minVoteExtension;
        uint48 minTimelockDelay;
        uint32 minQuorumVotes;
    }

    /// @notice One call a proposal may make.
    /// @param target The contract.
    /// @param selector The function.
    struct AllowedCall {
        address target;
        bytes4 selector;
    }

    /// @notice One action of a stored proposal, without its calldata (see `proposalDetails`).
    /// @param target The contract called.
    /// @param selector The function called.
    /// @param calldataLength Length of the calldata, in bytes.
    struct ActionSummary {
        address target;
        bytes4 selector;
        uint32 calldataLength;
    }

    /// @notice Emitted when a node owner vetoes a passed proposal with its snapshot votes.
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
    /// @notice Emitted when veto votes reach the threshold and the proposal is canceled.
    /// @param proposalId The proposal.
    /// @param vetoVotes The veto votes.
    event ProposalVetoed(uint256 indexed proposalId, uint256 vetoVotes);

    /// @notice A proposal calls a (target, selector) pair outside the fence, or a call with no selector.
    /// @param index The action.
    /// @param target The address.
    /// @param selector The function selector.
    error ComputeGovernorCallNotAllowed(uint256 index, address target, bytes4 selector);
    /// @notice A proposal sends ETH.
    /// @param index The action.
    /// @param value The wei it sends.
    error ComputeGovernorValueNotAllowed(uint256 index, uint256 value);
    /// @notice A proposal holds more than `MAX_ACTIONS` calls.
    /// @param actions Calls in it.
    /// @param maxActions The limit.
    error ComputeGovernorTooManyActions(uint256 actions, uint256 maxActions);
    /// @notice The proposer already has `MAX_OPEN_PROPOSALS` proposals pending or in their vote.
    /// @param proposer The proposer.
    /// @param maxOpen The limit.
    error ComputeGovernorTooManyOpenProposals(address proposer, uint256 maxOpen);
    /// @notice A governed setting is outside its bounds.
    /// @param setter The selector of the setting's setter (e.g. `setVotingDelay(uint48)`).
    /// @param value The value given.
    /// @param min The lowest allowed.
    /// @param max The highest allowed.
    error ComputeGovernorSettingOutOfBounds(bytes4 setter, uint256 value, uint256 min, uint256 max);
    /// @notice Voting delay + period + late-quorum extension + timelock delay would not fit inside the
    /// registry's unbonding period, so a bond could leave before the proposals it voted on had run.
    /// @param pipeline The sum, in seconds.
    /// @param unbondingPeriod The unbonding period, in seconds.
    error ComputeGovernorPipelineTooLong(uint256 pipeline, uint256 unbondingPeriod);
    /// @notice A deployment floor is zero or above its upper bound.
    error ComputeGovernorInvalidFloors();
    /// @notice The veto is open only after a proposal passed and before it executes (Succeeded or Queued).
    /// @param proposalId The proposal.
    /// @param state Its state (IGovernor.ProposalState).
    error ComputeGovernorVetoNotOpen(uint256 proposalId, uint8 state);
    /// @notice This voter already vetoed this proposal.
    /// @param proposalId The proposal.
    /// @param voter The voter.
    error ComputeGovernorAlreadyVetoed(uint256 proposalId, address voter);
    /// @notice The voter had no votes at the proposal's snapshot.
    /// @param proposalId The proposal.
    /// @param voter The voter.
    error ComputeGovernorNoVetoWeight(uint256 proposalId, address voter);
    /// @notice A call to a function the governor disables (`relay`, `updateTimelock`).
    /// @param selector The function.
    error ComputeGovernorDisabled(bytes4 selector);

    /// @notice Vetoes a proposal that passed but has not executed, with the caller's votes at its snapshot.
    /// When veto votes reach `vetoThreshold`, the proposal is canceled (in the timelock too). A third of the
    /// nodes can stop what a majority passed; no address holds that power alone.
    /// @param proposalId The proposal.
    /// @return weight The votes the caller vetoed with.
    function veto(uint256 proposalId) external returns (uint256 weight);

    /// @notice Veto votes that cancel `proposalId`: a third of the votes at its snapshot, rounded up.
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

    /// @notice Whether proposals may call `selector` on `target`.
    /// @param target The contract.
    /// @param selector The function.
    /// @return True when allowed.
    function isAllowedCall(address target, bytes4 selector) external view returns (bool);

    /// @notice Every (target, selector) pair proposals may call, fixed at deployment.
    /// @return calls The pairs.
    function allowedCalls() external view returns (AllowedCall[] memory calls);

    /// @notice The lower bounds fixed at deployment.
    /// @return The floors.
    function floors() external view returns (Floors memory);

    /// @notice Fewest votes that make a quorum, beside the fraction.
    /// @return The votes.
    function minQuorumVotes() external view returns (uint256);

    /// @notice Voting delay + voting period + late-quorum extension + timelock delay, in seconds: how long a
    /// proposal takes from proposing to the earliest execution. Always at most the unbonding period.
    /// @return The sum.
    function pipelineLength() external view returns (uint256);

    /// @notice When bonds exiting now may leave, at the earliest: the latest vote end of the proposals created
    /// so far (with their late-quorum extension), plus the timelock delay. The registry reads it at exit.
    /// @return A timestamp (0 before the first proposal).
    function voteLockEnd() external view returns (uint256);

    /// @notice Number of proposals ever created. Ids run from 1 to `proposalCount()`.
    /// @return The count.
    function proposalCount() external view returns (uint256);

    /// @notice A proposal's actions without their calldata, and its OpenZeppelin hash (`hashProposal` of its
    /// targets, zero values, calldatas and description hash), to check calldata fetched with
    /// `proposalDetails`. Gas grows with the number of actions, never with the calldata size.
    /// @param proposalId The proposal.
    /// @return actions The actions.
    /// @return proposalHash The hash.
    function proposalActions(
        uint256 proposalId
    ) external view returns (ActionSummary[] memory actions, uint256 proposalHash);

    /// @notice A proposal's full actions (values are always zero) and description hash.
    /// @param proposalId The proposal.
    /// @return targets The contracts called.
    /// @return values The wei sent: all zero.
    /// @return calldatas The calls.
    /// @return descriptionHash keccak256 of the description.
    function proposalDetails(
        uint256 proposalId
    )
        external
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash);

    /// @notice Queues a passed proposal by id. Anyone may.
    /// @param proposalId The proposal.
    function queue(uint256 proposalId) external;

    /// @notice Executes a queued proposal by id once its timelock delay is over. Anyone may.
    /// @param proposalId The proposal.
    function execute(uint256 proposalId) external payable;

    /// @notice Cancels a proposal by id (its proposer, while Pending).
    /// @param proposalId The proposal.
    function cancel(uint256 proposalId) external;
}
