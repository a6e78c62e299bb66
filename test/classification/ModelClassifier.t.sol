// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ModelClassifier} from "../../contracts/classification/ModelClassifier.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {FixedAdmin} from "../../contracts/access/FixedAdmin.sol";
import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {CapacityMath} from "../../contracts/libraries/CapacityMath.sol";
import {GovernanceDeployers} from "../utils/GovernanceDeployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice Unit and fuzz tests for every external function and custom error of ModelClassifier. Most tests use
/// `owned`, a classifier with the fixture's guards whose owner is the test contract; ownership tests use the
/// deployed, timelock-owned `classifier`.
contract ModelClassifierTest is GovernanceDeployers {
    address internal constant STRANGER = address(0xBEEF);
    address internal constant ALICE = address(0xA11CE);

    IModelClassifier.Tier internal constant SMALL = IModelClassifier.Tier.Small;
    IModelClassifier.Tier internal constant LARGE = IModelClassifier.Tier.Large;

    ModelClassifier internal owned;
    uint256 internal t0;

    function setUp() public {
        deployGovernanceFixture();
        owned = deployOwned(MAX_SMALL_PARAMS, MAX_SMALL_FLOP, MIN_CHANGE_INTERVAL);
        t0 = vm.getBlockTimestamp();
    }

    function deployOwned(uint64 params, uint128 flop, uint48 interval) internal returns (ModelClassifier) {
        return new ModelClassifier(
            address(this),
            IComputeRegistry(address(registry)),
            IModelClassifier.Thresholds(params, flop),
            IModelClassifier.Guards(QUANT_BITS, OVERHEAD_BPS, interval, RAISE_INTERVAL),
            address(0)
        );
    }

    function guardsOf(uint8 q, uint16 bps, uint48 interval, uint48 raiseInterval)
        internal
        pure
        returns (IModelClassifier.Guards memory)
    {
        return IModelClassifier.Guards(q, bps, interval, raiseInterval);
    }

    /// @dev Everything a failed call must leave as it was.
    function fingerprint(ModelClassifier c) internal view returns (bytes32) {
        IModelClassifier.Thresholds memory t = c.thresholds();
        return keccak256(
            abi.encode(
                t.maxSmallParams, t.maxSmallTrainingFlop, c.thresholdCheckpointCount(), c.lastChangeAt(), c.modelCount()
            )
        );
    }

    function assertThresholds(ModelClassifier c, uint256 params, uint256 flop) internal view {
        IModelClassifier.Thresholds memory t = c.thresholds();
        assertEq(t.maxSmallParams, params, "maxSmallParams");
        assertEq(t.maxSmallTrainingFlop, flop, "maxSmallTrainingFlop");
    }

    function assertTier(IModelClassifier.Tier got, IModelClassifier.Tier want, string memory what) internal pure {
        assertEq(uint256(got), uint256(want), what);
    }

    function register(string memory name, uint64 params, uint128 flop, bytes32 hash) internal returns (uint256) {
        vm.prank(ALICE);
        return owned.registerModel(name, params, flop, hash, "ipfs://card", true);
    }

    // ================================================================ constructor & reads

    function test_constructor_setsEverything() public view {
        assertEq(classifier.admin(), address(timelock));
        assertEq(classifier.registry(), address(registry));
        assertThresholds(classifier, MAX_SMALL_PARAMS, MAX_SMALL_FLOP);
        IModelClassifier.Guards memory g = classifier.guards();
        assertEq(g.quantBits, QUANT_BITS);
        assertEq(g.raiseInterval, RAISE_INTERVAL);
        assertEq(g.overheadBps, OVERHEAD_BPS);
        assertEq(g.minChangeInterval, MIN_CHANGE_INTERVAL);
        assertEq(classifier.lastChangeAt(), DEPLOY_TIME);
        assertEq(classifier.thresholdCheckpointCount(), 1);
        assertEq(classifier.modelCount(), 0);
        assertEq(classifier.clock(), DEPLOY_TIME);
        assertEq(classifier.CLOCK_MODE(), "mode=timestamp");
        assertEq(classifier.MAX_NAME_LENGTH(), 64);
        assertEq(classifier.MAX_URI_LENGTH(), 256);
        assertEq(classifier.MAX_CHANGE_FACTOR(), 2);
        assertEq(classifier.MAX_CHANGE_INTERVAL(), 365 days);
    }

    function test_constructor_emitsInitialThresholds() public {
        vm.expectEmit();
        emit IModelClassifier.ThresholdsUpdated(0, 5, 0, 7, false);
        deployOwned(5, 7, 0);
    }

    function test_constructor_acceptsGuardExtremes() public {
        ModelClassifier c = new ModelClassifier(
            address(this),
            IComputeRegistry(address(registry)),
            IModelClassifier.Thresholds(1, 1),
            guardsOf(32, 9999, 365 days, 365 days),
            address(0)
        );
        assertEq(c.guards().raiseInterval, 365 days);
        c = new ModelClassifier(
            address(this), IComputeRegistry(address(registry)), IModelClassifier.Thresholds(1, 1), guardsOf(1, 0, 0, 0), address(0)
        );
        assertEq(c.guards().quantBits, 1);
    }

    function test_constructor_revertsOnInvalidGuards() public {
        IModelClassifier.Guards[5] memory bad = [
            guardsOf(0, 1000, 600, 60),
            guardsOf(33, 1000, 600, 60),
            guardsOf(4, 10_000, 600, 60),
            guardsOf(4, 1000, 365 days + 1, 60),
            guardsOf(4, 1000, 600, 365 days + 1)
        ];
        for (uint256 i = 0; i < bad.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierInvalidGuards.selector));
            new ModelClassifier(
                address(this), IComputeRegistry(address(registry)), IModelClassifier.Thresholds(1, 1), bad[i], address(0)
            );
        }
    }

    function test_constructor_revertsOnZeroThreshold() public {
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierZeroThreshold.selector));
        deployOwned(0, 1, 0);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierZeroThreshold.selector));
        deployOwned(1, 0, 0);
    }

    function test_constructor_revertsBelowConsumerFloor() public {
        registerNode(ALICE, SeedDevices.RTX_3090, 1);
        activatePending();
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierBelowConsumerFloor.selector, PARAMS_24GIB - 1, PARAMS_24GIB
            )
        );
        deployOwned(uint64(PARAMS_24GIB - 1), MAX_SMALL_FLOP, 0);
        // At the floor exactly is fine.
        assertThresholds(deployOwned(uint64(PARAMS_24GIB), MAX_SMALL_FLOP, 0), PARAMS_24GIB, MAX_SMALL_FLOP);
    }

    // ================================================================ runnableParams / consumerFloor

    function test_runnableParams_24GiB() public view {
        assertEq(owned.runnableParams(24_576, 4, 1000), 46_385_646_796);
        assertEq(PARAMS_24GIB, 46_385_646_796);
    }

    function test_runnableParams_48GiB() public view {
        assertEq(owned.runnableParams(49_152, 4, 1000), PARAMS_48GIB);
        assertEq(owned.runnableParams(196_608, 4, 1000), PARAMS_M2_ULTRA);
        // 16-bit, no overhead: 1 MiB holds 2^19 parameters.
        assertEq(owned.runnableParams(1, 16, 0), 1 << 19);
        assertEq(owned.runnableParams(0, 4, 1000), 0);
    }

    function test_runnableParams_revertsOnZeroQuantization() public {
        vm.expectRevert(abi.encodeWithSelector(CapacityMath.CapacityMathZeroQuantization.selector));
        owned.runnableParams(24_576, 0, 1000);
    }

    function test_runnableParams_revertsOnOverheadTooHigh() public {
        vm.expectRevert(abi.encodeWithSelector(CapacityMath.CapacityMathOverheadTooHigh.selector, 10_000));
        owned.runnableParams(24_576, 4, 10_000);
        assertEq(owned.runnableParams(1024, 1, 9_999), uint256(1024 * (1 << 20) * 8) / 10_000);
    }

    function testFuzz_runnableParams_matchesFormula(uint256 mib, uint256 q, uint256 bps) public view {
        mib = bound(mib, 0, 1 << 20);
        q = bound(q, 1, 32);
        bps = bound(bps, 0, 9_999);
        uint256 bytes_ = mib * 1_048_576;
        assertEq(owned.runnableParams(mib, q, bps), bytes_ * 8 * (10_000 - bps) / (q * 10_000));
        // More memory never runs fewer parameters.
        assertLe(owned.runnableParams(mib, q, bps), owned.runnableParams(mib + 1, q, bps));
    }

    function test_consumerFloor_zeroWithoutNodes() public view {
        (uint256 mib, uint256 params) = owned.consumerFloor();
        assertEq(mib, 0);
        assertEq(params, 0);
    }

    function test_consumerFloor_medianNode() public {
        registerNode(address(0x1), SeedDevices.RTX_3060_12GB, 1);
        registerNode(address(0x2), SeedDevices.RTX_3090, 1);
        registerNode(address(0x3), SeedDevices.RTX_3090, 2);
        activatePending();
        (uint256 mib, uint256 params) = owned.consumerFloor();
        assertEq(mib, 24_576);
        assertEq(params, PARAMS_24GIB);
        registerNode(address(0x4), SeedDevices.RTX_4090, 2);
        registerNode(address(0x5), SeedDevices.RX_7900_XTX, 2);
        activatePending();
        (mib, params) = owned.consumerFloor();
        assertEq(mib, 49_152);
        assertEq(params, PARAMS_48GIB);
    }

    // ================================================================ setThresholds

    function test_setThresholds_updatesAndEmits() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        vm.expectEmit(address(owned));
        emit IModelClassifier.ThresholdsUpdated(MAX_SMALL_PARAMS, 120e9, MAX_SMALL_FLOP, 1.5e25, false);
        owned.setThresholds(120e9, 1.5e25);
        assertThresholds(owned, 120e9, 1.5e25);
        assertEq(owned.lastChangeAt(), t0 + MIN_CHANGE_INTERVAL);
        assertEq(owned.thresholdCheckpointCount(), 2);
    }

    function test_setThresholds_revertsForNonOwner() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        bytes32 before = fingerprint(owned);
        vm.prank(STRANGER);
        vm.expectRevert(
            abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, STRANGER, address(this))
        );
        owned.setThresholds(120e9, MAX_SMALL_FLOP);
        assertEq(fingerprint(owned), before);
    }

    function test_setThresholds_revertsForDeployerOnDeployedClassifier() public {
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL);
        bytes32 before = fingerprint(classifier);
        vm.expectRevert(
            abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, address(this), address(timelock))
        );
        classifier.setThresholds(120e9, MAX_SMALL_FLOP);
        assertEq(fingerprint(classifier), before);
    }

    function test_setThresholds_revertsOnZeroThreshold() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        bytes32 before = fingerprint(owned);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierZeroThreshold.selector));
        owned.setThresholds(0, MAX_SMALL_FLOP);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierZeroThreshold.selector));
        owned.setThresholds(MAX_SMALL_PARAMS, 0);
        assertEq(fingerprint(owned), before);
    }

    function test_setThresholds_revertsWhenUnchanged() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        bytes32 before = fingerprint(owned);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierThresholdsUnchanged.selector));
        owned.setThresholds(MAX_SMALL_PARAMS, MAX_SMALL_FLOP);
        assertEq(fingerprint(owned), before);
        // Changing only one of the two is a change.
        owned.setThresholds(MAX_SMALL_PARAMS, MAX_SMALL_FLOP + 1);
        assertThresholds(owned, MAX_SMALL_PARAMS, MAX_SMALL_FLOP + 1);
    }

    function test_setThresholds_revertsWhenChangeTooSoon() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL - 1);
        bytes32 before = fingerprint(owned);
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierChangeTooSoon.selector, t0 + MIN_CHANGE_INTERVAL)
        );
        owned.setThresholds(120e9, MAX_SMALL_FLOP);
        assertEq(fingerprint(owned), before);

        vm.warp(t0 + MIN_CHANGE_INTERVAL); // exactly at the boundary: allowed
        owned.setThresholds(120e9, MAX_SMALL_FLOP);

        vm.warp(t0 + 2 * MIN_CHANGE_INTERVAL - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierChangeTooSoon.selector, t0 + 2 * MIN_CHANGE_INTERVAL
            )
        );
        owned.setThresholds(MAX_SMALL_PARAMS, MAX_SMALL_FLOP);
    }

    function test_setThresholds_paramsUpByFactorTwoAllowed() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        owned.setThresholds(2 * MAX_SMALL_PARAMS, MAX_SMALL_FLOP);
        assertThresholds(owned, 140e9, MAX_SMALL_FLOP);
    }

    function test_setThresholds_revertsParamsUpAboveFactorTwo() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        bytes32 before = fingerprint(owned);
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierParamsChangeTooLarge.selector, MAX_SMALL_PARAMS, 140e9 + 1
            )
        );
        owned.setThresholds(140e9 + 1, MAX_SMALL_FLOP);
        assertEq(fingerprint(owned), before);
    }

    function test_setThresholds_paramsDownByFactorTwoAllowed() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        owned.setThresholds(35e9, MAX_SMALL_FLOP);
        assertThresholds(owned, 35e9, MAX_SMALL_FLOP);
    }

    function test_setThresholds_revertsParamsDownBelowFactorTwo() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        bytes32 before = fingerprint(owned);
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierParamsChangeTooLarge.selector, MAX_SMALL_PARAMS, 35e9 - 1
            )
        );
        owned.setThresholds(35e9 - 1, MAX_SMALL_FLOP);
        assertEq(fingerprint(owned), before);
    }

    function test_setThresholds_flopUpByFactorTwoAllowed() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        owned.setThresholds(MAX_SMALL_PARAMS, 2e25);
        assertThresholds(owned, MAX_SMALL_PARAMS, 2e25);
    }

    function test_setThresholds_revertsFlopUpAboveFactorTwo() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        bytes32 before = fingerprint(owned);
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierFlopChangeTooLarge.selector, 1e25, 2e25 + 1)
        );
        owned.setThresholds(MAX_SMALL_PARAMS, 2e25 + 1);
        assertEq(fingerprint(owned), before);
    }

    function test_setThresholds_flopDownByFactorTwoAllowed() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        owned.setThresholds(MAX_SMALL_PARAMS, 5e24);
        assertThresholds(owned, MAX_SMALL_PARAMS, 5e24);
    }

    function test_setThresholds_revertsFlopDownBelowFactorTwo() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        bytes32 before = fingerprint(owned);
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierFlopChangeTooLarge.selector, 1e25, 5e24 - 1)
        );
        owned.setThresholds(MAX_SMALL_PARAMS, 5e24 - 1);
        assertEq(fingerprint(owned), before);
    }

    function test_setThresholds_oddValueFactorTwoDownRoundsTheSafeWay() public {
        // From 7 the smallest allowed is 4 (4 * 2 >= 7), 3 is too far (3 * 2 < 7).
        ModelClassifier c = deployOwned(7, 7, 0);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierParamsChangeTooLarge.selector, 7, 3));
        c.setThresholds(3, 7);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierFlopChangeTooLarge.selector, 7, 3));
        c.setThresholds(7, 3);
        c.setThresholds(4, 4);
        assertThresholds(c, 4, 4);
    }

    function test_setThresholds_revertsBelowConsumerFloor() public {
        registerNode(address(0x1), SeedDevices.RTX_3090, 1);
        activatePending();
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        bytes32 before = fingerprint(owned);
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierBelowConsumerFloor.selector, PARAMS_24GIB - 1, PARAMS_24GIB
            )
        );
        owned.setThresholds(uint64(PARAMS_24GIB - 1), MAX_SMALL_FLOP);
        assertEq(fingerprint(owned), before);
        owned.setThresholds(uint64(PARAMS_24GIB), MAX_SMALL_FLOP); // at the floor: allowed
        assertThresholds(owned, PARAMS_24GIB, MAX_SMALL_FLOP);
    }

    function testFuzz_setThresholds_respectsGuards(uint64 params, uint128 flop, uint256 wait) public {
        registerNode(address(0x1), SeedDevices.RTX_3090, 1);
        wait = bound(wait, 0, 2 * MIN_CHANGE_INTERVAL);
        vm.warp(t0 + wait);
        bytes32 before = fingerprint(owned);
        (bool ok,) = address(owned).call(abi.encodeCall(owned.setThresholds, (params, flop)));
        bool expected = params != 0 && flop != 0 && !(params == MAX_SMALL_PARAMS && flop == MAX_SMALL_FLOP)
            && wait >= MIN_CHANGE_INTERVAL && uint256(params) <= 2 * uint256(MAX_SMALL_PARAMS)
            && 2 * uint256(params) >= MAX_SMALL_PARAMS && uint256(flop) <= 2 * uint256(MAX_SMALL_FLOP)
            && 2 * uint256(flop) >= MAX_SMALL_FLOP && params >= PARAMS_24GIB;
        assertEq(ok, expected, "accepted iff inside every guard");
        if (ok) assertThresholds(owned, params, flop);
        else assertEq(fingerprint(owned), before);
    }

    // ================================================================ raiseToFloor

    function test_raiseToFloor_liftsTowardTheLowestFloorOverTheWindow() public {
        for (uint160 i = 1; i <= 3; ++i) {
            registerNode(address(i), SeedDevices.M2_ULTRA_192GB, 1);
        }
        activatePending();
        (uint256 mib, uint256 floorParams) = owned.consumerFloor();
        assertEq(mib, 196_608);
        assertEq(floorParams, PARAMS_M2_ULTRA);
        // Within the window the floor was 0 too: nothing to raise to yet.
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierNotBelowFloor.selector, MAX_SMALL_PARAMS, 0));
        owned.raiseToFloor();

        uint256 held = vm.getBlockTimestamp() + LOCAL_FLOOR_WINDOW + LOCAL_FLOOR_WINDOW / 16;
        vm.warp(held);
        vm.expectEmit(address(owned));
        emit IModelClassifier.ThresholdsUpdated(MAX_SMALL_PARAMS, 2 * MAX_SMALL_PARAMS, MAX_SMALL_FLOP, MAX_SMALL_FLOP, true);
        vm.prank(STRANGER); // anyone may call
        uint64 raised = owned.raiseToFloor();
        assertEq(raised, 2 * MAX_SMALL_PARAMS, "at most 2x a call");
        assertEq(owned.lastRaiseAt(), held);
        assertEq(owned.thresholdCheckpointCount(), 2);
        // It does not restart the governed change clock, but has its own interval.
        assertEq(owned.lastChangeAt(), t0);
        vm.warp(held + RAISE_INTERVAL - 1);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierRaiseTooSoon.selector, held + RAISE_INTERVAL));
        owned.raiseToFloor();
        vm.warp(held + RAISE_INTERVAL);
        assertEq(owned.raiseToFloor(), 4 * MAX_SMALL_PARAMS);
        vm.warp(held + 2 * RAISE_INTERVAL);
        assertEq(owned.raiseToFloor(), PARAMS_M2_ULTRA, "the floor, once within 2x");
        assertThresholds(owned, PARAMS_M2_ULTRA, MAX_SMALL_FLOP);
        assertTier(owned.classify(300e9, 1), SMALL, "300B now Small");
        assertTier(owned.classifyAt(300e9, 1, t0), LARGE, "300B was Large");
    }

    function test_raiseToFloor_revertsWhenNotBelowFloor() public {
        bytes32 before = fingerprint(owned);
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierNotBelowFloor.selector, MAX_SMALL_PARAMS, 0)
        );
        owned.raiseToFloor();
        assertEq(fingerprint(owned), before);
    }

    function test_raiseToFloor_revertsWhenExactlyAtFloor() public {
        registerNode(address(0x1), SeedDevices.RTX_3090, 1);
        activatePending();
        warpBy(LOCAL_FLOOR_WINDOW + LOCAL_FLOOR_WINDOW / 16);
        ModelClassifier c = deployOwned(uint64(PARAMS_24GIB), MAX_SMALL_FLOP, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierNotBelowFloor.selector, PARAMS_24GIB, PARAMS_24GIB)
        );
        c.raiseToFloor();
        // A 48 GiB median moves the floor up, once it has held for a window.
        registerNode(address(0x2), SeedDevices.RTX_3090, 2);
        registerNode(address(0x3), SeedDevices.RTX_3090, 2);
        activatePending();
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierNotBelowFloor.selector, PARAMS_24GIB, PARAMS_24GIB)
        );
        c.raiseToFloor();
        warpBy(LOCAL_FLOOR_WINDOW + LOCAL_FLOOR_WINDOW / 16);
        // Twice 46,385,646,796 is one parameter short of the 48 GiB floor: the factor caps the first raise.
        assertEq(c.raiseToFloor(), 2 * PARAMS_24GIB);
        warpBy(RAISE_INTERVAL);
        assertEq(c.raiseToFloor(), PARAMS_48GIB);
    }

    function test_floorRange_lowestAndHighestOverTheWindow() public {
        registerNode(address(0x1), SeedDevices.RTX_3090, 1);
        activatePending();
        (uint256 lowest, uint256 highest) = owned.floorRange();
        assertEq(lowest, 0);
        assertEq(highest, PARAMS_24GIB);
        warpBy(LOCAL_FLOOR_WINDOW + LOCAL_FLOOR_WINDOW / 16);
        (lowest, highest) = owned.floorRange();
        assertEq(lowest, PARAMS_24GIB);
        assertEq(highest, PARAMS_24GIB);
    }

    // ================================================================ thresholdsAt / classifyAt

    function test_thresholdsAt_revertsAtClock() public {
        vm.warp(t0 + 10);
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierFutureLookup.selector, t0 + 10, uint48(t0 + 10))
        );
        owned.thresholdsAt(t0 + 10);
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierFutureLookup.selector, t0 + 11, uint48(t0 + 10))
        );
        owned.classifyAt(1, 1, t0 + 11);
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierFutureLookup.selector, type(uint256).max, uint48(t0 + 10)
            )
        );
        owned.thresholdsAt(type(uint256).max);
    }

    function test_thresholdsAt_revertsBeforeDeployment() public {
        vm.warp(t0 + 10);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierNoThresholdsAt.selector, t0 - 1));
        owned.thresholdsAt(t0 - 1);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierNoThresholdsAt.selector, 0));
        owned.classifyAt(1, 1, 0);
        // The deployment second itself has thresholds.
        assertEq(owned.thresholdsAt(t0).maxSmallParams, MAX_SMALL_PARAMS);
    }

    function test_thresholdsAt_returnsHistory() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        owned.setThresholds(120e9, 2e25);
        vm.warp(t0 + 2 * MIN_CHANGE_INTERVAL);
        owned.setThresholds(100e9, 1.5e25);
        vm.warp(t0 + 3 * MIN_CHANGE_INTERVAL);

        assertEq(owned.thresholdsAt(t0).maxSmallParams, 70e9);
        assertEq(owned.thresholdsAt(t0 + MIN_CHANGE_INTERVAL - 1).maxSmallParams, 70e9);
        assertEq(owned.thresholdsAt(t0 + MIN_CHANGE_INTERVAL).maxSmallParams, 120e9);
        assertEq(owned.thresholdsAt(t0 + MIN_CHANGE_INTERVAL).maxSmallTrainingFlop, 2e25);
        assertEq(owned.thresholdsAt(t0 + 2 * MIN_CHANGE_INTERVAL - 1).maxSmallParams, 120e9);
        assertEq(owned.thresholdsAt(t0 + 2 * MIN_CHANGE_INTERVAL).maxSmallParams, 100e9);
        assertEq(owned.thresholdsAt(t0 + 2 * MIN_CHANGE_INTERVAL).maxSmallTrainingFlop, 1.5e25);
        assertEq(owned.thresholdCheckpointCount(), 3);
    }

    // ================================================================ classify boundaries

    function test_classify_paramsBoundary() public view {
        uint256 p = MAX_SMALL_PARAMS;
        assertTier(owned.classify(p - 1, MAX_SMALL_FLOP), SMALL, "T-1");
        assertTier(owned.classify(p, MAX_SMALL_FLOP), SMALL, "T");
        assertTier(owned.classify(p + 1, MAX_SMALL_FLOP), LARGE, "T+1");
        assertTier(owned.classify(p + 1, 0), LARGE, "T+1, no flop");
        assertTier(owned.classify(0, 0), SMALL, "zero");
    }

    function test_classify_flopBoundary() public view {
        uint256 f = MAX_SMALL_FLOP;
        assertTier(owned.classify(MAX_SMALL_PARAMS, f - 1), SMALL, "T-1");
        assertTier(owned.classify(MAX_SMALL_PARAMS, f), SMALL, "T");
        assertTier(owned.classify(MAX_SMALL_PARAMS, f + 1), LARGE, "T+1");
        assertTier(owned.classify(1, f + 1), LARGE, "T+1, tiny model");
        assertTier(owned.classify(type(uint256).max, type(uint256).max), LARGE, "max");
    }

    function test_classifyAt_boundariesOfPastThresholds() public {
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        owned.setThresholds(120e9, 2e25);
        vm.warp(t0 + MIN_CHANGE_INTERVAL + 1);
        uint256[2] memory times = [t0, t0 + MIN_CHANGE_INTERVAL];
        uint256[2] memory ps = [uint256(70e9), 120e9];
        uint256[2] memory fs = [uint256(1e25), 2e25];
        for (uint256 i = 0; i < 2; ++i) {
            assertTier(owned.classifyAt(ps[i] - 1, fs[i], times[i]), SMALL, "P-1");
            assertTier(owned.classifyAt(ps[i], fs[i], times[i]), SMALL, "P");
            assertTier(owned.classifyAt(ps[i] + 1, fs[i], times[i]), LARGE, "P+1");
            assertTier(owned.classifyAt(ps[i], fs[i] - 1, times[i]), SMALL, "F-1");
            assertTier(owned.classifyAt(ps[i], fs[i] + 1, times[i]), LARGE, "F+1");
        }
    }

    function testFuzz_classify_matchesReference(uint64 tp, uint128 tf, uint256 p, uint256 f) public {
        tp = uint64(bound(tp, 1, type(uint64).max));
        tf = uint128(bound(tf, 1, type(uint128).max));
        ModelClassifier c = deployOwned(tp, tf, 0);
        // Half the runs land next to a threshold.
        if (p % 2 == 0) p = uint256(tp) - 1 + (p % 3);
        if (f % 2 == 0) f = uint256(tf) - 1 + (f % 3);
        IModelClassifier.Tier want = (p <= tp && f <= tf) ? SMALL : LARGE;
        assertTier(c.classify(p, f), want, "classify vs reference");
    }

    // ================================================================ model registry

    function test_registerModel_storesAndEmits() public {
        bytes32 hash = keccak256("llama-3.1-70b");
        vm.expectEmit(address(owned));
        emit IModelClassifier.ModelRegistered(1, ALICE, hash, "Llama 3.1 70B", 70e9, 6.3e24, "ipfs://card", true);
        uint256 id = register("Llama 3.1 70B", 70e9, 6.3e24, hash);
        assertEq(id, 1);
        assertEq(owned.modelCount(), 1);
        IModelClassifier.Model memory m = owned.model(1);
        assertEq(m.id, 1);
        assertEq(m.name, "Llama 3.1 70B");
        assertEq(m.params, 70e9);
        assertEq(m.trainingFlop, 6.3e24);
        assertEq(m.weightsHash, hash);
        assertEq(m.uri, "ipfs://card");
        assertTrue(m.openWeights);
        assertEq(m.registrant, ALICE);
        assertEq(m.registeredAt, t0);
        assertTier(owned.classifyModel(1), SMALL, "70B");

        vm.prank(STRANGER);
        uint256 id2 = owned.registerModel("Closed 400B", 400e9, 3e25, keccak256("closed"), "", false);
        assertEq(id2, 2);
        assertFalse(owned.model(2).openWeights);
        assertEq(owned.model(2).uri, "");
        assertTier(owned.classifyModel(2), LARGE, "400B");
    }

    function test_registerModel_acceptsMaxLengths() public {
        vm.prank(ALICE);
        owned.registerModel(repeat(64), 1, 1, bytes32(uint256(1)), repeat(256), true);
        assertEq(bytes(owned.model(1).name).length, 64);
        assertEq(bytes(owned.model(1).uri).length, 256);
    }

    function test_registerModel_revertsOnEmptyName() public {
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierEmptyModelName.selector));
        owned.registerModel("", 1, 1, bytes32(uint256(1)), "", true);
        assertEq(owned.modelCount(), 0);
    }

    function test_registerModel_revertsOnNameTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierModelNameTooLong.selector, 65, 64));
        owned.registerModel(repeat(65), 1, 1, bytes32(uint256(1)), "", true);
        assertEq(owned.modelCount(), 0);
    }

    function test_registerModel_revertsOnURITooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierModelURITooLong.selector, 257, 256));
        owned.registerModel("m", 1, 1, bytes32(uint256(1)), repeat(257), true);
        assertEq(owned.modelCount(), 0);
    }

    function test_registerModel_revertsOnZeroParams() public {
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierZeroParams.selector));
        owned.registerModel("m", 0, 1, bytes32(uint256(1)), "", true);
        assertEq(owned.modelCount(), 0);
    }

    function test_registerModel_revertsOnZeroTrainingFlop() public {
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierZeroTrainingFlop.selector));
        owned.registerModel("m", 1, 0, bytes32(uint256(1)), "", true);
        assertEq(owned.modelCount(), 0);
    }

    function test_registerModel_revertsOnZeroWeightsHash() public {
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierZeroWeightsHash.selector));
        owned.registerModel("m", 1, 1, bytes32(0), "", true);
        assertEq(owned.modelCount(), 0);
    }

    function test_registerModel_revertsWhenRegistrantListsSameWeightsTwice() public {
        register("a", 1, 1, keccak256("w"));
        register("b", 1, 1, keccak256("v"));
        bytes32 before = fingerprint(owned);
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierDuplicateModel.selector, ALICE, keccak256("v"), 2)
        );
        owned.registerModel("c", 2, 2, keccak256("v"), "", false);
        assertEq(fingerprint(owned), before);
        assertEq(owned.model(2).name, "b");
    }

    function test_registerModel_keysRecordsByRegistrantAndHash() public {
        bytes32 w = keccak256("w");
        uint256 a = register("a", 1, 1, w);
        vm.prank(STRANGER);
        uint256 b = owned.registerModel("a (other figures)", 7, 7, w, "", false);
        assertEq(owned.modelIdOf(ALICE, w), a);
        assertEq(owned.modelIdOf(STRANGER, w), b);
        assertEq(owned.modelIdOf(address(this), w), 0);
        assertEq(owned.recordCountOf(w), 2);
        IModelClassifier.Model[] memory records = owned.recordsOf(w, 0, 10);
        assertEq(records.length, 2);
        assertEq(records[0].registrant, ALICE);
        assertEq(records[1].registrant, STRANGER);
        assertEq(records[1].params, 7);
        assertEq(owned.recordsOf(w, 1, 10).length, 1);
        assertEq(owned.recordsOf(w, 2, 10).length, 0);
        assertEq(owned.recordCountOf(keccak256("none")), 0);
    }

    function test_model_revertsOnUnknownId() public {
        register("a", 1, 1, keccak256("w"));
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierUnknownModel.selector, 0));
        owned.model(0);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierUnknownModel.selector, 2));
        owned.model(2);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierUnknownModel.selector, 2));
        owned.classifyModel(2);
        vm.warp(t0 + 1);
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierUnknownModel.selector, 0));
        owned.classifyModelAt(0, t0);
    }

    function test_classifyModelAt_keepsPastTier() public {
        uint256 id = register("Big", 100e9, 1e24, keccak256("big"));
        assertTier(owned.classifyModel(id), LARGE, "100B under 70B line");
        vm.warp(t0 + MIN_CHANGE_INTERVAL);
        owned.setThresholds(120e9, MAX_SMALL_FLOP);
        vm.warp(t0 + MIN_CHANGE_INTERVAL + 1);
        assertTier(owned.classifyModel(id), SMALL, "now Small");
        assertTier(owned.classifyModelAt(id, t0), LARGE, "then Large");
        assertTier(owned.classifyModelAt(id, t0 + MIN_CHANGE_INTERVAL), SMALL, "from the change on");
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierFutureLookup.selector,
                t0 + MIN_CHANGE_INTERVAL + 1,
                uint48(t0 + MIN_CHANGE_INTERVAL + 1)
            )
        );
        owned.classifyModelAt(id, t0 + MIN_CHANGE_INTERVAL + 1);
    }

    function test_models_pages() public {
        for (uint256 i = 1; i <= 5; ++i) {
            register(string.concat("m", vm.toString(i)), uint64(i), uint128(i), bytes32(i));
        }
        IModelClassifier.Model[] memory page = owned.models(0, 2);
        assertEq(page.length, 2);
        assertEq(page[0].id, 1);
        assertEq(page[1].id, 2);
        page = owned.models(2, 2);
        assertEq(page.length, 2);
        assertEq(page[0].id, 3);
        assertEq(page[1].name, "m4");
        page = owned.models(4, 10);
        assertEq(page.length, 1);
        assertEq(page[0].id, 5);
        assertEq(owned.models(5, 1).length, 0);
        assertEq(owned.models(type(uint256).max, type(uint256).max).length, 0);
        assertEq(owned.models(1, 0).length, 0);
        page = owned.models(0, type(uint256).max);
        assertEq(page.length, 5);
        for (uint256 i = 0; i < 5; ++i) {
            assertEq(page[i].params, i + 1);
        }
    }

    function test_models_emptyRegistry() public view {
        assertEq(owned.models(0, 10).length, 0);
    }

    // ================================================================ admin

    function test_admin_isFixed() public {
        (bool transferred,) = address(owned).call(abi.encodeWithSignature("transferOwnership(address)", ALICE));
        (bool renounced,) = address(owned).call(abi.encodeWithSignature("renounceOwnership()"));
        assertFalse(transferred);
        assertFalse(renounced);
        assertEq(owned.admin(), address(this));
    }
}
