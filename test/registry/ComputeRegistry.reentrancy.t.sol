// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {Deployers} from "../utils/Deployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice A node owner whose receive() re-enters the registry (THREATS 1.12).
contract MaliciousOwner {
    ComputeRegistry internal immutable _registry;
    uint256 public target;
    uint256 public otherActive;
    bool internal _entered;

    uint256 public received;
    uint256 public receiveCalls;
    uint256 public votesAtCallback;
    uint256 public activeAtCallback;
    uint256 public bondedAtCallback;
    uint8 public statusAtCallback;
    bytes public withdrawReentryError;
    bytes public exitReentryError;
    bool public exitOtherSucceeded;
    uint256 public reRegisteredId;
    bytes public registerReentryError;

    constructor(ComputeRegistry registry_) {
        _registry = registry_;
    }

    function register(IComputeRegistry.DeviceLine[] calldata d) external payable returns (uint256) {
        return _registry.registerNode{value: msg.value}(d, "evil");
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
        statusAtCallback = uint8(_registry.node(target).status);

        try _registry.withdrawBond(target) {} catch (bytes memory err) {
            withdrawReentryError = err;
        }
        try _registry.exitNode(target) {} catch (bytes memory err) {
            exitReentryError = err;
        }
        if (otherActive != 0) {
            try _registry.exitNode(otherActive) {
                exitOtherSucceeded = true;
            } catch {}
        }
        IComputeRegistry.DeviceLine[] memory d = new IComputeRegistry.DeviceLine[](1);
        d[0] = IComputeRegistry.DeviceLine(1, 1);
        try _registry.registerNode{value: msg.value}(d, "again") returns (uint256 id) {
            reRegisteredId = id;
        } catch (bytes memory err) {
            registerReentryError = err;
        }
    }
}

contract ComputeRegistryReentrancyTest is Deployers {
    MaliciousOwner internal attacker;

    function setUp() public {
        deployFixture();
        attacker = new MaliciousOwner(registry);
    }

    function test_withdrawBond_reentrancyPaysBondOnce() public {
        vm.deal(address(attacker), 10 ether);
        vm.deal(address(this), 1 ether);
        uint256 id = attacker.register{value: MIN_BOND}(oneLine(SeedDevices.RTX_4090, 1));
        uint256 other = attacker.register{value: MIN_BOND}(oneLine(SeedDevices.RTX_3090, 1));
        registerAs(address(0xB0B), SeedDevices.RTX_5090, 1); // an honest bond that must stay
        assertEq(registry.getVotes(address(attacker)), 2);

        attacker.exit(id);
        assertEq(registry.getVotes(address(attacker)), 1);
        vm.warp(block.timestamp + UNBONDING_PERIOD);

        uint256 attackerBefore = address(attacker).balance;
        attacker.withdraw(id, other);

        // Paid exactly one bond for the withdrawn node (the callback re-registered with that same bond).
        assertEq(attacker.receiveCalls(), 1);
        assertEq(attacker.received(), MIN_BOND);
        assertEq(address(attacker).balance, attackerBefore); // received one bond, spent it on re-registering
        // State was final before the ETH left: CEI.
        assertEq(attacker.statusAtCallback(), uint8(IComputeRegistry.NodeStatus.Withdrawn));
        assertEq(attacker.votesAtCallback(), 1); // the exited node's vote was gone already
        assertEq(attacker.activeAtCallback(), 2);
        assertEq(attacker.bondedAtCallback(), 2 * MIN_BOND);
        assertEq(
            attacker.withdrawReentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
        assertEq(
            attacker.exitReentryError(),
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, id, IComputeRegistry.NodeStatus.Withdrawn
            )
        );
        // Re-entering exit / register for other nodes is harmless and fully accounted.
        assertTrue(attacker.exitOtherSucceeded());
        assertEq(attacker.reRegisteredId(), 4);
        assertEq(registry.getVotes(address(attacker)), 1);
        assertEq(registry.activeNodeCount(), 2);
        assertEq(registry.totalBonded(), 3 * MIN_BOND); // other (exiting) + honest + re-registered
        assertEq(address(registry).balance, 3 * MIN_BOND);

        // A second withdrawal of the same node fails.
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRegistry.ComputeRegistryWrongNodeStatus.selector, id, IComputeRegistry.NodeStatus.Withdrawn
            )
        );
        attacker.withdraw(id, 0);
        assertEq(attacker.received(), MIN_BOND);
    }

    function test_withdrawBond_revertsWhenReceiverRejects() public {
        // A contract owner without receive() cannot take its bond: the whole withdrawal reverts and stays owed.
        RejectingOwner rejecting = new RejectingOwner();
        vm.deal(address(rejecting), MIN_BOND);
        uint256 id = rejecting.register{value: MIN_BOND}(registry, oneLine(1, 1));
        rejecting.exit(registry, id);
        vm.warp(block.timestamp + UNBONDING_PERIOD);
        vm.expectRevert(); // Address.sendValue: FailedCall
        rejecting.withdraw(registry, id);
        assertEq(uint8(registry.node(id).status), uint8(IComputeRegistry.NodeStatus.Exiting));
        assertEq(registry.totalBonded(), MIN_BOND);
    }
}

contract RejectingOwner {
    function register(ComputeRegistry r, IComputeRegistry.DeviceLine[] calldata d) external payable returns (uint256) {
        return r.registerNode{value: msg.value}(d, "");
    }

    function exit(ComputeRegistry r, uint256 id) external {
        r.exitNode(id);
    }

    function withdraw(ComputeRegistry r, uint256 id) external {
        r.withdrawBond(id);
    }
}
