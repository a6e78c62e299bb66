// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ModelClassifier} from "../../../contracts/classification/ModelClassifier.sol";
import {IComputeRegistry} from "../../../contracts/interfaces/IComputeRegistry.sol";
import {IModelClassifier} from "../../../contracts/interfaces/IModelClassifier.sol";
import {IHardwareAttestations} from "../../../contracts/interfaces/IHardwareAttestations.sol";
import {NodeWords} from "../../../contracts/libraries/NodeWords.sol";
import {ComputeRegistry} from "../../../contracts/registry/ComputeRegistry.sol";
import {Attest} from "../../utils/Attest.sol";
import {SeedDevices} from "../../utils/SeedDevices.sol";
import {Vm} from "../../utils/Vm.sol";

/// @title ClassifierHandler
/// @notice Drives a ModelClassifier it creates and owns (standing in for the timelock) and the registry that sets its floor:
/// nodes join and leave, time passes, thresholds move (mostly inside the guards), `raiseToFloor` is tried, and
/// strangers try to set thresholds. Ghosts keep the history of every successful write and, computed without the
/// classifier, the floor at that moment.
contract ClassifierHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    ModelClassifier public immutable classifier;
    ComputeRegistry public immutable registry;
    IHardwareAttestations internal immutable _attestations;
    address internal immutable _attester;
    uint256 internal immutable _attesterKey;

    // Ghost history: one entry per checkpoint (a second write in the same second replaces the last entry).
    uint256[] public ghostTimes;
    uint256[] public ghostParams;
    uint256[] public ghostFlops;
    uint256[] public ghostFloorAtWrite;

    uint256 public ghostStrangerWrites;
    uint256 public ghostSetCalls;
    uint256 public ghostSetSuccesses;
    uint256 public ghostRaises;
    uint256 public ghostRaiseAboveLowestFloor;
    uint256 public ghostRaiseBeyondFactor;

    address[] internal _actors;
    uint256[] internal _activeNodes;
    uint256[] internal _pendingNodes;
    mapping(uint256 nodeId => address) internal _ownerOf;
    uint256 internal _nonce;

    /// @param registry_ The registry whose nodes set the floor.
    /// @param initial Starting thresholds.
    /// @param guards_ Guards; the handler owns the classifier it creates.
    /// @param attesterKey The key of an attester of the registry, to attest the handler's nodes.
    constructor(
        ComputeRegistry registry_,
        IModelClassifier.Thresholds memory initial,
        IModelClassifier.Guards memory guards_,
        uint256 attesterKey
    ) {
        ModelClassifier classifier_ =
            new ModelClassifier(address(this), IComputeRegistry(address(registry_)), initial, guards_, address(0));
        classifier = classifier_;
        registry = registry_;
        _attestations = IHardwareAttestations(registry_.attestations());
        _attester = vm.addr(attesterKey);
        _attesterKey = attesterKey;
        for (uint256 i = 1; i <= 6; ++i) {
            _actors.push(address(uint160(0xC0FFEE00 + i)));
        }
        IModelClassifier.Thresholds memory t = classifier_.thresholds();
        (, uint256 highest) = _referenceFloorRange();
        _record(t.maxSmallParams, t.maxSmallTrainingFlop, highest);
    }

    // ------------------------------------------------------------ actions

    function registerNode(uint256 actorSeed, uint256 skuSeed, uint256 countSeed) external {
        address owner = _actors[actorSeed % _actors.length];
        uint16 skuId = uint16(1 + skuSeed % 9);
        uint8 count = uint8(1 + countSeed % 4);
        IComputeRegistry.DeviceLine[] memory d = Attest.line(skuId, count);
        IHardwareAttestations.OffchainAttestation memory a =
            Attest.build(_attestations, owner, d, Attest.deviceIds(Attest.HANDLER_DEVICES + ++_nonce, count));
        bytes memory signature = Attest.sign(_attestations, _attesterKey, a);
        uint256 bond = registry.bondFor(uint256(SeedDevices.memoryOf(skuId)) * count);
        vm.deal(owner, bond);
        vm.prank(owner);
        uint256 nodeId = registry.registerNode{value: bond}(a, _attester, signature, "");
        _pendingNodes.push(nodeId);
        _ownerOf[nodeId] = owner;
    }

    /// @notice Activates every pending node whose warm-up is over.
    function activateReady() external {
        uint256 i = 0;
        while (i < _pendingNodes.length) {
            uint256 nodeId = _pendingNodes[i];
            (, uint256 word2,) = registry.nodeRecord(nodeId);
            if (NodeWords.readyAt(word2) <= vm.getBlockTimestamp()) {
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

    function warp(uint256 seconds_) external {
        vm.warp(vm.getBlockTimestamp() + _bound(seconds_, 0, 900));
    }

    /// @dev Picks values around the current ones (in and just outside the factor of 2), and the floor.
    function setThresholds(uint256 paramsSeed, uint256 flopSeed, bool atFloor) external {
        IModelClassifier.Thresholds memory t = classifier.thresholds();
        // A governed change may not go below the highest floor over the window.
        (, uint256 floor) = _referenceFloorRange();
        uint256 params = atFloor ? floor : _near(t.maxSmallParams, paramsSeed);
        uint256 flop = _near(t.maxSmallTrainingFlop, flopSeed);
        if (params == 0 || params > type(uint64).max || flop > type(uint128).max) return;
        ++ghostSetCalls;
        try classifier.setThresholds(uint64(params), uint128(flop)) {
            ++ghostSetSuccesses;
            IModelClassifier.Thresholds memory n = classifier.thresholds();
            _record(n.maxSmallParams, n.maxSmallTrainingFlop, floor);
        } catch {}
    }

    function raiseToFloor() external {
        (uint256 lowest,) = _referenceFloorRange();
        uint256 before = classifier.thresholds().maxSmallParams;
        try classifier.raiseToFloor() returns (uint64 raised) {
            ++ghostRaises;
            IModelClassifier.Thresholds memory n = classifier.thresholds();
            require(n.maxSmallParams == raised, "raised value stored");
            if (raised > lowest) ++ghostRaiseAboveLowestFloor;
            if (raised > 2 * before) ++ghostRaiseBeyondFactor;
            // A raise answers to the lowest floor over the window, not to a lower bound.
            _record(n.maxSmallParams, n.maxSmallTrainingFlop, 0);
        } catch {}
    }

    function strangerSetThresholds(uint256 actorSeed, uint64 params, uint128 flop) external {
        vm.prank(_actors[actorSeed % _actors.length]);
        try classifier.setThresholds(params, flop) {
            ++ghostStrangerWrites;
        } catch {}
    }

    // ------------------------------------------------------------ ghost reads

    function ghostLength() external view returns (uint256) {
        return ghostTimes.length;
    }

    // ------------------------------------------------------------ internals

    /// @dev The lowest and highest floor over the window without asking the classifier: 4-bit, 10% overhead.
    function _referenceFloorRange() internal view returns (uint256 lowest, uint256 highest) {
        (uint256 lowMiB, uint256 highMiB) = registry.floorRangeMiB();
        lowest = lowMiB * 1_048_576 * 8 * 9000 / (4 * 10_000);
        highest = highMiB * 1_048_576 * 8 * 9000 / (4 * 10_000);
    }

    function _record(uint256 params, uint256 flop, uint256 floor) internal {
        uint256 now_ = vm.getBlockTimestamp();
        uint256 n = ghostTimes.length;
        if (n != 0 && ghostTimes[n - 1] == now_) {
            ghostParams[n - 1] = params;
            ghostFlops[n - 1] = flop;
            ghostFloorAtWrite[n - 1] = floor;
        } else {
            ghostTimes.push(now_);
            ghostParams.push(params);
            ghostFlops.push(flop);
            ghostFloorAtWrite.push(floor);
        }
    }

    /// @dev A value from current/2 - 1 to 2*current + 1, boundaries likely.
    function _near(uint256 current, uint256 seed) internal pure returns (uint256) {
        uint256 lo = current / 2 == 0 ? 0 : current / 2 - 1;
        uint256 choice = seed % 8;
        if (choice == 0) return lo;
        if (choice == 1) return (current + 1) / 2;
        if (choice == 2) return 2 * current;
        if (choice == 3) return 2 * current + 1;
        if (choice == 4) return current;
        return _bound(seed >> 3, lo, 2 * current + 1);
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (x >= min && x <= max) return x;
        return min + x % (max - min + 1);
    }
}
