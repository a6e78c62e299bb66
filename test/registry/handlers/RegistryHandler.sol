// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {HardwareAttestations} from "../../../contracts/attestation/HardwareAttestations.sol";
import {HardwareCatalog} from "../../../contracts/catalog/HardwareCatalog.sol";
import {NodeChallenges} from "../../../contracts/challenges/NodeChallenges.sol";
import {IComputeRegistry} from "../../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../../contracts/interfaces/IHardwareAttestations.sol";
import {ComputeRegistry} from "../../../contracts/registry/ComputeRegistry.sol";
import {Vm} from "../../utils/Vm.sol";

/// @notice Drives the registry, its attestations and its challenges for the invariant suites, with random
/// owners, keepers, challengers and attesters, and keeps ghost accounting of every node, device, vote, bond,
/// deposit, credit and burned wei. In `strict` mode every call it makes must succeed (the suite fails on any
/// revert): it picks only nodes in a state the call accepts and waits out warm-ups, unbonding periods and
/// challenge windows itself, so a bond or a credit that could never be taken fails the run. Otherwise it
/// passes random ids, callers and colliding device ids and lets the contracts refuse; a refused call reverts
/// the handler call with it, ghosts included.
contract RegistryHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    address internal constant BURN = 0x000000000000000000000000000000000000dEaD;
    uint256 internal constant MAX_DEVICES_A_NODE = 5; // 5 x 192 GiB fits the 1 TiB cap
    uint256 internal constant SKUS = 9;

    ComputeRegistry public immutable registry;
    HardwareAttestations public immutable attestations;
    NodeChallenges public immutable challenges;
    IEAS public immutable eas;
    HardwareCatalog public immutable catalog;
    address public immutable admin;
    bool public immutable strict;
    uint256 public immutable burnStart;

    struct GhostNode {
        address owner;
        IComputeRegistry.NodeStatus status;
        uint32 memoryMiB;
        uint256 bond;
        uint16 attesterId;
        bytes32 uid;
        uint64 expiry;
        uint48 readyAt;
        uint48 activatedAt;
        uint48 exitedAt;
        uint48 unlockAt;
        uint256 unbondingAtExit;
        uint16 generation;
        bytes32[] devices;
        address challenger;
        uint48 deadline;
        uint96 deposit;
        uint256 withdrawals;
    }

    /// @notice A signed attestation ready to submit, with what it attests.
    struct Prepared {
        IHardwareAttestations.OffchainAttestation a;
        address attester;
        bytes signature;
        bytes32[] ids;
        uint32 memoryMiB;
    }

    struct FloorChange {
        uint256 time;
        uint256 floor;
    }

    address[] internal _actors;
    uint256[3] internal _keys;
    /// @notice The id each attester key holds now (0 while not an attester).
    uint16[3] public keyId;
    mapping(uint16 attesterId => uint256 keyPlusOne) internal _keyOfId;
    mapping(bytes32 uid => mapping(address revoker => bool)) internal _revoked;

    GhostNode[] internal _nodes; // index = nodeId - 1
    bytes32[] internal _allDevices;
    uint256 internal _deviceNonce;
    uint256 internal _salt;

    uint256 public ghostActive;
    uint256 public ghostBonded;
    uint256 public ghostRegistryIn;
    uint256 public ghostRegistryOut;
    uint256 public ghostChallengesIn;
    uint256 public ghostChallengesOut;
    uint256 public ghostOwed;
    uint256 public ghostSlashed;
    uint256 public ghostBurned;
    uint256 public ghostToChallengers;
    mapping(address account => uint256) public ghostCredit;
    mapping(address account => uint256) public ghostReceived;
    IComputeRegistry.Params internal _params;
    uint256 public ghostNow;

    /// @notice The first contract misbehaviour a handler call saw (a tolerant run must not lose it to a revert).
    string public violation;

    uint256[] internal _timepoints;
    mapping(uint256 timepoint => uint256 supply) public ghostSupplyAt;
    FloorChange[] internal _floorChanges;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        ComputeRegistry registry_,
        HardwareAttestations attestations_,
        NodeChallenges challenges_,
        address admin_,
        bool strict_,
        uint256[3] memory keys_
    ) {
        registry = registry_;
        attestations = attestations_;
        challenges = challenges_;
        eas = IEAS(attestations_.eas());
        catalog = HardwareCatalog(registry_.catalog());
        admin = admin_;
        strict = strict_;
        burnStart = BURN.balance;
        _keys = keys_;
        for (uint256 k = 0; k < 3; ++k) {
            uint16 id = attestations_.attesterIdOf(vm.addr(keys_[k]));
            (, bool active) = attestations_.attesterOf(id);
            if (id != 0 && active) {
                keyId[k] = id;
                _keyOfId[id] = k + 1;
            }
        }
        for (uint256 i = 0; i < 6; ++i) {
            _actors.push(address(uint160(0xAC7000 + i)));
        }
        _params = registry_.parameters();
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

    function allDevices() external view returns (bytes32[] memory) {
        return _allDevices;
    }

    function timepoints() external view returns (uint256[] memory) {
        return _timepoints;
    }

    function floorChanges() external view returns (FloorChange[] memory) {
        return _floorChanges;
    }

    function params() external view returns (IComputeRegistry.Params memory) {
        return _params;
    }

    function activeMemories() external view returns (uint256[] memory list) {
        list = new uint256[](ghostActive);
        uint256 k;
        for (uint256 i = 0; i < _nodes.length; ++i) {
            if (_nodes[i].status == IComputeRegistry.NodeStatus.Active) list[k++] = _nodes[i].memoryMiB;
        }
    }

    /// @notice Whether a node's attestation no longer holds, by the ghosts alone.
    function ghostLapsed(uint256 id) public view returns (bool) {
        GhostNode storage n = _nodes[id - 1];
        if (n.expiry <= block.timestamp) return true;
        uint256 key = _keyOfId[n.attesterId];
        if (key == 0 || keyId[key - 1] != n.attesterId) return true;
        return _revoked[n.uid][vm.addr(_keys[key - 1])];
    }

    // ------------------------------------------------------------------ node actions

    function registerNode(uint256 actorSeed, uint256 devicesSeed, uint256 keySeed) external {
        _begin();
        address owner = _actors[actorSeed % _actors.length];
        (bool ok, uint256 k) = _activeKey(keySeed, 0);
        if (!ok) {
            _end("register-skipped");
            return;
        }
        Prepared memory p = _attest(k, owner, devicesSeed, new bytes32[](0));
        uint256 bond = registry.bondFor(p.memoryMiB);
        vm.deal(owner, owner.balance + bond);
        vm.prank(owner);
        uint256 id = registry.registerNode{value: bond}(p.a, p.attester, p.signature, "");
        _check(id == _nodes.length + 1, "unexpected node id");
        GhostNode storage n = _nodes.push();
        n.owner = owner;
        n.bond = bond;
        _setAttestation(n, p, k);
        n.status = IComputeRegistry.NodeStatus.Pending;
        n.readyAt = uint48(block.timestamp + registry.warmup());
        _registryIn(bond);
        _end("register");
    }

    function activate(uint256 nodeSeed) external {
        _begin();
        (bool found, uint256 id) = _pickActivatable(nodeSeed);
        if (!found) {
            _end("activate-skipped");
            return;
        }
        vm.prank(_actors[nodeSeed % _actors.length]); // anyone
        registry.activate(id);
        GhostNode storage n = _nodes[id - 1];
        _check(n.status == IComputeRegistry.NodeStatus.Pending, "activated a node that was not Pending");
        _check(block.timestamp >= n.readyAt, "activated during the warm-up");
        _check(!ghostLapsed(id), "activated on a lapsed attestation");
        n.status = IComputeRegistry.NodeStatus.Active;
        n.activatedAt = uint48(block.timestamp);
        ghostActive += 1;
        _end("activate");
    }

    function updateNode(uint256 nodeSeed, uint256 devicesSeed, uint256 keySeed) external {
        _begin();
        (bool found, uint256 id) = _pickUpdatable(nodeSeed);
        if (!found) {
            _end("update-skipped");
            return;
        }
        (bool ok, uint256 k) = _activeKey(keySeed, 0);
        if (!ok) {
            _end("update-skipped");
            return;
        }
        _update(id, _caller(id, nodeSeed), k, devicesSeed);
        _end("update");
    }

    function _update(uint256 id, address owner, uint256 k, uint256 devicesSeed) internal {
        GhostNode storage n = _nodes[id - 1];
        Prepared memory p = _attest(k, owner, devicesSeed, n.devices);
        uint256 required = registry.bondFor(p.memoryMiB);
        uint256 topUp = required > n.bond ? required - n.bond : 0;
        vm.deal(owner, owner.balance + topUp);
        vm.prank(owner);
        registry.updateNode{value: topUp}(id, p.a, p.attester, p.signature, "updated");
        if (n.status == IComputeRegistry.NodeStatus.Active) ghostActive -= 1;
        n.bond += topUp;
        n.generation += 1;
        _setAttestation(n, p, k);
        n.status = IComputeRegistry.NodeStatus.Pending;
        n.readyAt = uint48(block.timestamp + registry.warmup());
        _registryIn(topUp);
    }

    function exitNode(uint256 nodeSeed) external {
        _begin();
        (bool found, uint256 id) = _pickLive(nodeSeed);
        if (!found) {
            _end("exit-skipped");
            return;
        }
        vm.prank(_caller(id, nodeSeed));
        registry.exitNode(id);
        GhostNode storage n = _nodes[id - 1];
        if (n.status == IComputeRegistry.NodeStatus.Active) ghostActive -= 1;
        n.status = IComputeRegistry.NodeStatus.Exiting;
        n.exitedAt = uint48(block.timestamp);
        n.unbondingAtExit = registry.unbondingPeriod();
        n.unlockAt = uint48(block.timestamp + n.unbondingAtExit);
        _end("exit");
    }

    function withdrawBond(uint256 nodeSeed) external {
        _begin();
        (bool found, uint256 id) = _pickWithdrawable(nodeSeed);
        if (!found) {
            _end("withdraw-skipped");
            return;
        }
        GhostNode storage n = _nodes[id - 1];
        address owner = _caller(id, nodeSeed);
        uint256 before = owner.balance;
        vm.prank(owner);
        registry.withdrawBond(id);
        uint256 got = owner.balance - before;
        _check(got == n.bond, "paid other than the bond");
        _check(block.timestamp >= n.unlockAt && n.challenger == address(0), "withdrew a locked bond");
        n.withdrawals += 1;
        n.status = IComputeRegistry.NodeStatus.Withdrawn;
        n.bond = 0;
        ghostReceived[owner] += got;
        _registryOut(got);
        _end("withdraw");
    }

    // ------------------------------------------------------------------ lapses and what causes them

    function lapse(uint256 nodeSeed, uint256 keeperSeed) external {
        _begin();
        (bool found, uint256 id) = _pickLapsable(nodeSeed);
        if (!found) {
            _end("lapse-skipped");
            return;
        }
        address keeper = _actors[keeperSeed % _actors.length];
        vm.prank(keeper);
        uint256 fee = registry.lapse(id);
        _applyLapse(id, keeper, fee);
        _end("lapse");
    }

    function lapseMany(uint256 nodeSeed, uint256 keeperSeed) external {
        _begin();
        address keeper = _actors[keeperSeed % _actors.length];
        uint256 count = _nodes.length;
        // Up to four ids from a random start: lapsable or not, and the same id twice.
        uint256[] memory ids = new uint256[](count == 0 ? 0 : 4);
        for (uint256 i = 0; i < ids.length; ++i) ids[i] = 1 + ((nodeSeed >> (8 * i)) % count);
        bool[] memory will = new bool[](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) {
            will[i] = _lapsableNow(ids[i]);
            for (uint256 j = 0; j < i; ++j) if (ids[j] == ids[i]) will[i] = false;
        }
        vm.prank(keeper);
        (uint256 lapsed, uint256 fee) = registry.lapseMany(ids);
        uint256 expectedLapsed;
        uint256 expectedFee;
        for (uint256 i = 0; i < ids.length; ++i) {
            if (!will[i]) continue;
            uint256 f = _params.keeperFee < _nodes[ids[i] - 1].bond ? _params.keeperFee : _nodes[ids[i] - 1].bond;
            _applyLapse(ids[i], keeper, f);
            expectedLapsed += 1;
            expectedFee += f;
        }
        _check(lapsed == expectedLapsed && fee == expectedFee, "lapseMany lapsed other nodes");
        _end("lapseMany");
    }

    function revoke(uint256 nodeSeed) external {
        _begin();
        if (_nodes.length == 0) {
            _end("revoke-skipped");
            return;
        }
        GhostNode storage n = _nodes[nodeSeed % _nodes.length];
        uint256 key = _keyOfId[n.attesterId];
        if (key == 0 || _revoked[n.uid][vm.addr(_keys[key - 1])]) {
            _end("revoke-skipped");
            return;
        }
        address revoker = vm.addr(_keys[key - 1]);
        vm.prank(revoker);
        eas.revokeOffchain(n.uid);
        _revoked[n.uid][revoker] = true;
        _end("revoke");
    }

    /// @notice Removes an attester while three are set, else adds the missing one (a new id if it returns).
    function toggleAttester(uint256 seed) external {
        _begin();
        uint256 active;
        for (uint256 k = 0; k < 3; ++k) if (keyId[k] != 0) ++active;
        if (active == 3) {
            uint256 k = seed % 3;
            vm.prank(admin);
            attestations.removeAttester(vm.addr(_keys[k]));
            keyId[k] = 0;
            _end("removeAttester");
        } else {
            uint256 k = 0;
            while (keyId[k] != 0) ++k;
            vm.prank(admin);
            uint16 id = attestations.addAttester(vm.addr(_keys[k]));
            keyId[k] = id;
            _keyOfId[id] = k + 1;
            _end("addAttester");
        }
    }

    // ------------------------------------------------------------------ challenges

    function challenge(uint256 nodeSeed, uint256 challengerSeed) external {
        _begin();
        (bool found, uint256 id) = _pickChallengeable(nodeSeed);
        if (!found) {
            _end("challenge-skipped");
            return;
        }
        GhostNode storage n = _nodes[id - 1];
        address challenger = _actors[challengerSeed % _actors.length];
        if (strict && challenger == n.owner) challenger = _actors[(challengerSeed % _actors.length + 1) % _actors.length];
        uint256 deposit = challenges.deposit();
        vm.deal(challenger, challenger.balance + deposit);
        vm.prank(challenger);
        challenges.challenge{value: deposit}(id);
        _check(n.challenger == address(0), "challenged twice");
        n.challenger = challenger;
        n.deadline = uint48(block.timestamp + challenges.window());
        n.deposit = uint96(deposit);
        ghostOwed += deposit;
        ghostChallengesIn += deposit;
        _end("challenge");
    }

    function answer(uint256 nodeSeed, uint256 keySeed) external {
        _begin();
        (bool found, uint256 id) = _pickAnswerable(nodeSeed);
        if (!found) {
            _end("answer-skipped");
            return;
        }
        GhostNode storage n = _nodes[id - 1];
        (bool ok, uint256 k) = _activeKey(keySeed, n.attesterId);
        if (!ok) {
            _end("answer-skipped");
            return;
        }
        IHardwareAttestations.OffchainAttestation memory a = _attestation(n.owner, _currentData(id), _newSalt());
        bytes memory sig = _sign(k, a);
        vm.prank(_caller(id, nodeSeed));
        challenges.answer(id, a, vm.addr(_keys[k]), sig);
        ghostCredit[n.owner] += n.deposit;
        _clearChallenge(n);
        n.attesterId = keyId[k];
        n.uid = attestations.uidOf(a);
        n.expiry = a.expirationTime;
        _end("answer");
    }

    function resolve(uint256 nodeSeed) external {
        _begin();
        (bool found, uint256 id) = _pickChallenged(nodeSeed);
        if (!found) {
            _end("resolve-skipped");
            return;
        }
        GhostNode storage n = _nodes[id - 1];
        if (block.timestamp <= n.deadline && _waits(nodeSeed)) _warpTo(uint256(n.deadline) + 1);
        uint256 burnBefore = BURN.balance;
        vm.prank(_actors[nodeSeed % _actors.length]); // anyone
        challenges.resolve(id);
        uint256 bond = n.bond;
        uint256 toChallenger = bond / 2;
        _check(BURN.balance - burnBefore == bond - toChallenger, "burned other than half");
        if (n.status == IComputeRegistry.NodeStatus.Active) ghostActive -= 1;
        n.status = IComputeRegistry.NodeStatus.Slashed;
        n.bond = 0;
        ghostCredit[n.challenger] += n.deposit + toChallenger;
        ghostOwed += toChallenger;
        ghostSlashed += bond;
        ghostBurned += bond - toChallenger;
        ghostToChallengers += toChallenger;
        ghostChallengesIn += bond;
        ghostChallengesOut += bond - toChallenger;
        _registryOut(bond);
        _clearChallenge(n);
        _end("resolve");
    }

    function claimCredit(uint256 actorSeed) external {
        _begin();
        address account = _actors[actorSeed % _actors.length];
        if (strict && ghostCredit[account] == 0) {
            for (uint256 i = 0; i < _actors.length && ghostCredit[account] == 0; ++i) account = _actors[i];
            if (ghostCredit[account] == 0) {
            _end("claim-skipped");
            return;
        }
        }
        uint256 before = account.balance;
        vm.prank(account);
        uint256 amount = challenges.claimCredit();
        _check(amount == ghostCredit[account] && account.balance - before == amount, "credit mispaid");
        ghostCredit[account] = 0;
        ghostOwed -= amount;
        ghostReceived[account] += amount;
        ghostChallengesOut += amount;
        _end("claim");
    }

    // ------------------------------------------------------------------ governance and time

    /// @notice A setter called by the admin (half the time) or by a node owner; only the admin's calls may land.
    function setParameter(uint256 which, uint256 value, uint256 callerSeed) external {
        _begin();
        bool byAdmin = strict || callerSeed % 2 == 0;
        address caller = byAdmin ? admin : _actors[callerSeed % _actors.length];
        uint256 k = which % (strict ? 3 : 5);
        // Strict runs stay in bounds; tolerant ones go past them too.
        uint256 x = strict ? value % 5e6 : value % 2e8;
        uint256 y = strict ? (value >> 64) % 5e6 : (value >> 64) % 1e7;
        uint256 minUnbonding = registry.config().minUnbondingPeriod;
        vm.prank(caller);
        if (k == 0) {
            uint256 base = (strict ? 1e6 + (value % 99e6) : x) * 1 gwei;
            registry.setBond(base, y * 1 gwei);
            (_params.bondBase, _params.bondPerGiB) = (uint96(base), uint96(y * 1 gwei));
        } else if (k == 1) {
            registry.setKeeperFee(x * 1 gwei);
            _params.keeperFee = uint96(x * 1 gwei);
        } else if (k == 2) {
            uint256 period = strict ? minUnbonding + (value % 30 days) : value % 100 days;
            registry.setUnbondingPeriod(period);
            _params.unbondingPeriod = uint32(period);
        } else if (k == 3) {
            registry.setMaxDevicesPerNode(value % 70);
            _params.maxDevicesPerNode = uint16(value % 70);
        } else {
            registry.setMaxNodeMemoryMiB(value % (2 << 20));
            _params.maxNodeMemoryMiB = uint32(value % (2 << 20));
        }
        _check(byAdmin, "a non-admin changed a parameter");
        _end("setParameter");
    }

    function warp(uint256 secondsSeed) external {
        _begin();
        _warpTo(block.timestamp + (secondsSeed % 3 days) + 1);
        _end("warp");
    }

    // ------------------------------------------------------------------ picking nodes

    // Strict picks meet every condition of the call, waiting out the time it needs. Tolerant picks take a random
    // id a quarter of the time, and otherwise a node of the right status without the other conditions (open
    // challenges, deadlines, unlock times, lapse reasons), waiting only half the time: the contracts refuse.

    function _pickActivatable(uint256 seed) internal returns (bool, uint256) {
        if (_noise(seed)) return _anyId(seed);
        (bool found, uint256 id) = _pick(seed, _mask(IComputeRegistry.NodeStatus.Pending));
        if (!found) return (false, 0);
        GhostNode storage n = _nodes[id - 1];
        if (block.timestamp < n.readyAt && _waits(seed)) _warpTo(n.readyAt);
        return (!strict || !ghostLapsed(id), id);
    }

    function _pickUpdatable(uint256 seed) internal view returns (bool found, uint256 id) {
        if (_noise(seed)) return _anyId(seed);
        (found, id) = _pick(seed, _liveMask());
        if (strict && found && _nodes[id - 1].challenger != address(0)) found = false;
    }

    function _pickLive(uint256 seed) internal view returns (bool, uint256) {
        return _noise(seed) ? _anyId(seed) : _pick(seed, _liveMask());
    }

    function _pickWithdrawable(uint256 seed) internal returns (bool found, uint256 id) {
        if (_noise(seed)) return _anyId(seed);
        (found, id) = _pick(seed, _mask(IComputeRegistry.NodeStatus.Exiting));
        if (!found) return (false, 0);
        GhostNode storage n = _nodes[id - 1];
        if (strict && n.challenger != address(0)) return (false, 0);
        if (block.timestamp < n.unlockAt && _waits(seed)) _warpTo(n.unlockAt);
    }

    function _pickLapsable(uint256 seed) internal view returns (bool, uint256) {
        if (_noise(seed)) return _anyId(seed);
        uint256 count = _nodes.length;
        for (uint256 k = 0; k < count; ++k) {
            uint256 id = 1 + (seed % count + k) % count;
            if (strict ? _lapsableNow(id) : _nodes[id - 1].status != IComputeRegistry.NodeStatus.Withdrawn) {
                return (true, id);
            }
        }
        return (false, 0);
    }

    function _pickChallengeable(uint256 seed) internal view returns (bool found, uint256 id) {
        if (_noise(seed)) return _anyId(seed);
        (found, id) = _pick(seed, _liveMask() | _mask(IComputeRegistry.NodeStatus.Exiting));
        if (strict && found && _nodes[id - 1].challenger != address(0)) found = false;
    }

    function _pickChallenged(uint256 seed) internal view returns (bool, uint256) {
        if (_noise(seed)) return _anyId(seed);
        uint256 count = _nodes.length;
        for (uint256 k = 0; k < count; ++k) {
            uint256 id = 1 + (seed % count + k) % count;
            if (_nodes[id - 1].challenger != address(0)) return (true, id);
        }
        return (false, 0);
    }

    function _pickAnswerable(uint256 seed) internal view returns (bool found, uint256 id) {
        (found, id) = _pickChallenged(seed);
        if (!strict || !found) return (found, id);
        GhostNode storage n = _nodes[id - 1];
        if (block.timestamp > n.deadline) return (false, 0);
        // An exiting node's devices may have gone to another node since: then it cannot answer.
        uint256 claim = id | (uint256(n.generation) << 48);
        for (uint256 i = 0; i < n.devices.length; ++i) {
            if (registry.deviceClaimOf(n.devices[i]) != claim) return (false, 0);
        }
    }

    /// @dev Tolerant runs: a random id a quarter of the time.
    function _noise(uint256 seed) internal view returns (bool) {
        return !strict && (seed >> 200) % 4 == 0;
    }

    /// @dev Strict runs always wait for the time a call needs; tolerant ones half the time.
    function _waits(uint256 seed) internal view returns (bool) {
        return strict || (seed >> 208) % 2 == 0;
    }

    function _lapsableNow(uint256 id) internal view returns (bool) {
        IComputeRegistry.NodeStatus s = _nodes[id - 1].status;
        bool lapsableStatus = s == IComputeRegistry.NodeStatus.Pending || s == IComputeRegistry.NodeStatus.Active;
        return lapsableStatus && ghostLapsed(id);
    }

    /// @dev A node whose status is in `mask`, searched from a random start.
    function _pick(uint256 seed, uint256 mask) internal view returns (bool, uint256) {
        uint256 count = _nodes.length;
        for (uint256 k = 0; k < count; ++k) {
            uint256 i = (seed % count + k) % count;
            if ((mask >> uint8(_nodes[i].status)) & 1 == 1) return (true, i + 1);
        }
        return (false, 0);
    }

    /// @dev Tolerant picks: any id from 0 to count + 1, so unknown ids come up too.
    function _anyId(uint256 seed) internal view returns (bool, uint256) {
        return (true, seed % (_nodes.length + 2));
    }

    function _mask(IComputeRegistry.NodeStatus s) internal pure returns (uint256) {
        return 1 << uint8(s);
    }

    function _liveMask() internal pure returns (uint256) {
        return _mask(IComputeRegistry.NodeStatus.Pending) | _mask(IComputeRegistry.NodeStatus.Active)
            | _mask(IComputeRegistry.NodeStatus.Lapsed);
    }

    /// @dev Strict: the node's owner. Tolerant: usually the owner, sometimes a random actor.
    function _caller(uint256 id, uint256 seed) internal view returns (address) {
        if (id == 0 || id > _nodes.length) return _actors[seed % _actors.length];
        if (strict || (seed >> 128) % 4 != 0) return _nodes[id - 1].owner;
        return _actors[(seed >> 64) % _actors.length];
    }

    /// @dev An active attester key other than the one holding `exceptId` (0: any), from a random start.
    function _activeKey(uint256 seed, uint16 exceptId) internal view returns (bool, uint256) {
        // Not the same attester by address either (one removed and added back has a new id).
        uint256 exceptKey = _keyOfId[exceptId];
        for (uint256 j = 0; j < 3; ++j) {
            uint256 k = (seed % 3 + j) % 3;
            if (keyId[k] != 0 && keyId[k] != exceptId && exceptKey != k + 1) return (true, k);
        }
        // Tolerant runs also try a removed attester, or the questioned one, and expect a refusal.
        return (!strict, seed % 3);
    }

    // ------------------------------------------------------------------ attestations

    /// @dev 1 to 3 lines of distinct SKUs, up to MAX_DEVICES_A_NODE devices; device ids: some of `keep`, the rest
    /// fresh, and in tolerant runs sometimes one used elsewhere.
    function _attest(uint256 k, address owner, uint256 seed, bytes32[] memory keep)
        internal
        returns (Prepared memory p)
    {
        uint256 lineCount = 1 + (seed % 3);
        uint16[] memory skuIds = new uint16[](lineCount);
        uint8[] memory counts = new uint8[](lineCount);
        uint256 devices;
        uint256 start = (seed >> 8) % SKUS;
        for (uint256 i = 0; i < lineCount; ++i) {
            skuIds[i] = uint16(1 + (start + i) % SKUS);
            uint256 room = MAX_DEVICES_A_NODE - devices - (lineCount - 1 - i);
            counts[i] = uint8(1 + ((seed >> (16 + 8 * i)) % (room < 2 ? 1 : 2)));
            devices += counts[i];
            (uint32 skuMiB,) = catalog.skuMemory(skuIds[i]);
            p.memoryMiB += skuMiB * uint32(counts[i]);
        }
        p.ids = _deviceIds(devices, seed >> 64, keep);
        p.a = _attestation(owner, abi.encode(skuIds, counts, p.ids, keccak256("evidence")), _newSalt());
        p.attester = vm.addr(_keys[k]);
        p.signature = _sign(k, p.a);
    }

    function _deviceIds(uint256 n, uint256 seed, bytes32[] memory keep) internal returns (bytes32[] memory ids) {
        ids = new bytes32[](n);
        uint256 taken;
        for (uint256 i = 0; i < keep.length && taken < n; ++i) {
            if ((seed >> i) & 1 == 1) ids[taken++] = keep[i];
        }
        // Tolerant runs: now and then a device some node may hold.
        if (!strict && taken < n && _allDevices.length > 0 && (seed >> 32) % 4 == 0) {
            bytes32 used = _allDevices[(seed >> 40) % _allDevices.length];
            bool dup;
            for (uint256 i = 0; i < taken; ++i) dup = dup || ids[i] == used;
            if (!dup) ids[taken++] = used;
        }
        while (taken < n) {
            bytes32 fresh = bytes32((++_deviceNonce << 128) | 0xD);
            ids[taken++] = fresh;
            _allDevices.push(fresh);
        }
        _sort(ids);
    }

    function _attestation(address recipient, bytes memory data, bytes32 salt)
        internal
        view
        returns (IHardwareAttestations.OffchainAttestation memory)
    {
        return IHardwareAttestations.OffchainAttestation({
            version: 2,
            schema: attestations.schemaUID(),
            recipient: recipient,
            time: uint64(block.timestamp),
            expirationTime: uint64(block.timestamp + 2 days + (uint256(salt) % 20 days)),
            revocable: true,
            refUID: bytes32(0),
            data: data,
            salt: salt
        });
    }

    /// @dev The node's own devices as the registry holds them: its lines and its device ids.
    function _currentData(uint256 id) internal view returns (bytes memory) {
        (uint256 word1, uint256 word2,) = registry.nodeRecord(id);
        uint256 lineCount = uint8(word1 >> 200);
        uint256 lines = word2 >> 112;
        uint16[] memory skuIds = new uint16[](lineCount);
        uint8[] memory counts = new uint8[](lineCount);
        for (uint256 i = 0; i < lineCount; ++i) {
            (skuIds[i], counts[i]) = (uint16(lines >> (24 * i)), uint8(lines >> (24 * i + 16)));
        }
        return abi.encode(skuIds, counts, _nodes[id - 1].devices, keccak256("evidence"));
    }

    function _sign(uint256 k, IHardwareAttestations.OffchainAttestation memory a) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keys[k], attestations.digestOf(a));
        return abi.encodePacked(r, s, v);
    }

    function _newSalt() internal returns (bytes32) {
        return keccak256(abi.encode("salt", ++_salt));
    }

    function _setAttestation(GhostNode storage n, Prepared memory p, uint256 k) internal {
        n.attesterId = keyId[k];
        n.uid = attestations.uidOf(p.a);
        n.expiry = p.a.expirationTime;
        n.devices = p.ids;
        n.memoryMiB = p.memoryMiB;
    }

    // ------------------------------------------------------------------ ghost bookkeeping

    function _applyLapse(uint256 id, address keeper, uint256 fee) internal {
        GhostNode storage n = _nodes[id - 1];
        _check(_lapsableNow(id), "lapsed a node whose attestation holds");
        uint256 expected = _params.keeperFee < n.bond ? _params.keeperFee : n.bond;
        _check(fee == expected, "keeper fee other than min(fee, bond)");
        if (n.status == IComputeRegistry.NodeStatus.Active) ghostActive -= 1;
        n.status = IComputeRegistry.NodeStatus.Lapsed;
        n.bond -= fee;
        ghostReceived[keeper] += fee;
        _registryOut(fee);
    }

    function _check(bool ok, string memory what) internal {
        if (!ok && bytes(violation).length == 0) violation = what;
    }

    function _clearChallenge(GhostNode storage n) internal {
        n.challenger = address(0);
        n.deadline = 0;
        n.deposit = 0;
    }

    function _registryIn(uint256 amount) internal {
        ghostRegistryIn += amount;
        ghostBonded += amount;
    }

    function _registryOut(uint256 amount) internal {
        ghostRegistryOut += amount;
        ghostBonded -= amount;
    }

    /// @dev Keeps time monotonic across calls whatever the runner does with the block between calls, and
    /// records the floor changes the call makes (from the registry's events, so none within a call is missed).
    function _begin() internal {
        if (block.timestamp < ghostNow) vm.warp(ghostNow);
        vm.recordLogs();
    }

    function _end(bytes32 action) internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bytes32 topic = keccak256("FloorChanged(uint32,uint32)");
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(registry) || logs[i].topics[0] != topic) continue;
            (, uint32 newFloor) = abi.decode(logs[i].data, (uint32, uint32));
            _floorChanges.push(FloorChange(block.timestamp, newFloor));
        }
        calls[action]++;
        _record();
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

    function _sort(bytes32[] memory a) internal pure {
        for (uint256 i = 1; i < a.length; ++i) {
            bytes32 v = a[i];
            uint256 j = i;
            while (j > 0 && a[j - 1] > v) {
                a[j] = a[j - 1];
                --j;
            }
            a[j] = v;
        }
    }
}
