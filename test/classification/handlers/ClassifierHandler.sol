// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ModelClassifier} from "../../../contracts/classification/ModelClassifier.sol";
import {IComputeRegistry} from "../../../contracts/interfaces/IComputeRegistry.sol";
import {IModelClassifier} from "../../../contracts/interfaces/IModelClassifier.sol";
import {ComputeRegistry} from "../../../contracts/registry/ComputeRegistry.sol";
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
    uint256 public immutable bond;

    // Ghost history: one entry per checkpoint (a second write in the same second replaces the last entry).
    uint256[] public ghostTimes;
    uint256[] public ghostParams;
    uint256[] public ghostFlops;
    uint256[] public ghostFloorAtWrite;

    uint256 public ghostStrangerWrites;
    uint256 public ghostSetCalls;
    uint256 public ghostSetSuccesses;
    uint256 public ghostRaises;

    address[] internal _actors;
    uint256[] internal _activeNodes;
    mapping(uint256 nodeId => address) internal _ownerOf;

    /// @param registry_ The registry whose nodes set the floor.
    /// @param initial Starting thresholds.
    /// @param guards_ Guards; the handler owns the classifier it creates.
    constructor(ComputeRegistry registry_, IModelClassifier.Thresholds memory initial, IModelClassifier.Guards memory guards_) {
        ModelClassifier classifier_ =
            new ModelClassifier(address(this), IComputeRegistry(address(registry_)), initial, guards_);
        classifier = classifier_;
        registry = registry_;
        bond = registry_.minBond();
        for (uint256 i = 1; i <= 6; ++i) {
            _actors.push(address(uint160(0xC0FFEE00 + i)));
        }
        IModelClassifier.Thresholds memory t = classifier_.thresholds();
        _record(t.maxSmallParams, t.maxSmallTrainingFlop, _referenceFloor());
    }

    // ------------------------------------------------------------ actions

    function registerNode(uint256 actorSeed, uint256 skuSeed, uint256 countSeed) external {
        address owner = _actors[actorSeed % _actors.length];
        IComputeRegistry.DeviceLine[] memory d = new IComputeRegistry.DeviceLine[](1);
        d[0] = IComputeRegistry.DeviceLine(uint16(1 + skuSeed % 9), uint8(1 + countSeed % 4));
        vm.deal(owner, bond);
        vm.prank(owner);
        try registry.registerNode{value: bond}(d, "") returns (uint256 nodeId) {
            _activeNodes.push(nodeId);
            _ownerOf[nodeId] = owner;
        } catch {}
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
        uint256 floor = _referenceFloor();
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
        uint256 floor = _referenceFloor();
        try classifier.raiseToFloor() returns (uint64 raised) {
            ++ghostRaises;
            IModelClassifier.Thresholds memory n = classifier.thresholds();
            require(n.maxSmallParams == raised, "raised value stored");
            _record(n.maxSmallParams, n.maxSmallTrainingFlop, floor);
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

    /// @dev The floor without asking the classifier: median memory, 4-bit, 10% overhead.
    function _referenceFloor() internal view returns (uint256) {
        uint256 mib = registry.memoryPercentileMiB(50);
        return mib * 1_048_576 * 8 * 9000 / (4 * 10_000);
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
