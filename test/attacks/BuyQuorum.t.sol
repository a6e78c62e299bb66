// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "buy quorum". Against v1 a vote was a refundable 0.01 ETH and no hardware: with
/// 1,000 honest nodes staying home, 42 fake nodes (0.42 ETH, all refunded) were a quorum. Here an attacker with
/// money and no attester cannot register a single node: every way to bring devices without an attester's
/// signature fails, and the quorum stays out of reach.
contract BuyQuorumAttack is AttackBase {
    uint256 internal constant HONEST_NODES = 1000;
    uint256 internal constant FAKES = 42;

    function setUp() public {
        deployGovernanceFixture(publicProfile());
        honest = enlist(HONEST_NODES, SeedDevices.RTX_3090, HONEST_SALT);
        activatePending();
        vm.deal(ATTACKER, 1000 ether);
    }

    function test_buyQuorum_moneyWithoutAnAttesterRegistersNothing() public {
        uint256 nodesBefore = registry.nodeCount();
        IComputeRegistry.DeviceLine[] memory rig = oneLine(SeedDevices.RTX_3060_12GB, 1);
        for (uint256 i = 0; i < FAKES; ++i) {
            address fake = actor(ARMY_SALT, i);
            // Naming itself as attester: not in the set.
            assertEq(
                tryRegisterWithoutAttester(fake, rig, vm.addr(ATTACKER_PK)),
                abi.encodeWithSelector(
                    IHardwareAttestations.HardwareAttestationsNotAttester.selector, vm.addr(ATTACKER_PK)
                )
            );
            // Naming a real attester it cannot sign for.
            assertEq(
                tryRegisterWithoutAttester(fake, rig, attester),
                abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsBadSignature.selector, attester)
            );
        }
        assertEq(registry.nodeCount(), nodesBefore, "no node registered");
        assertEq(registry.activeNodeCount(), HONEST_NODES);
        warpBy(1);
        uint256 quorum = governor.quorum(vm.getBlockTimestamp() - 1);
        assertEq(quorum, 40, "4% of 1,000 honest nodes");
        assertEq(registry.getVotes(actor(ARMY_SALT, 0)), 0);
    }

    function test_buyQuorum_anHonestAttestationCannotBeBorrowed() public {
        // The attacker copies an honest owner's genuine attestation and signature from calldata: it names the
        // honest owner as recipient, so it registers nothing for the attacker (and its devices are in use).
        uint256 honestNode = registry.nodeIdsOf(honest[0], 0, 1)[0];
        IHardwareAttestations.OffchainAttestation memory genuine =
            attestation(honest[0], oneLine(SeedDevices.RTX_3090, 1), freshDeviceIds(1));
        bytes memory signature = sign(ATTESTER_PK, genuine);
        uint256 bond = registry.bondFor(24_576);
        vm.prank(ATTACKER);
        vm.expectRevert(
            abi.encodeWithSelector(
                IHardwareAttestations.HardwareAttestationsWrongRecipient.selector, honest[0], ATTACKER
            )
        );
        registry.registerNode{value: bond}(genuine, attester, signature, "");
        // Rewriting the recipient breaks the attester's signature.
        genuine.recipient = ATTACKER;
        vm.prank(ATTACKER);
        vm.expectRevert(abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsBadSignature.selector, attester));
        registry.registerNode{value: bond}(genuine, attester, signature, "");
        assertEq(uint8(statusOf(honestNode)), uint8(IComputeRegistry.NodeStatus.Active));
        assertEq(registry.nodeCountOf(ATTACKER), 0);
    }

    function test_buyQuorum_whatAQuorumCostsWithACooperatingAttester() public {
        // The residual trust: an attester that signs for hardware that does not exist. Even then a quorum is
        // 40 distinct devices' worth of bonds, locked a whole vote ahead (the warm-up), each node open to
        // challenges answered only by another attester, and lapsing the moment governance removes the attester.
        uint256 quorum = governor.quorum(vm.getBlockTimestamp() - 1);
        uint256 cheapest = registry.bondFor(SeedDevices.memoryOf(SeedDevices.RTX_3060_12GB));
        emit log_named_uint("quorum (votes) among 1,000 honest nodes", quorum);
        emit log_named_uint("bond for a quorum with a cooperating attester (wei)", quorum * cheapest);
        emit log_named_uint("warm-up before those votes count (s)", registry.warmup());
        assertEq(cheapest, 0.01 ether + 12 * 0.001 ether);
        assertEq(registry.warmup(), 8 days, "voting delay + voting period");
    }
}
