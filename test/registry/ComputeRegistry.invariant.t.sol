// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {HardwareAttestations} from "../../contracts/attestation/HardwareAttestations.sol";
import {NodeChallenges} from "../../contracts/challenges/NodeChallenges.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {FloorHistory} from "../../contracts/libraries/FloorHistory.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {Deployers} from "../utils/Deployers.sol";
import {RegistryHandler} from "./handlers/RegistryHandler.sol";

/// @notice Hardhat 3 writes artifacts only for contracts defined in test root files (`*.t.sol`), and the
/// invariant runner can only target contracts it has an artifact for. This thin subclass puts the handler
/// (whose logic lives in handlers/RegistryHandler.sol) into this root file.
contract TargetRegistryHandler is RegistryHandler {
    constructor(
        ComputeRegistry registry_,
        HardwareAttestations attestations_,
        NodeChallenges challenges_,
        address admin_,
        bool strict_,
        uint256[3] memory keys_
    ) RegistryHandler(registry_, attestations_, challenges_, admin_, strict_, keys_) {}
}

/// @notice The invariants of issue 11 and of THREATS §4.1 (I1–I10, adapted to attested nodes) over a
/// RegistryHandler that registers, activates, updates, exits, withdraws, lapses (each reason), challenges,
/// answers, resolves, claims, changes parameters and attesters, and moves time. The two suites below differ
/// only in whether the handler may make calls that revert.
abstract contract RegistryInvariants is Deployers {
    uint256 internal constant THIRD_ATTESTER_PK = 0xA77E59;
    uint32 internal constant WARMUP = 1 hours;

    RegistryHandler internal handler;
    uint256 internal adminBalance;

    function _strict() internal pure virtual returns (bool);

    function setUp() public {
        vm.warp(START_TIME);
        deployRegistry(address(this), defaultParams(), defaultConfig(WARMUP));
        handler = new TargetRegistryHandler(
            registry, attestations, challenges, address(this), _strict(), [ATTESTER_PK, SECOND_ATTESTER_PK, THIRD_ATTESTER_PK]
        );
        adminBalance = address(this).balance;
        targetContract(address(handler));
    }

    function _ghost(uint256 id) internal view returns (RegistryHandler.GhostNode memory) {
        return handler.ghostNode(id);
    }

    /// @dev A node holds its devices while it holds a bond (an exiting one may still have to answer a challenge).
    function _isLive(IComputeRegistry.NodeStatus s) internal pure returns (bool) {
        return s == IComputeRegistry.NodeStatus.Pending || s == IComputeRegistry.NodeStatus.Active
            || s == IComputeRegistry.NodeStatus.Lapsed || s == IComputeRegistry.NodeStatus.Exiting;
    }

    /// @notice Every check the handler makes of a call that went through held (a tolerant run would otherwise
    /// lose a failed check with the reverted call).
    function invariant_handlerSawNoMisbehaviour() public view {
        assertEq(handler.violation(), "", "handler check");
    }

    /// @notice Issue 11: active votes == attested, warmed-up, unlapsed nodes. Every vote is an Active node that
    /// was activated after its warm-up on an attestation that held; and one `lapseMany` by anyone brings the
    /// votes down to exactly the Active nodes whose attestation holds now.
    function invariant_activeVotesAreAttestedWarmedUpUnlapsedNodes() public {
        uint256 n = handler.nodeCount();
        uint256 active;
        uint256 holding;
        uint256[] memory lapsable = new uint256[](n);
        uint256 k;
        for (uint256 id = 1; id <= n; ++id) {
            RegistryHandler.GhostNode memory g = _ghost(id);
            if (g.status != IComputeRegistry.NodeStatus.Active) continue;
            ++active;
            assertGe(g.activatedAt, g.readyAt, "voted before its warm-up ended");
            if (handler.ghostLapsed(id)) lapsable[k++] = id;
            else ++holding;
        }
        assertEq(registry.activeNodeCount(), active, "activeNodeCount");
        assertEq(handler.ghostActive(), active, "ghost active");

        uint256 snap = vm.snapshotState();
        uint256[] memory ids = new uint256[](k);
        for (uint256 i = 0; i < k; ++i) ids[i] = lapsable[i];
        vm.prank(address(0x4EE9E2));
        registry.lapseMany(ids);
        assertEq(registry.activeNodeCount(), holding, "votes after one lapseMany");
        vm.revertToState(snap);
    }

    /// @notice Issue 11 / I5: no deviceId is held by two live nodes; every live node holds all its devices, and
    /// a held device is listed by its holder.
    function invariant_noDeviceInTwoLiveNodes() public view {
        uint256 n = handler.nodeCount();
        for (uint256 id = 1; id <= n; ++id) {
            RegistryHandler.GhostNode memory g = _ghost(id);
            if (!_isLive(g.status)) continue;
            for (uint256 i = 0; i < g.devices.length; ++i) {
                assertEq(registry.nodeOfDevice(g.devices[i]), id, "a live node lost a device");
            }
        }
        bytes32[] memory devices = handler.allDevices();
        for (uint256 i = 0; i < devices.length; ++i) {
            uint256 holder = registry.nodeOfDevice(devices[i]);
            if (holder == 0) continue;
            RegistryHandler.GhostNode memory g = _ghost(holder);
            assertTrue(_isLive(g.status), "a device held by a node that is not live");
            bool listed;
            for (uint256 j = 0; j < g.devices.length; ++j) listed = listed || g.devices[j] == devices[i];
            assertTrue(listed, "a device held by a node that does not list it");
        }
    }

    /// @notice Issue 11 / I3 / I4: the registry holds at least the bonds it owes, exactly what came in less
    /// what went out, and each node's bond is what the ghosts say.
    function invariant_registryBalanceCoversBonds() public view {
        assertGe(address(registry).balance, registry.totalBonded(), "registry balance < totalBonded");
        assertEq(registry.totalBonded(), handler.ghostBonded(), "totalBonded");
        assertEq(address(registry).balance, handler.ghostRegistryIn() - handler.ghostRegistryOut(), "ETH in - out");
        uint256 n = handler.nodeCount();
        uint256 sum;
        for (uint256 id = 1; id <= n; ++id) {
            RegistryHandler.GhostNode memory g = _ghost(id);
            (uint256 word1, uint256 word2,) = registry.nodeRecord(id);
            assertEq(uint8(word1 >> 192), uint8(g.status), "status");
            assertEq(address(uint160(word1)), g.owner, "owner");
            assertEq(uint256(uint48(word2)) * 1 gwei, g.bond, "bond");
            sum += g.bond;
            assertLe(g.withdrawals, 1, "withdrawn twice");
            if (g.status == IComputeRegistry.NodeStatus.Active) {
                assertEq(uint32(word1 >> 160), g.memoryMiB, "memory");
            }
            if (g.status == IComputeRegistry.NodeStatus.Exiting) {
                // I7: an exiting bond unlocks no earlier than the unbonding period in force at its exit.
                assertEq(uint48(word2 >> 64), g.unlockAt, "unlockAt");
                assertGe(g.unlockAt, g.exitedAt + g.unbondingAtExit, "unlock before the unbonding period");
            }
        }
        assertEq(sum, registry.totalBonded(), "sum of bonds");
    }

    /// @notice Issue 11: NodeChallenges holds at least what it owes: the open deposits and every credit.
    function invariant_challengesBalanceCoversOwed() public view {
        assertGe(address(challenges).balance, challenges.totalOwed(), "challenges balance < totalOwed");
        assertEq(challenges.totalOwed(), handler.ghostOwed(), "totalOwed");
        assertEq(
            address(challenges).balance, handler.ghostChallengesIn() - handler.ghostChallengesOut(), "ETH in - out"
        );
        uint256 owed;
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; ++i) {
            assertEq(challenges.creditOf(actors[i]), handler.ghostCredit(actors[i]), "credit");
            owed += challenges.creditOf(actors[i]);
        }
        uint256 n = handler.nodeCount();
        for (uint256 id = 1; id <= n; ++id) {
            RegistryHandler.GhostNode memory g = _ghost(id);
            assertEq(challenges.isChallenged(id), g.challenger != address(0), "challenge open");
            owed += g.deposit;
        }
        assertEq(owed, challenges.totalOwed(), "credits + open deposits");
    }

    /// @notice Issue 11: slashed ETH goes only to the challenger's credit and the burn address; nobody else,
    /// the admin (timelock) included, is ever paid anything but bonds, keeper fees and credits.
    function invariant_slashedEthOnlyToChallengerAndBurn() public view {
        assertEq(handler.ghostSlashed(), handler.ghostBurned() + handler.ghostToChallengers(), "slash split");
        assertEq(_burnBalance() - handler.burnStart(), handler.ghostBurned(), "burned");
        assertEq(address(this).balance, adminBalance, "the admin was paid");
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; ++i) {
            assertEq(actors[i].balance, handler.ghostReceived(actors[i]), "actor paid other than its due");
        }
    }

    function _burnBalance() internal view returns (uint256) {
        return address(0x000000000000000000000000000000000000dEaD).balance;
    }

    /// @notice I1: total voting units == active nodes, now and at every past timepoint the ghosts recorded.
    function invariant_pastTotalSupplyMatchesGhost() public view {
        uint256 now_ = registry.clock();
        uint256[] memory tps = handler.timepoints();
        for (uint256 i = 0; i < tps.length; ++i) {
            if (tps[i] >= now_) break;
            assertEq(registry.getPastTotalSupply(tps[i]), handler.ghostSupplyAt(tps[i]), "past total supply");
        }
    }

    /// @notice I2: every owner self-delegated at its first activation, so the actors' votes add up to the
    /// active nodes.
    function invariant_votesOfActorsEqualActiveNodes() public view {
        address[] memory actors = handler.actors();
        uint256 sum;
        for (uint256 i = 0; i < actors.length; ++i) {
            sum += registry.getVotes(actors[i]);
            address d = registry.delegates(actors[i]);
            assertTrue(d == address(0) || d == actors[i], "delegate");
        }
        assertEq(sum, handler.ghostActive(), "sum of votes");
    }

    /// @notice I9: only the admin changes a parameter; random callers never do.
    function invariant_parametersOnlyFromTheAdmin() public view {
        assertEq(keccak256(abi.encode(registry.parameters())), keccak256(abi.encode(handler.params())), "params");
    }

    /// @notice The percentile is within 1 GiB above the brute-force nearest-rank percentile of active memory,
    /// and the floor is its configured percentile.
    function invariant_percentileMatchesBruteForce() public view {
        uint256[] memory mem = handler.activeMemories();
        _sort(mem);
        uint256 total;
        for (uint256 i = 0; i < mem.length; ++i) total += mem[i];
        assertEq(registry.totalMemoryMiB(), total, "totalMemoryMiB");
        uint256[5] memory ps = [uint256(1), 25, 50, 90, 100];
        for (uint256 k = 0; k < ps.length; ++k) {
            uint256 exact = mem.length == 0 ? 0 : mem[(mem.length * ps[k] + 99) / 100 - 1];
            uint256 answer = registry.memoryPercentileMiB(ps[k]);
            if (mem.length == 0) {
                assertEq(answer, 0, "empty percentile");
            } else {
                assertGe(answer, exact, "percentile below exact");
                assertLt(answer, exact + 1024, "percentile 1 GiB or more above exact");
            }
        }
        assertEq(registry.floorMiB(), registry.memoryPercentileMiB(FLOOR_PERCENTILE), "floor");
    }

    /// @notice Issue 11: the guards' floor range is the lowest and highest floor in force over the window (to
    /// whole buckets), from every change the registry made; so a population that arrived within the window
    /// lowers neither the highest nor raises the lowest past the floor in force a window ago.
    function invariant_floorRangeIsTheFloorInForceOverTheWindow() public view {
        RegistryHandler.FloorChange[] memory changes = handler.floorChanges();
        uint256 current = changes.length == 0 ? 0 : changes[changes.length - 1].floor;
        assertEq(registry.floorMiB(), current, "floor = last change");
        uint256 window = FLOOR_WINDOW;
        uint256 s = FloorHistory.span(window);
        uint256 from = (block.timestamp > window ? (block.timestamp - window) / s : 0) * s;
        uint256 windowAgo = block.timestamp > window ? block.timestamp - window : 0;
        (uint256 low, uint256 high) = (_floorAt(changes, from), _floorAt(changes, from));
        for (uint256 i = 0; i < changes.length; ++i) {
            if (changes[i].time < from) continue;
            if (changes[i].floor < low) low = changes[i].floor;
            if (changes[i].floor > high) high = changes[i].floor;
        }
        (uint256 lowest, uint256 highest) = registry.floorRangeMiB();
        assertEq(lowest, low, "lowest floor over the window");
        assertEq(highest, high, "highest floor over the window");
        uint256 before = _floorAt(changes, windowAgo + 1);
        assertLe(lowest, before, "the lowest rose above the floor of a window ago");
        assertGe(highest, before, "the highest fell below the floor of a window ago");
    }

    /// @dev The floor in force at the start of second `t` (after every change made before it).
    function _floorAt(RegistryHandler.FloorChange[] memory changes, uint256 t) internal pure returns (uint256 f) {
        for (uint256 i = 0; i < changes.length && changes[i].time < t; ++i) f = changes[i].floor;
    }

    /// @notice I10 (liveness): whatever happened, every challenge can be resolved, every node exited and its
    /// bond withdrawn, every credit claimed; then nothing is bonded, owed or voting.
    function afterInvariant() external {
        uint256 n = handler.nodeCount();
        uint256 latest = vm.getBlockTimestamp();
        for (uint256 id = 1; id <= n; ++id) {
            uint256 deadline = challenges.challengeOf(id).deadline;
            if (deadline >= latest) latest = deadline + 1;
        }
        vm.warp(latest);
        for (uint256 id = 1; id <= n; ++id) {
            if (challenges.isChallenged(id)) challenges.resolve(id);
            RegistryHandler.GhostNode memory g = _ghost(id);
            if (statusOf(id) == IComputeRegistry.NodeStatus.Pending || statusOf(id) == IComputeRegistry.NodeStatus.Active
                || statusOf(id) == IComputeRegistry.NodeStatus.Lapsed) {
                vm.prank(g.owner);
                registry.exitNode(id);
            }
        }
        vm.warp(vm.getBlockTimestamp() + 90 days);
        for (uint256 id = 1; id <= n; ++id) {
            if (statusOf(id) != IComputeRegistry.NodeStatus.Exiting) continue;
            vm.prank(_ghost(id).owner);
            registry.withdrawBond(id);
        }
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; ++i) {
            if (challenges.creditOf(actors[i]) == 0) continue;
            vm.prank(actors[i]);
            challenges.claimCredit();
        }
        assertEq(registry.totalBonded(), 0, "bonds left");
        assertEq(address(registry).balance, 0, "registry ETH left");
        assertEq(registry.activeNodeCount(), 0, "votes left");
        assertEq(challenges.totalOwed(), 0, "credits left");
        assertEq(address(challenges).balance, 0, "challenges ETH left");
        assertEq(registry.totalMemoryMiB(), 0, "floor weight left");
    }


    function _sort(uint256[] memory a) internal pure {
        for (uint256 i = 1; i < a.length; ++i) {
            uint256 v = a[i];
            uint256 j = i;
            while (j > 0 && a[j - 1] > v) {
                a[j] = a[j - 1];
                --j;
            }
            a[j] = v;
        }
    }
}

/// @notice Random calls, some of which the contracts refuse (tolerated).
contract ComputeRegistryInvariantTest is RegistryInvariants {
    function _strict() internal pure override returns (bool) {
        return false;
    }
}

/// @notice Only calls that must succeed: any revert (e.g. a withdrawal or a claim that can never go through)
/// fails the run, in every test profile.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: deep.invariant.fail-on-revert = true
contract ComputeRegistryStrictInvariantTest is RegistryInvariants {
    function _strict() internal pure override returns (bool) {
        return true;
    }
}
