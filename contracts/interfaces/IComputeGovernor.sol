// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IComputeGovernor
/// @notice What ComputeGovernor adds to OpenZeppelin's Governor: a fence of (target, selector) pairs fixed at
/// deployment, bounded settings with a pipeline that always fits inside the unbonding period, an absolute
/// minimum quorum, an execution window, compact proposal storage with sequential ids, and the vote lock that
/// keeps exiting bonds in place until the proposals they weighed in have run their course. The veto by a third
/// of the nodes is its own contract ({INodeVeto}), a canceller on the timelock.
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
    /// @notice Voting delay + voting period + late-quorum extension + timelock delay + challenge window would
    /// not fit inside the registry's unbonding period: a bond could leave before the proposals it voted on had
    /// run, or before a challenge of it could be resolved.
    /// @param pipeline The sum, in seconds.
    /// @param unbondingPeriod The unbonding period, in seconds.
    error ComputeGovernorPipelineTooLong(uint256 pipeline, uint256 unbondingPeriod);
    /// @notice A deployment floor is zero or above its upper bound.
    error ComputeGovernorInvalidFloors();
    /// @notice A call to a function the governor disables (`relay`).
    /// @param selector The function.
    error ComputeGovernorDisabled(bytes4 selector);

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

    /// @notice Voting delay + voting period + late-quorum extension + timelock delay + the challenge window, in
    /// seconds: from proposing to the earliest execution, and a challenge of a voter after that. Always at most
    /// the unbonding period.
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
