// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {ModelClassifier} from "../../../contracts/classification/ModelClassifier.sol";
import {ComputeGovernor} from "../../../contracts/governance/ComputeGovernor.sol";
import {IComputeGovernor} from "../../../contracts/interfaces/IComputeGovernor.sol";
import {IComputeRegistry} from "../../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../../contracts/interfaces/IHardwareAttestations.sol";
import {NodeWords} from "../../../contracts/libraries/NodeWords.sol";
import {ComputeRegistry} from "../../../contracts/registry/ComputeRegistry.sol";
import {Attest} from "../../utils/Attest.sol";
import {SeedDevices} from "../../utils/SeedDevices.sol";
import {Vm} from "../../utils/Vm.sol";

/// @title GovernanceHandler
/// @notice Random governance traffic on the deployed system: node owners register (attested), activate after
/// the warm-up, exit, propose, vote (sometimes twice, sometimes right after registering), and time passes.
/// Ghosts count the weight each successful vote returned and every voter per proposal.
contract GovernanceHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    ComputeRegistry public immutable registry;
    ComputeGovernor public immutable governor;
    address public immutable classifier;
    IHardwareAttestations internal immutable _attestations;
    address internal immutable _attester;
    uint256 internal immutable _attesterKey;

    uint256[] public proposalIds;
    mapping(uint256 proposalId => uint256) public ghostWeight;
    mapping(uint256 proposalId => mapping(address voter => uint256)) public ghostVotesCast;
    uint256 public ghostDoubleVotes;
    uint256 public ghostVotes;
    uint256 public ghostOpenCapRefusals;

    address[] internal _actors;
    uint256[] internal _activeNodes;
    uint256[] internal _pendingNodes;
    mapping(uint256 nodeId => address) internal _ownerOf;
    uint256 internal _nonce;

    constructor(ComputeRegistry registry_, ComputeGovernor governor_, address classifier_, uint256 attesterKey) {
        registry = registry_;
        governor = governor_;
        classifier = classifier_;
        _attestations = IHardwareAttestations(registry_.attestations());
        _attester = vm.addr(attesterKey);
        _attesterKey = attesterKey;
        for (uint256 i = 1; i <= 8; ++i) {
            _actors.push(address(uint160(0xD00D00 + i)));
        }
    }

    function registerNode(uint256 actorSeed, uint256 skuSeed) external {
        _register(_actor(actorSeed), uint16(1 + skuSeed % 9));
    }

    /// @notice Activates every pending node whose warm-up is over.
    function activateReady() external {
        uint256 i = 0;
        while (i < _pendingNodes.length) {
            uint256 nodeId = _pendingNodes[i];
            (, uint256 word2,) = registry.nodeRecord(nodeId);
            if (NodeWords.readyAt(word2) <= block.timestamp) {
                registry.activate(nodeId);
                _activeNodes.push(nodeId);
                _pendingNodes[i] = _pendingNodes[_pendingNodes.length - 1];
                _pendingNodes.pop();
            } else {
                ++i;
            }
        }
    }

    function exitNode(uint256 seed) external {
        if (_activeNodes.length == 0) return;
        uint256 index = seed % _activeNodes.length;
        uint256 nodeId = _activeNodes[index];
        vm.prank(_ownerOf[nodeId]);
        registry.exitNode(nodeId);
        _activeNodes[index] = _activeNodes[_activeNodes.length - 1];
        _activeNodes.pop();
    }

    function propose(uint256 actorSeed) external {
        address proposer = _actor(actorSeed);
        if (governor.getVotes(proposer, block.timestamp - 1) < governor.proposalThreshold()) return;
        address[] memory targets = new address[](1);
        targets[0] = classifier;
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(ModelClassifier.setThresholds, (uint64(70e9 + ++_nonce), 1e25));
        vm.prank(proposer);
        try governor.propose(targets, new uint256[](1), calldatas, string.concat("p", vm.toString(_nonce))) returns (
            uint256 id
        ) {
            proposalIds.push(id);
        } catch (bytes memory err) {
            // The only refusal expected here: three proposals of this proposer still open.
            require(
                bytes4(err) == IComputeGovernor.ComputeGovernorTooManyOpenProposals.selector, "unexpected propose revert"
            );
            ++ghostOpenCapRefusals;
        }
    }

    function castVote(uint256 actorSeed, uint256 proposalSeed, uint8 support) external {
        if (proposalIds.length == 0) return;
        address voter = _actor(actorSeed);
        uint256 id = proposalIds[proposalSeed % proposalIds.length];
        if (governor.state(id) != IGovernor.ProposalState.Active) return;
        support = support % 3;
        if (governor.hasVoted(id, voter)) {
            vm.prank(voter);
            try governor.castVote(id, support) {
                ++ghostDoubleVotes;
            } catch {}
            return;
        }
        vm.prank(voter);
        uint256 weight = governor.castVote(id, support);
        ghostWeight[id] += weight;
        ghostVotesCast[id][voter] += 1;
        ++ghostVotes;
    }

    /// @notice Register and vote in the same second (the flash-registration pattern).
    function registerAndVote(uint256 actorSeed, uint256 proposalSeed) external {
        if (proposalIds.length == 0) return;
        uint256 id = proposalIds[proposalSeed % proposalIds.length];
        if (governor.state(id) != IGovernor.ProposalState.Active) return;
        address voter = address(uint160(0xF1A500 + ++_nonce)); // fresh: no history at the snapshot
        _register(voter, 6);
        vm.prank(voter);
        uint256 weight = governor.castVote(id, 1);
        require(weight == 0, "flash registration carried weight");
        ghostVotesCast[id][voter] += 1;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + seconds_ % 180);
    }

    function proposalCount() external view returns (uint256) {
        return proposalIds.length;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    /// @dev Registers one attested device of `skuId` for `owner`; the node is Pending.
    function _register(address owner, uint16 skuId) internal returns (uint256 nodeId) {
        IHardwareAttestations.OffchainAttestation memory a =
            Attest.build(_attestations, owner, Attest.line(skuId, 1), Attest.deviceIds(Attest.HANDLER_DEVICES + ++_nonce, 1));
        bytes memory signature = Attest.sign(_attestations, _attesterKey, a);
        uint256 bond = registry.bondFor(SeedDevices.memoryOf(skuId));
        vm.deal(owner, owner.balance + bond);
        vm.prank(owner);
        nodeId = registry.registerNode{value: bond}(a, _attester, signature, "");
        _pendingNodes.push(nodeId);
        _ownerOf[nodeId] = owner;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }
}
