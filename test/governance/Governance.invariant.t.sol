// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ComputeGovernor} from "../../contracts/governance/ComputeGovernor.sol";
import {ComputeRegistry} from "../../contracts/registry/ComputeRegistry.sol";
import {GovernanceDeployers} from "../utils/GovernanceDeployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {GovernanceHandler} from "./handlers/GovernanceHandler.sol";

/// @notice The handler, defined in this root file so that the invariant runner has its artifact.
contract TargetGovernanceHandler is GovernanceHandler {
    constructor(ComputeRegistry registry_, ComputeGovernor governor_, address classifier_, uint256 attesterKey)
        GovernanceHandler(registry_, governor_, classifier_, attesterKey)
    {}
}

/// @notice Governance invariants (THREATS.md 4.2 G1, G6) under random registrations, exits, proposals and votes.
/// forge-config: default.invariant.fail-on-revert = true
contract GovernanceInvariantTest is GovernanceDeployers {
    GovernanceHandler internal handler;

    function setUp() public {
        deployGovernanceFixture();
        handler = new TargetGovernanceHandler(registry, governor, address(classifier), ATTESTER_PK);
        // Start with a few voters who may propose at once.
        address[] memory a = handler.actors();
        for (uint256 i = 0; i < 4; ++i) {
            registerNode(a[i], SeedDevices.RTX_3090, 1);
        }
        activatePending();
        targetContract(address(handler));
    }

    /// @notice G6: votes on a proposal never exceed the voting supply at its snapshot, and equal the weights
    /// the ghost saw returned.
    function invariant_votesNeverExceedSnapshotSupply() public view {
        uint256 n = handler.proposalCount();
        uint256 now_ = vm.getBlockTimestamp();
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = handler.proposalIds(i);
            (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
            uint256 total = against + forVotes + abstain;
            assertEq(total, handler.ghostWeight(id), "tally equals ghost weights");
            uint256 snapshot = governor.proposalSnapshot(id);
            if (snapshot < now_) {
                assertLe(total, registry.getPastTotalSupply(snapshot), "votes <= supply at snapshot");
            } else {
                assertEq(total, 0, "no votes before the snapshot");
            }
        }
    }

    /// @notice G6: nobody votes twice on a proposal.
    function invariant_eachVoterVotesOnce() public view {
        assertEq(handler.ghostDoubleVotes(), 0);
        address[] memory a = handler.actors();
        uint256 n = handler.proposalCount();
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = handler.proposalIds(i);
            for (uint256 j = 0; j < a.length; ++j) {
                uint256 cast = handler.ghostVotesCast(id, a[j]);
                assertLe(cast, 1, "at most one vote");
                assertEq(governor.hasVoted(id, a[j]), cast == 1, "hasVoted matches ghost");
            }
        }
    }

    /// @notice G1: one clock for governor, votes source and classifier.
    function invariant_clocksAgree() public view {
        assertEq(governor.clock(), registry.clock());
        assertEq(governor.clock(), classifier.clock());
        assertEq(governor.clock(), vm.getBlockTimestamp());
    }
}
