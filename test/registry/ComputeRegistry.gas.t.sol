// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Attest} from "../utils/Attest.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice Gas figures, printed with `log_named_uint` (run with -vv or more to see them in the trace). Each
/// measured call starts cold (`vm.cool` on every contract it touches), like the first call of a fresh
/// transaction; the numbers are execution gas of the call frame as the caller sees it (no 21,000 base, no
/// calldata cost). Ceilings are loose, so that regressions show up without pinning today's numbers.
contract ComputeRegistryGasTest is RegistryTestBase {
    uint256 internal constant SMALL = 10;
    uint256 internal constant LARGE = 10_000;
    /// @notice issue 11: registerNode with its attestation within 1.3x of v1's 190,889 gas.
    uint256 internal constant REGISTER_BUDGET = 248_155;

    function setUp() public {
        deployFixture();
    }

    function _cool() internal {
        vm.cool(address(registry));
        vm.cool(address(catalog));
        vm.cool(address(attestations));
        vm.cool(address(challenges));
        vm.cool(address(eas));
    }

    /// @dev Ten memory sizes from 12 GiB to 960 GiB, spread over several histogram groups.
    function _pattern(uint256 i) internal pure returns (IComputeRegistry.DeviceLine[] memory) {
        uint256 k = i % 10;
        if (k == 0) return oneLine(SeedDevices.RTX_3060_12GB, 1); // 12 GiB
        if (k == 1) return oneLine(SeedDevices.RTX_4090, 1); // 24
        if (k == 2) return oneLine(SeedDevices.RTX_5090, 1); // 32
        if (k == 3) return oneLine(SeedDevices.RTX_3090, 2); // 48
        if (k == 4) return oneLine(SeedDevices.M4_PRO_64GB, 1); // 64
        if (k == 5) return oneLine(SeedDevices.RX_7900_XTX, 4); // 96
        if (k == 6) return oneLine(SeedDevices.M4_MAX_128GB, 1); // 128
        if (k == 7) return oneLine(SeedDevices.M2_ULTRA_192GB, 1); // 192
        if (k == 8) return twoLines(SeedDevices.M3_MAX_128GB, 2, SeedDevices.RTX_5090, 4); // 384
        return oneLine(SeedDevices.M2_ULTRA_192GB, 5); // 960
    }

    function _registerMany(uint256 from, uint256 to) internal {
        vm.pauseGasMetering();
        for (uint256 i = from; i < to; ++i) this.registerOne(i);
        vm.resumeGasMetering();
    }

    /// @notice One owner's first registration and activation (self-delegation included). External, so that
    /// each registration's memory is freed: 10,000 of them in one frame pass the runner's memory limit.
    function registerOne(uint256 i) external {
        registerActive(address(uint160(0x100000 + i)), _pattern(i));
    }

    function _percentileGas(uint256 p) internal returns (uint256 gasUsed, uint256 answer) {
        _cool();
        uint256 before = gasleft();
        answer = registry.memoryPercentileMiB(p);
        gasUsed = before - gasleft();
    }

    function test_gas_memoryPercentileDoesNotGrowWithNodeCount() public {
        uint256[5] memory ps = [uint256(1), 25, 50, 90, 100];
        string[5] memory names = ["p1", "p25", "p50", "p90", "p100"];
        uint256[5] memory small;
        uint256[5] memory smallAnswer;
        _registerMany(0, SMALL);
        assertEq(registry.activeNodeCount(), SMALL);
        for (uint256 i = 0; i < ps.length; ++i) {
            (small[i], smallAnswer[i]) = _percentileGas(ps[i]);
        }
        _registerMany(SMALL, LARGE);
        assertEq(registry.activeNodeCount(), LARGE);
        for (uint256 i = 0; i < ps.length; ++i) {
            (uint256 large, uint256 answer) = _percentileGas(ps[i]);
            emit log_named_uint(string.concat("memoryPercentileMiB ", names[i], " at 10 nodes"), small[i]);
            emit log_named_uint(string.concat("memoryPercentileMiB ", names[i], " at 10,000 nodes"), large);
            assertEq(answer, smallAnswer[i], "same distribution, same answer");
            // ratio <= 1.05
            assertLe(large * 100, small[i] * 105, "percentile gas grew with node count");
        }
        assertEq(smallAnswer[2], 65536); // p50 of the pattern: the 5th of 10 sizes = 64 GiB
        assertEq(smallAnswer[4], 983040);

        // The floor read of the guards, over a window of 10,000 activations' history.
        _cool();
        uint256 g = gasleft();
        (uint256 lowest, uint256 highest) = registry.floorRangeMiB();
        uint256 gasFloorRange = g - gasleft();
        emit log_named_uint("floorRangeMiB at 10,000 nodes", gasFloorRange);
        assertLe(lowest, highest);
        assertLt(gasFloorRange, 40_000);
    }

    function test_gas_floorRangeIsFlatOverTheWindow() public {
        _cool();
        uint256 g = gasleft();
        registry.floorRangeMiB();
        uint256 empty = g - gasleft();
        // A floor change in every bucket of the window (and then some).
        for (uint256 i = 0; i < 20; ++i) {
            (uint256 id,) = registerActive(address(uint160(0x200000 + i)), _pattern(i * 7));
            if (i % 2 == 1) exitAs(address(uint160(0x200000 + i)), id);
            warpBy(FLOOR_WINDOW / 16);
        }
        _cool();
        g = gasleft();
        registry.floorRangeMiB();
        uint256 full = g - gasleft();
        emit log_named_uint("floorRangeMiB, no history", empty);
        emit log_named_uint("floorRangeMiB, a change in every bucket", full);
        assertLt(full, 40_000);
    }

    /// @dev Registers `s` as `owner` from a cold start and returns the node and the gas.
    function _registerGas(address owner, Signed memory s) internal returns (uint256 id, uint256 gasUsed) {
        uint256 bond = bondOfAttestation(s);
        vm.deal(owner, owner.balance + bond);
        _cool();
        vm.prank(owner);
        uint256 g = gasleft();
        id = registry.registerNode{value: bond}(s.a, s.attester, s.signature, "");
        gasUsed = g - gasleft();
    }

    function test_gas_registerNode() public {
        // The very first node of an empty registry (all totals and histogram words go from zero).
        (, uint256 gasUsed) = _registerGas(address(0xC3), attest(address(0xC3), oneLine(SeedDevices.RTX_3090, 1)));
        emit log_named_uint("registerNode with attestation, 1 line, first node of an empty registry", gasUsed);
        assertLt(gasUsed, 320_000);
        // First node of a fresh owner, one SKU line.
        (, gasUsed) = _registerGas(address(0xA1), attest(address(0xA1), oneLine(SeedDevices.RTX_4090, 1)));
        emit log_named_uint("registerNode with attestation, 1 line, fresh owner", gasUsed);
        assertLt(gasUsed, 300_000);
        // Second node of the same owner, one line.
        (, gasUsed) = _registerGas(address(0xA1), attest(address(0xA1), oneLine(SeedDevices.RTX_4090, 1)));
        emit log_named_uint("registerNode with attestation, 1 line, 2nd node of owner", gasUsed);
        // A fresh owner, three SKU lines (four devices).
        (, gasUsed) = _registerGas(address(0xB2), attest(address(0xB2), threeLines()));
        emit log_named_uint("registerNode with attestation, 3 lines / 4 devices, fresh owner", gasUsed);
        assertLt(gasUsed, 340_000);
    }

    function test_gas_activateUpdateExitWithdraw() public {
        // A registry in use: ten active nodes of every size already (totals, histogram, checkpoints warm-ish).
        for (uint256 i = 0; i < SMALL; ++i) this.registerOne(i);
        address owner = address(0xA1);
        Signed memory s = attest(owner, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 id,) = _registerGas(owner, s);
        (uint256 second,) = _registerGas(owner, attest(owner, oneLine(SeedDevices.RTX_4090, 1)));

        // Activation: the owner's first vote (self-delegation), then its second.
        _cool();
        uint256 g = gasleft();
        registry.activate(id);
        uint256 gasUsed = g - gasleft();
        emit log_named_uint("activate, owner's first vote (self-delegation), registry of 10 nodes", gasUsed);
        assertLt(gasUsed, 300_000);
        _cool();
        g = gasleft();
        registry.activate(second);
        emit log_named_uint("activate, owner's second vote", g - gasleft());

        // Update: a new attestation with one more device (the histogram moves, the vote leaves).
        bytes32[] memory two = new bytes32[](2);
        (two[0], two[1]) = (idsOf(s)[0], freshDeviceIds(1)[0]);
        warpBy(1);
        Signed memory u = attestBy(ATTESTER_PK, owner, oneLine(SeedDevices.RTX_4090, 2), two);
        uint256 topUp = topUpFor(id, u);
        vm.deal(owner, topUp);
        _cool();
        vm.prank(owner);
        g = gasleft();
        registry.updateNode{value: topUp}(id, u.a, u.attester, u.signature, "");
        gasUsed = g - gasleft();
        emit log_named_uint("updateNode, new attestation 1 -> 2 devices, active node", gasUsed);
        assertLt(gasUsed, 300_000);

        _cool();
        vm.prank(owner);
        g = gasleft();
        registry.exitNode(second);
        gasUsed = g - gasleft();
        emit log_named_uint("exitNode, active node", gasUsed);
        assertLt(gasUsed, 100_000);

        vm.warp(block.timestamp + UNBONDING_PERIOD);
        _cool();
        vm.prank(owner);
        g = gasleft();
        registry.withdrawBond(second);
        gasUsed = g - gasleft();
        emit log_named_uint("withdrawBond", gasUsed);
        assertLt(gasUsed, 60_000);
    }

    function test_gas_registerWithinTheIssueBudget() public {
        // The common case the budget is about: a one-line node of an owner new to a registry in use.
        registerActive(address(0xD1), oneLine(SeedDevices.RTX_3090, 1));
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        uint256 bond = bondOfAttestation(s);
        vm.deal(ALICE, bond);
        _cool();
        vm.prank(ALICE);
        uint256 g = gasleft();
        registry.registerNode{value: bond}(s.a, s.attester, s.signature, "");
        uint256 used = g - gasleft();
        emit log_named_uint("registerNode with attestation vs budget 248,155 (1.3 x 190,889)", used);
        assertLe(used, REGISTER_BUDGET, "registerNode over 1.3x of v1");
    }

    function test_gas_lapses() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        uint256[] memory many = new uint256[](10);
        for (uint256 i = 0; i < 10; ++i) {
            (many[i],) = registerActive(address(uint160(0x300000 + i)), oneLine(SeedDevices.RTX_3090, 1));
        }
        vm.warp(START_TIME + Attest.LIFETIME);
        _cool();
        vm.prank(KEEPER);
        uint256 g = gasleft();
        registry.lapse(a);
        uint256 gasLapse = g - gasleft();
        _cool();
        vm.prank(KEEPER);
        g = gasleft();
        registry.lapseMany(many);
        uint256 gasLapseMany = g - gasleft();
        emit log_named_uint("lapse, expired active node (keeper fee paid)", gasLapse);
        emit log_named_uint("lapseMany, 10 expired active nodes", gasLapseMany);
        assertLt(gasLapse, 200_000);
        assertLt(gasLapseMany, 10 * 100_000);
    }

    function test_gas_challengeAnswerResolve() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        vm.deal(CHALLENGER, 1 ether);

        _cool();
        vm.prank(CHALLENGER);
        uint256 g = gasleft();
        challenges.challenge{value: CHALLENGE_DEPOSIT}(a);
        uint256 gasChallenge = g - gasleft();
        vm.prank(CHALLENGER);
        challenges.challenge{value: CHALLENGE_DEPOSIT}(b);

        warpBy(1 hours);
        Signed memory answer = attestBy(SECOND_ATTESTER_PK, ALICE, oneLine(SeedDevices.RTX_4090, 1), idsOf(s));
        _cool();
        vm.prank(ALICE);
        g = gasleft();
        challenges.answer(a, answer.a, answer.attester, answer.signature);
        uint256 gasAnswer = g - gasleft();

        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        _cool();
        g = gasleft();
        challenges.resolve(b);
        uint256 gasResolve = g - gasleft();

        _cool();
        vm.prank(CHALLENGER);
        g = gasleft();
        challenges.claimCredit();
        uint256 gasClaim = g - gasleft();

        emit log_named_uint("challenge", gasChallenge);
        emit log_named_uint("answer (second attester, same device)", gasAnswer);
        emit log_named_uint("resolve (slash an active node, burn half)", gasResolve);
        emit log_named_uint("claimCredit", gasClaim);
        assertLt(gasChallenge, 80_000);
        assertLt(gasAnswer, 150_000);
        assertLt(gasResolve, 250_000);
        assertLt(gasClaim, 60_000);
    }
}
