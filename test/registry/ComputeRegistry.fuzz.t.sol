// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Attest} from "../utils/Attest.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {INodeChallenges} from "../../contracts/interfaces/INodeChallenges.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice Fuzz tests: random attested device lists, bonds, parameters and timings are either accepted with
/// consistent state, or refused with exactly the error (selector and arguments) a reference check predicts.
contract ComputeRegistryFuzzTest is RegistryTestBase {
    function setUp() public {
        deployFixture();
        catalog.deprecateSku(SeedDevices.RTX_3060_12GB); // so that random lines can hit a deprecated SKU
    }

    /// @dev Up to 8 lines from packed random words: SKU ids 0..11 (0, 10, 11 unknown), counts 0..20.
    function _lines(uint256 seed, uint256 lineCount) internal pure returns (IComputeRegistry.DeviceLine[] memory d) {
        d = new IComputeRegistry.DeviceLine[](lineCount);
        for (uint256 i = 0; i < lineCount; ++i) {
            uint256 w = uint256(keccak256(abi.encode(seed, i)));
            d[i] = IComputeRegistry.DeviceLine(uint16(w % 12), uint8((w >> 8) % 21));
        }
    }

    /// @dev Reference of HardwareAttestations' device checks under the registry's caps, in the same order.
    function _expected(IComputeRegistry.DeviceLine[] memory d)
        internal
        view
        returns (bytes memory err, uint256 memoryMiB)
    {
        if (d.length == 0) {
            return (abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsNoDevices.selector), 0);
        }
        if (d.length > 6) {
            return (
                abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsTooManyDeviceLines.selector, d.length, 6),
                0
            );
        }
        uint256 devices;
        for (uint256 i = 0; i < d.length; ++i) {
            if (d[i].count == 0) {
                return (
                    abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsZeroDeviceCount.selector, d[i].skuId),
                    0
                );
            }
            for (uint256 j = 0; j < i; ++j) {
                if (d[j].skuId == d[i].skuId) {
                    return (
                        abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsDuplicateSku.selector, d[i].skuId),
                        0
                    );
                }
            }
            if (d[i].skuId == 0 || d[i].skuId > catalog.skuCount()) {
                return (abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, d[i].skuId), 0);
            }
            (uint32 mem, bool deprecated) = catalog.skuMemory(d[i].skuId);
            if (deprecated) {
                return (
                    abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsSkuDeprecated.selector, d[i].skuId),
                    0
                );
            }
            devices += d[i].count;
            memoryMiB += uint256(mem) * d[i].count;
        }
        IComputeRegistry.Params memory p = registry.parameters();
        if (devices > p.maxDevicesPerNode) {
            return (
                abi.encodeWithSelector(
                    IHardwareAttestations.HardwareAttestationsTooManyDevices.selector, devices, p.maxDevicesPerNode
                ),
                0
            );
        }
        if (memoryMiB > p.maxNodeMemoryMiB) {
            return (
                abi.encodeWithSelector(
                    IHardwareAttestations.HardwareAttestationsMemoryAboveCap.selector, memoryMiB, p.maxNodeMemoryMiB
                ),
                0
            );
        }
    }

    function _bondOf(uint256 memoryMiB) internal view returns (uint256) {
        IComputeRegistry.Params memory p = registry.parameters();
        return p.bondBase + p.bondPerGiB * ((memoryMiB + 1023) / 1024);
    }

    // ------------------------------------------------------------------ registration and updates

    function testFuzz_registerNode(uint256 seed, uint8 lineCount, uint96 value, bool exactBond, uint16 uriLen) public {
        IComputeRegistry.DeviceLine[] memory d = _lines(seed, bound(lineCount, 0, 8));
        Signed memory s = attest(ALICE, d);
        (bytes memory err, uint256 memoryMiB) = _expected(d);
        uint256 bond = _bondOf(memoryMiB);
        uint256 sent = exactBond ? bond : bound(value, 0, 2 * bond);
        uint256 len = bound(uriLen, 0, 300);
        string memory uri = string(new bytes(len));
        // The registry checks the URI, then the attestation, then the value.
        if (len > 256) {
            err = abi.encodeWithSelector(IComputeRegistry.ComputeRegistryMetadataURITooLong.selector, len, 256);
        } else if (err.length == 0 && sent != bond) {
            err = abi.encodeWithSelector(IComputeRegistry.ComputeRegistryWrongValue.selector, sent, bond);
        }

        vm.deal(ALICE, sent);
        vm.prank(ALICE);
        if (err.length != 0) {
            vm.expectRevert(err);
            registry.registerNode{value: sent}(s.a, s.attester, s.signature, uri);
            assertEq(registry.nodeCount(), 0);
            assertEq(registry.totalBonded(), 0);
            assertEq(address(registry).balance, 0);
            assertEq(ALICE.balance, sent);
            return;
        }
        uint256 id = registry.registerNode{value: sent}(s.a, s.attester, s.signature, uri);
        registry.activate(id);
        IComputeRegistry.NodeView memory n = nodeView(id);
        assertEq(n.memoryMiB, memoryMiB);
        assertEq(n.bond, bond);
        assertEq(n.devices.length, d.length);
        for (uint256 i = 0; i < d.length; ++i) {
            assertEq(n.devices[i].skuId, d[i].skuId);
            assertEq(n.devices[i].count, d[i].count);
        }
        bytes32[] memory ids = idsOf(s);
        for (uint256 i = 0; i < ids.length; ++i) assertEq(registry.nodeOfDevice(ids[i]), id);
        assertEq(registry.totalMemoryMiB(), memoryMiB);
        assertEq(registry.getVotes(ALICE), 1);
        assertEq(registry.totalBonded(), bond);
        uint256 p = registry.memoryPercentileMiB(50);
        assertGe(p, memoryMiB);
        assertLt(p, memoryMiB + 1024);
    }

    function testFuzz_updateNode(uint256 seedA, uint256 seedB, uint8 linesB, uint16 maxDevices, uint32 cap) public {
        IComputeRegistry.DeviceLine[] memory a = oneLine(uint16(bound(seedA, 2, 9)), uint8(bound(seedA >> 8, 1, 4)));
        (uint256 id,) = registerActive(ALICE, a);
        uint256 memA = nodeView(id).memoryMiB;
        uint256 bondA = nodeView(id).bond;
        registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));

        registry.setMaxDevicesPerNode(bound(maxDevices, 8, 64));
        registry.setMaxNodeMemoryMiB(bound(cap, 256 * 1024, 1 << 20));

        IComputeRegistry.DeviceLine[] memory b = _lines(seedB, bound(linesB, 0, 7));
        Signed memory s = attest(ALICE, b);
        (bytes memory err, uint256 memB) = _expected(b);
        uint256 topUp = err.length == 0 && _bondOf(memB) > bondA ? _bondOf(memB) - bondA : 0;
        vm.deal(ALICE, topUp);
        vm.prank(ALICE);
        if (err.length != 0) {
            vm.expectRevert(err);
            registry.updateNode(id, s.a, s.attester, s.signature, "x");
            assertEq(nodeView(id).memoryMiB, memA);
            assertStatus(id, IComputeRegistry.NodeStatus.Active);
            assertEq(registry.totalMemoryMiB(), memA + 24576);
            assertEq(registry.getVotes(ALICE), 1);
            return;
        }
        registry.updateNode{value: topUp}(id, s.a, s.attester, s.signature, "x");
        assertStatus(id, IComputeRegistry.NodeStatus.Pending);
        assertEq(registry.getVotes(ALICE), 0, "the vote leaves until the new warm-up ends");
        assertEq(registry.totalMemoryMiB(), 24576);
        assertEq(nodeView(id).bond, topUp == 0 ? bondA : _bondOf(memB), "topped up, never refunded");
        registry.activate(id);
        assertEq(nodeView(id).memoryMiB, memB);
        assertEq(registry.totalMemoryMiB(), memB + 24576);
        assertEq(registry.activeNodeCount(), 2);
        assertEq(registry.getVotes(ALICE), 1);
        uint256 top = registry.memoryPercentileMiB(100);
        uint256 exactTop = memB > 24576 ? memB : 24576;
        assertGe(top, exactTop);
        assertLt(top, exactTop + 1024);
    }

    function testFuzz_bond_isBasePlusPerGiB(uint256 baseSeed, uint256 perGiBSeed, uint8 skuSeed, uint8 countSeed)
        public
    {
        uint256 base = bound(baseSeed, 1e6, 1e8) * 1 gwei; // 0.001 .. 0.1 ETH
        uint256 perGiB = bound(perGiBSeed, 0, 5e6) * 1 gwei; // 0 .. 0.005 ETH
        registry.setBond(base, perGiB);
        uint16 skuId = uint16(bound(skuSeed, 2, 9));
        uint8 count = uint8(bound(countSeed, 1, 5));
        uint256 memoryMiB = uint256(SeedDevices.memoryOf(skuId)) * count;
        uint256 bond = base + perGiB * ((memoryMiB + 1023) / 1024);
        assertEq(registry.bondFor(memoryMiB), bond);
        Signed memory s = attest(ALICE, oneLine(skuId, count));
        vm.deal(ALICE, bond);
        vm.prank(ALICE);
        uint256 id = registry.registerNode{value: bond}(s.a, s.attester, s.signature, "");
        assertEq(nodeView(id).bond, bond);
        assertEq(address(registry).balance, bond);
    }

    function testFuzz_setters_holdTheirBounds(uint256 value, uint8 which) public {
        uint256 k = which % 5;
        uint256[5] memory mins = [uint256(0.001 ether), 0, 8, 256 * 1024, MIN_UNBONDING_PERIOD];
        uint256[5] memory maxs = [uint256(0.1 ether), 0.005 ether, 64, 1 << 20, 90 days];
        (uint256 min, uint256 max) = (mins[k], maxs[k]);
        // Half the runs near the bounds (T-1, T, T+1 and between), the other half anywhere.
        if (which >= 128) value = bound(value, min == 0 ? 0 : min - 1, max + 1);
        bytes[5] memory calls = [
            abi.encodeCall(registry.setBond, (value, 0)),
            abi.encodeCall(registry.setKeeperFee, (value)),
            abi.encodeCall(registry.setMaxDevicesPerNode, (value)),
            abi.encodeCall(registry.setMaxNodeMemoryMiB, (value)),
            abi.encodeCall(registry.setUnbondingPeriod, (value))
        ];
        bytes32 before = keccak256(abi.encode(registry.parameters()));
        (bool ok, bytes memory ret) = address(registry).call(calls[k]);
        if (value < min || value > max) {
            assertFalse(ok);
            assertEq(
                ret,
                abi.encodeWithSelector(IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector, value, min, max)
            );
            assertEq(keccak256(abi.encode(registry.parameters())), before);
        } else if (k <= 1 && value % 1 gwei != 0) {
            assertFalse(ok);
            assertEq(ret, abi.encodeWithSelector(IComputeRegistry.ComputeRegistryBondNotWholeGwei.selector, value));
            assertEq(keccak256(abi.encode(registry.parameters())), before);
        } else {
            assertTrue(ok, "in bounds");
        }
    }

    // ------------------------------------------------------------------ timings

    function testFuzz_exitAndWithdraw(uint8 nodes, uint256 exitMask, uint32 waitA, uint32 waitB, uint48 period)
        public
    {
        uint256 n = bound(nodes, 1, 8);
        uint256 unbonding = bound(period, MIN_UNBONDING_PERIOD, 90 days);
        registry.setUnbondingPeriod(unbonding);
        uint256 bonded;
        for (uint256 i = 0; i < n; ++i) {
            (uint256 id,) = registerActive(ALICE, oneLine(uint16(2 + (i % 8)), 1));
            bonded += nodeView(id).bond;
        }
        uint256 exitAt = block.timestamp + bound(waitA, 0, 30 days);
        vm.warp(exitAt);
        uint256 exited;
        for (uint256 i = 1; i <= n; ++i) {
            if ((exitMask >> i) & 1 == 1) {
                exitAs(ALICE, i);
                ++exited;
            }
        }
        assertEq(registry.getVotes(ALICE), n - exited);
        assertEq(registry.activeNodeCount(), n - exited);
        assertEq(registry.totalBonded(), bonded);

        uint256 withdrawAt = exitAt + bound(waitB, 0, 2 * unbonding);
        vm.warp(withdrawAt);
        uint256 paid;
        for (uint256 i = 1; i <= n; ++i) {
            uint256 bond = nodeView(i).bond;
            bytes memory err;
            if ((exitMask >> i) & 1 == 0) {
                err = abi.encodeWithSelector(
                    IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, i, IComputeRegistry.NodeStatus.Active
                );
            } else if (withdrawAt < exitAt + unbonding) {
                err = abi.encodeWithSelector(IComputeRegistry.ComputeRegistryBondLocked.selector, i, exitAt + unbonding);
            }
            vm.prank(ALICE);
            if (err.length != 0) {
                vm.expectRevert(err);
                registry.withdrawBond(i);
            } else {
                registry.withdrawBond(i);
                paid += bond;
                vm.prank(ALICE);
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, i, IComputeRegistry.NodeStatus.Withdrawn
                    )
                );
                registry.withdrawBond(i);
            }
        }
        assertEq(ALICE.balance, paid);
        assertEq(registry.totalBonded(), bonded - paid);
        assertEq(address(registry).balance, bonded - paid);
    }

    function testFuzz_warmup_activationBoundary(uint32 warmupSeed, uint32 waitSeed) public {
        uint256 warmup = bound(warmupSeed, 1, 30 days);
        bindMockGovernor(warmup, 0, 0); // warm-up = voting delay + period
        assertEq(registry.warmup(), warmup);
        uint256 id = submit(ALICE, attest(ALICE, oneLine(SeedDevices.RTX_4090, 1)));
        uint256 readyAt = block.timestamp + warmup;
        uint256 wait = bound(waitSeed, 0, 2 * warmup);
        vm.warp(block.timestamp + wait);
        if (block.timestamp < readyAt) {
            vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryWarmingUp.selector, id, readyAt));
            registry.activate(id);
            assertEq(registry.getVotes(ALICE), 0);
        } else {
            registry.activate(id);
            assertEq(registry.getVotes(ALICE), 1);
        }
    }

    function testFuzz_expiry_lapseBoundary(uint32 lifetimeSeed, uint32 waitSeed) public {
        uint256 lifetime = bound(lifetimeSeed, 1, 400 days);
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        s.a.expirationTime = uint64(block.timestamp + lifetime);
        s = resign(s, ATTESTER_PK);
        uint256 id = submit(ALICE, s);
        registry.activate(id);
        uint256 wait = bound(waitSeed, 0, 2 * lifetime);
        vm.warp(block.timestamp + wait);
        vm.prank(KEEPER);
        if (wait < lifetime) {
            vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotLapsable.selector, id));
            registry.lapse(id);
            assertEq(registry.getVotes(ALICE), 1);
        } else {
            assertEq(registry.lapse(id), KEEPER_FEE);
            assertEq(registry.getVotes(ALICE), 0);
            assertEq(registry.activeNodeCount(), 0);
        }
    }

    function testFuzz_keeperFee_isCappedByTheBond(uint256 feeSeed, uint256 baseSeed) public {
        uint256 fee = bound(feeSeed, 0, 5e6) * 1 gwei;
        uint256 base = bound(baseSeed, 1e6, 1e8) * 1 gwei;
        registry.setKeeperFee(fee);
        registry.setBond(base, 0);
        (uint256 id,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.warp(START_TIME + Attest.LIFETIME);
        vm.prank(KEEPER);
        uint256 paid = registry.lapse(id);
        uint256 expected = fee < base ? fee : base;
        assertEq(paid, expected);
        assertEq(KEEPER.balance, expected);
        assertEq(nodeView(id).bond, base - expected);
        assertEq(registry.totalBonded(), base - expected);
        assertEq(address(registry).balance, registry.totalBonded());
    }

    function testFuzz_snapshotEdge(uint32 startOffset, uint16 gap) public {
        uint256 t = START_TIME + bound(startOffset, 1, 365 days);
        uint256 d = bound(gap, 0, 3);
        vm.warp(t);
        registerActive(address(0xCAFE), oneLine(SeedDevices.RTX_4090, 1));
        vm.warp(t + d);
        registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.warp(t + d + 1);
        assertEq(registry.getPastVotes(ALICE, t), d == 0 ? 1 : 0);
        assertEq(registry.getPastTotalSupply(t), d == 0 ? 2 : 1);
        assertEq(registry.getPastVotes(ALICE, t + d), 1);
    }

    function testFuzz_challengeDeadline(uint32 waitSeed) public {
        (uint256 id, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.deal(CHALLENGER, CHALLENGE_DEPOSIT);
        vm.prank(CHALLENGER);
        challenges.challenge{value: CHALLENGE_DEPOSIT}(id);
        uint256 deadline = block.timestamp + CHALLENGE_WINDOW;
        vm.warp(block.timestamp + bound(waitSeed, 1, 2 * uint256(CHALLENGE_WINDOW)));
        Signed memory answer = attestBy(SECOND_ATTESTER_PK, ALICE, oneLine(SeedDevices.RTX_4090, 1), idsOf(s));
        if (block.timestamp <= deadline) {
            vm.expectRevert(abi.encodeWithSelector(INodeChallenges.NodeChallengesNotExpired.selector, id, deadline));
            challenges.resolve(id);
            vm.prank(ALICE);
            challenges.answer(id, answer.a, answer.attester, answer.signature);
            assertEq(challenges.creditOf(ALICE), CHALLENGE_DEPOSIT);
        } else {
            vm.prank(ALICE);
            vm.expectRevert(abi.encodeWithSelector(INodeChallenges.NodeChallengesExpired.selector, id, deadline));
            challenges.answer(id, answer.a, answer.attester, answer.signature);
            challenges.resolve(id);
            assertStatus(id, IComputeRegistry.NodeStatus.Slashed);
        }
    }

    // ------------------------------------------------------------------ device identity

    /// @dev Up to 6 ascending ids from a small space (1..12), so that two lists often overlap.
    function _smallIds(uint256 seed) internal pure returns (bytes32[] memory ids) {
        uint256 mask = bound(seed, 1, (1 << 12) - 1);
        uint256 n;
        for (uint256 b = 0; b < 12 && n < 6; ++b) if ((mask >> b) & 1 == 1) ++n;
        ids = new bytes32[](n);
        uint256 k;
        for (uint256 b = 0; b < 12 && k < n; ++b) {
            if ((mask >> b) & 1 == 1) ids[k++] = bytes32(b + 1);
        }
    }

    function testFuzz_deviceIds_neverInTwoLiveNodes(uint256 seedA, uint256 seedB, bool leaveFirst) public {
        bytes32[] memory a = _smallIds(seedA);
        bytes32[] memory b = _smallIds(seedB);
        uint256 first = submit(ALICE, attestBy(ATTESTER_PK, ALICE, oneLine(SeedDevices.RTX_4090, uint8(a.length)), a));
        if (leaveFirst) leaveAs(ALICE, first);
        Signed memory s = attestBy(SECOND_ATTESTER_PK, BOB, oneLine(SeedDevices.RTX_4090, uint8(b.length)), b);
        bytes32 clash;
        for (uint256 i = 0; i < b.length && clash == 0 && !leaveFirst; ++i) {
            for (uint256 j = 0; j < a.length; ++j) {
                if (a[j] == b[i]) clash = b[i];
            }
        }
        uint256 bond = bondOfAttestation(s);
        vm.deal(BOB, bond);
        vm.prank(BOB);
        if (clash != 0) {
            vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryDeviceInUse.selector, clash, first));
            registry.registerNode{value: bond}(s.a, s.attester, s.signature, "");
            for (uint256 i = 0; i < b.length; ++i) {
                uint256 holder = registry.nodeOfDevice(b[i]);
                assertTrue(holder == 0 || holder == first, "nothing claimed for the refused node");
            }
            return;
        }
        uint256 second = registry.registerNode{value: bond}(s.a, s.attester, s.signature, "");
        for (uint256 i = 0; i < b.length; ++i) assertEq(registry.nodeOfDevice(b[i]), second);
        for (uint256 j = 0; j < a.length; ++j) {
            bool inB;
            for (uint256 i = 0; i < b.length; ++i) inB = inB || b[i] == a[j];
            uint256 expected = inB ? second : (leaveFirst ? 0 : first);
            assertEq(registry.nodeOfDevice(a[j]), expected, "one live node per device");
        }
    }
}
