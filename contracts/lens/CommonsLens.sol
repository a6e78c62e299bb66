// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {ComputeGovernor} from "../governance/ComputeGovernor.sol";
import {IComputeGovernor} from "../interfaces/IComputeGovernor.sol";
import {IComputeRegistry} from "../interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../interfaces/IHardwareAttestations.sol";
import {IHardwareCatalog} from "../interfaces/IHardwareCatalog.sol";
import {IModelClassifier} from "../interfaces/IModelClassifier.sol";
import {INodeChallenges} from "../interfaces/INodeChallenges.sol";
import {INodeVeto} from "../interfaces/INodeVeto.sol";
import {NodeWords} from "../libraries/NodeWords.sol";
import {Paging} from "../libraries/Paging.sol";

/// @title CommonsLens
/// @notice Read-only aggregation for dapps and the SDK: the whole governance state, and pages of proposals,
/// each in a single `eth_call`. It holds no state of its own and changes nothing. Proposals come without their
/// calldata (target, selector and length per action, and the proposal hash): the gas of a read grows with the
/// number of proposals and actions, never with what a proposer attached (THREATS.md §0, "spam the lens").
contract CommonsLens {
    /// @notice Registry figures.
    struct RegistryState {
        uint256 nodeCount;
        uint256 activeNodeCount;
        uint256 totalMemoryMiB;
        uint256 totalBonded;
        uint256 challengesOwed;
        uint256 challengeDeposit;
        uint256 challengeWindow;
        uint256 warmup;
        uint256 floorMiB;
        uint256 floorLowestMiB;
        uint256 floorHighestMiB;
        IComputeRegistry.Params params;
        IComputeRegistry.Config config;
        address[] attesters;
    }

    /// @notice Classifier figures.
    struct ClassifierState {
        IModelClassifier.Thresholds thresholds;
        IModelClassifier.Guards guards;
        uint48 lastChangeAt;
        uint256 thresholdCheckpointCount;
        uint256 floorMemoryMiB;
        uint256 floorParams;
        uint256 floorLowestParams;
        uint256 floorHighestParams;
        uint48 lastRaiseAt;
        uint256 modelCount;
    }

    /// @notice Governor and timelock settings.
    struct GovernorState {
        uint256 votingDelay;
        uint256 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumNumerator;
        uint256 quorumDenominator;
        uint256 minQuorumVotes;
        uint256 voteExtension;
        uint256 timelockDelay;
        uint256 pipelineLength;
        uint256 proposalCount;
    }

    /// @notice One proposal with its tallies; its calldata is one `proposalDetails(id)` call away.
    struct ProposalView {
        uint256 id;
        address proposer;
        IGovernor.ProposalState state;
        uint256 snapshot;
        uint256 deadline;
        uint256 eta;
        uint256 againstVotes;
        uint256 forVotes;
        uint256 abstainVotes;
        uint256 quorum;
        uint256 vetoVotes;
        uint256 vetoThreshold;
        IComputeGovernor.ActionSummary[] actions;
        uint256 proposalHash;
    }

    /// @notice Everything a dashboard shows first.
    struct GovernanceState {
        uint48 clock;
        uint256 skuCount;
        RegistryState registry;
        ClassifierState classifier;
        GovernorState governor;
        ProposalView[] latestProposals;
    }

    IHardwareCatalog private immutable _catalog;
    IComputeRegistry private immutable _registry;
    IModelClassifier private immutable _classifier;
    ComputeGovernor private immutable _governor;
    INodeVeto private immutable _veto;

    /// @param catalog_ The hardware catalog.
    /// @param registry_ The compute registry.
    /// @param classifier_ The model classifier.
    /// @param governor_ The governor.
    /// @param veto_ The node veto.
    constructor(
        IHardwareCatalog catalog_,
        IComputeRegistry registry_,
        IModelClassifier classifier_,
        ComputeGovernor governor_,
        INodeVeto veto_
    ) {
        _catalog = catalog_;
        _registry = registry_;
        _classifier = classifier_;
        _governor = governor_;
        _veto = veto_;
    }

    /// @notice The whole governance state and the latest `proposalLimit` proposals, newest first.
    /// @param proposalLimit The most proposals to include.
    /// @return s The state.
    function governanceState(uint256 proposalLimit) external view returns (GovernanceState memory s) {
        s.clock = _governor.clock();
        s.skuCount = _catalog.skuCount();
        s.registry = _registryState();
        s.classifier = _classifierState();
        s.governor = _governorState();
        uint256 count = s.governor.proposalCount;
        uint256 take = proposalLimit < count ? proposalLimit : count;
        s.latestProposals = new ProposalView[](take);
        for (uint256 i = 0; i < take; ++i) {
            s.latestProposals[i] = proposal(count - i);
        }
    }

    /// @notice A page of proposals in creation order, with the total so that a pager knows when to stop.
    /// @param offset Index of the first proposal (0 is proposal id 1).
    /// @param limit The most proposals to return.
    /// @return total Number of proposals.
    /// @return page The proposals.
    function proposals(
        uint256 offset,
        uint256 limit
    ) external view returns (uint256 total, ProposalView[] memory page) {
        total = _governor.proposalCount();
        uint256 end = Paging.end(offset, limit, total);
        page = new ProposalView[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = proposal(i + 1);
        }
    }

    /// @notice A page of the nodes `owner` registered, with the total.
    /// @param owner The owner.
    /// @param offset Index of the first of the owner's nodes.
    /// @param limit The most nodes to return.
    /// @return total Number of nodes the owner ever registered.
    /// @return page The nodes.
    function nodesOf(
        address owner,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256 total, IComputeRegistry.NodeView[] memory page) {
        total = _registry.nodeCountOf(owner);
        uint256[] memory ids = _registry.nodeIdsOf(owner, offset, limit);
        page = new IComputeRegistry.NodeView[](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) {
            page[i] = node(ids[i]);
        }
    }

    /// @notice One node, decoded from the registry's packed record, with its open challenge; reverts with
    /// `ComputeRegistryUnknownNode` when there is none.
    /// @param nodeId The node.
    /// @return view_ The node.
    function node(uint256 nodeId) public view returns (IComputeRegistry.NodeView memory view_) {
        (uint256 word1, uint256 word2, bytes32 uid) = _registry.nodeRecord(nodeId);
        view_.id = nodeId;
        view_.owner = NodeWords.owner(word1);
        view_.status = NodeWords.status(word1);
        view_.memoryMiB = NodeWords.memoryMiB(word1);
        view_.bond = uint96(NodeWords.bondGwei(word2)) * 1 gwei;
        if (view_.status == IComputeRegistry.NodeStatus.Pending) view_.activatableAt = NodeWords.readyAt(word2);
        if (view_.status == IComputeRegistry.NodeStatus.Exiting) view_.unlockAt = NodeWords.readyAt(word2);
        view_.attesterId = NodeWords.attesterId(word1);
        view_.attestationUid = uid;
        view_.attestationExpiry = NodeWords.attestationExpiry(word1);
        uint256 lineCount = NodeWords.lineCount(word1);
        uint256 lines = NodeWords.lines(word2);
        view_.devices = new IComputeRegistry.DeviceLine[](lineCount);
        for (uint256 i = 0; i < lineCount; ++i) {
            uint256 line = lines >> (24 * i);
            view_.devices[i] = IComputeRegistry.DeviceLine(uint16(line), uint8(line >> 16));
        }
        INodeChallenges.Challenge memory open = INodeChallenges(_registry.challenges()).challengeOf(nodeId);
        (view_.challenger, view_.challengeDeadline) = (open.challenger, open.deadline);
        view_.metadataURI = _registry.metadataURIOf(nodeId);
    }

    /// @notice A page of nodes in id order, every status included, with the total.
    /// @param offset Index of the first node (0 is node id 1).
    /// @param limit The most nodes to return.
    /// @return total Number of nodes ever registered.
    /// @return page The nodes.
    function nodes(
        uint256 offset,
        uint256 limit
    ) external view returns (uint256 total, IComputeRegistry.NodeView[] memory page) {
        total = _registry.nodeCount();
        uint256 end = Paging.end(offset, limit, total);
        page = new IComputeRegistry.NodeView[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = node(i + 1);
        }
    }

    /// @notice The first screen's histogram in one call: the non-empty 1 GiB buckets of active nodes' memory
    /// (upper edge in MiB and count), the floor now and its lowest and highest over the floor window. Its gas
    /// is the same with ten nodes or ten million.
    /// @return upperMiB Each non-empty bucket's upper edge, in MiB, ascending.
    /// @return counts The active nodes in each.
    /// @return floorMiB The floor now.
    /// @return floorLowestMiB The lowest floor over the window.
    /// @return floorHighestMiB The highest floor over the window.
    function histogram()
        external
        view
        returns (
            uint256[] memory upperMiB,
            uint256[] memory counts,
            uint256 floorMiB,
            uint256 floorLowestMiB,
            uint256 floorHighestMiB
        )
    {
        uint256[128] memory words = _registry.memoryHistogram();
        uint256 nonEmpty = 0;
        for (uint256 b = 0; b < 1024; ++b) {
            if ((words[b / 8] >> (32 * (b % 8))) & type(uint32).max != 0) ++nonEmpty;
        }
        upperMiB = new uint256[](nonEmpty);
        counts = new uint256[](nonEmpty);
        uint256 k = 0;
        for (uint256 b = 0; b < 1024; ++b) {
            uint256 count = (words[b / 8] >> (32 * (b % 8))) & type(uint32).max;
            if (count == 0) continue;
            (upperMiB[k], counts[k]) = ((b + 1) * 1024, count);
            ++k;
        }
        floorMiB = _registry.floorMiB();
        (floorLowestMiB, floorHighestMiB) = _registry.floorRangeMiB();
    }

    /// @notice A page of models in id order, with the total.
    /// @param offset Index of the first model (0 is model id 1).
    /// @param limit The most models to return.
    /// @return total Number of models.
    /// @return page The models.
    function models(
        uint256 offset,
        uint256 limit
    ) external view returns (uint256 total, IModelClassifier.Model[] memory page) {
        return (_classifier.modelCount(), _classifier.models(offset, limit));
    }

    /// @notice A page of catalog SKUs in id order, with the total.
    /// @param offset Index of the first SKU (0 is SKU id 1).
    /// @param limit The most SKUs to return.
    /// @return total Number of SKUs.
    /// @return page The SKUs.
    function skus(
        uint256 offset,
        uint256 limit
    ) external view returns (uint256 total, IHardwareCatalog.Sku[] memory page) {
        return (_catalog.skuCount(), _catalog.skus(offset, limit));
    }

    /// @notice One proposal by its (sequential) id.
    /// @param proposalId Its id, from 1.
    /// @return p The proposal.
    function proposal(uint256 proposalId) public view returns (ProposalView memory p) {
        p.id = proposalId;
        (p.actions, p.proposalHash) = _governor.proposalActions(proposalId);
        p.proposer = _governor.proposalProposer(p.id);
        p.state = _governor.state(p.id);
        p.snapshot = _governor.proposalSnapshot(p.id);
        p.deadline = _governor.proposalDeadline(p.id);
        p.eta = _governor.proposalEta(p.id);
        (p.againstVotes, p.forVotes, p.abstainVotes) = _governor.proposalVotes(p.id);
        // Quorum is only defined for past timepoints; a pending proposal shows the quorum of the last second.
        uint256 clock = _governor.clock();
        p.quorum = _governor.quorum(p.snapshot < clock ? p.snapshot : clock - 1);
        if (p.snapshot < clock) p.vetoThreshold = _veto.vetoThreshold(p.id);
        p.vetoVotes = _veto.vetoVotes(p.id);
    }

    /// @notice The contracts this lens reads.
    /// @return catalog The catalog.
    /// @return registry The registry.
    /// @return classifier The classifier.
    /// @return governor The governor.
    /// @return veto The node veto.
    function contracts()
        external
        view
        returns (address catalog, address registry, address classifier, address governor, address veto)
    {
        return (address(_catalog), address(_registry), address(_classifier), address(_governor), address(_veto));
    }

    function _registryState() private view returns (RegistryState memory r) {
        r.nodeCount = _registry.nodeCount();
        r.activeNodeCount = _registry.activeNodeCount();
        r.totalMemoryMiB = _registry.totalMemoryMiB();
        r.totalBonded = _registry.totalBonded();
        INodeChallenges challenges = INodeChallenges(_registry.challenges());
        r.challengesOwed = challenges.totalOwed();
        r.challengeDeposit = challenges.deposit();
        r.challengeWindow = challenges.window();
        r.warmup = _registry.warmup();
        r.floorMiB = _registry.floorMiB();
        (r.floorLowestMiB, r.floorHighestMiB) = _registry.floorRangeMiB();
        r.params = _registry.parameters();
        r.config = _registry.config();
        r.attesters = IHardwareAttestations(_registry.attestations()).attesters();
    }

    function _classifierState() private view returns (ClassifierState memory c) {
        c.thresholds = _classifier.thresholds();
        c.guards = _classifier.guards();
        c.lastChangeAt = _classifier.lastChangeAt();
        c.thresholdCheckpointCount = _classifier.thresholdCheckpointCount();
        (c.floorMemoryMiB, c.floorParams) = _classifier.consumerFloor();
        (c.floorLowestParams, c.floorHighestParams) = _classifier.floorRange();
        c.lastRaiseAt = _classifier.lastRaiseAt();
        c.modelCount = _classifier.modelCount();
    }

    function _governorState() private view returns (GovernorState memory g) {
        g.votingDelay = _governor.votingDelay();
        g.votingPeriod = _governor.votingPeriod();
        g.proposalThreshold = _governor.proposalThreshold();
        g.quorumNumerator = _governor.quorumNumerator();
        g.quorumDenominator = _governor.quorumDenominator();
        g.minQuorumVotes = _governor.floors().minQuorumVotes;
        g.voteExtension = _governor.lateQuorumVoteExtension();
        g.timelockDelay = TimelockController(payable(_governor.timelock())).getMinDelay();
        g.pipelineLength = _governor.pipelineLength();
        g.proposalCount = _governor.proposalCount();
    }
}
