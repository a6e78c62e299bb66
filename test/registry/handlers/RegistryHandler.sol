// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../../../contracts/interfaces/IComputeRegistry.sol";
import {ComputeRegistry} from "../../../contracts/registry/ComputeRegistry.sol";
import {Vm} from "../../utils/Vm.sol";

/// @notice Drives ComputeRegistry for the invariant suites with random actors and keeps ghost accounting.
/// In `strict` mode every call it makes must succeed (the suite runs with fail-on-revert): it only picks
/// nodes in the right state and waits out the unbonding period before a withdrawal, so a bond that can
/// never be withdrawn fails the run. Otherwise it passes random node ids and lets the registry refuse.
contract RegistryHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    ComputeRegistry public immutable registry;
    address public immutable admin;
    bool public immutable strict;
    uint256 public immutable bond;
    uint256 public immutable skuCount;

    address[] internal _actors;

    struct GhostNode {
        address owner;
        uint32 memoryMiB;
        IComputeRegistry.NodeStatus status;
        uint256 bond;
        uint256 paid;
        uint256 withdrawals;
        uint48 unlockAt;
    }

    GhostNode[] internal _nodes; // index = nodeId - 1
    uint256 public ghostActive;
    uint256 public ghostOutstandingBonds; // deposited, not yet withdrawn
    uint256 public ghostNow;
    mapping(address actor => uint256) public ghostPaidTo;

    uint256[] internal _timepoints;
    mapping(uint256 timepoint => uint256 supply) public ghostSupplyAt;
    mapping(bytes32 action => uint256) public calls;

    constructor(ComputeRegistry registry_, address admin_, bool strict_, uint256 skuCount_) {
        registry = registry_;
        admin = admin_;
        strict = strict_;
        bond = registry_.minBond();
        skuCount = skuCount_;
        for (uint256 i = 0; i < 5; ++i) {
            _actors.push(address(uint160(0xAC7000 + i)));
        }
        ghostNow = block.timestamp;
        _record();
    }

    // ------------------------------------------------------------------ views for the invariants

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function nodeCount() external view returns (uint256) {
        return _nodes.length;
    }

    function ghostNode(uint256 id) external view returns (GhostNode memory) {
        return _nodes[id - 1];
    }

    function timepoints() external view returns (uint256[] memory) {
        return _timepoints;
    }

    function activeMemories() external view returns (uint256[] memory list) {
        list = new uint256[](ghostActive);
        uint256 k;
        for (uint256 i = 0; i < _nodes.length; ++i) {
            if (_nodes[i].status == IComputeRegistry.NodeStatus.Active) list[k++] = _nodes[i].memoryMiB;
        }
    }

    // ------------------------------------------------------------------ actions

    function registerNode(uint256 actorSeed, uint256 devicesSeed) external {
        _sync();
        address actor = _actors[actorSeed % _actors.length];
        (IComputeRegistry.DeviceLine[] memory d, uint32 memoryMiB) = _devices(devicesSeed);
        vm.deal(actor, actor.balance + bond);
        vm.prank(actor);
        uint256 id = registry.registerNode{value: bond}(d, "");
        require(id == _nodes.length + 1, "handler: unexpected node id");
        _nodes.push(GhostNode(actor, memoryMiB, IComputeRegistry.NodeStatus.Active, bond, 0, 0, 0));
        ghostActive += 1;
        ghostOutstandingBonds += bond;
        calls["register"]++;
        _record();
    }

    function updateNode(uint256 nodeSeed, uint256 devicesSeed) external {
        _sync();
        (bool found, uint256 id) = _pick(nodeSeed, IComputeRegistry.NodeStatus.Active);
        if (!found) return;
        (IComputeRegistry.DeviceLine[] memory d, uint32 memoryMiB) = _devices(devicesSeed);
        vm.prank(_ownerOf(id, nodeSeed));
        registry.updateNode(id, d, "updated");
        _nodes[id - 1].memoryMiB = memoryMiB;
        calls["update"]++;
        _record();
    }

    function exitNode(uint256 nodeSeed) external {
        _sync();
        (bool found, uint256 id) = _pick(nodeSeed, IComputeRegistry.NodeStatus.Active);
        if (!found) return;
        vm.prank(_ownerOf(id, nodeSeed));
        registry.exitNode(id);
        GhostNode storage n = _nodes[id - 1];
        require(n.status == IComputeRegistry.NodeStatus.Active, "handler: exited a non-active node");
        n.status = IComputeRegistry.NodeStatus.Exiting;
        n.unlockAt = uint48(block.timestamp + registry.unbondingPeriod());
        ghostActive -= 1;
        calls["exit"]++;
        _record();
    }

    function withdrawBond(uint256 nodeSeed) external {
        _sync();
        (bool found, uint256 id) = _pick(nodeSeed, IComputeRegistry.NodeStatus.Exiting);
        if (!found) return;
        if (strict && block.timestamp < _nodes[id - 1].unlockAt) _warpTo(_nodes[id - 1].unlockAt);
        address owner = _ownerOf(id, nodeSeed);
        uint256 before = owner.balance;
        vm.prank(owner);
        registry.withdrawBond(id);
        uint256 got = owner.balance - before;
        GhostNode storage n = _nodes[id - 1];
        n.paid += got;
        n.withdrawals += 1;
        ghostPaidTo[owner] += got;
        n.status = IComputeRegistry.NodeStatus.Withdrawn;
        ghostOutstandingBonds -= n.bond;
        calls["withdraw"]++;
        _record();
    }

    function warp(uint256 secondsSeed) external {
        _sync();
        _warpTo(block.timestamp + (secondsSeed % 10 days) + 1);
        calls["warp"]++;
        _record();
    }

    // ------------------------------------------------------------------ internals

    /// @dev Keeps time monotonic across calls whatever the runner does with the block between calls.
    function _sync() internal {
        if (block.timestamp < ghostNow) vm.warp(ghostNow);
    }

    function _warpTo(uint256 t) internal {
        vm.warp(t);
        ghostNow = t;
    }

    function _record() internal {
        uint256 t = block.timestamp;
        if (t > ghostNow) ghostNow = t;
        if (_timepoints.length == 0 || _timepoints[_timepoints.length - 1] != t) _timepoints.push(t);
        ghostSupplyAt[t] = ghostActive;
    }

    /// @dev Strict: a node in `status`, searched from a random start. Tolerant: any id in 0..count+1.
    function _pick(uint256 seed, IComputeRegistry.NodeStatus status) internal view returns (bool, uint256) {
        uint256 count = _nodes.length;
        if (!strict) {
            uint256 id = seed % (count + 2);
            // Ghost updates below assume the registry accepted the call; a wrong pick reverts the whole call.
            return (true, id);
        }
        if (count == 0) return (false, 0);
        for (uint256 k = 0; k < count; ++k) {
            uint256 i = (seed % count + k) % count;
            if (_nodes[i].status == status) return (true, i + 1);
        }
        return (false, 0);
    }

    /// @dev Strict: the node's owner. Tolerant: usually the owner, sometimes a random actor.
    function _ownerOf(uint256 id, uint256 seed) internal view returns (address) {
        if (strict || id == 0 || id > _nodes.length || (seed >> 128) % 4 != 0) {
            return id == 0 || id > _nodes.length ? _actors[seed % _actors.length] : _nodes[id - 1].owner;
        }
        return _actors[(seed >> 64) % _actors.length];
    }

    /// @dev 1 to 3 distinct SKUs, counts 1 or 2: always within the device and memory caps.
    function _devices(uint256 seed) internal view returns (IComputeRegistry.DeviceLine[] memory d, uint32 memoryMiB) {
        uint256 lines = 1 + (seed % 3);
        d = new IComputeRegistry.DeviceLine[](lines);
        uint256 start = (seed >> 8) % skuCount;
        uint256 total;
        for (uint256 i = 0; i < lines; ++i) {
            uint16 skuId = uint16(1 + (start + i) % skuCount);
            uint8 count = uint8(1 + ((seed >> (16 + 8 * i)) % 2));
            d[i] = IComputeRegistry.DeviceLine(skuId, count);
            (uint32 mem,) = _skuMemory(skuId);
            total += uint256(mem) * count;
        }
        memoryMiB = uint32(total);
    }

    function _skuMemory(uint256 skuId) internal view returns (uint32, bool) {
        (bool ok, bytes memory ret) =
            registry.catalog().staticcall(abi.encodeWithSignature("skuMemory(uint256)", skuId));
        require(ok, "handler: skuMemory failed");
        return abi.decode(ret, (uint32, bool));
    }
}
