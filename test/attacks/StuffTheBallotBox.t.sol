// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {IThresholdBallots} from "../../contracts/interfaces/IThresholdBallots.sol";
import {BallotsBase} from "../ballots/BallotsBase.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @dev Registers an attested node and casts its ballot in the same transaction.
contract RegisterAndCast {
    function run(
        IComputeRegistry registry,
        IThresholdBallots ballots,
        IHardwareAttestations.OffchainAttestation calldata a,
        address attester,
        bytes calldata signature,
        uint64 params,
        uint128 flop
    ) external payable returns (bool counted) {
        uint256 nodeId = registry.registerNode{value: msg.value}(a, attester, signature, "");
        try registry.activate(nodeId) {} catch {}
        try ballots.castBallot(nodeId, params, flop) {
            counted = true;
        } catch {}
    }
}

/// @notice Stuff the ballot box: an attacker with money (and even attestations) registers many nodes and casts
/// their ballots at once, to drag the line before anyone can react. A naive ballot box that counted every
/// registered node would take the median of the stuffed ballots the moment they landed; here a ballot counts
/// only from an Active node (attested, warmed up for a voting delay + period, not lapsed), and money without
/// an attester registers nothing at all.
contract StuffTheBallotBoxAttack is BallotsBase {
    function setUp() public {
        setUpBallots(20);
        handToBallots(true);
        castMany(20, MAX_SMALL_PARAMS, MAX_SMALL_FLOP); // the honest nodes are content with the line
    }

    function test_stuffTheBallotBox_justRegisteredNodesCannotCast() public {
        // Forty attested rigs registered this block: all Pending, none may cast.
        uint64 minParams = uint64(ballots.MIN_PARAMS());
        uint128 minFlop = uint128(ballots.MIN_FLOP());
        for (uint256 i = 0; i < 40; ++i) {
            address owner = actor(0x57F, i);
            uint256 id = registerPending(owner, oneLine(SeedDevices.RTX_3060_12GB, 1));
            vm.prank(owner);
            vm.expectRevert(abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsNodeNotCounted.selector, id));
            ballots.castBallot(id, minParams, minFlop);
        }
        assertEq(ballots.ballotCount(), 20);
        (uint64 p, ) = settleNow();
        assertEq(p, MAX_SMALL_PARAMS, "the line stays where the counted nodes want it");
    }

    function test_stuffTheBallotBox_registerActivateAndCastInOneTransaction() public {
        RegisterAndCast stuffer = new RegisterAndCast();
        IComputeRegistry.DeviceLine[] memory rig = oneLine(SeedDevices.RTX_3060_12GB, 1);
        for (uint256 i = 0; i < 10; ++i) {
            IHardwareAttestations.OffchainAttestation memory a = attestation(address(stuffer), rig, freshDeviceIds(1));
            uint256 bond = registry.bondFor(memoryOf(rig));
            vm.deal(address(this), bond);
            bool counted = stuffer.run{value: bond}(
                registry,
                ballots,
                a,
                attester,
                sign(ATTESTER_PK, a),
                uint64(ballots.MIN_PARAMS()),
                uint128(ballots.MIN_FLOP())
            );
            assertFalse(counted, "a node counted before its warm-up");
        }
        assertEq(ballots.ballotCount(), 20);
    }

    function test_stuffTheBallotBox_moneyWithoutAnAttesterRegistersNothing() public {
        address owner = actor(0x57F, 999);
        IComputeRegistry.DeviceLine[] memory rig = oneLine(SeedDevices.RTX_3060_12GB, 1);
        IHardwareAttestations.OffchainAttestation memory a = attestation(owner, rig, freshDeviceIds(1));
        uint256 bond = registry.bondFor(memoryOf(rig));
        vm.deal(owner, bond);
        bytes memory forged = sign(0xBADBAD, a); // signed by a key no attester holds
        vm.prank(owner);
        vm.expectRevert(
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsBadSignature.selector, attester)
        );
        registry.registerNode{value: bond}(a, attester, forged, "");
    }
}
