// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorSequentialProposalId} from "@openzeppelin/contracts/governance/extensions/GovernorSequentialProposalId.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IComputeGovernor} from "../interfaces/IComputeGovernor.sol";
import {IComputeRegistry} from "../interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../interfaces/IHardwareAttestations.sol";
import {IHardwareCatalog} from "../interfaces/IHardwareCatalog.sol";
import {IModelClassifier} from "../interfaces/IModelClassifier.sol";
import {IThresholdBallots} from "../interfaces/IThresholdBallots.sol";
import {INodeChallenges} from "../interfaces/INodeChallenges.sol";
import {GovernorCallFence} from "./GovernorCallFence.sol";
import {GovernorCompactStorage} from "./GovernorCompactStorage.sol";

/// @title ComputeGovernor
/// @notice OpenZeppelin's Governor, composed: one vote per active node from the ComputeRegistry, simple
/// counting, a quorum fraction, a timelock that executes, a late-quorum extension. On top, what a majority
/// must not be able to undo (see {IComputeGovernor}): a (target, selector) fence fixed at deployment, bounded
/// settings whose pipeline always fits inside the unbonding period, an absolute minimum quorum, at most
/// `MAX_OPEN_PROPOSALS` open proposals per proposer, and an execution window after which a queued proposal
/// expires instead of waiting in ambush for a guard to give way. The veto by a third of the nodes is
/// {NodeVeto}, a canceller on the timelock.
contract ComputeGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorCompactStorage,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl,
    GovernorPreventLateQuorum,
    GovernorCallFence
{
    /// @notice Most proposals one proposer may have pending or in their vote at once.
    uint256 public constant MAX_OPEN_PROPOSALS = 3;
    /// @notice Seconds after its ETA in which a queued proposal may execute; later it is Expired.
    uint256 public constant EXECUTION_WINDOW = 14 days;
    /// @notice Upper bound for the voting delay.
    uint256 public constant MAX_VOTING_DELAY = 14 days;
    /// @notice Upper bound for the voting period.
    uint256 public constant MAX_VOTING_PERIOD = 30 days;
    /// @notice Upper bound for the late-quorum extension.
    uint256 public constant MAX_VOTE_EXTENSION = 7 days;
    /// @notice Upper bound for the timelock delay.
    uint256 public constant MAX_TIMELOCK_DELAY = 30 days;
    /// @notice Lower bound for the quorum numerator, in percent.
    uint256 public constant MIN_QUORUM_NUMERATOR = 2;
    /// @notice Upper bound for the quorum numerator, in percent: a majority may not demand a turnout that
    /// nobody reaches.
    uint256 public constant MAX_QUORUM_NUMERATOR = 50;
    /// @notice Lower bound for the proposal threshold, in votes.
    uint256 public constant MIN_PROPOSAL_THRESHOLD = 1;
    /// @notice Upper bound for the proposal threshold: a handful of rigs can always propose.
    uint256 public constant MAX_PROPOSAL_THRESHOLD = 10;
    /// @notice Upper bound for the absolute minimum quorum fixed at deployment.
    uint256 public constant MAX_MIN_QUORUM_VOTES = 100;

    IComputeRegistry private immutable _registry;
    uint48 private immutable _minVotingDelay;
    uint32 private immutable _minVotingPeriod;
    uint48 private immutable _minVoteExtension;
    uint48 private immutable _minTimelockDelay;
    uint32 private immutable _minQuorumVotes;

    // Up to MAX_OPEN_PROPOSALS ids (uint64 each) of the proposer's latest proposals.
    mapping(address proposer => uint256 ids) private _recentProposals;

    /// @param registry_ The votes source (the ComputeRegistry); its unbonding period bounds the pipeline.
    /// @param timelock_ The timelock that executes proposals.
    /// @param classifier_ The model classifier, for the fence (the catalog, attester set and challenges come
    /// from the registry).
    /// @param settings Delay, period, threshold, quorum and late-quorum extension, each within its bounds.
    /// @param floors_ The lower bounds of the timed settings and the absolute minimum quorum, for good.
    constructor(
        IComputeRegistry registry_,
        TimelockController timelock_,
        IModelClassifier classifier_,
        Settings memory settings,
        Floors memory floors_
    )
        Governor("ComputeGovernor")
        GovernorSettings(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold)
        GovernorVotes(IVotes(address(registry_)))
        GovernorVotesQuorumFraction(settings.quorumNumerator)
        GovernorTimelockControl(timelock_)
        GovernorPreventLateQuorum(settings.voteExtension)
    {
        if (
            floors_.minVotingDelay == 0 ||
            floors_.minVotingDelay > MAX_VOTING_DELAY ||
            floors_.minVotingPeriod == 0 ||
            floors_.minVotingPeriod > MAX_VOTING_PERIOD ||
            floors_.minVoteExtension == 0 ||
            floors_.minVoteExtension > MAX_VOTE_EXTENSION ||
            floors_.minTimelockDelay == 0 ||
            floors_.minTimelockDelay > MAX_TIMELOCK_DELAY ||
            floors_.minQuorumVotes == 0 ||
            floors_.minQuorumVotes > MAX_MIN_QUORUM_VOTES
        ) revert ComputeGovernorInvalidFloors();
        _registry = registry_;
        _minVotingDelay = floors_.minVotingDelay;
        _minVotingPeriod = floors_.minVotingPeriod;
        _minVoteExtension = floors_.minVoteExtension;
        _minTimelockDelay = floors_.minTimelockDelay;
        _minQuorumVotes = floors_.minQuorumVotes;
        // The base constructors set the settings before the floors existed: check them again now.
        _checkSetting(GovernorSettings.setVotingDelay.selector, votingDelay(), _minVotingDelay, MAX_VOTING_DELAY);
        _checkSetting(GovernorSettings.setVotingPeriod.selector, votingPeriod(), _minVotingPeriod, MAX_VOTING_PERIOD);
        _checkSetting(
            GovernorPreventLateQuorum.setLateQuorumVoteExtension.selector,
            lateQuorumVoteExtension(),
            _minVoteExtension,
            MAX_VOTE_EXTENSION
        );
        _checkGovernedValues();

        address catalog = registry_.catalog();
        _allowCall(catalog, IHardwareCatalog.addSku.selector);
        _allowCall(catalog, IHardwareCatalog.deprecateSku.selector);
        _allowCall(address(registry_), IComputeRegistry.setBond.selector);
        _allowCall(address(registry_), IComputeRegistry.setKeeperFee.selector);
        _allowCall(address(registry_), IComputeRegistry.setMaxDevicesPerNode.selector);
        _allowCall(address(registry_), IComputeRegistry.setMaxNodeMemoryMiB.selector);
        _allowCall(address(registry_), IComputeRegistry.setUnbondingPeriod.selector);
        address attestations = registry_.attestations();
        _allowCall(attestations, IHardwareAttestations.addAttester.selector);
        _allowCall(attestations, IHardwareAttestations.removeAttester.selector);
        address challenges = registry_.challenges();
        _allowCall(challenges, INodeChallenges.setDeposit.selector);
        _allowCall(challenges, INodeChallenges.setWindow.selector);
        _allowCall(address(classifier_), IModelClassifier.setThresholds.selector);
        address ballots = classifier_.ballots();
        if (ballots != address(0)) {
            _allowCall(address(classifier_), IModelClassifier.setThresholdAuthority.selector);
            _allowCall(ballots, IThresholdBallots.setBallotLifetime.selector);
        }
        _allowCall(address(this), GovernorSettings.setVotingDelay.selector);
        _allowCall(address(this), GovernorSettings.setVotingPeriod.selector);
        _allowCall(address(this), GovernorSettings.setProposalThreshold.selector);
        _allowCall(address(this), GovernorVotesQuorumFraction.updateQuorumNumerator.selector);
        _allowCall(address(this), GovernorPreventLateQuorum.setLateQuorumVoteExtension.selector);
        _allowCall(address(timelock_), TimelockController.updateDelay.selector);
    }

    // ------------------------------------------------------------------ bounds

    /// @inheritdoc IComputeGovernor
    function floors() external view returns (Floors memory) {
        return Floors(_minVotingDelay, _minVotingPeriod, _minVoteExtension, _minTimelockDelay, _minQuorumVotes);
    }

    /// @inheritdoc IComputeGovernor
    function pipelineLength() public view returns (uint256) {
        return
            votingDelay() +
            votingPeriod() +
            lateQuorumVoteExtension() +
            TimelockController(payable(timelock())).getMinDelay() +
            INodeChallenges(_registry.challenges()).window();
    }

    /// @inheritdoc IComputeGovernor
    function voteLockEnd() external view returns (uint256) {
        uint256 latest = _latestProposalVoteEnd();
        return latest == 0 ? 0 : latest + TimelockController(payable(timelock())).getMinDelay();
    }

    /// @notice Votes needed for a quorum at `timepoint`: the quorum fraction of the votes then, rounded up, and
    /// never less than the absolute minimum fixed at deployment (Build Finance, 2022: a takeover needs no
    /// turnout when the quorum is nothing; THREATS.md §0, "young network": one node among 20 idle ones).
    /// @param timepoint A past timestamp.
    /// @return The quorum.
    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        uint256 votes = Math.mulDiv(
            token().getPastTotalSupply(timepoint),
            quorumNumerator(timepoint),
            quorumDenominator(),
            Math.Rounding.Ceil
        );
        return Math.max(votes, _minQuorumVotes);
    }

    /// @notice Disabled: the governor holds PROPOSER_ROLE on the timelock, so `relay` would let a proposal
    /// schedule calls outside the fence (the fence refuses it in proposals too).
    function relay(address, uint256, bytes calldata) public payable override {
        revert ComputeGovernorDisabled(Governor.relay.selector);
    }

    // ------------------------------------------------------------------ state

    /// @notice OpenZeppelin's state machine with one more exit: a queued proposal not executed within
    /// `EXECUTION_WINDOW` after its ETA is Expired, and can no longer execute.
    /// @param proposalId The proposal.
    /// @return The state.
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        ProposalState current = super.state(proposalId);
        if (current == ProposalState.Queued && block.timestamp > proposalEta(proposalId) + EXECUTION_WINDOW) {
            return ProposalState.Expired;
        }
        return current;
    }

    // ------------------------------------------------------------------ internals

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, GovernorCompactStorage) returns (uint256 proposalId) {
        _checkActions(targets, values, calldatas);
        uint256 slot = _freeProposalSlot(proposer);
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        uint256 shift = 64 * slot;
        _recentProposals[proposer] =
            (_recentProposals[proposer] & ~(uint256(type(uint64).max) << shift)) | (proposalId << shift);
    }

    /// @dev A slot of the proposer's recent proposals whose proposal is no longer pending or in its vote.
    function _freeProposalSlot(address proposer) private view returns (uint256) {
        uint256 ids = _recentProposals[proposer];
        uint48 now_ = clock();
        for (uint256 slot = 0; slot < MAX_OPEN_PROPOSALS; ++slot) {
            uint256 id = uint64(ids >> (64 * slot));
            if (id == 0 || proposalDeadline(id) < now_) return slot;
            ProposalState current = state(id);
            if (current != ProposalState.Pending && current != ProposalState.Active) return slot;
        }
        revert ComputeGovernorTooManyOpenProposals(proposer, MAX_OPEN_PROPOSALS);
    }

    /// @dev After every execution (and at deployment): the timelock delay is within its bounds and the whole
    /// pipeline fits inside the unbonding period, whatever the proposal changed and in whatever order.
    function _checkGovernedValues() private view {
        uint256 timelockDelay = TimelockController(payable(timelock())).getMinDelay();
        _checkSetting(TimelockController.updateDelay.selector, timelockDelay, _minTimelockDelay, MAX_TIMELOCK_DELAY);
        uint256 pipeline = pipelineLength();
        uint256 unbonding = _registry.unbondingPeriod();
        if (pipeline > unbonding) revert ComputeGovernorPipelineTooLong(pipeline, unbonding);
    }

    function _checkSetting(bytes4 setter, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ComputeGovernorSettingOutOfBounds(setter, value, min, max);
    }

    function _setVotingDelay(uint48 newVotingDelay) internal override {
        _checkSetting(GovernorSettings.setVotingDelay.selector, newVotingDelay, _minVotingDelay, MAX_VOTING_DELAY);
        super._setVotingDelay(newVotingDelay);
    }

    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        _checkSetting(GovernorSettings.setVotingPeriod.selector, newVotingPeriod, _minVotingPeriod, MAX_VOTING_PERIOD);
        super._setVotingPeriod(newVotingPeriod);
    }

    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        _checkSetting(
            GovernorSettings.setProposalThreshold.selector,
            newProposalThreshold,
            MIN_PROPOSAL_THRESHOLD,
            MAX_PROPOSAL_THRESHOLD
        );
        super._setProposalThreshold(newProposalThreshold);
    }

    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal override {
        _checkSetting(
            GovernorPreventLateQuorum.setLateQuorumVoteExtension.selector,
            newVoteExtension,
            _minVoteExtension,
            MAX_VOTE_EXTENSION
        );
        super._setLateQuorumVoteExtension(newVoteExtension);
    }

    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        _checkSetting(
            GovernorVotesQuorumFraction.updateQuorumNumerator.selector,
            newQuorumNumerator,
            MIN_QUORUM_NUMERATOR,
            MAX_QUORUM_NUMERATOR
        );
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    function _maxVoteExtension() internal view override returns (uint256) {
        return lateQuorumVoteExtension();
    }

    // --------------------------------------------- Solidity-required overrides

    /// @inheritdoc GovernorSequentialProposalId
    function getProposalId(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public view override(Governor, GovernorSequentialProposalId) returns (uint256) {
        return super.getProposalId(targets, values, calldatas, descriptionHash);
    }

    /// @inheritdoc GovernorSettings
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
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
        _checkGovernedValues();
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
