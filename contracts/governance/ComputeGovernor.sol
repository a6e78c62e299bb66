// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorStorage} from "@openzeppelin/contracts/governance/extensions/GovernorStorage.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ComputeGovernor
/// @notice OpenZeppelin's Governor, composed: one vote per active node from the ComputeRegistry, simple
/// counting, a quorum fraction, a timelock that executes, on-chain proposal enumeration for dapps, and a
/// late-quorum extension. On top, one rule of its own: a proposal may only call the system's own contracts
/// (an allowlist fixed at deployment), send no ETH, and hold at most `MAX_ACTIONS` calls, so a vote can't be
/// turned into an arbitrary call from the timelock (Tornado Cash, 2023; Build Finance, 2022).
contract ComputeGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorStorage,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl,
    GovernorPreventLateQuorum
{
    /// @notice Most calls in one proposal.
    uint256 public constant MAX_ACTIONS = 10;

    /// @notice Constructor settings.
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

    /// @notice A proposal calls an address outside the allowlist.
    /// @param target The address.
    error ComputeGovernorTargetNotAllowed(address target);
    /// @notice A proposal sends ETH.
    /// @param index The action.
    /// @param value The wei it sends.
    error ComputeGovernorValueNotAllowed(uint256 index, uint256 value);
    /// @notice A proposal holds more than `MAX_ACTIONS` calls.
    /// @param actions Calls in it.
    /// @param maxActions The limit.
    error ComputeGovernorTooManyActions(uint256 actions, uint256 maxActions);
    /// @notice A call that would turn a vote into an arbitrary call: `relay` on the governor, or anything but
    /// `updateDelay` on the timelock (e.g. `grantRole`, which could hand PROPOSER_ROLE to anyone).
    /// @param target The address.
    /// @param selector The function selector of the call.
    error ComputeGovernorCallNotAllowed(address target, bytes4 selector);

    mapping(address target => bool allowed) private _allowedTargets;

    /// @param registry The votes source (the ComputeRegistry).
    /// @param timelock The timelock that executes proposals.
    /// @param settings Delay, period, threshold, quorum and late-quorum extension.
    /// @param allowedTargets The contracts proposals may call; the governor and the timelock are added.
    constructor(
        IVotes registry,
        TimelockController timelock,
        Settings memory settings,
        address[] memory allowedTargets
    )
        Governor("ComputeGovernor")
        GovernorSettings(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold)
        GovernorVotes(registry)
        GovernorVotesQuorumFraction(settings.quorumNumerator)
        GovernorTimelockControl(timelock)
        GovernorPreventLateQuorum(settings.voteExtension)
    {
        _allowedTargets[address(this)] = true;
        _allowedTargets[address(timelock)] = true;
        for (uint256 i = 0; i < allowedTargets.length; ++i) {
            _allowedTargets[allowedTargets[i]] = true;
        }
    }

    /// @notice Whether proposals may call `target`.
    /// @param target The address.
    /// @return True when allowed.
    function isAllowedTarget(address target) external view returns (bool) {
        return _allowedTargets[target];
    }

    /// @notice Disabled: the governor holds PROPOSER_ROLE on the timelock, so `relay` would let any executor
    /// (the timelock, or one set by `updateTimelock`) schedule calls to addresses outside the allowlist.
    function relay(address, uint256, bytes calldata) public payable override {
        revert ComputeGovernorCallNotAllowed(address(this), this.relay.selector);
    }

    /// @notice Votes needed for a quorum at `timepoint`: the quorum fraction of the votes then, rounded up, and
    /// never less than one. OpenZeppelin rounds down, so 4% of fewer than 25 nodes would be a quorum of zero
    /// (Build Finance, 2022: a takeover needs no turnout when the quorum is nothing).
    /// @param timepoint A past timestamp.
    /// @return The quorum.
    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        uint256 votes = Math.mulDiv(
            token().getPastTotalSupply(timepoint),
            quorumNumerator(timepoint),
            quorumDenominator(),
            Math.Rounding.Ceil
        );
        return votes == 0 ? 1 : votes;
    }

    // --------------------------------------------- Solidity-required overrides

    /// @inheritdoc GovernorSettings
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc GovernorTimelockControl
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc GovernorTimelockControl
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc GovernorPreventLateQuorum
    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, GovernorStorage) returns (uint256) {
        if (targets.length > MAX_ACTIONS) revert ComputeGovernorTooManyActions(targets.length, MAX_ACTIONS);
        address timelock_ = timelock();
        for (uint256 i = 0; i < targets.length; ++i) {
            address target = targets[i];
            if (!_allowedTargets[target]) revert ComputeGovernorTargetNotAllowed(target);
            // The governor and the timelock are allowlisted for their own settings, but `relay` (the governor
            // holds PROPOSER_ROLE) and the timelock's role admin would reach any address through them.
            if (i < calldatas.length) {
                bytes4 selector = bytes4(calldatas[i]);
                if (
                    (target == address(this) && selector == this.relay.selector) ||
                    (target == timelock_ && selector != TimelockController.updateDelay.selector)
                ) revert ComputeGovernorCallNotAllowed(target, selector);
            }
        }
        for (uint256 i = 0; i < values.length; ++i) {
            if (values[i] != 0) revert ComputeGovernorValueNotAllowed(i, values[i]);
        }
        return super._propose(targets, values, calldatas, description, proposer);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
