// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Attest} from "../utils/Attest.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {NodeWords} from "../../contracts/libraries/NodeWords.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice A node owner whose receive() re-enters the registry (THREATS 1.12). It registers from
/// attestations the test signs for it, and keeps one in reserve to re-register from inside the callback.
contract MaliciousOwner {
    ComputeRegistry internal immutable _registry;
    uint256 public target;
    uint256 public otherActive;
    bool internal _entered;

    IHardwareAttestations.OffchainAttestation internal _reserve;
    address internal _reserveAttester;
    bytes internal _reserveSignature;

    uint256 public received;
    uint256 public receiveCalls;
    uint256 public votesAtCallback;
    uint256 public activeAtCallback;
    uint256 public bondedAtCallback;
    uint256 public balanceAtCallback;
    uint8 public statusAtCallback;
    bytes public withdrawReentryError;
    bytes public exitReentryError;
    bytes public lapseReentryError;
    bool public exitOtherSucceeded;
    uint256 public reRegisteredId;
    bytes public registerReentryError;

    constructor(ComputeRegistry registry_) {
        _registry = registry_;
    }

    function register(
        IHardwareAttestations.OffchainAttestation calldata a,
        address attester,
        bytes calldata signature
    ) external payable returns (uint256 id) {
        id = _registry.registerNode{value: msg.value}(a, attester, signature, "evil");
    }

    /// @notice The attestation the callback registers with.
    function reserve(IHardwareAttestations.OffchainAttestation calldata a, address attester, bytes calldata signature)
        external
    {
        _reserve = a;
        _reserveAttester = attester;
        _reserveSignature = signature;
    }

    function exit(uint256 id) external {
        _registry.exitNode(id);
    }

    function withdraw(uint256 id, uint256 other) external {
        target = id;
        otherActive = other;
        _registry.withdrawBond(id);
    }

    receive() external payable {
        received += msg.value;
        receiveCalls += 1;
        if (_entered) return;
        _entered = true;
        votesAtCallback = _registry.getVotes(address(this));
        activeAtCallback = _registry.activeNodeCount();
        bondedAtCallback = _registry.totalBonded();
        balanceAtCallback = address(_registry).balance;
        (uint256 word1,,) = _registry.nodeRecord(target);
        statusAtCallback = uint8(NodeWords.status(word1));

        try _registry.withdrawBond(target) {} catch (bytes memory err) {
            withdrawReentryError = err;
        }
        try _registry.exitNode(target) {} catch (bytes memory err) {
            exitReentryError = err;
        }
        try _registry.lapse(target) {} catch (bytes memory err) {
            lapseReentryError = err;
        }
        if (otherActive != 0) {
            try _registry.exitNode(otherActive) {
                exitOtherSucceeded = true;
            } catch {}
        }
        try _registry.registerNode{value: msg.value}(_reserve, _reserveAttester, _reserveSignature, "again") returns (
            uint256 id
        ) {
            reRegisteredId = id;
        } catch (bytes memory err) {
            registerReentryError = err;
        }
    }
}

/// @notice A keeper whose receive() tries to lapse more, or take bonds, while its fee is being paid.
contract GreedyKeeper {
    ComputeRegistry internal immutable _registry;
    uint256 public next;
    uint256 public received;
    uint256 public calls;
    uint256 public bondedAtCallback;
    uint8 public statusAtCallback;
    bytes public lapseError;
    bytes public lapseManyError;
    bytes public withdrawError;

    constructor(ComputeRegistry registry_) {
        _registry = registry_;
    }

    function lapse(uint256 id, uint256 next_) external returns (uint256) {
        next = next_;
        return _registry.lapse(id);
    }

    function lapseMany(uint256[] calldata ids, uint256 next_) external returns (uint256 lapsed, uint256 fee) {
        next = next_;
        return _registry.lapseMany(ids);
    }

    receive() external payable {
        received += msg.value;
        calls += 1;
        bondedAtCallback = _registry.totalBonded();
        (uint256 word1,,) = _registry.nodeRecord(next);
        statusAtCallback = uint8(NodeWords.status(word1));
        try _registry.lapse(next) {} catch (bytes memory err) {
            lapseError = err;
        }
        uint256[] memory ids = new uint256[](1);
        ids[0] = next;
        try _registry.lapseMany(ids) {} catch (bytes memory err) {
            lapseManyError = err;
        }
        try _registry.withdrawBond(next) {} catch (bytes memory err) {
            withdrawError = err;
        }
    }
}

