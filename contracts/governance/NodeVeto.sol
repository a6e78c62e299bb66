// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IComputeGovernor} from "../interfaces/IComputeGovernor.sol";
import {ComputeGovernor} from "./ComputeGovernor.sol";
import {INodeVeto} from "../interfaces/INodeVeto.sol";

/// @title NodeVeto
/// @notice The node veto. See {INodeVeto}.
contract NodeVeto is INodeVeto {
    /// @notice Veto votes cancel a proposal at one `VETO_DENOMINATOR`-th of the votes at its snapshot.
    uint256 public constant VETO_DENOMINATOR = 3;

    IGovernor private immutable _governor;
    TimelockController private immutable _timelock;
    IVotes private immutable _votes;

    mapping(uint256 proposalId => uint256 votes) private _vetoVotes;
    mapping(uint256 proposalId => mapping(address voter => bool vetoed)) private _hasVetoed;

    /// @param governor_ The governor (its votes source and timelock are read from it).
    constructor(ComputeGovernor governor_) {
        _governor = governor_;
        _timelock = TimelockController(payable(governor_.timelock()));
        _votes = governor_.token();
    }

    /// @inheritdoc INodeVeto
    function veto(uint256 proposalId) external returns (uint256 weight) {
        IGovernor.ProposalState current = _governor.state(proposalId);
        if (current != IGovernor.ProposalState.Queued) revert NodeVetoNotOpen(proposalId, uint8(current));
        if (_hasVetoed[proposalId][msg.sender]) revert NodeVetoAlreadyVetoed(proposalId, msg.sender);
        weight = _votes.getPastVotes(msg.sender, _governor.proposalSnapshot(proposalId));
        if (weight == 0) revert NodeVetoNoWeight(proposalId, msg.sender);

        _hasVetoed[proposalId][msg.sender] = true;
        uint256 votes = _vetoVotes[proposalId] + weight;
        _vetoVotes[proposalId] = votes;
        uint256 threshold = vetoThreshold(proposalId);
        emit VetoCast(proposalId, msg.sender, weight, votes, threshold);
        if (votes >= threshold) {
            (
                address[] memory targets,
                uint256[] memory values,
                bytes[] memory calldatas,
                bytes32 descriptionHash
            ) = IComputeGovernor(address(_governor)).proposalDetails(proposalId);
            // GovernorTimelockControl's salt; the governor then reports the proposal Canceled.
            bytes32 salt = bytes20(address(_governor)) ^ descriptionHash;
            _timelock.cancel(_timelock.hashOperationBatch(targets, values, calldatas, 0, salt));
            emit ProposalVetoed(proposalId, votes);
        }
    }

    /// @inheritdoc INodeVeto
    function vetoThreshold(uint256 proposalId) public view returns (uint256) {
        uint256 supply = _votes.getPastTotalSupply(_governor.proposalSnapshot(proposalId));
        return Math.max(Math.ceilDiv(supply, VETO_DENOMINATOR), 1);
    }

    /// @inheritdoc INodeVeto
    function vetoVotes(uint256 proposalId) external view returns (uint256) {
        return _vetoVotes[proposalId];
    }

    /// @inheritdoc INodeVeto
    function hasVetoed(uint256 proposalId, address account) external view returns (bool) {
        return _hasVetoed[proposalId][account];
    }

    /// @inheritdoc INodeVeto
    function governor() external view returns (address) {
        return address(_governor);
    }
}
