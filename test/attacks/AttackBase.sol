// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {GovernanceDeployers} from "../utils/GovernanceDeployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @title AttackBase
/// @notice What every attack starts from: honest nodes that vote, and an attacker with as many addresses as it
/// likes. In the governance attacks the attacker's nodes are attested like anyone's: these attacks are about
/// what even a real majority must not be able to do. The attacks on attested hardware (buy a quorum, pump the
/// floor, ...) give the attacker money and no attester.
abstract contract AttackBase is GovernanceDeployers {
    address internal constant ATTACKER = address(0xBAD);
    uint256 internal constant ARMY_SALT = 0xA4A4;
    uint256 internal constant HONEST_SALT = 0x40E57;

    address[] internal army;
    address[] internal honest;

    /// @notice Registers `n` nodes of `skuId` (Pending until `activatePending`), one per fresh address derived
    /// from `salt`, and returns them.
    function enlist(uint256 n, uint16 skuId, uint256 salt) internal returns (address[] memory owners) {
        owners = new address[](n);
        for (uint256 i = 0; i < n; ++i) {
            owners[i] = actor(salt, i);
            registerNode(owners[i], skuId, 1);
        }
    }

    /// @notice The attacker's majority: `n` nodes plus the attacker's own, all voting For.
    function raiseArmy(uint256 n) internal {
        army = enlist(n, SeedDevices.RTX_3060_12GB, ARMY_SALT);
        registerNode(ATTACKER, SeedDevices.RTX_3060_12GB, 1);
        army.push(ATTACKER);
    }

    function voteAll(address[] memory voters, uint256 proposalId, uint8 support) internal {
        for (uint256 i = 0; i < voters.length; ++i) {
            vote(voters[i], proposalId, support);
        }
    }

    /// @notice Proposes as the attacker, the army votes For, queues, and waits out the timelock.
    function passAndQueueByArmy(Proposal memory p) internal returns (uint256 id) {
        id = propose(ATTACKER, p);
        warpToVoting(id);
        voteAll(army, id, 1);
        warpPastDeadline(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded), "the army passed it");
        queue(p);
        warpBy(timelock.getMinDelay());
    }

    /// @notice Everything a captured governance could have moved, to compare before and after.
    function fingerprint() internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                governor.votingDelay(),
                governor.votingPeriod(),
                governor.proposalThreshold(),
                governor.quorumNumerator(),
                governor.lateQuorumVoteExtension(),
                timelock.getMinDelay(),
                keccak256(abi.encode(registry.parameters())),
                challenges.deposit(),
                challenges.window(),
                registry.totalBonded(),
                address(registry).balance,
                classifier.thresholds().maxSmallParams,
                catalog.skuCount()
            )
        );
    }

    // ------------------------------------------------------------ the attacker's own "attestations"

    uint256 internal constant ATTACKER_PK = 0xBADBAD;

    /// @notice What money buys without an attester: an attestation the attacker signs itself, naming itself as
    /// attester, for `devices` it does not have.
    function selfAttested(address recipient, IComputeRegistry.DeviceLine[] memory devices)
        internal
        returns (IHardwareAttestations.OffchainAttestation memory a, bytes memory signature)
    {
        a = attestation(recipient, devices, freshDeviceIds(countOf(devices)));
        signature = sign(ATTACKER_PK, a);
    }

    /// @notice Tries to register `devices` for `owner` with a self-made attestation; returns the revert data.
    function tryRegisterWithoutAttester(address owner, IComputeRegistry.DeviceLine[] memory devices, address claimedAttester)
        internal
        returns (bytes memory revertData)
    {
        (IHardwareAttestations.OffchainAttestation memory a, bytes memory signature) = selfAttested(owner, devices);
        uint256 bond = registry.bondFor(memoryOf(devices));
        vm.deal(owner, owner.balance + bond);
        vm.prank(owner);
        try registry.registerNode{value: bond}(a, claimedAttester, signature, "") {
            revertData = "";
        } catch (bytes memory err) {
            revertData = err;
        }
    }
}