contract RejectingOwner {
    function register(
        ComputeRegistry r,
        IHardwareAttestations.OffchainAttestation calldata a,
        address attester,
        bytes calldata signature
    ) external payable returns (uint256) {
        return r.registerNode{value: msg.value}(a, attester, signature, "");
    }

    function exit(ComputeRegistry r, uint256 id) external {
        r.exitNode(id);
    }

    function withdraw(ComputeRegistry r, uint256 id) external {
        r.withdrawBond(id);
    }
}

contract ComputeRegistryReentrancyTest is RegistryTestBase {
    uint256 internal constant BOND_24GIB = 0.034 ether;
    uint256 internal constant BOND_12GIB = 0.022 ether;

    MaliciousOwner internal attacker;

    function setUp() public {
        deployFixture();
        attacker = new MaliciousOwner(registry);
    }

    function _registerAttacker(uint16 skuId) internal returns (uint256 id) {
        Signed memory s = attest(address(attacker), oneLine(skuId, 1));
        uint256 bond = bondOfAttestation(s);
        id = attacker.register{value: bond}(s.a, s.attester, s.signature);
        registry.activate(id);
    }

    function _reentrant() internal pure returns (bytes memory) {
        return abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
    }

    function test_withdrawBond_reentrancyPaysBondOnce() public {
        vm.deal(address(this), 10 ether);
        uint256 id = _registerAttacker(SeedDevices.RTX_4090);
        uint256 other = _registerAttacker(SeedDevices.RTX_3090);
        registerActive(BOB, oneLine(SeedDevices.RTX_5090, 1)); // an honest bond that must stay
        assertEq(registry.getVotes(address(attacker)), 2);
        // What the callback re-registers with: a 12 GiB card, so the bond it receives (24 GiB) covers it.
        Signed memory again = attest(address(attacker), oneLine(SeedDevices.RTX_3060_12GB, 1));
        attacker.reserve(again.a, again.attester, again.signature);

        attacker.exit(id);
        assertEq(registry.getVotes(address(attacker)), 1);
        vm.warp(block.timestamp + UNBONDING_PERIOD);

        // The callback re-registers a 12 GiB card with all it received (a 24 GiB bond): refused, the wrong value.
        attacker.withdraw(id, other);

        // Paid exactly one bond for the withdrawn node.
        assertEq(attacker.receiveCalls(), 1);
        assertEq(attacker.received(), BOND_24GIB);
        // State was final before the ETH left: CEI.
        assertEq(attacker.statusAtCallback(), uint8(IComputeRegistry.NodeStatus.Withdrawn));
        assertEq(attacker.votesAtCallback(), 1); // the exited node's vote was gone already
        assertEq(attacker.activeAtCallback(), 2);
        assertEq(attacker.bondedAtCallback(), BOND_24GIB + 0.042 ether, "the paid bond already left totalBonded");
        assertEq(attacker.balanceAtCallback(), BOND_24GIB + 0.042 ether, "balance == totalBonded in the callback");
        assertEq(attacker.withdrawReentryError(), _reentrant());
        assertEq(attacker.lapseReentryError(), _reentrant());
        assertEq(
            attacker.exitReentryError(),
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, id, IComputeRegistry.NodeStatus.Withdrawn
            )
        );
        // Re-entering exit for another node is harmless and fully accounted.
        assertTrue(attacker.exitOtherSucceeded());
        assertEq(
            attacker.registerReentryError(),
            abi.encodeWithSelector(IComputeRegistry.ComputeRegistryWrongValue.selector, BOND_24GIB, BOND_12GIB)
        );
        assertEq(attacker.reRegisteredId(), 0);
        assertEq(registry.getVotes(address(attacker)), 0);
        assertEq(registry.activeNodeCount(), 1);
        assertEq(registry.totalBonded(), BOND_24GIB + 0.042 ether); // other (exiting) + honest
        assertEq(address(registry).balance, registry.totalBonded());

        // A second withdrawal of the same node fails.
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, id, IComputeRegistry.NodeStatus.Withdrawn
            )
        );
        attacker.withdraw(id, 0);
        assertEq(attacker.received(), BOND_24GIB);
    }

    function test_withdrawBond_reentrantRegistrationIsAccounted() public {
        vm.deal(address(this), 10 ether);
        uint256 id = _registerAttacker(SeedDevices.RTX_4090);
        // A reserve of the same size: the bond it receives pays for it exactly.
        Signed memory again = attest(address(attacker), oneLine(SeedDevices.RX_7900_XTX, 1));
        attacker.reserve(again.a, again.attester, again.signature);
        attacker.exit(id);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        attacker.withdraw(id, 0);
        assertEq(attacker.reRegisteredId(), 2);
        assertStatus(2, IComputeRegistry.NodeStatus.Pending);
        assertEq(registry.totalBonded(), BOND_24GIB);
        assertEq(address(registry).balance, BOND_24GIB);
    }

    function test_withdrawBond_revertsWhenReceiverRejects() public {
        // A contract owner without receive() cannot take its bond: the whole withdrawal reverts and stays owed.
        RejectingOwner rejecting = new RejectingOwner();
        Signed memory s = attest(address(rejecting), oneLine(SeedDevices.RTX_3060_12GB, 1));
        vm.deal(address(this), BOND_12GIB);
        uint256 id = rejecting.register{value: BOND_12GIB}(registry, s.a, s.attester, s.signature);
        rejecting.exit(registry, id);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        State memory before = snapshot();
        vm.expectRevert(abi.encodeWithSelector(Errors.FailedCall.selector));
        rejecting.withdraw(registry, id);
        assertUnchanged(before);
        assertStatus(id, IComputeRegistry.NodeStatus.Exiting);
    }

    function test_lapse_keeperReentrancyIsRefused() public {
        (uint256 a,) = registerActive(ALICE, oneLine(SeedDevices.RTX_4090, 1));
        (uint256 b,) = registerActive(BOB, oneLine(SeedDevices.RTX_4090, 1));
        GreedyKeeper keeper = new GreedyKeeper(registry);
        vm.warp(START_TIME + Attest.LIFETIME);

        assertEq(keeper.lapse(a, b), KEEPER_FEE);
        assertEq(keeper.calls(), 1);
        assertEq(keeper.received(), KEEPER_FEE, "one fee");
        assertEq(keeper.bondedAtCallback(), 2 * BOND_24GIB - KEEPER_FEE, "the fee already left totalBonded");
        assertEq(keeper.statusAtCallback(), uint8(IComputeRegistry.NodeStatus.Active));
        assertEq(keeper.lapseError(), _reentrant());
        assertEq(keeper.lapseManyError(), _reentrant());
        assertEq(keeper.withdrawError(), _reentrant());
        assertStatus(a, IComputeRegistry.NodeStatus.Lapsed);
        assertStatus(b, IComputeRegistry.NodeStatus.Active);

        // The same through lapseMany.
        uint256[] memory ids = new uint256[](1);
        ids[0] = b;
        (uint256 lapsed, uint256 fee) = keeper.lapseMany(ids, a);
        assertEq(lapsed, 1);
        assertEq(fee, KEEPER_FEE);
        assertEq(keeper.received(), 2 * KEEPER_FEE);
        assertEq(keeper.lapseError(), _reentrant());
        assertEq(address(registry).balance, registry.totalBonded());
    }
}
