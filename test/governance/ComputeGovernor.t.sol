// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {ComputeGovernor} from "../../contracts/governance/ComputeGovernor.sol";
import {GovernanceDeployers} from "../utils/GovernanceDeployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice Unit tests for ComputeGovernor: its settings as deployed, and its own additions (allowlist,
/// MAX_ACTIONS, no ETH value, call restrictions, isAllowedTarget) with every custom error.
contract ComputeGovernorTest is GovernanceDeployers {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA201);
    address internal constant STRANGER = address(0xBEEF);

    function setUp() public {
        deployGovernanceFixture();
        registerNode(ALICE, SeedDevices.RTX_3090, 1);
        registerNode(BOB, SeedDevices.RTX_4090, 1);
        registerNode(CAROL, SeedDevices.M4_PRO_64GB, 1);
        warpBy(1);
    }

    function voters3() internal pure returns (address[] memory v) {
        v = new address[](3);
        (v[0], v[1], v[2]) = (ALICE, BOB, CAROL);
    }

    function actions(uint256 n, address target) internal view returns (Proposal memory p) {
        p.targets = new address[](n);
        p.values = new uint256[](n);
        p.calldatas = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) {
            p.targets[i] = target;
            p.calldatas[i] = abi.encodeCall(classifier.thresholds, ());
        }
        p.description = string.concat("batch of ", vm.toString(n));
    }

    function expectProposeRevert(Proposal memory p, bytes memory err) internal {
        uint256 countBefore = governor.proposalCount();
        vm.prank(ALICE);
        vm.expectRevert(err);
        governor.propose(p.targets, p.values, p.calldatas, p.description);
        assertEq(governor.proposalCount(), countBefore, "no proposal stored");
    }

    // ================================================================ quorum

    function test_quorum_roundsUpAndIsNeverZero() public {
        uint256 t = block.timestamp - 1; // three nodes: 4% of 3 is 0.12
        assertEq(governor.quorum(t), 1, "a fraction of a vote rounds up to one");
        assertEq(governor.quorum(DEPLOY_TIME - 1), 1, "no votes at all: still one");
        registerMany(22, SeedDevices.RTX_3090, 7); // 25 nodes: exactly 1
        warpBy(1);
        assertEq(governor.quorum(block.timestamp - 1), 1);
        registerNode(STRANGER, SeedDevices.RTX_3090, 1); // 26 nodes: 1.04 rounds up to 2
        warpBy(1);
        assertEq(governor.quorum(block.timestamp - 1), 2);
    }

    function test_quorum_proposalWithoutVotesIsDefeated() public {
        uint256 id = propose(ALICE, setThresholdsProposal(80e9, 1e25, "nobody votes"));
        warpPastDeadline(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
    }

    // ================================================================ settings as deployed

    function test_constructor_settings() public view {
        assertEq(governor.name(), "ComputeGovernor");
        assertEq(governor.version(), "1");
        assertEq(governor.votingDelay(), VOTING_DELAY);
        assertEq(governor.votingPeriod(), VOTING_PERIOD);
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD);
        assertEq(governor.quorumNumerator(), QUORUM_NUMERATOR);
        assertEq(governor.quorumDenominator(), 100);
        assertEq(governor.lateQuorumVoteExtension(), VOTE_EXTENSION);
        assertEq(governor.timelock(), address(timelock));
        assertEq(address(governor.token()), address(registry));
        assertEq(governor.MAX_ACTIONS(), 10);
        assertEq(governor.COUNTING_MODE(), "support=bravo&quorum=for,abstain");
        assertTrue(governor.proposalNeedsQueuing(0));
        assertEq(governor.proposalCount(), 0);
    }

    function test_clock_matchesRegistry() public view {
        assertEq(governor.clock(), registry.clock());
        assertEq(governor.clock(), classifier.clock());
        assertEq(governor.CLOCK_MODE(), registry.CLOCK_MODE());
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
    }

    function test_quorum_isFourPercentOfSnapshotSupply() public {
        registerMany(47, SeedDevices.RTX_3060_12GB, 1);
        uint256 at = vm.getBlockTimestamp();
        warpBy(1);
        assertEq(registry.getPastTotalSupply(at), 50);
        assertEq(governor.quorum(at), 2);
    }

    // ================================================================ isAllowedTarget

    function test_isAllowedTarget_systemContractsOnly() public view {
        assertTrue(governor.isAllowedTarget(address(catalog)));
        assertTrue(governor.isAllowedTarget(address(registry)));
        assertTrue(governor.isAllowedTarget(address(classifier)));
        assertTrue(governor.isAllowedTarget(address(governor)));
        assertTrue(governor.isAllowedTarget(address(timelock)));
        assertFalse(governor.isAllowedTarget(address(0)));
        assertFalse(governor.isAllowedTarget(address(this)));
        assertFalse(governor.isAllowedTarget(ALICE));
    }

    function testFuzz_isAllowedTarget(address target) public view {
        bool system = target == address(catalog) || target == address(registry) || target == address(classifier)
            || target == address(governor) || target == address(timelock);
        assertEq(governor.isAllowedTarget(target), system);
    }

    // ================================================================ propose: own rules

    function test_propose_acceptsMaxActions() public {
        Proposal memory p = actions(10, address(classifier));
        uint256 id = propose(ALICE, p);
        assertEq(id, idOf(p));
        assertEq(governor.proposalCount(), 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Pending));
    }

    function test_propose_revertsOnTooManyActions() public {
        expectProposeRevert(
            actions(11, address(classifier)),
            abi.encodeWithSelector(ComputeGovernor.ComputeGovernorTooManyActions.selector, 11, 10)
        );
    }

    function test_propose_tooManyActionsCheckedBeforeTargets() public {
        expectProposeRevert(
            actions(11, STRANGER),
            abi.encodeWithSelector(ComputeGovernor.ComputeGovernorTooManyActions.selector, 11, 10)
        );
    }

    function test_propose_revertsOnTargetNotAllowed() public {
        Proposal memory p = actions(3, address(classifier));
        p.targets[2] = STRANGER;
        expectProposeRevert(
            p, abi.encodeWithSelector(ComputeGovernor.ComputeGovernorTargetNotAllowed.selector, STRANGER)
        );
    }

    function test_propose_revertsOnValue() public {
        Proposal memory p = actions(3, address(classifier));
        p.values[1] = 1 wei;
        expectProposeRevert(
            p, abi.encodeWithSelector(ComputeGovernor.ComputeGovernorValueNotAllowed.selector, 1, 1)
        );
    }

    function testFuzz_propose_revertsOnAnyValue(uint256 value, uint8 index) public {
        value = bound(value, 1, type(uint256).max);
        index = uint8(bound(index, 0, 4));
        Proposal memory p = actions(5, address(registry));
        p.values[index] = value;
        expectProposeRevert(
            p, abi.encodeWithSelector(ComputeGovernor.ComputeGovernorValueNotAllowed.selector, index, value)
        );
    }

    function test_propose_revertsOnRelay() public {
        bytes memory data = abi.encodeCall(governor.relay, (STRANGER, 0, ""));
        expectProposeRevert(
            single(address(governor), data, "relay"),
            abi.encodeWithSelector(
                ComputeGovernor.ComputeGovernorCallNotAllowed.selector, address(governor), governor.relay.selector
            )
        );
    }

    function test_propose_revertsOnTimelockRoleChange() public {
        bytes memory data = abi.encodeCall(timelock.grantRole, (PROPOSER_ROLE, ALICE));
        expectProposeRevert(
            single(address(timelock), data, "grant"),
            abi.encodeWithSelector(
                ComputeGovernor.ComputeGovernorCallNotAllowed.selector, address(timelock), timelock.grantRole.selector
            )
        );
        // Short calldata counts as the zero selector.
        expectProposeRevert(
            single(address(timelock), "", "receive"),
            abi.encodeWithSelector(ComputeGovernor.ComputeGovernorCallNotAllowed.selector, address(timelock), bytes4(0))
        );
    }

    function test_propose_acceptsGovernorSettingsAndTimelockDelay() public {
        Proposal memory p = actions(2, address(governor));
        p.calldatas[0] = abi.encodeCall(governor.setVotingDelay, (120));
        p.targets[1] = address(timelock);
        p.calldatas[1] = abi.encodeCall(timelock.updateDelay, (120));
        p.description = "slow down";
        passAndExecute(ALICE, voters3(), p);
        assertEq(governor.votingDelay(), 120);
        assertEq(timelock.getMinDelay(), 120);
    }

    function test_relay_disabledEvenForTheExecutor() public {
        vm.prank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(
                ComputeGovernor.ComputeGovernorCallNotAllowed.selector, address(governor), governor.relay.selector
            )
        );
        governor.relay(STRANGER, 0, "");
    }

    // ================================================================ propose: inherited rules

    function test_propose_revertsOnLengthMismatch() public {
        Proposal memory p = actions(1, address(classifier));
        p.calldatas = new bytes[](0);
        expectProposeRevert(
            p, abi.encodeWithSelector(IGovernor.GovernorInvalidProposalLength.selector, 1, 0, 1)
        );
        expectProposeRevert(
            actions(0, address(classifier)),
            abi.encodeWithSelector(IGovernor.GovernorInvalidProposalLength.selector, 0, 0, 0)
        );
    }

    function test_propose_revertsBelowProposalThreshold() public {
        Proposal memory p = actions(1, address(classifier));
        vm.prank(STRANGER);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, STRANGER, 0, 1)
        );
        governor.propose(p.targets, p.values, p.calldatas, p.description);
        // A node registered this very second does not count yet (threshold is read at clock() - 1).
        registerNode(STRANGER, SeedDevices.RTX_3090, 1);
        vm.prank(STRANGER);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, STRANGER, 0, 1)
        );
        governor.propose(p.targets, p.values, p.calldatas, p.description);
        warpBy(1);
        propose(STRANGER, p);
    }

    function test_propose_revertsOnDuplicate() public {
        Proposal memory p = actions(1, address(classifier));
        uint256 id = propose(ALICE, p);
        vm.prank(BOB);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector, id, IGovernor.ProposalState.Pending, bytes32(0)
            )
        );
        governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function test_settings_onlyGovernance() public {
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, ALICE));
        governor.setVotingDelay(1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, address(this)));
        governor.updateQuorumNumerator(1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, address(this)));
        governor.setLateQuorumVoteExtension(0);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, address(this)));
        governor.updateTimelock(TimelockController(payable(STRANGER)));
        assertEq(governor.votingDelay(), VOTING_DELAY);
        assertEq(governor.quorumNumerator(), QUORUM_NUMERATOR);
    }

    // ================================================================ storage, cancel, late quorum

    function test_proposalDetails_andIdBasedQueueExecute() public {
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL);
        Proposal memory p = setThresholdsProposal(100e9, MAX_SMALL_FLOP, "100B");
        uint256 id = propose(ALICE, p);
        (address[] memory t, uint256[] memory v, bytes[] memory c, bytes32 h) = governor.proposalDetails(id);
        assertEq(t[0], address(classifier));
        assertEq(v[0], 0);
        assertEq(c[0], p.calldatas[0]);
        assertEq(h, keccak256(bytes(p.description)));
        (uint256 idAt,,,,) = governor.proposalDetailsAt(0);
        assertEq(idAt, id);
        assertEq(governor.proposalProposer(id), ALICE);
        assertEq(governor.proposalSnapshot(id), vm.getBlockTimestamp() + VOTING_DELAY);
        assertEq(governor.proposalDeadline(id), vm.getBlockTimestamp() + VOTING_DELAY + VOTING_PERIOD);

        warpToVoting(id);
        vote(ALICE, id, 1);
        warpPastDeadline(id);
        governor.queue(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
        assertEq(governor.proposalEta(id), vm.getBlockTimestamp() + TIMELOCK_DELAY);
        warpBy(TIMELOCK_DELAY);
        governor.execute(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
        assertEq(classifier.thresholds().maxSmallParams, 100e9);
    }

    function test_cancel_byProposerOnlyWhilePending() public {
        Proposal memory p = actions(1, address(classifier));
        uint256 id = propose(ALICE, p);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, BOB));
        governor.cancel(id);
        vm.prank(ALICE);
        governor.cancel(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));

        p.description = "second";
        id = propose(ALICE, p);
        warpToVoting(id);
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, ALICE));
        governor.cancel(id);
    }

    function test_lateQuorum_extendsDeadline() public {
        Proposal memory p = actions(1, address(classifier));
        uint256 id = propose(ALICE, p);
        uint256 deadline = governor.proposalDeadline(id);
        vm.warp(deadline); // last second of the vote
        vote(ALICE, id, 1);
        assertEq(governor.proposalDeadline(id), deadline + VOTE_EXTENSION);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Active));
        vote(BOB, id, 0); // still inside the extension
        (uint256 against, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(against, 1);
        assertEq(forVotes, 1);
    }

    function test_castVoteWithReason_countsAndStates() public {
        Proposal memory p = actions(1, address(classifier));
        uint256 id = propose(ALICE, p);
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Pending,
                stateBit(IGovernor.ProposalState.Active)
            )
        );
        governor.castVote(id, 1);
        warpToVoting(id);
        vm.prank(ALICE);
        assertEq(governor.castVoteWithReason(id, 1, "yes"), 1);
        vote(BOB, id, 0);
        vote(CAROL, id, 2);
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidVoteType.selector));
        governor.castVote(id, 3);
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        assertEq(against + forVotes + abstain, 3);
        warpPastDeadline(id);
        // 1 for vs 1 against: not a majority.
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
    }
}
