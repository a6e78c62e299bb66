// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {GovernorSequentialProposalId} from "@openzeppelin/contracts/governance/extensions/GovernorSequentialProposalId.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IComputeGovernor} from "../interfaces/IComputeGovernor.sol";

/// @title GovernorCompactStorage
/// @notice Proposals stored on chain with sequential ids (1, 2, 3, … as people say them), for dapps and for
/// `queue(id)` / `execute(id)`. Unlike OpenZeppelin's GovernorStorage it keeps one summary word per action
/// (target, selector, calldata length), so a reader lists proposals at a cost that grows with the number of
/// actions and never with the calldata a proposer chose to attach (THREATS.md §0, "spam the lens"), and it
/// stores no values: the fence keeps them zero. It also keeps the latest vote end of any proposal, which the
/// registry's vote lock reads.
abstract contract GovernorCompactStorage is GovernorSequentialProposalId, IComputeGovernor {
    struct StoredProposal {
        bytes32 descriptionHash;
        uint256 proposalHash;
        // target (bits 0-159), selector (160-191), calldata length (192-223)
        uint256[] actions;
        bytes[] calldatas;
    }

    mapping(uint256 proposalId => StoredProposal stored) private _stored;
    uint48 private _latestVoteEnd;

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal virtual override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        bytes32 descriptionHash = keccak256(bytes(description));
        StoredProposal storage stored = _stored[proposalId];
        stored.descriptionHash = descriptionHash;
        stored.proposalHash = hashProposal(targets, values, calldatas, descriptionHash);
        for (uint256 i = 0; i < targets.length; ++i) {
            bytes memory data = calldatas[i];
            stored.actions.push(
                uint256(uint160(targets[i])) | (uint256(uint32(bytes4(data))) << 160) | (data.length << 192)
            );
        }
        stored.calldatas = calldatas;
        // The late-quorum extension in force now bounds how far this proposal's vote can be pushed back.
        uint256 voteEnd = proposalDeadline(proposalId) + _maxVoteExtension();
        if (voteEnd > _latestVoteEnd) _latestVoteEnd = uint48(voteEnd);
    }

    /// @inheritdoc IComputeGovernor
    function queue(uint256 proposalId) public virtual {
        (
            address[] memory targets,
            uint256[] memory values,
            bytes[] memory calldatas,
            bytes32 descriptionHash
        ) = proposalDetails(proposalId);
        queue(targets, values, calldatas, descriptionHash);
    }

    /// @inheritdoc IComputeGovernor
    function execute(uint256 proposalId) public payable virtual {
        (
            address[] memory targets,
            uint256[] memory values,
            bytes[] memory calldatas,
            bytes32 descriptionHash
        ) = proposalDetails(proposalId);
        execute(targets, values, calldatas, descriptionHash);
    }

    /// @inheritdoc IComputeGovernor
    function cancel(uint256 proposalId) public virtual {
        (
            address[] memory targets,
            uint256[] memory values,
            bytes[] memory calldatas,
            bytes32 descriptionHash
        ) = proposalDetails(proposalId);
        cancel(targets, values, calldatas, descriptionHash);
    }

    /// @inheritdoc IComputeGovernor
    function proposalCount() public view virtual returns (uint256) {
        return latestProposalId();
    }

    /// @inheritdoc IComputeGovernor
    function proposalActions(
        uint256 proposalId
    ) public view virtual returns (ActionSummary[] memory actions, uint256 proposalHash) {
        StoredProposal storage stored = _existing(proposalId);
        uint256 count = stored.actions.length;
        actions = new ActionSummary[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 word = stored.actions[i];
            actions[i] = ActionSummary(address(uint160(word)), bytes4(uint32(word >> 160)), uint32(word >> 192));
        }
        proposalHash = stored.proposalHash;
    }

    /// @inheritdoc IComputeGovernor
    function proposalDetails(
        uint256 proposalId
    )
        public
        view
        virtual
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
    {
        StoredProposal storage stored = _existing(proposalId);
        uint256 count = stored.actions.length;
        targets = new address[](count);
        for (uint256 i = 0; i < count; ++i) {
            targets[i] = address(uint160(stored.actions[i]));
        }
        values = new uint256[](count);
        calldatas = stored.calldatas;
        descriptionHash = stored.descriptionHash;
    }

    /// @dev The latest vote end (deadline plus the extension in force at proposing) of any proposal so far.
    function _latestProposalVoteEnd() internal view returns (uint256) {
        return _latestVoteEnd;
    }

    /// @dev How far a late quorum can push a proposal created now beyond its deadline.
    function _maxVoteExtension() internal view virtual returns (uint256);

    function _existing(uint256 proposalId) private view returns (StoredProposal storage stored) {
        stored = _stored[proposalId];
        // Every proposal has at least one action.
        if (stored.actions.length == 0) revert IGovernor.GovernorNonexistentProposal(proposalId);
    }
}
