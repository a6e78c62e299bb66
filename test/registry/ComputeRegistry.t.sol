// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Attest} from "../utils/Attest.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {FixedAdmin} from "../../contracts/access/FixedAdmin.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {INodeChallenges} from "../../contracts/interfaces/INodeChallenges.sol";
import {IThresholdBallots} from "../../contracts/interfaces/IThresholdBallots.sol";
import {MemoryHistogram} from "../../contracts/libraries/MemoryHistogram.sol";
import {NodeWords} from "../../contracts/libraries/NodeWords.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {MockGovernor, RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice Unit tests: every external function of ComputeRegistry and every custom error it raises itself.
/// Lapses and keeper fees are in ComputeRegistry.lapses.t.sol, device identity in ComputeRegistry.devices.t.sol,
/// the attestation checks in test/attestation/, challenges in test/challenges/.
contract ComputeRegistryTest is RegistryTestBase {
    bytes32 internal constant DELEGATION_TYPEHASH =
        keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");
    /// @notice The bond of one 24 GiB card under the fixture's formula: 0.01 + 24 x 0.001 ETH.
    uint256 internal constant BOND_24GIB = 0.034 ether;

    function setUp() public {
        deployFixture();
    }

    // ------------------------------------------------------------------ helpers

    function _expectRegisterRevert(address owner, Signed memory s, uint256 value, string memory uri, bytes memory err)
        internal
    {
        State memory before = snapshot();
        vm.deal(owner, value);
        vm.prank(owner);
        vm.expectRevert(err);
        registry.registerNode{value: value}(s.a, s.attester, s.signature, uri);
        assertUnchanged(before);
        assertEq(owner.balance, value, "owner paid for a refused registration");
        assertEq(registry.nodeCountOf(owner), 0);
    }

    function _expectUpdateRevert(address caller, uint256 id, Signed memory s, uint256 value, bytes memory err)
        internal
    {
        State memory before = snapshot();
        vm.deal(caller, caller.balance + value);
        vm.prank(caller);
        vm.expectRevert(err);
        registry.updateNode{value: value}(id, s.a, s.attester, s.signature, "changed");
        assertUnchanged(before);
    }

    function _wrongStatus(uint256 id, IComputeRegistry.NodeStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, id, status);
    }

    function _sixLines() internal pure returns (IComputeRegistry.DeviceLine[] memory d) {
        d = new IComputeRegistry.DeviceLine[](6);
        for (uint256 i = 0; i < 6; ++i) d[i] = IComputeRegistry.DeviceLine(uint16(i + 1), 1);
    }

    function _newRegistry(IComputeRegistry.Params memory p, IComputeRegistry.Config memory c)
        internal
        returns (ComputeRegistry)
    {
        return new ComputeRegistry(
            address(this),
            IHardwareCatalog(address(catalog)),
            IHardwareAttestations(address(attestations)),
            INodeChallenges(address(challenges)),
            IThresholdBallots(address(0)),
            p,
            c
        );
    }

    /// @notice Redeploys the system with a warm-up of `minWarmup` seconds.
    function _deployWithWarmup(uint32 minWarmup) internal {
        deployRegistry(address(this), defaultParams(), defaultConfig(minWarmup));
    }

    // ------------------------------------------------------------------ constructor & parameters

    function test_constructor_setsParametersAndConfig() public view {
        IComputeRegistry.Params memory p = registry.parameters();
        assertEq(p.bondBase, BOND_BASE);
        assertEq(p.bondPerGiB, BOND_PER_GIB);
        assertEq(p.maxDevicesPerNode, MAX_DEVICES);
        assertEq(p.maxNodeMemoryMiB, MAX_NODE_MEMORY_MIB);
        assertEq(p.keeperFee, KEEPER_FEE);
        assertEq(p.unbondingPeriod, UNBONDING_PERIOD);
        IComputeRegistry.Config memory c = registry.config();
        assertEq(c.minUnbondingPeriod, MIN_UNBONDING_PERIOD);
        assertEq(c.minWarmup, 0);
        assertEq(c.floorPercentile, FLOOR_PERCENTILE);
        assertEq(c.floorWindow, FLOOR_WINDOW);
        assertEq(registry.unbondingPeriod(), UNBONDING_PERIOD);
        assertEq(registry.warmup(), 0);
        assertEq(registry.admin(), address(this));
        assertEq(registry.catalog(), address(catalog));
        assertEq(registry.attestations(), address(attestations));
        assertEq(registry.challenges(), address(challenges));
        assertEq(challenges.registry(), address(registry));
        assertEq(registry.governor(), address(0));
        assertEq(registry.nodeCount(), 0);
        assertEq(registry.activeNodeCount(), 0);
        assertEq(registry.totalMemoryMiB(), 0);
        assertEq(registry.totalBonded(), 0);
        assertEq(registry.floorMiB(), 0);
        assertEq(registry.MIN_DEVICES_LIMIT(), 8);
        assertEq(registry.MAX_DEVICES_LIMIT(), 64);
        assertEq(registry.MIN_NODE_MEMORY_LIMIT_MIB(), 256 * 1024);
        assertEq(registry.MAX_NODE_MEMORY_LIMIT_MIB(), 1 << 20);
        assertEq(registry.MIN_BOND_BASE(), 0.001 ether);
        assertEq(registry.MAX_BOND_BASE(), 0.1 ether);
        assertEq(registry.MAX_BOND_PER_GIB(), 0.005 ether);
        assertEq(registry.MAX_KEEPER_FEE(), 0.005 ether);
        assertEq(registry.MAX_UNBONDING_PERIOD(), 90 days);
        assertEq(registry.MAX_METADATA_URI_LENGTH(), 256);
    }

    function test_constructor_emitsParameterEvents() public {
        vm.expectEmit(false, false, false, true);
        emit IComputeRegistry.BondUpdated(0, 0.002 ether, 0, 0.003 ether);
        vm.expectEmit(false, false, false, true);
        emit IComputeRegistry.KeeperFeeUpdated(0, 0.004 ether);
        vm.expectEmit(false, false, false, true);
        emit IComputeRegistry.MaxDevicesPerNodeUpdated(0, 8);
        vm.expectEmit(false, false, false, true);
        emit IComputeRegistry.MaxNodeMemoryUpdated(0, 262144);
        vm.expectEmit(false, false, false, true);
        emit IComputeRegistry.UnbondingPeriodUpdated(0, 2 days);
        _newRegistry(IComputeRegistry.Params(0.002 ether, 0.003 ether, 8, 262144, 0.004 ether, 2 days), defaultConfig(0));
    }

    function test_constructor_acceptsConfigBounds() public {
        IComputeRegistry.Params memory p = defaultParams();
        p.unbondingPeriod = 90 days;
        ComputeRegistry r = _newRegistry(p, IComputeRegistry.Config(90 days, type(uint32).max, 1, 1));
        assertEq(r.config().floorPercentile, 1);
        assertEq(r.config().floorWindow, 1);
        assertEq(r.warmup(), type(uint32).max);
        r = _newRegistry(defaultParams(), IComputeRegistry.Config(0, 0, 100, type(uint32).max));
        assertEq(r.config().floorPercentile, 100);
        // With no floor under the unbonding period, the setter's lower bound is 0.
        r.setUnbondingPeriod(0);
        assertEq(r.unbondingPeriod(), 0);
    }

    function test_constructor_revertsWhenInvalidConfig() public {
        bytes memory err = abi.encodeWithSelector(IComputeRegistry.ComputeRegistryInvalidConfig.selector);
        IComputeRegistry.Params memory p = defaultParams();
        vm.expectRevert(err);
        _newRegistry(p, IComputeRegistry.Config(90 days + 1, 0, 50, FLOOR_WINDOW));
        vm.expectRevert(err);
        _newRegistry(p, IComputeRegistry.Config(MIN_UNBONDING_PERIOD, 0, 0, FLOOR_WINDOW));
        vm.expectRevert(err);
        _newRegistry(p, IComputeRegistry.Config(MIN_UNBONDING_PERIOD, 0, 101, FLOOR_WINDOW));
        vm.expectRevert(err);
        _newRegistry(p, IComputeRegistry.Config(MIN_UNBONDING_PERIOD, 0, 50, 0));
    }

    function test_constructor_revertsWhenInitialParameterOutOfBounds() public {
        bytes4 sel = IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector;
        IComputeRegistry.Config memory c = defaultConfig(0);
        IComputeRegistry.Params memory p = defaultParams();
        p.bondBase = 0.001 ether - 1 gwei;
        vm.expectRevert(abi.encodeWithSelector(sel, 0.001 ether - 1 gwei, 0.001 ether, 0.1 ether));
        _newRegistry(p, c);
        p = defaultParams();
        p.bondPerGiB = 0.005 ether + 1 gwei;
        vm.expectRevert(abi.encodeWithSelector(sel, 0.005 ether + 1 gwei, 0, 0.005 ether));
        _newRegistry(p, c);
        p = defaultParams();
        p.keeperFee = 0.005 ether + 1 gwei;
        vm.expectRevert(abi.encodeWithSelector(sel, 0.005 ether + 1 gwei, 0, 0.005 ether));
        _newRegistry(p, c);
        p = defaultParams();
        p.maxDevicesPerNode = 7;
        vm.expectRevert(abi.encodeWithSelector(sel, 7, 8, 64));
        _newRegistry(p, c);
        p = defaultParams();
        p.maxNodeMemoryMiB = 262143;
        vm.expectRevert(abi.encodeWithSelector(sel, 262143, 262144, 1 << 20));
        _newRegistry(p, c);
        p = defaultParams();
        p.unbondingPeriod = 1 days - 1;
        vm.expectRevert(abi.encodeWithSelector(sel, 1 days - 1, 1 days, 90 days));
        _newRegistry(p, c);
        p = defaultParams();
        p.bondBase = 0.01 ether + 1;
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryBondNotWholeGwei.selector, 0.01 ether + 1));
        _newRegistry(p, c);
    }

    function test_constructor_revertsWhenZeroAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(FixedAdmin.FixedAdminZeroAdmin.selector));
        new ComputeRegistry(
            address(0),
            IHardwareCatalog(address(catalog)),
            IHardwareAttestations(address(attestations)),
            INodeChallenges(address(challenges)),
            IThresholdBallots(address(0)),
            defaultParams(),
            defaultConfig(0)
        );
    }

    function test_setBond_setsAndEmitsAtBounds() public {
        vm.expectEmit(address(registry));
        emit IComputeRegistry.BondUpdated(BOND_BASE, 0.001 ether, BOND_PER_GIB, 0);
        registry.setBond(0.001 ether, 0);
        assertEq(registry.parameters().bondBase, 0.001 ether);
        assertEq(registry.parameters().bondPerGiB, 0);
        assertEq(registry.bondFor(1 << 20), 0.001 ether);
        registry.setBond(0.1 ether, 0.005 ether);
        assertEq(registry.parameters().bondBase, 0.1 ether);
        assertEq(registry.parameters().bondPerGiB, 0.005 ether);
        assertEq(registry.bondFor(1 << 20), 0.1 ether + 1024 * 0.005 ether);
    }

    function test_setBond_revertsWhenOutOfBounds() public {
        bytes4 sel = IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, 0, 0.001 ether, 0.1 ether));
        registry.setBond(0, 0);
        vm.expectRevert(abi.encodeWithSelector(sel, 0.001 ether - 1 gwei, 0.001 ether, 0.1 ether));
        registry.setBond(0.001 ether - 1 gwei, 0);
        vm.expectRevert(abi.encodeWithSelector(sel, 0.1 ether + 1 gwei, 0.001 ether, 0.1 ether));
        registry.setBond(0.1 ether + 1 gwei, 0);
        vm.expectRevert(abi.encodeWithSelector(sel, 0.005 ether + 1 gwei, 0, 0.005 ether));
        registry.setBond(0.01 ether, 0.005 ether + 1 gwei);
        assertEq(registry.parameters().bondBase, BOND_BASE);
        assertEq(registry.parameters().bondPerGiB, BOND_PER_GIB);
    }

    function test_setBond_revertsWhenNotWholeGwei() public {
        bytes4 sel = IComputeRegistry.ComputeRegistryBondNotWholeGwei.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, 0.01 ether + 1));
        registry.setBond(0.01 ether + 1, 0);
        vm.expectRevert(abi.encodeWithSelector(sel, 1));
        registry.setBond(0.01 ether, 1);
        assertEq(registry.parameters().bondBase, BOND_BASE);
        assertEq(registry.parameters().bondPerGiB, BOND_PER_GIB);
    }

    function test_setBond_appliesToNewNodesOnly() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        registry.setBond(0.05 ether, 0.002 ether);
        assertEq(nodeView(a).bond, BOND_24GIB);
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        assertEq(nodeView(b).bond, 0.05 ether + 24 * 0.002 ether);
        assertEq(registry.totalBonded(), BOND_24GIB + 0.098 ether);
    }

    function test_bondFor_roundsMemoryUpToWholeGiB() public view {
        assertEq(registry.bondFor(0), BOND_BASE);
        assertEq(registry.bondFor(1), BOND_BASE + BOND_PER_GIB);
        assertEq(registry.bondFor(1024), BOND_BASE + BOND_PER_GIB);
        assertEq(registry.bondFor(1025), BOND_BASE + 2 * BOND_PER_GIB);
        assertEq(registry.bondFor(24576), BOND_24GIB);
        assertEq(registry.bondFor(196608), BOND_BASE + 192 * BOND_PER_GIB);
    }

    function test_setKeeperFee_setsAndEmitsAtBounds() public {
        vm.expectEmit(address(registry));
        emit IComputeRegistry.KeeperFeeUpdated(KEEPER_FEE, 0);
        registry.setKeeperFee(0);
        assertEq(registry.parameters().keeperFee, 0);
        registry.setKeeperFee(0.005 ether);
        assertEq(registry.parameters().keeperFee, 0.005 ether);
    }

    function test_setKeeperFee_revertsWhenOutOfBoundsOrNotWholeGwei() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector, 0.005 ether + 1 gwei, 0, 0.005 ether
            )
        );
        registry.setKeeperFee(0.005 ether + 1 gwei);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryBondNotWholeGwei.selector, 1 gwei + 1));
        registry.setKeeperFee(1 gwei + 1);
        assertEq(registry.parameters().keeperFee, KEEPER_FEE);
    }

    function test_setMaxDevicesPerNode_setsAndEmitsAtBounds() public {
        vm.expectEmit(address(registry));
        emit IComputeRegistry.MaxDevicesPerNodeUpdated(MAX_DEVICES, 64);
        registry.setMaxDevicesPerNode(64);
        assertEq(registry.parameters().maxDevicesPerNode, 64);
        registry.setMaxDevicesPerNode(8);
        assertEq(registry.parameters().maxDevicesPerNode, 8);
    }

    function test_setMaxDevicesPerNode_revertsWhenOutOfBounds() public {
        bytes4 sel = IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, 7, 8, 64));
        registry.setMaxDevicesPerNode(7);
        vm.expectRevert(abi.encodeWithSelector(sel, 65, 8, 64));
        registry.setMaxDevicesPerNode(65);
        assertEq(registry.parameters().maxDevicesPerNode, MAX_DEVICES);
    }

    function test_setMaxNodeMemoryMiB_setsAndEmitsAtBounds() public {
        vm.expectEmit(address(registry));
        emit IComputeRegistry.MaxNodeMemoryUpdated(MAX_NODE_MEMORY_MIB, 262144);
        registry.setMaxNodeMemoryMiB(262144);
        assertEq(registry.parameters().maxNodeMemoryMiB, 262144);
        registry.setMaxNodeMemoryMiB(1 << 20);
        assertEq(registry.parameters().maxNodeMemoryMiB, 1 << 20);
    }

    function test_setMaxNodeMemoryMiB_revertsWhenOutOfBounds() public {
        bytes4 sel = IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, 262143, 262144, 1 << 20));
        registry.setMaxNodeMemoryMiB(262143);
        vm.expectRevert(abi.encodeWithSelector(sel, (1 << 20) + 1, 262144, 1 << 20));
        registry.setMaxNodeMemoryMiB((1 << 20) + 1);
        assertEq(registry.parameters().maxNodeMemoryMiB, MAX_NODE_MEMORY_MIB);
    }

    function test_setUnbondingPeriod_setsAndEmitsAtBounds() public {
        vm.expectEmit(address(registry));
        emit IComputeRegistry.UnbondingPeriodUpdated(UNBONDING_PERIOD, 1 days);
        registry.setUnbondingPeriod(1 days);
        assertEq(registry.unbondingPeriod(), 1 days);
        registry.setUnbondingPeriod(90 days);
        assertEq(registry.unbondingPeriod(), 90 days);
        assertEq(registry.parameters().unbondingPeriod, 90 days);
    }

    function test_setUnbondingPeriod_revertsWhenOutOfBounds() public {
        bytes4 sel = IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, 1 days - 1, 1 days, 90 days));
        registry.setUnbondingPeriod(1 days - 1);
        vm.expectRevert(abi.encodeWithSelector(sel, 90 days + 1, 1 days, 90 days));
        registry.setUnbondingPeriod(90 days + 1);
        assertEq(registry.unbondingPeriod(), UNBONDING_PERIOD);
    }

    function test_setters_revertWhenNotAdmin() public {
        (uint256 id,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        bytes memory err =
            abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, STRANGER, address(this));
        State memory before = snapshot();
        bytes32 params = keccak256(abi.encode(registry.parameters()));

        vm.startPrank(STRANGER);
        vm.expectRevert(err);
        registry.setBond(0.05 ether, 0);
        vm.expectRevert(err);
        registry.setKeeperFee(0);
        vm.expectRevert(err);
        registry.setMaxDevicesPerNode(9);
        vm.expectRevert(err);
        registry.setMaxNodeMemoryMiB(262144);
        vm.expectRevert(err);
        registry.setUnbondingPeriod(2 days);
        vm.stopPrank();

        // The node owner is not an admin either.
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, ALICE, address(this)));
        registry.setBond(0.05 ether, 0);

        assertUnchanged(before);
        assertEq(keccak256(abi.encode(registry.parameters())), params, "a parameter moved");
        assertStatus(id, IComputeRegistry.NodeStatus.Active);
    }

    function test_admin_hasNoTransferRenounceOrSlash() public {
        (uint256 id,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        State memory before = snapshot();
        bytes[4] memory calls = [
            abi.encodeWithSignature("transferOwnership(address)", STRANGER),
            abi.encodeWithSignature("renounceOwnership()"),
            abi.encodeWithSignature("slash(uint256,string)", id, "governance takes the bond"),
            abi.encodeWithSignature("slash(uint256)", id)
        ];
        for (uint256 i = 0; i < calls.length; ++i) {
            (bool ok,) = address(registry).call(calls[i]);
            assertFalse(ok, "a v1 admin power still exists");
        }
        // Not even the admin can slash: only the challenges contract may.
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotChallenges.selector, address(this))
        );
        registry.slashByChallenge(id);
        assertUnchanged(before);
        assertEq(registry.admin(), address(this));
    }

    // ------------------------------------------------------------------ bindGovernor & warm-up

    function test_bindGovernor_revertsWithoutTimelockRole() public {
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotTimelockProposer.selector, STRANGER));
        registry.bindGovernor(STRANGER);
        assertEq(registry.governor(), address(0));
    }

    function test_bindGovernor_bindsOnceAndSetsWarmup() public {
        MockGovernor g = new MockGovernor();
        g.set(1 hours, 2 days, 0);
        trustedGovernor = address(g);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.GovernorBound(address(g));
        vm.prank(STRANGER); // anyone may bind the timelock's proposer
        registry.bindGovernor(address(g));
        assertEq(registry.governor(), address(g));
        assertEq(registry.warmup(), 1 hours + 2 days);
        g.set(1, 1, 0);
        assertEq(registry.warmup(), 2, "warm-up follows the governor's current timings");

        MockGovernor other = new MockGovernor();
        trustedGovernor = address(other);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryGovernorAlreadyBound.selector, address(g))
        );
        registry.bindGovernor(address(other));
        assertEq(registry.governor(), address(g));
    }

    function test_warmup_isTheLongerOfMinimumAndVote() public {
        _deployWithWarmup(3 days);
        assertEq(registry.warmup(), 3 days);
        MockGovernor g = bindMockGovernor(1 days, 1 days, 0);
        assertEq(registry.warmup(), 3 days, "minimum wins");
        g.set(1 days, 2 days + 1, 0);
        assertEq(registry.warmup(), 3 days + 1, "vote wins");
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

    function test_registerNode_storesPendingNodeAndEmits() public {
        IComputeRegistry.DeviceLine[] memory d = twoLines(SeedDevices.RTX_3090, 2, SeedDevices.RTX_3060_12GB, 1);
        Signed memory s = attest(ALICE, d);
        bytes32 uid = uidOf(s);
        uint256 bond = BOND_BASE + 60 * BOND_PER_GIB; // 60 GiB
        assertEq(registry.bondFor(61440), bond);
        vm.deal(ALICE, bond);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeRegistered(1, ALICE, 61440, uint96(bond), d, uid, 1, uint48(START_TIME), "ipfs://rig");
        vm.prank(ALICE);
        uint256 id = registry.registerNode{value: bond}(s.a, s.attester, s.signature, "ipfs://rig");

        assertEq(id, 1);
        IComputeRegistry.NodeView memory n = nodeView(1);
        assertEq(n.id, 1);
        assertEq(n.owner, ALICE);
        assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Pending));
        assertEq(n.memoryMiB, 61440);
        assertEq(n.bond, bond);
        assertEq(n.activatableAt, START_TIME);
        assertEq(n.unlockAt, 0);
        assertEq(n.attesterId, 1);
        assertEq(n.attestationUid, uid);
        assertEq(n.attestationExpiry, START_TIME + Attest.LIFETIME);
        assertEq(n.devices.length, 2);
        assertEq(n.devices[0].skuId, SeedDevices.RTX_3090);
        assertEq(n.devices[0].count, 2);
        assertEq(n.devices[1].skuId, SeedDevices.RTX_3060_12GB);
        assertEq(n.devices[1].count, 1);
        assertEq(n.metadataURI, "ipfs://rig");

        // Pending: bonded and counted, but no vote and no floor weight yet.
        assertEq(registry.nodeCount(), 1);
        assertEq(registry.activeNodeCount(), 0);
        assertEq(registry.totalMemoryMiB(), 0);
        assertEq(registry.floorMiB(), 0);
        assertEq(registry.getVotes(ALICE), 0);
        assertEq(registry.delegates(ALICE), address(0));
        assertEq(registry.totalBonded(), bond);
        assertEq(address(registry).balance, bond);
        assertEq(ALICE.balance, 0);
        assertEq(registry.nodeCountOf(ALICE), 1);
        assertEq(registry.nodeIdsOf(ALICE, 0, 10)[0], 1);
        bytes32[] memory ids = idsOf(s);
        for (uint256 i = 0; i < ids.length; ++i) {
            assertEq(registry.nodeOfDevice(ids[i]), 1);
            assertEq(registry.deviceClaimOf(ids[i]), NodeWords.claim(1, 0));
        }
    }

    function test_registerNode_bondScalesWithMemory() public {
        Signed memory s = attest(ALICE, oneLine(SeedDevices.M2_ULTRA_192GB, 2)); // 384 GiB
        uint256 bond = BOND_BASE + 384 * BOND_PER_GIB;
        _expectRegisterRevert(
            ALICE,
            s,
            BOND_BASE,
            "",
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryWrongValue.selector, BOND_BASE, bond)
        );
        uint256 id = submit(ALICE, s);
        assertEq(nodeView(id).bond, bond);
        assertEq(registry.totalBonded(), bond);
    }

    function test_registerNode_revertsWhenWrongValue() public {
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        bytes4 sel = IComputeRegistry.ComputeRegistryWrongValue.selector;
        _expectRegisterRevert(ALICE, s, 0, "", abi.encodeWithSelector(sel, 0, BOND_24GIB));
        _expectRegisterRevert(ALICE, s, BOND_24GIB - 1, "", abi.encodeWithSelector(sel, BOND_24GIB - 1, BOND_24GIB));
        _expectRegisterRevert(ALICE, s, BOND_24GIB + 1, "", abi.encodeWithSelector(sel, BOND_24GIB + 1, BOND_24GIB));
        // The right value goes through with the same attestation.
        assertEq(submit(ALICE, s), 1);
    }

    function test_registerNode_acceptsSixLinesAndMaxUri() public {
        string memory uri = repeat(256);
        Signed memory s = attest(ALICE, _sixLines());
        uint256 bond = bondOfAttestation(s);
        vm.deal(ALICE, bond);
        vm.prank(ALICE);
        uint256 id = registry.registerNode{value: bond}(s.a, s.attester, s.signature, uri);
        IComputeRegistry.NodeView memory n = nodeView(id);
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
        (uint256 id,) = registerActive(ALICE, oneLine(SeedDevices.RTX_5090, 8));
        assertEq(nodeView(id).memoryMiB, 262144);
        assertEq(registry.totalMemoryMiB(), 262144);
    }

    function test_registerNode_revertsWhenMetadataURITooLong() public {
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        _expectRegisterRevert(
            ALICE,
            s,
            BOND_24GIB,
            repeat(257),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryMetadataURITooLong.selector, 257, 256)
        );
    }

    function test_registerNode_revertsWhenAttestationRefused() public {
        // The attestation checks themselves are in HardwareAttestations.t.sol; the registry passes them on.
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        _expectRegisterRevert(
            BOB,
            s,
            BOND_24GIB,
            "",
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsWrongRecipient.selector, ALICE, BOB)
        );
        Signed memory forged = resign(attest(ALICE, oneLine(SeedDevices.RTX_4090, 1)), 0xF00);
        _expectRegisterRevert(
            ALICE,
            forged,
            BOND_24GIB,
            "",
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsNotAttester.selector, vm.addr(0xF00))
        );
        catalog.deprecateSku(SeedDevices.RTX_3090);
        _expectRegisterRevert(
            ALICE,
            attest(ALICE, oneLine(SeedDevices.RTX_3090, 1)),
            BOND_24GIB,
            "",
            abi.encodeWithSelector(
                IHardwareAttestations.HardwareAttestationsSkuDeprecated.selector, SeedDevices.RTX_3090
            )
        );
    }

    function test_registerNode_usesTheCapsOfTheRegistry() public {
        registry.setMaxDevicesPerNode(8);
        _expectRegisterRevert(
            ALICE,
            attest(ALICE, oneLine(SeedDevices.RTX_3060_12GB, 9)),
            BOND_BASE + 108 * BOND_PER_GIB,
            "",
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsTooManyDevices.selector, 9, 8)
        );
        registry.setMaxNodeMemoryMiB(262144);
        _expectRegisterRevert(
            ALICE,
            attest(ALICE, oneLine(SeedDevices.M2_ULTRA_192GB, 2)),
            BOND_BASE + 384 * BOND_PER_GIB,
            "",
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsMemoryAboveCap.selector, 393216, 262144)
        );
    }

    // ------------------------------------------------------------------ activate

    function test_activate_startsVoteAndFloorWeight() public {
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        uint256 id = submit(ALICE, s);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.FloorChanged(0, 24576);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeActivated(id, ALICE);
        vm.prank(STRANGER); // anyone may activate
        registry.activate(id);

        IComputeRegistry.NodeView memory n = nodeView(id);
        assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Active));
        assertEq(n.activatableAt, 0);
        assertEq(registry.delegates(ALICE), ALICE);
        assertEq(registry.getVotes(ALICE), 1);
        assertEq(registry.activeNodeCount(), 1);
        assertEq(registry.totalMemoryMiB(), 24576);
        assertEq(registry.floorMiB(), 24576);
        assertEq(registry.memoryPercentileMiB(50), 24576);
        vm.warp(block.timestamp + 1);
        assertEq(registry.getPastTotalSupply(block.timestamp - 1), 1);
        assertEq(registry.getPastVotes(ALICE, block.timestamp - 1), 1);
    }

    function test_activate_secondNodeAddsAVote() public {
        registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        registerActive(ALICE, oneLine(SeedDevices.RTX_3090, 2));
        assertEq(registry.getVotes(ALICE), 2);
        assertEq(registry.nodeCountOf(ALICE), 2);
        assertEq(registry.activeNodeCount(), 2);
    }

    function test_activate_keepsExistingDelegate() public {
        vm.prank(ALICE);
        registry.delegate(BOB);
        registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        assertEq(registry.delegates(ALICE), BOB);
        assertEq(registry.getVotes(ALICE), 0);
        assertEq(registry.getVotes(BOB), 1);
    }

    function test_activate_reDelegatesAnOwnerWithoutDelegate() public {
        registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.prank(ALICE);
        registry.delegate(address(0)); // OZ Votes allows it: the vote is counted nowhere
        assertEq(registry.getVotes(ALICE), 0);
        // The next activation delegates the owner to itself again, with every unit it holds.
        registerActive(ALICE, oneLine(SeedDevices.RTX_3090, 1));
        assertEq(registry.delegates(ALICE), ALICE);
        assertEq(registry.getVotes(ALICE), 2);
        assertEq(registry.activeNodeCount(), 2);
    }

    function test_activate_boundaryOfTheWarmup() public {
        _deployWithWarmup(1 hours);
        uint256 id = submit(ALICE, attest(ALICE, oneLine(SeedDevices.RTX_4090, 1)));
        uint256 readyAt = START_TIME + 1 hours;
        assertEq(nodeView(id).activatableAt, readyAt);

        vm.warp(readyAt - 1);
        State memory before = snapshot();
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryWarmingUp.selector, id, readyAt));
        registry.activate(id);
        assertUnchanged(before);

        vm.warp(readyAt);
        registry.activate(id);
        assertEq(registry.getVotes(ALICE), 1);
    }

    function test_activate_warmupFollowsTheGovernorAtRegistration() public {
        bindMockGovernor(1 days, 7 days, 0);
        uint256 id = submit(ALICE, attest(ALICE, oneLine(SeedDevices.RTX_4090, 1)));
        assertEq(nodeView(id).activatableAt, START_TIME + 8 days);
        vm.warp(START_TIME + 8 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryWarmingUp.selector, id, START_TIME + 8 days)
        );
        registry.activate(id);
        vm.warp(START_TIME + 8 days);
        registry.activate(id);
        assertStatus(id, IComputeRegistry.NodeStatus.Active);
    }

    function test_activate_revertsWhenNotPending() public {
        (uint256 id,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        State memory before = snapshot();
        vm.expectRevert(_wrongStatus(id, IComputeRegistry.NodeStatus.Active));
        registry.activate(id);
        assertUnchanged(before);
        exitAs(ALICE, id);
        vm.expectRevert(_wrongStatus(id, IComputeRegistry.NodeStatus.Exiting));
        registry.activate(id);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(ALICE);
        registry.withdrawBond(id);
        vm.expectRevert(_wrongStatus(id, IComputeRegistry.NodeStatus.Withdrawn));
        registry.activate(id);
    }

    function test_activate_revertsWhenUnknownNode() public {
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 0));
        registry.activate(0);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 1));
        registry.activate(1);
    }

    function test_activate_revertsWhenAttestationExpired() public {
        _deployWithWarmup(1 hours);
        uint256 id = submit(ALICE, attest(ALICE, oneLine(SeedDevices.RTX_4090, 1)));
        uint256 expiry = START_TIME + Attest.LIFETIME;
        vm.warp(expiry);
        State memory before = snapshot();
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryAttestationLapsed.selector, id, IHardwareAttestations.Lapse.Expired
            )
        );
        registry.activate(id);
        assertUnchanged(before);
        // One second before the expiry the same node activates.
        vm.warp(expiry - 1);
        registry.activate(id);
        assertStatus(id, IComputeRegistry.NodeStatus.Active);
    }

    function test_activate_revertsWhenAttestationRevoked() public {
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        uint256 id = submit(ALICE, s);
        bytes32 uid = uidOf(s);
        vm.prank(attester);
        eas.revokeOffchain(uid);
        State memory before = snapshot();
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryAttestationLapsed.selector, id, IHardwareAttestations.Lapse.Revoked
            )
        );
        registry.activate(id);
        assertUnchanged(before);
    }

    function test_activate_revertsWhenAttesterRemoved() public {
        uint256 id = submit(ALICE, attest(ALICE, oneLine(SeedDevices.RTX_4090, 1)));
        attestations.removeAttester(attester);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryAttestationLapsed.selector,
                id,
                IHardwareAttestations.Lapse.AttesterRemoved
            )
        );
        registry.activate(id);
        assertEq(registry.getVotes(ALICE), 0);
    }

    // ------------------------------------------------------------------ updateNode

    function test_updateNode_newAttestationWarmsUpAgain() public {
        (uint256 a, Signed memory first) = registerActive(ALICE, oneLine(SeedDevices.RTX_3060_12GB, 1)); // 12 GiB
        registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1)); // 24 GiB
        registerActive(CAROL, oneLine(SeedDevices.RTX_5090, 1)); // 32 GiB
        assertEq(registry.memoryPercentileMiB(50), 24576);
        warpBy(1 days);

        // The same device plus an M2 Ultra, from the second attester.
        IComputeRegistry.DeviceLine[] memory d = twoLines(SeedDevices.RTX_3060_12GB, 1, SeedDevices.M2_ULTRA_192GB, 1);
        bytes32[] memory ids = new bytes32[](2);
        ids[0] = idsOf(first)[0];
        ids[1] = freshDeviceIds(1)[0];
        Signed memory s = attestBy(SECOND_ATTESTER_PK, ALICE, d, ids);
        uint256 topUp = BOND_BASE + 204 * BOND_PER_GIB - (BOND_BASE + 12 * BOND_PER_GIB);
        assertEq(topUpFor(a, s), topUp);
        bytes32 uid = uidOf(s);
        vm.deal(ALICE, topUp);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeUpdated(a, 12288, 208896, d, uid, 2, uint48(block.timestamp), "ipfs://new");
        vm.prank(ALICE);
        registry.updateNode{value: topUp}(a, s.a, s.attester, s.signature, "ipfs://new");

        // The vote and floor weight leave at once; the node is Pending again with its new devices.
        IComputeRegistry.NodeView memory n = nodeView(a);
        assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Pending));
        assertEq(n.memoryMiB, 208896);
        assertEq(n.bond, BOND_BASE + 204 * BOND_PER_GIB);
        assertEq(n.attesterId, 2);
        assertEq(n.attestationUid, uid);
        assertEq(n.devices.length, 2);
        assertEq(n.devices[1].skuId, SeedDevices.M2_ULTRA_192GB);
        assertEq(n.metadataURI, "ipfs://new");
        (, uint256 word2,) = registry.nodeRecord(a);
        assertEq(NodeWords.generation(word2), 1);
        assertEq(registry.getVotes(ALICE), 0);
        assertEq(registry.activeNodeCount(), 2);
        assertEq(registry.totalMemoryMiB(), 24576 + 32768);
        assertEq(registry.totalBonded(), BOND_BASE * 3 + (204 + 24 + 32) * BOND_PER_GIB);
        assertEq(registry.deviceClaimOf(ids[0]), NodeWords.claim(a, 1));
        assertEq(registry.deviceClaimOf(ids[1]), NodeWords.claim(a, 1));

        registry.activate(a);
        assertEq(registry.getVotes(ALICE), 1);
        assertEq(registry.totalMemoryMiB(), 208896 + 24576 + 32768);
        assertEq(registry.memoryPercentileMiB(50), 32768);
        assertEq(registry.memoryPercentileMiB(100), 208896);
    }

    function test_updateNode_smallerNodeKeepsItsBondAndRefusesValue() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_3090, 2)); // 48 GiB
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_3060_12GB, 1));
        _expectUpdateRevert(
            ALICE, a, s, 1, abi.encodeWithSelector(IComputeRegistry.ComputeRegistryWrongValue.selector, 1, 0)
        );
        vm.prank(ALICE);
        registry.updateNode(a, s.a, s.attester, s.signature, "");
        assertEq(nodeView(a).bond, BOND_BASE + 48 * BOND_PER_GIB, "no refund on a smaller node");
        assertEq(nodeView(a).metadataURI, "");
    }

    function test_updateNode_revertsWhenTopUpWrong() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_3060_12GB, 1));
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_4090, 2));
        uint256 topUp = 36 * BOND_PER_GIB;
        bytes4 sel = IComputeRegistry.ComputeRegistryWrongValue.selector;
        _expectUpdateRevert(ALICE, a, s, 0, abi.encodeWithSelector(sel, 0, topUp));
        _expectUpdateRevert(ALICE, a, s, topUp - 1, abi.encodeWithSelector(sel, topUp - 1, topUp));
        _expectUpdateRevert(ALICE, a, s, topUp + 1, abi.encodeWithSelector(sel, topUp + 1, topUp));
        reattest(ALICE, a, s);
        assertEq(nodeView(a).bond, BOND_BASE + 48 * BOND_PER_GIB);
    }

    function test_updateNode_pendingNodeTakesANewAttestation() public {
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        uint256 a = submit(ALICE, s);
        Signed memory t = attest(ALICE, oneLine(SeedDevices.RTX_5090, 1));
        reattest(ALICE, a, t);
        assertStatus(a, IComputeRegistry.NodeStatus.Pending);
        assertEq(nodeView(a).memoryMiB, 32768);
        assertEq(registry.activeNodeCount(), 0);
        assertEq(registry.nodeOfDevice(idsOf(s)[0]), 0, "the dropped device is free");
        assertEq(registry.nodeOfDevice(idsOf(t)[0]), a);
    }

    function test_updateNode_revertsWhenSameAttestation() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        _expectUpdateRevert(
            ALICE, a, s, 0, abi.encodeWithSelector(IComputeRegistry.ComputeRegistrySameAttestation.selector, a)
        );
    }

    function test_updateNode_revertsWhenChallengeOpen() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.deal(CHALLENGER, CHALLENGE_DEPOSIT);
        vm.prank(CHALLENGER);
        challenges.challenge{value: CHALLENGE_DEPOSIT}(a);
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_5090, 1));
        _expectUpdateRevert(
            ALICE,
            a,
            s,
            topUpFor(a, s),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryChallengeOpen.selector, a)
        );
    }

    function test_updateNode_keepsNodeUsingDeprecatedSkuButRejectsItAgain() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_3090, 2));
        catalog.deprecateSku(SeedDevices.RTX_3090);
        assertStatus(a, IComputeRegistry.NodeStatus.Active);
        assertEq(registry.getVotes(ALICE), 1);
        _expectUpdateRevert(
            ALICE,
            a,
            attest(ALICE, oneLine(SeedDevices.RTX_3090, 1)),
            0,
            abi.encodeWithSelector(
                IHardwareAttestations.HardwareAttestationsSkuDeprecated.selector, SeedDevices.RTX_3090
            )
        );
    }

    function test_updateNode_revertsWhenMetadataURITooLong() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_3060_12GB, 1));
        State memory before = snapshot();
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryMetadataURITooLong.selector, 300, 256));
        registry.updateNode(a, s.a, s.attester, s.signature, repeat(300));
        assertUnchanged(before);
    }

    function test_updateNode_revertsWhenUnknownNode() public {
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 1));
        registry.updateNode(1, s.a, s.attester, s.signature, "");
    }

    function test_updateNode_revertsWhenNotOwner() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        Signed memory s = attest(BOB, oneLine(SeedDevices.M2_ULTRA_192GB, 1));
        _expectUpdateRevert(
            BOB, a, s, 0, abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotNodeOwner.selector, a, BOB)
        );
        // Not even the admin may touch a node's devices.
        _expectUpdateRevert(
            address(this),
            a,
            s,
            0,
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotNodeOwner.selector, a, address(this))
        );
    }

    function test_updateNode_revertsWhenExitingWithdrawnOrSlashed() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        exitAs(ALICE, a);
        Signed memory s = attest(ALICE, oneLine(SeedDevices.RTX_5090, 1));
        _expectUpdateRevert(ALICE, a, s, 0, _wrongStatus(a, IComputeRegistry.NodeStatus.Exiting));
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(ALICE);
        registry.withdrawBond(a);
        s = attest(ALICE, oneLine(SeedDevices.RTX_5090, 1));
        _expectUpdateRevert(ALICE, a, s, 0, _wrongStatus(a, IComputeRegistry.NodeStatus.Withdrawn));

        (uint256 b,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.prank(address(challenges));
        registry.slashByChallenge(b);
        s = attest(ALICE, oneLine(SeedDevices.RTX_5090, 1));
        _expectUpdateRevert(ALICE, b, s, 0, _wrongStatus(b, IComputeRegistry.NodeStatus.Slashed));
    }

    // ------------------------------------------------------------------ exitNode

    function test_exitNode_removesVoteFloorAndDevicesAndStartsUnbonding() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        registerActive(ALICE, oneLine(SeedDevices.RTX_3090, 1));
        uint48 unlockAt = uint48(block.timestamp + UNBONDING_PERIOD);
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeExited(a, ALICE, unlockAt);
        vm.prank(ALICE);
        registry.exitNode(a);

        IComputeRegistry.NodeView memory n = nodeView(a);
        assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Exiting));
        assertEq(n.unlockAt, unlockAt);
        assertEq(n.bond, BOND_24GIB);
        assertEq(registry.getVotes(ALICE), 1);
        assertEq(registry.activeNodeCount(), 1);
        assertEq(registry.totalMemoryMiB(), 24576);
        assertEq(registry.totalBonded(), 2 * BOND_24GIB); // unbonding bonds stay bonded
        assertEq(address(registry).balance, 2 * BOND_24GIB);
        assertEq(registry.nodeOfDevice(idsOf(s)[0]), a, "an exiting node keeps its devices until its bond leaves");
    }

    function test_exitNode_fromPending() public {
        uint256 a = submit(ALICE, attest(ALICE, oneLine(SeedDevices.RTX_4090, 1)));
        exitAs(ALICE, a);
        assertStatus(a, IComputeRegistry.NodeStatus.Exiting);
        assertEq(registry.activeNodeCount(), 0);
        assertEq(registry.getVotes(ALICE), 0);
        vm.expectRevert(_wrongStatus(a, IComputeRegistry.NodeStatus.Exiting));
        registry.activate(a);
    }

    function test_exitNode_unlockWaitsForTheGovernorsVoteLock() public {
        MockGovernor g = bindMockGovernor(0, 0, START_TIME + 30 days); // no warm-up, a long vote lock
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        vm.expectEmit(address(registry));
        emit IComputeRegistry.NodeExited(a, ALICE, uint48(START_TIME + 30 days));
        exitAs(ALICE, a);
        assertEq(nodeView(a).unlockAt, START_TIME + 30 days);
        vm.warp(START_TIME + 30 days - 1);
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryBondLocked.selector, a, START_TIME + 30 days)
        );
        registry.withdrawBond(a);
        vm.warp(START_TIME + 30 days);
        vm.prank(ALICE);
        registry.withdrawBond(a);

        // A vote lock that ends before the unbonding period does not shorten it.
        g.set(0, 0, block.timestamp + 1);
        exitAs(BOB, b);
        assertEq(nodeView(b).unlockAt, block.timestamp + UNBONDING_PERIOD);
    }

    function test_exitNode_revertsWhenExitedTwice() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        exitAs(ALICE, a);
        State memory before = snapshot();
        vm.prank(ALICE);
        vm.expectRevert(_wrongStatus(a, IComputeRegistry.NodeStatus.Exiting));
        registry.exitNode(a);
        assertUnchanged(before);
    }

    function test_exitNode_revertsWhenWithdrawnOrSlashed() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        exitAs(ALICE, a);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(ALICE);
        registry.withdrawBond(a);
        vm.prank(ALICE);
        vm.expectRevert(_wrongStatus(a, IComputeRegistry.NodeStatus.Withdrawn));
        registry.exitNode(a);
        (uint256 b,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.prank(address(challenges));
        registry.slashByChallenge(b);
        State memory before = snapshot();
        vm.prank(ALICE);
        vm.expectRevert(_wrongStatus(b, IComputeRegistry.NodeStatus.Slashed));
        registry.exitNode(b);
        assertUnchanged(before);
    }

    function test_exitNode_revertsWhenNotOwner() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        State memory before = snapshot();
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotNodeOwner.selector, a, BOB));
        registry.exitNode(a);
        assertUnchanged(before);
    }

    function test_exitNode_revertsWhenUnknownNode() public {
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 0));
        registry.exitNode(0);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 5));
        registry.exitNode(5);
    }

    // ------------------------------------------------------------------ withdrawBond

    function test_withdrawBond_paysAtUnlockNotBefore() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        exitAs(ALICE, a);
        uint256 unlockAt = nodeView(a).unlockAt;
        vm.warp(unlockAt - 1);
        State memory before = snapshot();
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryBondLocked.selector, a, unlockAt));
        registry.withdrawBond(a);
        assertUnchanged(before);
        assertEq(ALICE.balance, 0);

        vm.warp(unlockAt); // exactly at unlock is allowed
        vm.expectEmit(address(registry));
        emit IComputeRegistry.BondWithdrawn(a, ALICE, BOND_24GIB);
        vm.prank(ALICE);
        registry.withdrawBond(a);
        assertEq(ALICE.balance, BOND_24GIB);
        assertEq(address(registry).balance, 0);
        assertEq(registry.totalBonded(), 0);
        IComputeRegistry.NodeView memory n = nodeView(a);
        assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Withdrawn));
        assertEq(n.bond, 0);
        assertEq(n.unlockAt, 0);
    }

    function test_withdrawBond_revertsWhenChallengeOpen() public {
        (uint256 a, Signed memory s) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        exitAs(ALICE, a);
        uint256 unlockAt = block.timestamp + UNBONDING_PERIOD;
        vm.warp(unlockAt - 1 hours); // an exiting node is still challengeable
        vm.deal(CHALLENGER, CHALLENGE_DEPOSIT);
        vm.prank(CHALLENGER);
        challenges.challenge{value: CHALLENGE_DEPOSIT}(a);
        vm.warp(unlockAt);
        State memory before = snapshot();
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryChallengeOpen.selector, a));
        registry.withdrawBond(a);
        assertUnchanged(before);

        // Answered (another attester, the same devices): the bond is free again.
        Signed memory answer = attestBy(SECOND_ATTESTER_PK, ALICE, oneLine(SeedDevices.RTX_4090, 1), idsOf(s));
        vm.prank(ALICE);
        challenges.answer(a, answer.a, answer.attester, answer.signature);
        vm.prank(ALICE);
        registry.withdrawBond(a);
        assertEq(ALICE.balance, BOND_24GIB);
    }

    function test_withdrawBond_revertsWhenWithdrawnTwice() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1)); // someone else's bond that must stay put
        exitAs(ALICE, a);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(ALICE);
        registry.withdrawBond(a);
        State memory before = snapshot();
        vm.prank(ALICE);
        vm.expectRevert(_wrongStatus(a, IComputeRegistry.NodeStatus.Withdrawn));
        registry.withdrawBond(a);
        assertUnchanged(before);
        assertEq(ALICE.balance, BOND_24GIB);
        assertEq(address(registry).balance, BOND_24GIB);
    }

    function test_withdrawBond_revertsWhenNotExiting() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        uint256 p = submit(ALICE, attest(ALICE, oneLine(SeedDevices.RTX_4090, 1)));
        vm.warp(block.timestamp + 400 days);
        State memory before = snapshot();
        vm.prank(ALICE);
        vm.expectRevert(_wrongStatus(a, IComputeRegistry.NodeStatus.Active));
        registry.withdrawBond(a);
        vm.prank(ALICE);
        vm.expectRevert(_wrongStatus(p, IComputeRegistry.NodeStatus.Pending));
        registry.withdrawBond(p);
        assertUnchanged(before);
    }

    function test_withdrawBond_revertsWhenNotOwner() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        exitAs(ALICE, a);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        State memory before = snapshot();
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotNodeOwner.selector, a, BOB));
        registry.withdrawBond(a);
        assertUnchanged(before);
    }

    function test_withdrawBond_revertsWhenUnknownNode() public {
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 3));
        registry.withdrawBond(3);
    }

    function test_withdrawBond_usesUnbondingPeriodAtExit() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        exitAs(ALICE, a);
        registry.setUnbondingPeriod(90 days); // later changes do not move an exit already made
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(ALICE);
        registry.withdrawBond(a);
        assertEq(ALICE.balance, BOND_24GIB);
    }

    function test_nonPayableCalls_refuseValue() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.deal(ALICE, 1 ether);
        State memory before = snapshot();
        bytes[4] memory calls = [
            abi.encodeCall(registry.activate, (a)),
            abi.encodeCall(registry.exitNode, (a)),
            abi.encodeCall(registry.withdrawBond, (a)),
            abi.encodeCall(registry.lapse, (a))
        ];
        for (uint256 i = 0; i < calls.length; ++i) {
            vm.prank(ALICE);
            (bool ok,) = address(registry).call{value: 1}(calls[i]);
            assertFalse(ok, "a non-payable call took ETH");
        }
        assertUnchanged(before);
        assertEq(ALICE.balance, 1 ether);
    }

    // ------------------------------------------------------------------ slashByChallenge & adoptAttestation

    function test_slashByChallenge_revertsWhenNotChallenges() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        State memory before = snapshot();
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotChallenges.selector, STRANGER));
        registry.slashByChallenge(a);
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotChallenges.selector, ALICE));
        registry.slashByChallenge(a);
        assertUnchanged(before);
    }

    function test_slashByChallenge_takesTheWholeBondInEveryLiveStatus() public {
        (uint256 active,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        uint256 pending = submit(ALICE, attest(ALICE, oneLine(SeedDevices.RTX_4090, 1)));
        (uint256 exiting,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        exitAs(ALICE, exiting);
        assertEq(registry.getVotes(ALICE), 1);
        uint256[3] memory ids = [active, pending, exiting];
        for (uint256 i = 0; i < 3; ++i) {
            uint256 owed = address(challenges).balance;
            vm.expectEmit(address(registry));
            emit IComputeRegistry.NodeSlashed(ids[i], ALICE, BOND_24GIB);
            vm.prank(address(challenges));
            assertEq(registry.slashByChallenge(ids[i]), BOND_24GIB);
            assertEq(address(challenges).balance, owed + BOND_24GIB, "bond sent to the challenges contract");
            IComputeRegistry.NodeView memory n = nodeView(ids[i]);
            assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Slashed));
            assertEq(n.bond, 0);
            assertEq(n.unlockAt, 0);
        }
        assertEq(registry.getVotes(ALICE), 0);
        assertEq(registry.activeNodeCount(), 0);
        assertEq(registry.totalMemoryMiB(), 0);
        assertEq(registry.totalBonded(), 0);
        assertEq(address(registry).balance, 0);
    }

    function test_slashByChallenge_revertsWhenWithdrawnOrSlashedOrUnknown() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        exitAs(ALICE, a);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.prank(ALICE);
        registry.withdrawBond(a);
        vm.startPrank(address(challenges));
        vm.expectRevert(_wrongStatus(a, IComputeRegistry.NodeStatus.Withdrawn));
        registry.slashByChallenge(a);
        vm.stopPrank();
        (uint256 b,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.startPrank(address(challenges));
        registry.slashByChallenge(b);
        State memory before = snapshot();
        vm.expectRevert(_wrongStatus(b, IComputeRegistry.NodeStatus.Slashed));
        registry.slashByChallenge(b);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 9));
        registry.slashByChallenge(9);
        vm.stopPrank();
        assertUnchanged(before);
    }

    function test_adoptAttestation_onlyChallengesAndRecordsTheAnswer() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        State memory before = snapshot();
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryNotChallenges.selector, ALICE));
        registry.adoptAttestation(a, keccak256("uid"), 2, uint64(block.timestamp + 1 days));
        assertUnchanged(before);

        vm.expectEmit(address(registry));
        emit IComputeRegistry.AttestationAdopted(a, 2, keccak256("uid"));
        vm.prank(address(challenges));
        registry.adoptAttestation(a, keccak256("uid"), 2, uint64(block.timestamp + 1 days));
        IComputeRegistry.NodeView memory n = nodeView(a);
        assertEq(n.attesterId, 2);
        assertEq(n.attestationUid, keccak256("uid"));
        assertEq(n.attestationExpiry, block.timestamp + 1 days);
        assertEq(uint8(n.status), uint8(IComputeRegistry.NodeStatus.Active));
        assertEq(n.memoryMiB, 24576, "devices untouched");

        vm.prank(address(challenges));
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 7));
        registry.adoptAttestation(7, keccak256("uid"), 2, 1);
    }

    // ------------------------------------------------------------------ reads

    function test_nodeRecord_revertsWhenUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 0));
        registry.nodeRecord(0);
        registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 2));
        registry.nodeRecord(2);
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryUnknownNode.selector, 2));
        registry.metadataURIOf(2);
    }

    function test_nodeRecord_layoutMatchesNodeWords() public {
        IComputeRegistry.DeviceLine[] memory d = twoLines(SeedDevices.RTX_5090, 3, SeedDevices.M4_PRO_64GB, 1);
        Signed memory s = attestBy(SECOND_ATTESTER_PK, ALICE, d, freshDeviceIds(4));
        uint256 id = submit(ALICE, s);
        (uint256 w1, uint256 w2, bytes32 uid) = registry.nodeRecord(id);
        assertEq(w1, uint256(uint160(ALICE)) | (uint256(163840) << 160) | (uint256(1) << 192) | (uint256(2) << 200)
            | (uint256(2) << 208) | (uint256(START_TIME + Attest.LIFETIME) << 224));
        uint256 lines = uint256(SeedDevices.RTX_5090) | (3 << 16) | (uint256(SeedDevices.M4_PRO_64GB) << 24) | (1 << 40);
        uint256 bondGwei = (BOND_BASE + 160 * BOND_PER_GIB) / 1 gwei;
        assertEq(w2, bondGwei | (uint256(START_TIME) << 64) | (lines << 112));
        assertEq(uid, uidOf(s));
    }

    function test_packedNodes_pagesThreeWordsANode() public {
        registerActive(ALICE, _sixLines());
        registerActive(BOB, oneLine(2, 3));
        Signed memory s = attest(CAROL, oneLine(4, 1));
        uint256 bond = bondOfAttestation(s);
        vm.deal(CAROL, bond);
        vm.prank(CAROL);
        registry.registerNode{value: bond}(s.a, s.attester, s.signature, "ipfs://carol-rig-with-a-longer-uri-than-one-word");
        exitAs(BOB, 2);

        (uint256 total, uint256[] memory words, string[] memory uris) = registry.packedNodes(0, 10);
        assertEq(total, 3);
        assertEq(words.length, 9);
        assertEq(uris.length, 3);
        for (uint256 i = 0; i < 3; ++i) {
            (uint256 w1, uint256 w2, bytes32 uid) = registry.nodeRecord(i + 1);
            assertEq(words[3 * i], w1);
            assertEq(words[3 * i + 1], w2);
            assertEq(bytes32(words[3 * i + 2]), uid);
            assertEq(uris[i], registry.metadataURIOf(i + 1));
        }
        (total, words, uris) = registry.packedNodes(2, 5);
        assertEq(total, 3);
        assertEq(words.length, 3);
        assertEq(uris[0], "ipfs://carol-rig-with-a-longer-uri-than-one-word");
        (total, words, uris) = registry.packedNodes(3, 5);
        assertEq(total, 3);
        assertEq(words.length, 0);
        (total, words,) = registry.packedNodes(0, 0);
        assertEq(words.length, 0);
        (total, words,) = registry.packedNodes(type(uint256).max, type(uint256).max);
        assertEq(words.length, 0);
    }

    function test_nodeIdsOf_pages() public {
        registerActive(ALICE, oneLine(1, 1));
        registerActive(BOB, oneLine(2, 1));
        registerActive(ALICE, oneLine(3, 2));
        registerActive(ALICE, oneLine(4, 1));
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
            submit(BOB, attest(BOB, oneLine(1, 1))); // ids 1, 3, 5, ... are Bob's, 2, 4, ... Alice's
            submit(ALICE, attest(ALICE, oneLine(1, 1)));
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

    // ------------------------------------------------------------------ percentile & floor

    function test_memoryPercentileMiB_zeroNodesIsZero() public {
        assertEq(registry.memoryPercentileMiB(1), 0);
        assertEq(registry.memoryPercentileMiB(50), 0);
        assertEq(registry.memoryPercentileMiB(100), 0);
        (uint256 a,) = registerActive(ALICE, oneLine(1, 1));
        exitAs(ALICE, a);
        assertEq(registry.memoryPercentileMiB(50), 0);
        assertEq(registry.floorMiB(), 0);
    }

    function test_memoryPercentileMiB_smallSet() public {
        registerActive(ALICE, oneLine(SeedDevices.RTX_3060_12GB, 1)); // 12 GiB
        registerActive(BOB, oneLine(SeedDevices.RTX_3090, 1)); // 24 GiB
        registerActive(CAROL, oneLine(SeedDevices.RX_7900_XTX, 1)); // 24 GiB
        registerActive(STRANGER, oneLine(SeedDevices.RTX_4090, 2)); // 48 GiB
        assertEq(registry.memoryPercentileMiB(50), 24576);
        assertEq(registry.memoryPercentileMiB(1), 12288);
        assertEq(registry.memoryPercentileMiB(25), 12288);
        assertEq(registry.memoryPercentileMiB(26), 24576);
        assertEq(registry.memoryPercentileMiB(75), 24576);
        assertEq(registry.memoryPercentileMiB(76), 49152);
        assertEq(registry.memoryPercentileMiB(100), 49152);
        assertEq(registry.floorMiB(), 24576, "the floor is the 50th percentile");
    }

    function test_memoryPercentileMiB_pendingNodesDoNotCount() public {
        registerActive(ALICE, oneLine(SeedDevices.RTX_3060_12GB, 1));
        submit(BOB, attest(BOB, oneLine(SeedDevices.M2_ULTRA_192GB, 5)));
        submit(CAROL, attest(CAROL, oneLine(SeedDevices.M2_ULTRA_192GB, 5)));
        assertEq(registry.memoryPercentileMiB(100), 12288);
        assertEq(registry.floorMiB(), 12288);
    }

    function test_memoryPercentileMiB_singleNode() public {
        registerActive(ALICE, oneLine(SeedDevices.M2_ULTRA_192GB, 5)); // 960 GiB, the top of the range
        assertEq(registry.memoryPercentileMiB(1), 983040);
        assertEq(registry.memoryPercentileMiB(100), 983040);
    }

    function test_memoryPercentileMiB_roundsUpToWholeGiB() public {
        uint16 odd = uint16(catalog.addSku(IHardwareCatalog.SkuInput("Test", "Odd 1000 MiB", 1000, 1)));
        uint16 one = uint16(catalog.addSku(IHardwareCatalog.SkuInput("Test", "Tiny 1 MiB", 1, 1)));
        registerActive(ALICE, oneLine(odd, 1)); // 1000 MiB -> bucket (0, 1024]
        assertEq(registry.memoryPercentileMiB(100), 1024);
        registerActive(BOB, oneLine(odd, 2)); // 2000 MiB -> bucket (1024, 2048]
        assertEq(registry.memoryPercentileMiB(100), 2048);
        registerActive(CAROL, oneLine(one, 1)); // 1 MiB -> bucket (0, 1024]
        assertEq(registry.memoryPercentileMiB(1), 1024);
        // Whole-GiB sizes sit on the upper edge of their bucket and are exact.
        registerActive(STRANGER, oneLine(SeedDevices.RTX_3060_12GB, 1));
        assertEq(registry.memoryPercentileMiB(100), 12288);
    }

    function test_memoryPercentileMiB_crossesGroups() public {
        // 32 GiB (group 0, last bucket), 64 GiB (group 1), 960 GiB (group 29).
        registerActive(ALICE, oneLine(SeedDevices.RTX_5090, 1));
        registerActive(BOB, oneLine(SeedDevices.M4_PRO_64GB, 1));
        registerActive(CAROL, oneLine(SeedDevices.M2_ULTRA_192GB, 5));
        assertEq(registry.memoryPercentileMiB(33), 32768);
        assertEq(registry.memoryPercentileMiB(34), 65536);
        assertEq(registry.memoryPercentileMiB(66), 65536);
        assertEq(registry.memoryPercentileMiB(67), 983040);
    }

    function test_memoryPercentileMiB_revertsWhenInvalidPercentile() public {
        registerActive(ALICE, oneLine(1, 1));
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

    function test_floorRangeMiB_remembersAShortLivedPopulationForTheWindow() public {
        registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1)); // floor 24 GiB
        warpBy(FLOOR_WINDOW + 1 days); // the change of the first second is out of the window
        assertEq(registry.floorMiB(), 24576);
        (uint256 low, uint256 high) = registry.floorRangeMiB();
        assertEq(low, 24576);
        assertEq(high, 24576);

        // Two 960 GiB nodes lift the floor for one second.
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.M2_ULTRA_192GB, 5));
        (uint256 c,) = registerActive(CAROL, oneLine(SeedDevices.M2_ULTRA_192GB, 5));
        assertEq(registry.floorMiB(), 983040);
        exitAs(BOB, b);
        exitAs(CAROL, c);
        assertEq(registry.floorMiB(), 24576);
        (low, high) = registry.floorRangeMiB();
        assertEq(low, 24576, "the lowest floor never rose");
        assertEq(high, 983040, "the highest floor remembers the pump");
        // It is forgotten once the window has passed.
        warpBy(FLOOR_WINDOW + FLOOR_WINDOW / 16);
        (low, high) = registry.floorRangeMiB();
        assertEq(high, 24576);
    }

    // ------------------------------------------------------------------ votes

    function test_votes_cannotBeTransferredOnlyDelegated() public {
        (uint256 a,) = registerActive(ALICE, oneLine(1, 1));
        vm.prank(ALICE);
        registry.delegate(BOB);
        assertEq(registry.getVotes(ALICE), 0);
        assertEq(registry.getVotes(BOB), 1);
        // Bob's vote leaves when Alice's node exits: the unit stays tied to the node.
        exitAs(ALICE, a);
        assertEq(registry.getVotes(BOB), 0);
        (bool ok,) = address(registry).call(abi.encodeWithSignature("transfer(address,uint256)", BOB, 1));
        assertFalse(ok, "votes are not a token");
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
        registerActive(signer, oneLine(SeedDevices.RTX_4090, 1));
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
        registerActive(signer, oneLine(1, 1));
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
        registerActive(ALICE, oneLine(1, 1));
        uint48 now_ = registry.clock();
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, now_, now_));
        registry.getPastVotes(ALICE, now_);
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, now_ + 1, now_));
        registry.getPastTotalSupply(now_ + 1);
    }

    // ------------------------------------------------------------------ snapshot safety (THREATS 1.1 / I6)

    function test_snapshot_activationOneSecondLateHasNoVote() public {
        uint256 t = START_TIME + 100;
        vm.warp(t);
        registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1)); // in the snapshot second: counts
        vm.warp(t + 1);
        registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1)); // one second later: does not
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

    function test_snapshot_registeringInTheSnapshotSecondGivesNothing() public {
        _deployWithWarmup(1 days);
        uint256 t = START_TIME + 50;
        vm.warp(t);
        uint256 id = submit(ALICE, attest(ALICE, oneLine(SeedDevices.M2_ULTRA_192GB, 5)));
        vm.expectRevert(abi.encodeWithSelector(IComputeRegistry.ComputeRegistryWarmingUp.selector, id, t + 1 days));
        registry.activate(id);
        exitAs(ALICE, id);
        vm.warp(t + 1);
        assertEq(registry.getPastVotes(ALICE, t), 0);
        assertEq(registry.getPastTotalSupply(t), 0);
        assertEq(registry.floorMiB(), 0);
        (, uint256 high) = registry.floorRangeMiB();
        assertEq(high, 0, "a node that never warmed up never touched the floor");
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
        (uint256 id,) = registerActive(ALICE, oneLine(1, 1));
        vm.warp(t + 1);
        exitAs(ALICE, id);
        vm.warp(t + 2);
        assertEq(registry.getPastVotes(ALICE, t), 1);
        assertEq(registry.getPastVotes(ALICE, t + 1), 0);
        assertEq(registry.getPastTotalSupply(t), 1);
        assertEq(registry.getPastTotalSupply(t + 1), 0);
    }
}
