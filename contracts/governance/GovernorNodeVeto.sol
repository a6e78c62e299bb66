// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IComputeGovernor} from "../interfaces/IComputeGovernor.sol";
import {GovernorCompactStorage} from "./GovernorCompactStorage.sol";

/// @title GovernorNodeVeto
/// @notice A veto without a king: after a proposal passes and until it executes, the nodes counted at its
/// snapshot may veto it with the same votes; a third of those votes cancels it, in the timelock too. No
/// address holds the power (no guardian, no multisig); a minority of real rigs does, for as long as the
/// timelock delay lasts (THREATS.md §0, "no veto once queued").
abstract contract GovernorNodeVeto is GovernorCompactStorage {
    /// @notice Veto votes cancel a proposal at one `VETO_DENOMINATOR`-th of the votes at its snapshot.
    uint256 public constant VETO_DENOMINATOR = 3;

    mapping(uint256 proposalId => uint256 votes) private _vetoVotes;
    mapping(uint256 proposalId => mapping(address voter => bool vetoed)) private _hasVetoed;

    /// @inheritdoc IComputeGovernor
    function veto(uint256 proposalId) external returns (uint256 weight) {
        ProposalState current = state(proposalId);
        if (current != ProposalState.Succeeded && current != ProposalState.Queued) {
            revert ComputeGovernorVetoNotOpen(proposalId, uint8(current));
        }
        address voter = _msgSender();
        if (_hasVetoed[proposalId][voter]) revert ComputeGovernorAlreadyVetoed(proposalId, voter);
        weight = getVotes(voter, proposalSnapshot(proposalId));
        if (weight == 0) revert ComputeGovernorNoVetoWeight(proposalId, voter);

        _hasVetoed[proposalId][voter] = true;
        uint256 votes = _vetoVotes[proposalId] + weight;
        _vetoVotes[proposalId] = votes;
        uint256 threshold = vetoThreshold(proposalId);
        emit VetoCast(proposalId, voter, weight, votes, threshold);
        if (votes >= threshold) {
            (
                address[] memory targets,
                uint256[] memory values,
                bytes[] memory calldatas,
                bytes32 descriptionHash
            ) = proposalDetails(proposalId);
            _cancel(targets, values, calldatas, descriptionHash);
            emit ProposalVetoed(proposalId, votes);
        }
    }

    /// @inheritdoc IComputeGovernor
    function vetoThreshold(uint256 proposalId) public view returns (uint256) {
        uint256 supply = _pastTotalVotes(proposalSnapshot(proposalId));
        uint256 threshold = Math.ceilDiv(supply, VETO_DENOMINATOR);
        return threshold == 0 ? 1 : threshold;
    }

    /// @inheritdoc IComputeGovernor
    function vetoVotes(uint256 proposalId) external view returns (uint256) {
        return _vetoVotes[proposalId];
    }

    /// @inheritdoc IComputeGovernor
    function hasVetoed(uint256 proposalId, address account) external view returns (bool) {
        return _hasVetoed[proposalId][account];
    }

    /// @dev All votes at `timepoint` (the votes token's past total supply).
    function _pastTotalVotes(uint256 timepoint) internal view virtual returns (uint256);
}
