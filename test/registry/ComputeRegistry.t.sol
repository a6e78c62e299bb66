// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {FixedAdmin} from "../../contracts/access/FixedAdmin.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {MemoryHistogram} from "../../contracts/libraries/MemoryHistogram.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {Deployers} from "../utils/Deployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice Unit tests: every external function of ComputeRegistry and every custom error it can raise.
contract ComputeRegistryTest is Deployers {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA201);
    address internal constant STRANGER = address(0xBEEF);

    bytes32 internal constant DELEGATION_TYPEHASH =
        keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");

    function setUp() public {
        deployFixture();
    }

    // ------------------------------------------------------------------ helpers

    /// @notice A snapshot of everything a failed call must leave untouched.
    struct State {
        uint256 nodeCount;
        uint256 active;
        uint256 memoryMiB;
        uint256 bonded;
        uint256 balance;
        uint256 supply;
        uint256 p50;
        uint256 aliceVotes;
        uint256 bobVotes;
    }

    function _state() internal view returns (State memory s) {
        s.nodeCount = registry.nodeCount();
        s.active = registry.activeNodeCount();
        s.memoryMiB = registry.totalMemoryMiB();
        s.bonded = registry.totalBonded();
        s.balance = address(registry).balance;
        s.supply = registry.getVotes(ALICE) + registry.getVotes(BOB); // cheap total for our two actors
        s.p50 = registry.memoryPercentileMiB(50);
        s.aliceVotes = registry.getVotes(ALICE);
        s.bobVotes = registry.getVotes(BOB);
    }

    function _assertUnchanged(State memory a) internal view {
        State memory b = _state();
        assertEq(b.nodeCount, a.nodeCount, "nodeCount changed");
        assertEq(b.active, a.active, "activeNodeCount changed");
        assertEq(b.memoryMiB, a.memoryMiB, "totalMemoryMiB changed");
        assertEq(b.bonded, a.bonded, "totalBonded changed");
        assertEq(b.balance, a.balance, "balance changed");
        assertEq(b.supply, a.supply, "votes changed");
        assertEq(b.p50, a.p50, "p50 changed");
        assertEq(b.aliceVotes, a.aliceVotes, "alice votes changed");
        assertEq(b.bobVotes, a.bobVotes, "bob votes changed");
    }

    function _expectRegisterRevert(IComputeRegistry.DeviceLine[] memory d, bytes memory err) internal {
        State memory before = _state();
        vm.deal(ALICE, MIN_BOND);
        vm.prank(ALICE);
        vm.expectRevert(err);
        registry.registerNode{value: MIN_BOND}(d, "");
        _assertUnchanged(before);
        assertEq(registry.nodeCountOf(ALICE), 0);
        assertEq(registry.delegates(ALICE), address(0));
    }

    function _expectUpdateRevert(uint256 id, IComputeRegistry.DeviceLine[] memory d, bytes memory err) internal {
        State memory before = _state();
        IComputeRegistry.NodeView memory nodeBefore = registry.node(id);
        vm.prank(ALICE);
        vm.expectRevert(err);
        registry.updateNode(id, d, "changed");
        _assertUnchanged(before);
        IComputeRegistry.NodeView memory nodeAfter = registry.node(id);
        assertEq(nodeAfter.memoryMiB, nodeBefore.memoryMiB);
        assertEq(nodeAfter.metadataURI, nodeBefore.metadataURI);
        assertEq(nodeAfter.devices.length, nodeBefore.devices.length);
    }

    function _repeat(uint256 n) internal pure returns (string memory) {
        bytes memory b = new bytes(n);
        for (uint256 i = 0; i < n; ++i) b[i] = "u";
        return string(b);
    }

    function _sevenLines() internal pure returns (IComputeRegistry.DeviceLine[] memory d) {
        d = new IComputeRegistry.DeviceLine[](7);
        for (uint256 i = 0; i < 7; ++i) d[i] = IComputeRegistry.DeviceLine(uint16(i + 1), 1);
    }

    function _sixLines() internal pure returns (IComputeRegistry.DeviceLine[] memory d) {
        d = new IComputeRegistry.DeviceLine[](6);
        for (uint256 i = 0; i < 6; ++i) d[i] = IComputeRegistry.DeviceLine(uint16(i + 1), 1);
    }

    // ------------------------------------------------------------------ constructor & parameters

    function test_constructor_setsParameters() public view {
        assertEq(registry.admin(), address(this));
        assertEq(registry.minBond(), MIN_BOND);
        assertEq(registry.maxDevicesPerNode(), MAX_DEVICES);
        assertEq(registry.maxNodeMemoryMiB(), MAX_NODE_MEMORY_MIB);
        assertEq(registry.unbondingPeriod(), UNBONDING_PERIOD);
        assertEq(registry.minUnbondingPeriod(), MIN_UNBONDING_PERIOD);
        assertEq(registry.catalog(), address(catalog));
        assertEq(registry.governor(), address(0));
        assertEq(registry.nodeCount(), 0);
        assertEq(registry.activeNodeCount(), 0);
        assertEq(registry.totalMemoryMiB(), 0);
        assertEq(registry.totalBonded(), 0);
        assertEq(registry.MAX_DEVICE_LINES(), 6);
        assertEq(registry.MIN_DEVICES_LIMIT(), 8);
        assertEq(registry.MAX_DEVICES_LIMIT(), 64);
        assertEq(registry.MIN_NODE_MEMORY_LIMIT_MIB(), 256 * 1024);
        assertEq(registry.MAX_NODE_MEMORY_LIMIT_MIB(), 1 << 20);
        assertEq(registry.MIN_BOND(), 0.001 ether);
        assertEq(registry.MAX_BOND(), 1 ether);
        assertEq(registry.MAX_UNBONDING_PERIOD(), 90 days);
        assertEq(registry.MAX_METADATA_URI_LENGTH(), 256);
    }

    function test_constructor_emitsParameterEvents() public {
        vm.expectEmit(); // any emitter: the address is not known yet
        emit IComputeRegistry.MinBondUpdated(0, 1 ether);
        vm.expectEmit(false, false, false, true);
        emit IComputeRegistry.MaxDevicesPerNodeUpdated(0, 8);
        vm.expectEmit(false, false, false, true);
        emit IComputeRegistry.MaxNodeMemoryUpdated(0, 262144);
        vm.expectEmit(false, false, false, true);
        emit IComputeRegistry.UnbondingPeriodUpdated(0, 2 days);
        new ComputeRegistry(
            address(this), IHardwareCatalog(address(catalog)), ComputeRegistry.Params(1 ether, 8, 262144, 2 days), 2 days
        );
    }

    function test_constructor_revertsWhenMinUnbondingAboveMax() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector, 90 days + 1, 0, 90 days
            )
        );
        new ComputeRegistry(
            address(this),
            IHardwareCatalog(address(catalog)),
            ComputeRegistry.Params(MIN_BOND, MAX_DEVICES, MAX_NODE_MEMORY_MIB, 90 days),
            90 days + 1
        );
    }

    function test_constructor_revertsWhenInitialParameterOutOfBounds() public {
        bytes4 sel = IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector;
        IHardwareCatalog c = IHardwareCatalog(address(catalog));
        vm.expectRevert(abi.encodeWithSelector(sel, 0, 0.001 ether, 1 ether));
        new ComputeRegistry(address(this), c, ComputeRegistry.Params(0, 8, 1 << 20, 1 days), 1 days);
        vm.expectRevert(abi.encodeWithSelector(sel, 7, 8, 64));
        new ComputeRegistry(address(this), c, ComputeRegistry.Params(MIN_BOND, 7, 1 << 20, 1 days), 1 days);
        vm.expectRevert(abi.encodeWithSelector(sel, 262143, 262144, 1 << 20));
        new ComputeRegistry(address(this), c, ComputeRegistry.Params(MIN_BOND, 8, 262143, 1 days), 1 days);
        vm.expectRevert(abi.encodeWithSelector(sel, 1 days - 1, 1 days, 90 days));
        new ComputeRegistry(address(this), c, ComputeRegistry.Params(MIN_BOND, 8, 1 << 20, 1 days - 1), 1 days);
        vm.expectRevert(abi.encodeWithSelector(FixedAdmin.FixedAdminZeroAdmin.selector));
        new ComputeRegistry(address(0), c, ComputeRegistry.Params(MIN_BOND, 8, 1 << 20, 1 days), 1 days);
    }

    function test_setMinBond_setsAndEmits() public {
        vm.expectEmit(address(registry));
        emit IComputeRegistry.MinBondUpdated(MIN_BOND, 0.5 ether);
        registry.setMinBond(0.5 ether);
        assertEq(registry.minBond(), 0.5 ether);
        registry.setMinBond(0.001 ether);
        registry.setMinBond(1 ether);
        assertEq(registry.minBond(), 1 ether);
    }

    function test_setMinBond_revertsWhenOutOfBounds() public {
        bytes4 sel = IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, 0, 0.001 ether, 1 ether));
        registry.setMinBond(0);
        vm.expectRevert(abi.encodeWithSelector(sel, 0.001 ether - 1 gwei, 0.001 ether, 1 ether));
        registry.setMinBond(0.001 ether - 1 gwei);
        vm.expectRevert(abi.encodeWithSelector(sel, 1 ether + 1 gwei, 0.001 ether, 1 ether));
        registry.setMinBond(1 ether + 1 gwei);
        assertEq(registry.minBond(), MIN_BOND);
    }

    function test_setMinBond_revertsWhenNotWholeGwei() public {
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryBondNotWholeGwei.selector, 0.01 ether + 1)
        );
        registry.setMinBond(0.01 ether + 1);
        assertEq(registry.minBond(), MIN_BOND);
    }

    function test_setMaxDevicesPerNode_setsAndEmits() public {
        vm.expectEmit(address(registry));
        emit IComputeRegistry.MaxDevicesPerNodeUpdated(MAX_DEVICES, 64);
        registry.setMaxDevicesPerNode(64);
        assertEq(registry.maxDevicesPerNode(), 64);
        registry.setMaxDevicesPerNode(8);
        assertEq(registry.maxDevicesPerNode(), 8);
    }

    function test_setMaxDevicesPerNode_revertsWhenOutOfBounds() public {
        bytes4 sel = IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, 7, 8, 64));
        registry.setMaxDevicesPerNode(7);
        vm.expectRevert(abi.encodeWithSelector(sel, 65, 8, 64));
        registry.setMaxDevicesPerNode(65);
        assertEq(registry.maxDevicesPerNode(), MAX_DEVICES);
    }

    function test_setMaxNodeMemoryMiB_setsAndEmits() public {
        vm.expectEmit(address(registry));
        emit IComputeRegistry.MaxNodeMemoryUpdated(MAX_NODE_MEMORY_MIB, 262144);
        registry.setMaxNodeMemoryMiB(262144);
        assertEq(registry.maxNodeMemoryMiB(), 262144);
        registry.setMaxNodeMemoryMiB(1 << 20);
        assertEq(registry.maxNodeMemoryMiB(), 1 << 20);
    }

    function test_setMaxNodeMemoryMiB_revertsWhenOutOfBounds() public {
        bytes4 sel = IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, 262143, 262144, 1 << 20));
        registry.setMaxNodeMemoryMiB(262143);
        vm.expectRevert(abi.encodeWithSelector(sel, (1 << 20) + 1, 262144, 1 << 20));
        registry.setMaxNodeMemoryMiB((1 << 20) + 1);
        assertEq(registry.maxNodeMemoryMiB(), MAX_NODE_MEMORY_MIB);
    }

    function test_setUnbondingPeriod_setsAndEmits() public {
        vm.expectEmit(address(registry));
        emit IComputeRegistry.UnbondingPeriodUpdated(UNBONDING_PERIOD, 1 days);
        registry.setUnbondingPeriod(1 days);
        assertEq(registry.unbondingPeriod(), 1 days);
        registry.setUnbondingPeriod(90 days);
        assertEq(registry.unbondingPeriod(), 90 days);
    }

    function test_setUnbondingPeriod_revertsWhenOutOfBounds() public {
        bytes4 sel = IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, 1 days - 1, 1 days, 90 days));
        registry.setUnbondingPeriod(1 days - 1);
        vm.expectRevert(abi.encodeWithSelector(sel, 90 days + 1, 1 days, 90 days));
        registry.setUnbondingPeriod(90 days + 1);
        assertEq(registry.unbondingPeriod(), UNBONDING_PERIOD);
    }

    function test_adminFunctions_revertWhenNotAdmin() public {
        uint256 id = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        bytes memory err =
            abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, STRANGER, address(this));
        State memory before = _state();

        vm.startPrank(STRANGER);
        vm.expectRevert(err);
        registry.setMinBond(0.5 ether);
        vm.expectRevert(err);
        registry.setMaxDevicesPerNode(9);
        vm.expectRevert(err);
        registry.setMaxNodeMemoryMiB(262144);
        vm.expectRevert(err);
        registry.setUnbondingPeriod(2 days);
        vm.stopPrank();

        // The node owner is not an admin either.
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, ALICE, address(this))
        );
        registry.setMinBond(0.5 ether);

        _assertUnchanged(before);
        assertEq(registry.minBond(), MIN_BOND);
        assertEq(registry.maxDevicesPerNode(), MAX_DEVICES);
        assertEq(registry.maxNodeMemoryMiB(), MAX_NODE_MEMORY_MIB);
        assertEq(registry.unbondingPeriod(), UNBONDING_PERIOD);
        assertEq(registry.admin(), address(this));
        assertEq(uint8(registry.node(id).status), uint8(IComputeRegistry.NodeStatus.Active));
    }

    function test_admin_hasNoTransferRenounceOrSlash() public {
        uint256 id = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        State memory before = _state();
        bytes[3] memory calls = [
            abi.encodeWithSignature("transferOwnership(address)", STRANGER),
            abi.encodeWithSignature("renounceOwnership()"),
            abi.encodeWithSignature("slash(uint256,string)", id, "governance takes the bond")
        ];
        for (uint256 i = 0; i < calls.length; ++i) {
            (bool ok,) = address(registry).call(calls[i]);
            assertFalse(ok, "a v1 admin power still exists");
        }
        _assertUnchanged(before);
        assertEq(registry.admin(), address(this));
    }

    function test_bindGovernor_revertsWithoutTimelockRole() public {
        // The admin here is this test contract, not a timelock: nothing holds PROPOSER_ROLE.
        vm.expectRevert();
        registry.bindGovernor(STRANGER);
        assertEq(registry.governor(), address(0));
    }

    // ------------------------------------------------------------------ token-like metadata & clock

    function test_metadata_nameSymbolDecimals() public view {
        assertEq(registry.name(), "Compute Commons Node Vote");
        assertEq(registry.symbol(), "CCVOTE");
        assertEq(registry.decimals(), 0);
    }

    function test_clock_isTimestamp() public {
        assertEq(registry.CLOCK_MODE(), "mode=timestamp");
        assertEq(registry.clock(), START_TIME);
        vm.warp(START_TIME + 12345);
        assertEq(registry.clock(), START_TIME + 12345);
        vm.roll(999);
        assertEq(registry.clock(), START_TIME + 12345);
    }

    // ------------------------------------------------------------------ registerNode

    function test_registerNode_storesNodeAndEmits() public {
        IComputeRegistry.DeviceLine[] memory d = twoLines(SeedDevices.RTX_3090, 2, SeedDevices.RTX_3060_12GB, 1);
        vm.deal(ALICE, MIN_BOND);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeRegistered(1, ALICE, 61440, MIN_BOND, d, "ipfs://rig");
        vm.prank(ALICE);
        uint256 id = registry.registerNode{value: MIN_BOND}(d, "ipfs://rig");

        assertEq(id, 1);
        IComputeRegistry.NodeView memory n = registry.node(1);
        assertEq(n.id, 1);
        assertEq(n.owner, ALICE);
        assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Active));
        assertEq(n.memoryMiB, 61440);
        assertEq(n.bond, MIN_BOND);
        assertEq(n.unlockAt, 0);
        assertEq(n.devices.length, 2);
        assertEq(n.devices[0].skuId, SeedDevices.RTX_3090);
        assertEq(n.devices[0].count, 2);
        assertEq(n.devices[1].skuId, SeedDevices.RTX_3060_12GB);
        assertEq(n.devices[1].count, 1);
        assertEq(n.metadataURI, "ipfs://rig");

        assertEq(registry.nodeCount(), 1);
        assertEq(registry.activeNodeCount(), 1);
        assertEq(registry.totalMemoryMiB(), 61440);
        assertEq(registry.totalBonded(), MIN_BOND);
        assertEq(address(registry).balance, MIN_BOND);
        assertEq(ALICE.balance, 0);
        assertEq(registry.nodeCountOf(ALICE), 1);
        assertEq(registry.nodeIdsOf(ALICE, 0, 10)[0], 1);
    }

    function test_registerNode_delegatesOnFirstRegistration() public {
        assertEq(registry.delegates(ALICE), address(0));
        registerAs(ALICE, SeedDevices.RTX_4090, 1);
        // No separate delegate() call: the vote counts at once.
        assertEq(registry.delegates(ALICE), ALICE);
        assertEq(registry.getVotes(ALICE), 1);
        vm.warp(block.timestamp + 1);
        assertEq(registry.getPastTotalSupply(block.timestamp - 1), 1);
        assertEq(registry.getPastVotes(ALICE, block.timestamp - 1), 1);

        registerAs(ALICE, SeedDevices.RTX_3090, 2);
        assertEq(registry.getVotes(ALICE), 2);
        assertEq(registry.nodeCountOf(ALICE), 2);
    }

    function test_registerNode_keepsExistingDelegate() public {
        vm.prank(ALICE);
        registry.delegate(BOB);
        registerAs(ALICE, SeedDevices.RTX_4090, 1);
        assertEq(registry.delegates(ALICE), BOB);
        assertEq(registry.getVotes(ALICE), 0);
        assertEq(registry.getVotes(BOB), 1);
    }

    function test_registerNode_acceptsSixLinesAndMaxUri() public {
        string memory uri = _repeat(256);
        vm.deal(ALICE, MIN_BOND);
        vm.prank(ALICE);
        uint256 id = registry.registerNode{value: MIN_BOND}(_sixLines(), uri);
        IComputeRegistry.NodeView memory n = registry.node(id);
        assertEq(n.devices.length, 6);
        for (uint256 i = 0; i < 6; ++i) {
            assertEq(n.devices[i].skuId, i + 1);
            assertEq(n.devices[i].count, 1);
        }
        assertEq(n.memoryMiB, 12288 + 24576 + 24576 + 32768 + 24576 + 196608);
        assertEq(n.metadataURI, uri);
    }

    function test_registerNode_acceptsLimitsExactly() public {
        registry.setMaxDevicesPerNode(8);
        registry.setMaxNodeMemoryMiB(8 * 32768);
        uint256 id = registerAs(ALICE, SeedDevices.RTX_5090, 8);
        assertEq(registry.node(id).memoryMiB, 262144);
    }

    function test_registerNode_revertsWhenWrongBond() public {
        IComputeRegistry.DeviceLine[] memory d = oneLine(SeedDevices.RTX_4090, 1);
        bytes4 sel = IComputeRegistry.ComputeRegistryWrongBond.selector;
        vm.deal(ALICE, 1 ether);
        State memory before = _state();
        vm.startPrank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(sel, 0, MIN_BOND));
        registry.registerNode(d, "");
        vm.expectRevert(abi.encodeWithSelector(sel, MIN_BOND - 1, MIN_BOND));
        registry.registerNode{value: MIN_BOND - 1}(d, "");
        vm.expectRevert(abi.encodeWithSelector(sel, MIN_BOND + 1, MIN_BOND));
        registry.registerNode{value: MIN_BOND + 1}(d, "");
        vm.stopPrank();
        _assertUnchanged(before);
        assertEq(ALICE.balance, 1 ether);
    }

    function test_registerNode_revertsWhenNoDevices() public {
        _expectRegisterRevert(
            new IComputeRegistry.DeviceLine[](0),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNoDevices.selector)
        );
    }

    function test_registerNode_revertsWhenTooManyDeviceLines() public {
        _expectRegisterRevert(
            _sevenLines(), abi.encodeWithSelector(IComputeRegistry.ComputeRegistryTooManyDeviceLines.selector, 7, 6)
        );
    }

    function test_registerNode_revertsWhenZeroDeviceCount() public {
        _expectRegisterRevert(
            twoLines(SeedDevices.RTX_4090, 1, SeedDevices.RTX_5090, 0),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryZeroDeviceCount.selector, SeedDevices.RTX_5090)
        );
    }

    function test_registerNode_revertsWhenDuplicateSku() public {
        _expectRegisterRevert(
            twoLines(SeedDevices.RTX_4090, 1, SeedDevices.RTX_4090, 2),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryDuplicateSku.selector, SeedDevices.RTX_4090)
        );
    }

    function test_registerNode_revertsWhenSkuDeprecated() public {
        catalog.deprecateSku(SeedDevices.RTX_3090);
        _expectRegisterRevert(
            oneLine(SeedDevices.RTX_3090, 1),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistrySkuDeprecated.selector, SeedDevices.RTX_3090)
        );
    }

    function test_registerNode_revertsWhenSkuUnknown() public {
        _expectRegisterRevert(
            oneLine(10, 1), abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, 10)
        );
        _expectRegisterRevert(
            oneLine(0, 1), abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, 0)
        );
    }

    function test_registerNode_revertsWhenTooManyDevices() public {
        _expectRegisterRevert(
            twoLines(SeedDevices.RTX_3060_12GB, 10, SeedDevices.RTX_3090, 7),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryTooManyDevices.selector, 17, MAX_DEVICES)
        );
    }

    function test_registerNode_revertsWhenMemoryAboveCap() public {
        // 6 x M2 Ultra = 1152 GiB > 1 TiB.
        _expectRegisterRevert(
            oneLine(SeedDevices.M2_ULTRA_192GB, 6),
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryNodeMemoryAboveCap.selector, 6 * 196608, MAX_NODE_MEMORY_MIB
            )
        );
        registry.setMaxNodeMemoryMiB(262144);
        _expectRegisterRevert(
            oneLine(SeedDevices.M2_ULTRA_192GB, 2),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNodeMemoryAboveCap.selector, 393216, 262144)
        );
    }

    function test_registerNode_revertsWhenMetadataURITooLong() public {
        State memory before = _state();
        vm.deal(ALICE, MIN_BOND);
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryMetadataURITooLong.selector, 257, 256)
        );
        registry.registerNode{value: MIN_BOND}(oneLine(1, 1), _repeat(257));
        _assertUnchanged(before);
    }

    // ------------------------------------------------------------------ updateNode

    function test_updateNode_changesMemoryStatistics() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_3060_12GB, 1); // 12 GiB
        registerAs(BOB, SeedDevices.RTX_4090, 1); // 24 GiB
        registerAs(CAROL, SeedDevices.RTX_5090, 1); // 32 GiB
        assertEq(registry.totalMemoryMiB(), 12288 + 24576 + 32768);
        assertEq(registry.memoryPercentileMiB(1), 12288);
        assertEq(registry.memoryPercentileMiB(50), 24576);

        IComputeRegistry.DeviceLine[] memory d = oneLine(SeedDevices.M2_ULTRA_192GB, 1);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeUpdated(a, 12288, 196608, d, "ipfs://new");
        vm.prank(ALICE);
        registry.updateNode(a, d, "ipfs://new");

        assertEq(registry.totalMemoryMiB(), 196608 + 24576 + 32768);
        assertEq(registry.memoryPercentileMiB(1), 24576);
        assertEq(registry.memoryPercentileMiB(50), 32768);
        assertEq(registry.memoryPercentileMiB(100), 196608);
        IComputeRegistry.NodeView memory n = registry.node(a);
        assertEq(n.memoryMiB, 196608);
        assertEq(n.devices.length, 1);
        assertEq(n.devices[0].skuId, SeedDevices.M2_ULTRA_192GB);
        assertEq(n.metadataURI, "ipfs://new");
        // Votes, bonds and counts do not move.
        assertEq(registry.activeNodeCount(), 3);
        assertEq(registry.getVotes(ALICE), 1);
        assertEq(registry.totalBonded(), 3 * MIN_BOND);
    }

    function test_updateNode_sameMemoryKeepsStatistics() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_3090, 1);
        vm.prank(ALICE);
        registry.updateNode(a, oneLine(SeedDevices.RX_7900_XTX, 1), "");
        assertEq(registry.totalMemoryMiB(), 24576);
        assertEq(registry.memoryPercentileMiB(100), 24576);
        assertEq(registry.node(a).devices[0].skuId, SeedDevices.RX_7900_XTX);
        assertEq(registry.node(a).metadataURI, "");
    }

    function test_updateNode_keepsNodeUsingDeprecatedSkuButRejectsItAgain() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_3090, 2);
        catalog.deprecateSku(SeedDevices.RTX_3090);
        assertEq(uint8(registry.node(a).status), uint8(IComputeRegistry.NodeStatus.Active));
        assertEq(registry.getVotes(ALICE), 1);
        _expectUpdateRevert(
            a,
            oneLine(SeedDevices.RTX_3090, 1),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistrySkuDeprecated.selector, SeedDevices.RTX_3090)
        );
    }

    function test_updateNode_revertsOnBadDevices() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        _expectUpdateRevert(
            a,
            new IComputeRegistry.DeviceLine[](0),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNoDevices.selector)
        );
        _expectUpdateRevert(
            a, _sevenLines(), abi.encodeWithSelector(IComputeRegistry.ComputeRegistryTooManyDeviceLines.selector, 7, 6)
        );
        _expectUpdateRevert(
            a,
            oneLine(SeedDevices.RTX_4090, 0),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryZeroDeviceCount.selector, SeedDevices.RTX_4090)
        );
        _expectUpdateRevert(
            a,
            twoLines(2, 1, 2, 1),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryDuplicateSku.selector, 2)
        );
        _expectUpdateRevert(
            a,
            oneLine(SeedDevices.RTX_3060_12GB, 17),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryTooManyDevices.selector, 17, MAX_DEVICES)
        );
        _expectUpdateRevert(
            a,
            oneLine(SeedDevices.M2_ULTRA_192GB, 6),
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryNodeMemoryAboveCap.selector, 6 * 196608, MAX_NODE_MEMORY_MIB
            )
        );
        _expectUpdateRevert(
            a, oneLine(99, 1), abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, 99)
        );
    }

    function test_updateNode_revertsWhenMetadataURITooLong() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryMetadataURITooLong.selector, 300, 256)
        );
        registry.updateNode(a, oneLine(1, 1), _repeat(300));
        assertEq(registry.node(a).memoryMiB, 24576);
    }

    function test_updateNode_revertsWhenUnknownNode() public {
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 1));
        registry.updateNode(1, oneLine(1, 1), "");
    }

    function test_updateNode_revertsWhenNotOwner() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        State memory before = _state();
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotNodeOwner.selector, a, BOB));
        registry.updateNode(a, oneLine(SeedDevices.M2_ULTRA_192GB, 1), "");
        _assertUnchanged(before);
        // Not even the admin may touch a node's devices.
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotNodeOwner.selector, a, address(this))
        );
        registry.updateNode(a, oneLine(SeedDevices.M2_ULTRA_192GB, 1), "");
    }

    function test_updateNode_revertsWhenExiting() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        vm.prank(ALICE);
        registry.exitNode(a);
        _expectUpdateRevert(
            a,
            oneLine(SeedDevices.RTX_5090, 1),
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, a, IComputeRegistry.NodeStatus.Exiting
            )
        );
        assertEq(registry.totalMemoryMiB(), 0);
    }

    // ------------------------------------------------------------------ exitNode

    function test_exitNode_removesVoteAndStartsUnbonding() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        registerAs(ALICE, SeedDevices.RTX_3090, 1);
        uint48 unlockAt = uint48(block.timestamp + UNBONDING_PERIOD);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeExited(a, ALICE, unlockAt);
        vm.prank(ALICE);
        registry.exitNode(a);

        IComputeRegistry.NodeView memory n = registry.node(a);
        assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Exiting));
        assertEq(n.unlockAt, unlockAt);
        assertEq(n.bond, MIN_BOND);
        assertEq(registry.getVotes(ALICE), 1);
        assertEq(registry.activeNodeCount(), 1);
        assertEq(registry.totalMemoryMiB(), 24576);
        assertEq(registry.totalBonded(), 2 * MIN_BOND); // unbonding bonds stay bonded
        assertEq(address(registry).balance, 2 * MIN_BOND);
    }

    function test_exitNode_revertsWhenExitedTwice() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        vm.prank(ALICE);
        registry.exitNode(a);
        State memory before = _state();
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, a, IComputeRegistry.NodeStatus.Exiting
            )
        );
        registry.exitNode(a);
        _assertUnchanged(before);
    }

    function test_exitNode_revertsWhenNotOwner() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        State memory before = _state();
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotNodeOwner.selector, a, BOB));
        registry.exitNode(a);
        _assertUnchanged(before);
    }

    function test_exitNode_revertsWhenUnknownNode() public {
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 0));
        registry.exitNode(0);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 5));
        registry.exitNode(5);
    }

    // ------------------------------------------------------------------ withdrawBond

    function test_withdrawBond_paysAfterUnlock() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        vm.prank(ALICE);
        registry.exitNode(a);
        uint256 unlockAt = registry.node(a).unlockAt;
        vm.warp(unlockAt); // exactly at unlock is allowed
        vm.expectEmit(address(registry));
        emit IComputeRegistry.BondWithdrawn(a, ALICE, MIN_BOND);
        vm.prank(ALICE);
        registry.withdrawBond(a);
        assertEq(ALICE.balance, MIN_BOND);
        assertEq(address(registry).balance, 0);
        assertEq(registry.totalBonded(), 0);
        IComputeRegistry.NodeView memory n = registry.node(a);
        assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Withdrawn));
        assertEq(n.bond, 0);
    }

    function test_withdrawBond_revertsBeforeUnlock() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        vm.prank(ALICE);
        registry.exitNode(a);
        uint256 unlockAt = registry.node(a).unlockAt;
        vm.warp(unlockAt - 1);
        State memory before = _state();
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryBondLocked.selector, a, unlockAt));
        registry.withdrawBond(a);
        _assertUnchanged(before);
        assertEq(ALICE.balance, 0);
        assertEq(uint8(registry.node(a).status), uint8(IComputeRegistry.NodeStatus.Exiting));
    }

    function test_withdrawBond_revertsWhenWithdrawnTwice() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        registerAs(BOB, SeedDevices.RTX_4090, 1); // someone else's bond that must stay put
        vm.prank(ALICE);
        registry.exitNode(a);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(ALICE);
        registry.withdrawBond(a);
        State memory before = _state();
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, a, IComputeRegistry.NodeStatus.Withdrawn
            )
        );
        registry.withdrawBond(a);
        _assertUnchanged(before);
        assertEq(ALICE.balance, MIN_BOND);
        assertEq(address(registry).balance, MIN_BOND);
    }

    function test_withdrawBond_revertsWhenActive() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        vm.warp(block.timestamp + 400 days);
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, a, IComputeRegistry.NodeStatus.Active
            )
        );
        registry.withdrawBond(a);
    }

    function test_withdrawBond_revertsWhenNotOwner() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        vm.prank(ALICE);
        registry.exitNode(a);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotNodeOwner.selector, a, BOB));
        registry.withdrawBond(a);
        assertEq(address(registry).balance, MIN_BOND);
    }

    function test_withdrawBond_revertsWhenUnknownNode() public {
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 3));
        registry.withdrawBond(3);
    }

    function test_withdrawBond_usesUnbondingPeriodAtExit() public {
        uint256 a = registerAs(ALICE, SeedDevices.RTX_4090, 1);
        vm.prank(ALICE);
        registry.exitNode(a);
        registry.setUnbondingPeriod(90 days); // later changes do not move an exit already made
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(ALICE);
        registry.withdrawBond(a);
        assertEq(ALICE.balance, MIN_BOND);
    }

    function test_node_revertsWhenUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 0));
        registry.node(0);
        registerAs(ALICE, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 2));
        registry.node(2);
    }

    /// @dev Decodes `packedNodes` words back into a view, by the layout the interface documents.
    function _unpack(uint256 w1, uint256 w2) internal pure returns (IComputeRegistry.NodeView memory v) {
        v.owner = address(uint160(w1));
        v.memoryMiB = uint32(w1 >> 160);
        v.status = IComputeRegistry.NodeStatus(uint8(w1 >> 192));
        uint256 lineCount = uint8(w1 >> 200);
        v.bond = uint96(uint64(w2)) * 1 gwei;
        v.unlockAt = uint48(w2 >> 64);
        v.devices = new IComputeRegistry.DeviceLine[](lineCount);
        for (uint256 i = 0; i < lineCount; ++i) {
            uint256 line = w2 >> (112 + 24 * i);
            v.devices[i] = IComputeRegistry.DeviceLine(uint16(line), uint8(line >> 16));
        }
    }

    function test_packedNodes_matchNodes() public {
        registerAs(ALICE, _sixLines());
        registerAs(BOB, 2, 3);
        vm.deal(CAROL, MIN_BOND);
        vm.prank(CAROL);
        registry.registerNode{value: MIN_BOND}(oneLine(4, 1), "ipfs://carol-rig-with-a-longer-uri-than-one-word");
        vm.prank(BOB);
        registry.exitNode(2);

        (uint256 total, uint256[] memory words, string[] memory uris) = registry.packedNodes(0, 10);
        assertEq(total, 3);
        assertEq(words.length, 6);
        assertEq(uris.length, 3);
        for (uint256 i = 0; i < 3; ++i) {
            IComputeRegistry.NodeView memory want = registry.node(i + 1);
            IComputeRegistry.NodeView memory got = _unpack(words[2 * i], words[2 * i + 1]);
            got.id = i + 1;
            got.metadataURI = uris[i];
            assertEq(keccak256(abi.encode(got)), keccak256(abi.encode(want)), "packed node decodes to node()");
        }
        (total, words, uris) = registry.packedNodes(2, 5);
        assertEq(total, 3);
        assertEq(words.length, 2);
        assertEq(uris[0], "ipfs://carol-rig-with-a-longer-uri-than-one-word");
        (total, words, uris) = registry.packedNodes(3, 5);
        assertEq(total, 3);
        assertEq(words.length, 0);
    }

    function test_nodes_pages() public {
        registerAs(ALICE, 1, 1);
        registerAs(BOB, 2, 1);
        registerAs(ALICE, 3, 2);
        vm.prank(BOB);
        registry.exitNode(2);

        IComputeRegistry.NodeView[] memory all = registry.nodes(0, 10);
        assertEq(all.length, 3);
        assertEq(all[0].id, 1);
        assertEq(all[1].owner, BOB);
        assertEq(uint8(all[1].status), uint8(IComputeRegistry.NodeStatus.Exiting));
        assertEq(all[2].memoryMiB, 49152);

        IComputeRegistry.NodeView[] memory page = registry.nodes(1, 1);
        assertEq(page.length, 1);
        assertEq(page[0].id, 2);
        assertEq(registry.nodes(2, type(uint256).max).length, 1);
        assertEq(registry.nodes(3, 10).length, 0);
        assertEq(registry.nodes(0, 0).length, 0);
    }

    function test_nodeIdsOf_pages() public {
        registerAs(ALICE, 1, 1);
        registerAs(BOB, 2, 1);
        registerAs(ALICE, 3, 2);
        registerAs(ALICE, 4, 1);
        assertEq(registry.nodeCountOf(ALICE), 3);
        assertEq(registry.nodeCountOf(BOB), 1);
        assertEq(registry.nodeCountOf(CAROL), 0);
        // Newest first.
        uint256[] memory ids = registry.nodeIdsOf(ALICE, 0, 10);
        assertEq(ids.length, 3);
        assertEq(ids[0], 4);
        assertEq(ids[1], 3);
        assertEq(ids[2], 1);
        ids = registry.nodeIdsOf(ALICE, 1, 1);
        assertEq(ids.length, 1);
        assertEq(ids[0], 3);
        assertEq(registry.nodeIdsOf(ALICE, 2, type(uint256).max).length, 1);
        assertEq(registry.nodeIdsOf(ALICE, 3, 1).length, 0);
        assertEq(registry.nodeIdsOf(CAROL, 0, 1).length, 0);
    }

    function test_nodeIdsOf_pagesPastTheInlineIds() public {
        // 3 ids live in the owner's record, the rest in pages of 5: cross both page edges.
        uint256 n = 14;
        for (uint256 i = 0; i < n; ++i) {
            registerAs(BOB, 1, 1); // ids 1, 3, 5, ... are Bob's, 2, 4, ... Alice's
            registerAs(ALICE, 1, 1);
        }
        assertEq(registry.nodeCountOf(ALICE), n);
        uint256[] memory all = registry.nodeIdsOf(ALICE, 0, n);
        for (uint256 i = 0; i < n; ++i) {
            assertEq(all[i], 2 * (n - i), "newest first");
        }
        for (uint256 offset = 0; offset < n; ++offset) {
            uint256[] memory one = registry.nodeIdsOf(ALICE, offset, 1);
            assertEq(one.length, 1);
            assertEq(one[0], all[offset]);
        }
        uint256[] memory tail = registry.nodeIdsOf(ALICE, n - 4, 10);
        assertEq(tail.length, 4);
        assertEq(tail[3], 2);
    }

    // ------------------------------------------------------------------ percentile

    function test_memoryPercentileMiB_zeroNodesIsZero() public {
        assertEq(registry.memoryPercentileMiB(1), 0);
        assertEq(registry.memoryPercentileMiB(50), 0);
        assertEq(registry.memoryPercentileMiB(100), 0);
        uint256 a = registerAs(ALICE, 1, 1);
        vm.prank(ALICE);
        registry.exitNode(a);
        assertEq(registry.memoryPercentileMiB(50), 0);
    }

    function test_memoryPercentileMiB_smallSet() public {
        registerAs(ALICE, SeedDevices.RTX_3060_12GB, 1); // 12 GiB
        registerAs(BOB, SeedDevices.RTX_3090, 1); // 24 GiB
        registerAs(CAROL, SeedDevices.RX_7900_XTX, 1); // 24 GiB
        registerAs(STRANGER, SeedDevices.RTX_4090, 2); // 48 GiB
        assertEq(registry.memoryPercentileMiB(50), 24576);
        assertEq(registry.memoryPercentileMiB(1), 12288);
        assertEq(registry.memoryPercentileMiB(25), 12288);
        assertEq(registry.memoryPercentileMiB(26), 24576);
        assertEq(registry.memoryPercentileMiB(75), 24576);
        assertEq(registry.memoryPercentileMiB(76), 49152);
        assertEq(registry.memoryPercentileMiB(100), 49152);
    }

    function test_memoryPercentileMiB_singleNode() public {
        registerAs(ALICE, SeedDevices.M2_ULTRA_192GB, 5); // 960 GiB, the top of the range
        assertEq(registry.memoryPercentileMiB(1), 983040);
        assertEq(registry.memoryPercentileMiB(100), 983040);
    }

    function test_memoryPercentileMiB_roundsUpToWholeGiB() public {
        uint16 odd = uint16(catalog.addSku(IHardwareCatalog.SkuInput("Test", "Odd 1000 MiB", 1000, 1)));
        uint16 one = uint16(catalog.addSku(IHardwareCatalog.SkuInput("Test", "Tiny 1 MiB", 1, 1)));
        registerAs(ALICE, odd, 1); // 1000 MiB -> bucket (0, 1024]
        assertEq(registry.memoryPercentileMiB(100), 1024);
        registerAs(BOB, odd, 2); // 2000 MiB -> bucket (1024, 2048]
        assertEq(registry.memoryPercentileMiB(100), 2048);
        registerAs(CAROL, one, 1); // 1 MiB -> bucket (0, 1024]
        assertEq(registry.memoryPercentileMiB(1), 1024);
        // Whole-GiB sizes sit on the upper edge of their bucket and are exact.
        registerAs(STRANGER, SeedDevices.RTX_3060_12GB, 1);
        assertEq(registry.memoryPercentileMiB(100), 12288);
    }

    function test_memoryPercentileMiB_crossesGroups() public {
        // 32 GiB (group 0, last bucket), 64 GiB (group 1), 960 GiB (group 29).
        registerAs(ALICE, SeedDevices.RTX_5090, 1);
        registerAs(BOB, SeedDevices.M4_PRO_64GB, 1);
        registerAs(CAROL, SeedDevices.M2_ULTRA_192GB, 5);
        assertEq(registry.memoryPercentileMiB(33), 32768);
        assertEq(registry.memoryPercentileMiB(34), 65536);
        assertEq(registry.memoryPercentileMiB(66), 65536);
        assertEq(registry.memoryPercentileMiB(67), 983040);
    }

    function test_memoryPercentileMiB_revertsWhenInvalidPercentile() public {
        registerAs(ALICE, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(MemoryHistogram.MemoryHistogramInvalidPercentile.selector, 0));
        registry.memoryPercentileMiB(0);
        vm.expectRevert(abi.encodeWithSelector(MemoryHistogram.MemoryHistogramInvalidPercentile.selector, 101));
        registry.memoryPercentileMiB(101);
        vm.expectRevert(
            abi.encodeWithSelector(MemoryHistogram.MemoryHistogramInvalidPercentile.selector, type(uint256).max)
        );
        registry.memoryPercentileMiB(type(uint256).max);
    }

    function test_memoryPercentileMiB_revertsWhenInvalidPercentileAndEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(MemoryHistogram.MemoryHistogramInvalidPercentile.selector, 0));
        registry.memoryPercentileMiB(0);
    }

    // ------------------------------------------------------------------ votes

    function test_votes_cannotBeTransferredOnlyDelegated() public {
        registerAs(ALICE, 1, 1);
        vm.prank(ALICE);
        registry.delegate(BOB);
        assertEq(registry.getVotes(ALICE), 0);
        assertEq(registry.getVotes(BOB), 1);
        // Bob's vote leaves when Alice's node exits: the unit stays tied to the node.
        vm.prank(ALICE);
        registry.exitNode(1);
        assertEq(registry.getVotes(BOB), 0);
    }

    function _delegationDigest(address delegatee, uint256 nonce, uint256 expiry) internal view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("ComputeRegistry"),
                keccak256("1"),
                block.chainid,
                address(registry)
            )
        );
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry));
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function test_delegateBySig_works() public {
        uint256 key = 0xA11CE5;
        address signer = vm.addr(key);
        registerAs(signer, SeedDevices.RTX_4090, 1);
        assertEq(registry.getVotes(signer), 1);
        (,,,, address verifying,,) = registry.eip712Domain();
        assertEq(verifying, address(registry));

        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, _delegationDigest(BOB, 0, expiry));
        vm.expectEmit(address(registry));
        emit IVotes.DelegateChanged(signer, signer, BOB);
        vm.prank(STRANGER); // anyone may relay
        registry.delegateBySig(BOB, 0, expiry, v, r, s);
        assertEq(registry.delegates(signer), BOB);
        assertEq(registry.getVotes(BOB), 1);
        assertEq(registry.getVotes(signer), 0);
        assertEq(registry.nonces(signer), 1);

        // Replay fails: the nonce was used.
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signer, 1));
        registry.delegateBySig(BOB, 0, expiry, v, r, s);
    }

    function test_delegateBySig_revertsWhenExpired() public {
        uint256 key = 0xB0B5;
        uint256 expiry = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, _delegationDigest(BOB, 0, expiry));
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        registry.delegateBySig(BOB, 0, expiry, v, r, s);
    }

    function test_delegateBySig_wrongDelegateeRecoversOtherSigner() public {
        uint256 key = 0xC0FFEE;
        address signer = vm.addr(key);
        registerAs(signer, 1, 1);
        uint256 expiry = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, _delegationDigest(BOB, 0, expiry));
        // Tampering with the delegatee makes the signature recover to some unrelated account with nonce 0,
        // so it delegates that account's (zero) votes: the signer's delegation never moves.
        registry.delegateBySig(CAROL, 0, expiry, v, r, s);
        assertEq(registry.delegates(signer), signer);
        assertEq(registry.getVotes(signer), 1);
        assertEq(registry.getVotes(CAROL), 0);
    }

    function test_getPastVotes_revertsOnFutureLookup() public {
        registerAs(ALICE, 1, 1);
        uint48 now_ = registry.clock();
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, now_, now_));
        registry.getPastVotes(ALICE, now_);
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, now_ + 1, now_));
        registry.getPastTotalSupply(now_ + 1);
    }

    // ------------------------------------------------------------------ snapshot safety (THREATS 1.1 / I6)

    function test_snapshot_registrationOneSecondLateHasNoVote() public {
        uint256 t = START_TIME + 100;
        vm.warp(t);
        registerAs(ALICE, SeedDevices.RTX_4090, 1); // in the snapshot second: counts
        vm.warp(t + 1);
        registerAs(BOB, SeedDevices.RTX_4090, 1); // one second later: does not
        vm.warp(t + 2);
        assertEq(registry.getPastVotes(ALICE, t), 1);
        assertEq(registry.getPastVotes(BOB, t), 0);
        assertEq(registry.getPastTotalSupply(t), 1);
        assertEq(registry.getPastVotes(BOB, t + 1), 1);
        assertEq(registry.getPastTotalSupply(t + 1), 2);
        assertEq(registry.getPastVotes(ALICE, t - 1), 0);
        assertEq(registry.getPastTotalSupply(t - 1), 0);

        // At the current second the value is not final yet: looking it up is refused.
        uint48 now_ = registry.clock();
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, t + 2, uint48(t + 2)));
        registry.getPastVotes(ALICE, now_);
    }

    function test_snapshot_registerAndExitInOneSecondLeavesNoWeight() public {
        uint256 t = START_TIME + 50;
        vm.warp(t);
        registerAs(CAROL, SeedDevices.RTX_4090, 1);
        // Flash-loan style: register, (vote), and leave within one transaction / one second.
        uint256 id = registerAs(ALICE, SeedDevices.M2_ULTRA_192GB, 5);
        assertEq(registry.getVotes(ALICE), 1);
        vm.prank(ALICE);
        registry.exitNode(id);
        vm.warp(t + 1);
        assertEq(registry.getPastVotes(ALICE, t), 0);
        assertEq(registry.getPastTotalSupply(t), 1);
        assertEq(registry.getPastVotes(CAROL, t), 1);
        // and the bond stays locked well after the snapshot
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryBondLocked.selector, id, t + UNBONDING_PERIOD)
        );
        registry.withdrawBond(id);
    }

    function test_snapshot_exitOneSecondAfterKeepsPastVote() public {
        uint256 t = START_TIME + 10;
        vm.warp(t);
        uint256 id = registerAs(ALICE, 1, 1);
        vm.warp(t + 1);
        vm.prank(ALICE);
        registry.exitNode(id);
        vm.warp(t + 2);
        assertEq(registry.getPastVotes(ALICE, t), 1);
        assertEq(registry.getPastVotes(ALICE, t + 1), 0);
        assertEq(registry.getPastTotalSupply(t), 1);
        assertEq(registry.getPastTotalSupply(t + 1), 0);
    }
}
