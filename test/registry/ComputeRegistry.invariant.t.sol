// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {Deployers} from "../utils/Deployers.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {RegistryHandler} from "./handlers/RegistryHandler.sol";

/// @notice Hardhat 3 writes artifacts only for contracts defined in test root files (`*.t.sol`), and the
/// invariant runner can only target contracts it has an artifact for. This thin subclass puts the handler
/// (whose logic lives in handlers/RegistryHandler.sol) into this root file.
contract TargetRegistryHandler is RegistryHandler {
    constructor(ComputeRegistry registry_, address admin_, bool strict_, uint256 skuCount_)
        RegistryHandler(registry_, admin_, strict_, skuCount_)
    {}
}

/// @notice The invariants of THREATS 4.1 over a RegistryHandler; the two suites below differ only in
/// whether the handler may make calls that revert.
abstract contract RegistryInvariants is Deployers {
    RegistryHandler internal handler;

    function _strict() internal pure virtual returns (bool);

    function setUp() public {
        deployFixture();
        // An odd-sized SKU (not a whole GiB) so the percentile's rounding is exercised too.
        catalog.addSku(IHardwareCatalog.SkuInput("Test", "Odd 1000 MiB", 1000, 1));
        handler = new TargetRegistryHandler(registry, address(this), _strict(), catalog.skuCount());
        targetContract(address(handler));
    }

    /// @notice I1: total voting units == active nodes == ghost active nodes.
    function invariant_totalSupplyEqualsActiveNodes() public view {
        assertEq(registry.activeNodeCount(), handler.ghostActive(), "activeNodeCount");
        uint256 t = registry.clock();
        if (t > 0) {
            // The supply of the last full second is final; it must match what the ghost saw then.
            uint256[] memory tps = handler.timepoints();
            uint256 expected;
            for (uint256 i = 0; i < tps.length && tps[i] <= t - 1; ++i) {
                expected = handler.ghostSupplyAt(tps[i]);
            }
            assertEq(registry.getPastTotalSupply(t - 1), expected, "supply at clock()-1");
        }
    }

    /// @notice I1 (history): getPastTotalSupply(t) equals the ghost value recorded at every past timepoint t.
    function invariant_pastTotalSupplyMatchesGhost() public view {
        uint256 now_ = registry.clock();
        uint256[] memory tps = handler.timepoints();
        for (uint256 i = 0; i < tps.length; ++i) {
            if (tps[i] >= now_) break;
            assertEq(registry.getPastTotalSupply(tps[i]), handler.ghostSupplyAt(tps[i]), "past total supply");
        }
    }

    /// @notice I2: every actor self-delegated on registration, so their votes add up to the active nodes.
    function invariant_votesOfActorsEqualActiveNodes() public view {
        address[] memory actors = handler.actors();
        uint256 sum;
        for (uint256 i = 0; i < actors.length; ++i) {
            sum += registry.getVotes(actors[i]);
            if (registry.nodeCountOf(actors[i]) > 0) assertEq(registry.delegates(actors[i]), actors[i], "delegate");
        }
        assertEq(sum, handler.ghostActive(), "sum of votes");
    }

    /// @notice I3/I4: the registry holds at least every bond not yet withdrawn or slashed.
    function invariant_balanceCoversOutstandingBonds() public view {
        assertGe(address(registry).balance, handler.ghostOutstandingBonds(), "balance");
        assertEq(registry.totalBonded(), handler.ghostOutstandingBonds(), "totalBonded");
    }

    /// @notice Nobody is paid twice or more than the bond; actors hold exactly what they were paid back.
    function invariant_noDoubleWithdrawal() public view {
        uint256 n = handler.nodeCount();
        assertEq(registry.nodeCount(), n, "nodeCount");
        for (uint256 id = 1; id <= n; ++id) {
            RegistryHandler.GhostNode memory g = handler.ghostNode(id);
            assertLe(g.withdrawals, 1, "withdrawn twice");
            assertLe(g.paid, g.bond, "paid more than the bond");
            IComputeRegistry.NodeView memory v = registry.node(id);
            assertEq(uint8(v.status), uint8(g.status), "status");
            assertEq(v.owner, g.owner, "owner");
            if (g.status == IComputeRegistry.NodeStatus.Active) assertEq(v.memoryMiB, g.memoryMiB, "memory");
        }
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; ++i) {
            assertEq(actors[i].balance, handler.ghostPaidTo(actors[i]), "actor paid");
        }
    }

    /// @notice The percentile is within 1 GiB above the brute-force nearest-rank percentile of active memory.
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

/// @notice Random calls, some of which the registry refuses (tolerated).
contract ComputeRegistryInvariantTest is RegistryInvariants {
    function _strict() internal pure override returns (bool) {
        return false;
    }
}

/// @notice Only calls that must succeed: any revert (e.g. a withdrawal that can never go through) fails.
/// forge-config: default.invariant.fail-on-revert = true
contract ComputeRegistryStrictInvariantTest is RegistryInvariants {
    function _strict() internal pure override returns (bool) {
        return true;
    }
}
