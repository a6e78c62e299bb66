// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IComputeGovernor} from "../../contracts/interfaces/IComputeGovernor.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {INodeChallenges} from "../../contracts/interfaces/INodeChallenges.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "brick governance". Against v1 one passed proposal set the voting delay to 2^48-1
/// (no proposal could ever reach a vote again), or the quorum to 100%, or every setting to its extreme
/// ("13-second governance": proposed, voted and executed before anyone looks). Here, on the public-network
/// profile, a majority passes each of those; every one fails at execution and leaves everything as it was.
contract BrickGovernanceAttack is AttackBase {
    function setUp() public {
        deployGovernanceFixture(publicProfile());
        honest = enlist(20, SeedDevices.RTX_3090, HONEST_SALT);
        raiseArmy(30);
        activatePending();
    }

    function bounds(bytes4 setter, uint256 value, uint256 min, uint256 max) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IComputeGovernor.ComputeGovernorSettingOutOfBounds.selector, setter, value, min, max);
    }

    /// @dev The army passes `p`; its execution must revert with `err` and change nothing.
    function assertBrickFails(Proposal memory p, bytes memory err) internal {
        bytes32 before = fingerprint();
        uint256 id = passAndQueueByArmy(p);
        vm.expectRevert(err);
        execute(p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued), "not executed");
        assertEq(fingerprint(), before, "a setting moved");
    }

    function test_brickGovernance_votingDelayOfForever() public {
        assertBrickFails(
            single(address(governor), abi.encodeCall(governor.setVotingDelay, (type(uint48).max)), "forever"),
            bounds(governor.setVotingDelay.selector, type(uint48).max, 1 hours, 14 days)
        );
    }

    function test_brickGovernance_quorumOfEveryone() public {
        assertBrickFails(
            single(address(governor), abi.encodeCall(governor.updateQuorumNumerator, (100)), "100%"),
            bounds(governor.updateQuorumNumerator.selector, 100, 2, 50)
        );
    }

    function test_brickGovernance_proposalThresholdNobodyHas() public {
        assertBrickFails(
            single(address(governor), abi.encodeCall(governor.setProposalThreshold, (type(uint256).max)), "closed"),
            bounds(governor.setProposalThreshold.selector, type(uint256).max, 1, 10)
        );
    }

    function test_brickGovernance_thirteenSecondGovernance() public {
        Proposal memory p;
        p.targets = new address[](5);
        p.values = new uint256[](5);
        p.calldatas = new bytes[](5);
        (p.targets[0], p.calldatas[0]) = (address(governor), abi.encodeCall(governor.setVotingDelay, (uint48(1))));
        (p.targets[1], p.calldatas[1]) = (address(governor), abi.encodeCall(governor.setVotingPeriod, (uint32(10))));
        (p.targets[2], p.calldatas[2]) =
            (address(governor), abi.encodeCall(governor.setLateQuorumVoteExtension, (uint48(1))));
        (p.targets[3], p.calldatas[3]) = (address(timelock), abi.encodeCall(timelock.updateDelay, (1)));
        (p.targets[4], p.calldatas[4]) = (address(governor), abi.encodeCall(governor.updateQuorumNumerator, (0)));
        p.description = "13-second governance";
        // The first action already hits the floor set at deployment.
        assertBrickFails(p, bounds(governor.setVotingDelay.selector, 1, 1 hours, 14 days));
    }

    function test_brickGovernance_eachFastExtremeAlone() public {
        assertBrickFails(
            single(address(governor), abi.encodeCall(governor.setVotingPeriod, (uint32(10))), "fast vote"),
            bounds(governor.setVotingPeriod.selector, 10, 1 days, 30 days)
        );
        assertBrickFails(
            single(address(timelock), abi.encodeCall(timelock.updateDelay, (0)), "no delay"),
            bounds(TimelockController.updateDelay.selector, 0, 1 days, 30 days)
        );
        assertBrickFails(
            single(address(governor), abi.encodeCall(governor.setLateQuorumVoteExtension, (uint48(0))), "no ext"),
            bounds(governor.setLateQuorumVoteExtension.selector, 0, 1 hours, 7 days)
        );
    }

    function test_brickGovernance_slowestSettingsOutgrowTheUnbondingPeriod() public {
        // Each within its own bounds, together longer than the unbonding period (21 days): bonds could leave
        // before the proposals they weighed in had run. Refused as a whole.
        Proposal memory p;
        p.targets = new address[](3);
        p.values = new uint256[](3);
        p.calldatas = new bytes[](3);
        (p.targets[0], p.calldatas[0]) = (address(governor), abi.encodeCall(governor.setVotingDelay, (uint48(14 days))));
        (p.targets[1], p.calldatas[1]) = (address(governor), abi.encodeCall(governor.setVotingPeriod, (uint32(30 days))));
        (p.targets[2], p.calldatas[2]) = (address(timelock), abi.encodeCall(timelock.updateDelay, (30 days)));
        p.description = "slow it down for good";
        assertBrickFails(
            p,
            abi.encodeWithSelector(
                IComputeGovernor.ComputeGovernorPipelineTooLong.selector,
                14 days + 30 days + 1 days + 30 days + 3 days,
                21 days
            )
        );
    }

    function test_brickGovernance_registryExtremes() public {
        bytes4 sel = IComputeRegistry.ComputeRegistryParameterOutOfBounds.selector;
        assertBrickFails(
            single(address(registry), abi.encodeCall(registry.setBond, (1000 ether, 0)), "price them out"),
            abi.encodeWithSelector(sel, 1000 ether, 0.001 ether, 0.1 ether)
        );
        assertBrickFails(
            single(address(registry), abi.encodeCall(registry.setBond, (0.01 ether, 1 ether)), "per GiB, then"),
            abi.encodeWithSelector(sel, 1 ether, 0, 0.005 ether)
        );
        assertBrickFails(
            single(address(registry), abi.encodeCall(registry.setUnbondingPeriod, (365 days)), "hostage bonds"),
            abi.encodeWithSelector(sel, 365 days, 14 days, 90 days)
        );
        assertBrickFails(
            single(address(challenges), abi.encodeCall(challenges.setWindow, (1)), "no time to answer"),
            abi.encodeWithSelector(INodeChallenges.NodeChallengesParameterOutOfBounds.selector, 1, 1 days, 14 days)
        );
        assertBrickFails(
            single(address(registry), abi.encodeCall(registry.setMaxDevicesPerNode, (1)), "no multi-GPU rigs"),
            abi.encodeWithSelector(sel, 1, 8, 64)
        );
        assertBrickFails(
            single(address(registry), abi.encodeCall(registry.setMaxNodeMemoryMiB, (1)), "no rigs at all"),
            abi.encodeWithSelector(sel, 1, 256 * 1024, 1 << 20)
        );
    }

    function test_brickGovernance_governanceStillWorksAfterTheAttempts() public {
        test_brickGovernance_votingDelayOfForever();
        Proposal memory p = single(address(governor), abi.encodeCall(governor.setVotingDelay, (uint48(2 days))), "ok");
        passAndQueueByArmy(p);
        execute(p);
        assertEq(governor.votingDelay(), 2 days);
    }
}
