// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {HardwareAttestations} from "../../contracts/attestation/HardwareAttestations.sol";
import {ThresholdBallots} from "../../contracts/ballots/ThresholdBallots.sol";
import {HardwareCatalog} from "../../contracts/catalog/HardwareCatalog.sol";
import {NodeChallenges} from "../../contracts/challenges/NodeChallenges.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {INodeChallenges} from "../../contracts/interfaces/INodeChallenges.sol";
import {IThresholdBallots} from "../../contracts/interfaces/IThresholdBallots.sol";
import {NodeWords} from "../../contracts/libraries/NodeWords.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {Attest} from "./Attest.sol";
import {Eas} from "./Eas.sol";
import {SeedDevices} from "./SeedDevices.sol";
import {Test} from "./Test.sol";

/// @title Deployers
/// @notice Base fixture, as v4-core's: EAS (from its package's artifacts), a HardwareCatalog seeded with
/// {SeedDevices}, HardwareAttestations with two attesters, NodeChallenges and a ComputeRegistry, and the helpers
/// every suite shares (signed attestations, funded registrations, actors, the clock). `deployFixture` makes the
/// test contract the admin (it stands in for the timelock) with no warm-up; {GovernanceDeployers} extends this
/// base with the timelock as admin and the governor on top.
abstract contract Deployers is Test {
    uint96 internal constant BOND_BASE = 0.01 ether;
    uint96 internal constant BOND_PER_GIB = 0.001 ether;
    uint96 internal constant KEEPER_FEE = 0.001 ether;
    uint96 internal constant CHALLENGE_DEPOSIT = 0.05 ether;
    uint32 internal constant CHALLENGE_WINDOW = 1 days;
    uint32 internal constant MIN_CHALLENGE_WINDOW = 1 hours;
    uint16 internal constant MAX_DEVICES = 16;
    uint32 internal constant MAX_NODE_MEMORY_MIB = 1 << 20; // 1 TiB, the histogram's range
    uint32 internal constant UNBONDING_PERIOD = 7 days;
    uint32 internal constant MIN_UNBONDING_PERIOD = 1 days;
    uint32 internal constant FLOOR_WINDOW = 16 days; // one-day buckets
    uint8 internal constant FLOOR_PERCENTILE = 50;
    uint256 internal constant START_TIME = 1_700_000_000;

    uint256 internal constant ATTESTER_PK = 0xA77E57;
    uint256 internal constant SECOND_ATTESTER_PK = 0xA77E58;
    address internal attester;
    address internal secondAttester;

    IEAS internal eas;
    HardwareCatalog internal catalog;
    HardwareAttestations internal attestations;
    NodeChallenges internal challenges;
    ComputeRegistry internal registry;
    /// @notice The registry's ballots: none here (zero); {GovernanceDeployers} deploys them before the registry.
    ThresholdBallots internal ballots;
    uint256 internal deviceNonce;

    /// @notice The registry administered by the test contract, with the constants above and no warm-up.
    function deployFixture() internal {
        vm.warp(START_TIME);
        deployRegistry(address(this), defaultParams(), defaultConfig(0));
    }

    function defaultParams() internal pure returns (IComputeRegistry.Params memory) {
        return IComputeRegistry.Params({
            bondBase: BOND_BASE,
            bondPerGiB: BOND_PER_GIB,
            maxDevicesPerNode: MAX_DEVICES,
            maxNodeMemoryMiB: MAX_NODE_MEMORY_MIB,
            keeperFee: KEEPER_FEE,
            unbondingPeriod: UNBONDING_PERIOD
        });
    }

    function defaultConfig(uint32 minWarmup) internal pure returns (IComputeRegistry.Config memory) {
        return IComputeRegistry.Config({
            minUnbondingPeriod: MIN_UNBONDING_PERIOD,
            minWarmup: minWarmup,
            floorPercentile: FLOOR_PERCENTILE,
            floorWindow: FLOOR_WINDOW
        });
    }

    function deployRegistry(
        address admin,
        IComputeRegistry.Params memory params,
        IComputeRegistry.Config memory config
    ) internal {
        deployRegistry(admin, params, config, CHALLENGE_DEPOSIT, CHALLENGE_WINDOW, MIN_CHALLENGE_WINDOW);
    }

    function deployRegistry(
        address admin,
        IComputeRegistry.Params memory params,
        IComputeRegistry.Config memory config,
        uint256 challengeDeposit,
        uint256 challengeWindow,
        uint32 minChallengeWindow
    ) internal {
        attester = vm.addr(ATTESTER_PK);
        secondAttester = vm.addr(SECOND_ATTESTER_PK);
        eas = Eas.deploy();
        catalog = new HardwareCatalog(admin, SeedDevices.all());
        address[] memory initialAttesters = new address[](2);
        (initialAttesters[0], initialAttesters[1]) = (attester, secondAttester);
        attestations = new HardwareAttestations(admin, eas, IHardwareCatalog(address(catalog)), initialAttesters);
        challenges = new NodeChallenges(admin, challengeDeposit, challengeWindow, minChallengeWindow);
        registry = new ComputeRegistry(
            admin,
            IHardwareCatalog(address(catalog)),
            IHardwareAttestations(address(attestations)),
            INodeChallenges(address(challenges)),
            IThresholdBallots(address(ballots)),
            params,
            config
        );
        challenges.bindRegistry(address(registry));
        vm.label(address(catalog), "HardwareCatalog");
        vm.label(address(attestations), "HardwareAttestations");
        vm.label(address(challenges), "NodeChallenges");
        vm.label(address(registry), "ComputeRegistry");
        vm.label(attester, "attester");
        vm.label(secondAttester, "secondAttester");
    }

    // ------------------------------------------------------------------ device lists

    function oneLine(uint16 skuId, uint8 count) internal pure returns (IComputeRegistry.DeviceLine[] memory d) {
        d = new IComputeRegistry.DeviceLine[](1);
        d[0] = IComputeRegistry.DeviceLine(skuId, count);
    }

    function twoLines(uint16 skuA, uint8 countA, uint16 skuB, uint8 countB)
        internal
        pure
        returns (IComputeRegistry.DeviceLine[] memory d)
    {
        d = new IComputeRegistry.DeviceLine[](2);
        d[0] = IComputeRegistry.DeviceLine(skuA, countA);
        d[1] = IComputeRegistry.DeviceLine(skuB, countB);
    }

    function threeLines() internal pure returns (IComputeRegistry.DeviceLine[] memory d) {
        d = new IComputeRegistry.DeviceLine[](3);
        d[0] = IComputeRegistry.DeviceLine(SeedDevices.RTX_3090, 2);
        d[1] = IComputeRegistry.DeviceLine(SeedDevices.RTX_4090, 1);
        d[2] = IComputeRegistry.DeviceLine(SeedDevices.RX_7900_XTX, 1);
    }

    /// @notice Memory of a device list, from the seed catalog.
    function memoryOf(IComputeRegistry.DeviceLine[] memory devices) internal pure returns (uint256 total) {
        for (uint256 i = 0; i < devices.length; ++i) {
            total += uint256(SeedDevices.memoryOf(devices[i].skuId)) * devices[i].count;
        }
    }

    /// @notice `n` fresh device ids, ascending (as attestations require), never reused.
    function freshDeviceIds(uint256 n) internal returns (bytes32[] memory) {
        return Attest.deviceIds(++deviceNonce, n);
    }

    function countOf(IComputeRegistry.DeviceLine[] memory devices) internal pure returns (uint256 n) {
        for (uint256 i = 0; i < devices.length; ++i) n += devices[i].count;
    }

    // ------------------------------------------------------------------ attestations

    /// @notice An attestation of `devices` (with `deviceIds`) for `recipient`, unsigned.
    function attestation(
        address recipient,
        IComputeRegistry.DeviceLine[] memory devices,
        bytes32[] memory deviceIds
    ) internal view returns (IHardwareAttestations.OffchainAttestation memory) {
        return Attest.build(IHardwareAttestations(address(attestations)), recipient, devices, deviceIds);
    }

    function sign(uint256 pk, IHardwareAttestations.OffchainAttestation memory a) internal view returns (bytes memory) {
        return Attest.sign(IHardwareAttestations(address(attestations)), pk, a);
    }

    // ------------------------------------------------------------------ node reads ({NodeWords})

    function statusOf(uint256 nodeId) internal view returns (IComputeRegistry.NodeStatus) {
        (uint256 word1,,) = registry.nodeRecord(nodeId);
        return NodeWords.status(word1);
    }

    /// @notice A Pending node's activatableAt, or an Exiting node's unlockAt.
    function readyAtOf(uint256 nodeId) internal view returns (uint256) {
        (, uint256 word2,) = registry.nodeRecord(nodeId);
        return NodeWords.readyAt(word2);
    }

    function bondOf(uint256 nodeId) internal view returns (uint256) {
        (, uint256 word2,) = registry.nodeRecord(nodeId);
        return uint256(NodeWords.bondGwei(word2)) * 1 gwei;
    }

    // ------------------------------------------------------------------ actions

    /// @notice Registers `devices` as `owner` with fresh device ids attested by the first attester, paying the
    /// bond (added to `owner`'s balance). The node is Pending.
    function registerPending(address owner, IComputeRegistry.DeviceLine[] memory devices)
        internal
        returns (uint256 nodeId)
    {
        IHardwareAttestations.OffchainAttestation memory a = attestation(owner, devices, freshDeviceIds(countOf(devices)));
        uint256 bond = registry.bondFor(memoryOf(devices));
        bytes memory signature = sign(ATTESTER_PK, a);
        vm.deal(owner, owner.balance + bond);
        vm.prank(owner);
        nodeId = registry.registerNode{value: bond}(a, attester, signature, "");
    }

    /// @notice Registers and, the warm-up being over (no warm-up in `deployFixture`), activates.
    function registerAs(address owner, IComputeRegistry.DeviceLine[] memory devices) internal returns (uint256 nodeId) {
        nodeId = registerPending(owner, devices);
        registry.activate(nodeId);
    }

    function registerAs(address owner, uint16 skuId, uint8 count) internal returns (uint256) {
        return registerAs(owner, oneLine(skuId, count));
    }

    /// @notice Registers `n` single-device nodes of `skuId`, one per fresh owner derived from `salt`.
    function registerMany(uint256 n, uint16 skuId, uint256 salt) internal virtual {
        for (uint256 i = 0; i < n; ++i) {
            registerAs(actor(salt, i), skuId, 1);
        }
    }

    /// @notice A fresh address for the `i`-th actor of a family named by `salt`.
    function actor(uint256 salt, uint256 i) internal pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode(salt, i)))));
    }

    function warpBy(uint256 secondsToAdd) internal {
        vm.warp(vm.getBlockTimestamp() + secondsToAdd);
    }

    function repeat(uint256 n) internal pure returns (string memory) {
        bytes memory b = new bytes(n);
        for (uint256 i = 0; i < n; ++i) b[i] = "x";
        return string(b);
    }
}
