// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ComputeGovernor} from "../../contracts/governance/ComputeGovernor.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {GovernanceDeployers} from "../utils/GovernanceDeployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {SettingsHandler} from "./handlers/SettingsHandler.sol";

/// @notice The handler, defined in this root file so that the invariant runner has its artifact.
contract TargetSettingsHandler is SettingsHandler {
    constructor(ComputeGovernor governor_, ComputeRegistry registry_, address proposer_, address[] memory voters_)
        SettingsHandler(governor_, registry_, proposer_, voters_)
    {}
}

/// @notice Whatever sequence of setter proposals a majority passes, every governed value stays within its
/// bounds and the pipeline (voting delay + period + late-quorum extension + timelock delay) fits inside the
/// unbonding period. Strict: the handler's own steps never revert; only executions may be refused.
/// forge-config: default.invariant.fail-on-revert = true
contract SettingsInvariantTest is GovernanceDeployers {
    SettingsHandler internal handler;

    function setUp() public {
        deployGovernanceFixture();
        // A proposer with 10 nodes (the highest proposal threshold), and ten one-node voters beside it: the
        // majority passes whatever quorum (up to 50%) is in force.
        address whale = address(0x3A1E);
        for (uint256 i = 0; i < 10; ++i) {
            registerNode(whale, SeedDevices.RTX_3090, 1);
        }
        address[] memory voters = new address[](11);
        voters[0] = whale;
        for (uint256 i = 1; i < voters.length; ++i) {
            voters[i] = actor(0x5E77, i);
            registerNode(voters[i], SeedDevices.RTX_4090, 1);
        }
        activatePending();
        handler = new TargetSettingsHandler(governor, registry, whale, voters);
        targetContract(address(handler));
    }

    function invariant_everyGovernedValueWithinItsBounds() public view {
        _within(governor.votingDelay(), governor.floors().minVotingDelay, governor.MAX_VOTING_DELAY(), "voting delay");
        _within(
            governor.votingPeriod(), governor.floors().minVotingPeriod, governor.MAX_VOTING_PERIOD(), "voting period"
        );
        _within(
            governor.lateQuorumVoteExtension(),
            governor.floors().minVoteExtension,
            governor.MAX_VOTE_EXTENSION(),
            "extension"
        );
        _within(
            timelock.getMinDelay(), governor.floors().minTimelockDelay, governor.MAX_TIMELOCK_DELAY(), "timelock delay"
        );
        _within(
            governor.proposalThreshold(),
            governor.MIN_PROPOSAL_THRESHOLD(),
            governor.MAX_PROPOSAL_THRESHOLD(),
            "proposal threshold"
        );
        _within(
            governor.quorumNumerator(), governor.MIN_QUORUM_NUMERATOR(), governor.MAX_QUORUM_NUMERATOR(), "quorum"
        );
        IComputeRegistry.Params memory params = registry.parameters();
        _within(params.bondBase, registry.MIN_BOND_BASE(), registry.MAX_BOND_BASE(), "bond base");
        _within(params.bondPerGiB, 0, registry.MAX_BOND_PER_GIB(), "bond per GiB");
        _within(params.keeperFee, 0, registry.MAX_KEEPER_FEE(), "keeper fee");
        _within(challenges.window(), challenges.minWindow(), challenges.MAX_WINDOW(), "challenge window");
        _within(params.maxDevicesPerNode, registry.MIN_DEVICES_LIMIT(), registry.MAX_DEVICES_LIMIT(), "devices");
        _within(
            params.maxNodeMemoryMiB,
            registry.MIN_NODE_MEMORY_LIMIT_MIB(),
            registry.MAX_NODE_MEMORY_LIMIT_MIB(),
            "memory cap"
        );
        _within(
            registry.unbondingPeriod(), registry.config().minUnbondingPeriod, registry.MAX_UNBONDING_PERIOD(), "unbonding"
        );
    }

    function invariant_pipelineFitsInsideTheUnbondingPeriod() public view {
        uint256 pipeline = governor.votingDelay() + governor.votingPeriod() + governor.lateQuorumVoteExtension()
            + timelock.getMinDelay() + challenges.window();
        assertEq(governor.pipelineLength(), pipeline);
        assertLe(pipeline, registry.unbondingPeriod(), "pipeline longer than the unbonding period");
    }

    function invariant_everyProposalEitherExecutedOrWasRefused() public view {
        assertEq(handler.ghostExecuted() + handler.ghostRefused(), handler.ghostProposals());
    }

    function _within(uint256 value, uint256 min, uint256 max, string memory what) internal pure {
        assertGe(value, min, what);
        assertLe(value, max, what);
    }
}
