// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {ComputeGovernor} from "../../contracts/governance/ComputeGovernor.sol";
import {IComputeGovernor} from "../../contracts/interfaces/IComputeGovernor.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {INodeChallenges} from "../../contracts/interfaces/INodeChallenges.sol";
import {INodeVeto} from "../../contracts/interfaces/INodeVeto.sol";
import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {IThresholdBallots} from "../../contracts/interfaces/IThresholdBallots.sol";
import {GovernanceDeployers} from "../utils/GovernanceDeployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice Unit tests for ComputeGovernor: its settings as deployed, and its own additions (the call fence,
/// MAX_ACTIONS, no ETH value, bounded settings and the pipeline, the absolute quorum, open proposals per
/// proposer, compact storage with sequential ids, the vote lock, the execution window, the veto) with every
/// custom error. The attacks these stop are replayed in test/attacks/.
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
        activatePending();
    }

    function voters3() internal pure returns (address[] memory v) {
        v = new address[](3);
        (v[0], v[1], v[2]) = (ALICE, BOB, CAROL);
    }

    /// @dev `n` allowed calls to `target` (a governed setter of it; setThresholds for any other address).
    function actions(uint256 n, address target) internal view returns (Proposal memory p) {
        p.targets = new address[](n);
        p.values = new uint256[](n);
        p.calldatas = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) {
            p.targets[i] = target;
            if (target == address(registry)) {
                p.calldatas[i] = abi.encodeCall(registry.setKeeperFee, (i * 1 gwei));
            } else if (target == address(governor)) {
                p.calldatas[i] = abi.encodeCall(governor.setVotingDelay, (uint48(VOTING_DELAY + i)));
            } else {
                p.calldatas[i] =
                    abi.encodeCall(classifier.setThresholds, (uint64(MAX_SMALL_PARAMS + i), MAX_SMALL_FLOP));
            }
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
        activatePending();
        assertEq(governor.quorum(block.timestamp - 1), 1);
        registerNode(STRANGER, SeedDevices.RTX_3090, 1); // 26 nodes: 1.04 rounds up to 2
        activatePending();
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
        activatePending();
        uint256 at = vm.getBlockTimestamp() - 1;
        assertEq(registry.getPastTotalSupply(at), 50);
        assertEq(governor.quorum(at), 2);
    }

    // ================================================================ the fence

    function test_allowedCalls_areTheGovernedSettersOnly() public view {
        IComputeGovernor.AllowedCall[] memory calls = governor.allowedCalls();
        assertEq(calls.length, 20);
        bytes4[20] memory selectors = [
            IHardwareCatalog.addSku.selector,
            IHardwareCatalog.deprecateSku.selector,
            IComputeRegistry.setBond.selector,
            IComputeRegistry.setKeeperFee.selector,
            IComputeRegistry.setMaxDevicesPerNode.selector,
            IComputeRegistry.setMaxNodeMemoryMiB.selector,
            IComputeRegistry.setUnbondingPeriod.selector,
            IHardwareAttestations.addAttester.selector,
            IHardwareAttestations.removeAttester.selector,
            INodeChallenges.setDeposit.selector,
            INodeChallenges.setWindow.selector,
            IModelClassifier.setThresholds.selector,
            IModelClassifier.setThresholdAuthority.selector,
            IThresholdBallots.setBallotLifetime.selector,
            governor.setVotingDelay.selector,
            governor.setVotingPeriod.selector,
            governor.setProposalThreshold.selector,
            governor.updateQuorumNumerator.selector,
            governor.setLateQuorumVoteExtension.selector,
            TimelockController.updateDelay.selector
        ];
        address[20] memory targets = [
            address(catalog),
            address(catalog),
            address(registry),
            address(registry),
            address(registry),
            address(registry),
            address(registry),
            address(attestations),
            address(attestations),
            address(challenges),
            address(challenges),
            address(classifier),
            address(classifier),
            address(ballots),
            address(governor),
            address(governor),
            address(governor),
            address(governor),
            address(governor),
            address(timelock)
        ];
        for (uint256 i = 0; i < calls.length; ++i) {
            assertEq(calls[i].target, targets[i]);
            assertEq(calls[i].selector, selectors[i]);
            assertTrue(governor.isAllowedCall(targets[i], selectors[i]));
        }
    }

    function test_isAllowedCall_refusesEverythingElse() public view {
        assertFalse(governor.isAllowedCall(address(registry), bytes4(keccak256("transferOwnership(address)"))));
        assertFalse(governor.isAllowedCall(address(registry), registry.bindGovernor.selector));
        assertFalse(governor.isAllowedCall(address(governor), governor.relay.selector));
        assertFalse(governor.isAllowedCall(address(governor), governor.updateTimelock.selector));
        assertFalse(governor.isAllowedCall(address(timelock), timelock.grantRole.selector));
        assertFalse(governor.isAllowedCall(address(timelock), timelock.schedule.selector));
        assertFalse(governor.isAllowedCall(address(classifier), IModelClassifier.setThresholds.selector ^ bytes4(0x00000001)));
        // The right selector on the wrong contract is refused too.
        assertFalse(governor.isAllowedCall(address(registry), IModelClassifier.setThresholds.selector));
        assertFalse(governor.isAllowedCall(ALICE, IModelClassifier.setThresholds.selector));
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
            abi.encodeWithSelector(IComputeGovernor.ComputeGovernorTooManyActions.selector, 11, 10)
        );
    }

    function test_propose_tooManyActionsCheckedBeforeTargets() public {
        expectProposeRevert(
            actions(11, STRANGER),
            abi.encodeWithSelector(IComputeGovernor.ComputeGovernorTooManyActions.selector, 11, 10)
        );
    }

    function test_propose_revertsOnTargetNotAllowed() public {
        Proposal memory p = actions(3, address(classifier));
        p.targets[2] = STRANGER;
        expectProposeRevert(
            p,
            abi.encodeWithSelector(
                IComputeGovernor.ComputeGovernorCallNotAllowed.selector, 2, STRANGER, IModelClassifier.setThresholds.selector
            )
        );
    }

    function test_propose_revertsOnValue() public {
        Proposal memory p = actions(3, address(classifier));
        p.values[1] = 1 wei;
        expectProposeRevert(
            p, abi.encodeWithSelector(IComputeGovernor.ComputeGovernorValueNotAllowed.selector, 1, 1)
        );
    }

    function testFuzz_propose_revertsOnAnyValue(uint256 value, uint8 index) public {
        value = bound(value, 1, type(uint256).max);
        index = uint8(bound(index, 0, 4));
        Proposal memory p = actions(5, address(registry));
        p.values[index] = value;
        expectProposeRevert(
            p, abi.encodeWithSelector(IComputeGovernor.ComputeGovernorValueNotAllowed.selector, index, value)
        );
    }

    function test_propose_revertsOnRelay() public {
        bytes memory data = abi.encodeCall(governor.relay, (STRANGER, 0, ""));
        expectProposeRevert(
            single(address(governor), data, "relay"),
            abi.encodeWithSelector(
                IComputeGovernor.ComputeGovernorCallNotAllowed.selector, 0, address(governor), governor.relay.selector
            )
        );
    }

    function test_propose_revertsOnTimelockRoleChange() public {
        bytes memory data = abi.encodeCall(timelock.grantRole, (PROPOSER_ROLE, ALICE));
        expectProposeRevert(
            single(address(timelock), data, "grant"),
            abi.encodeWithSelector(
                IComputeGovernor.ComputeGovernorCallNotAllowed.selector, 0, address(timelock), timelock.grantRole.selector
            )
        );
        // Calldata shorter than a selector reaches `receive` or a fallback: refused.
        expectProposeRevert(
            single(address(timelock), "", "receive"),
            abi.encodeWithSelector(
                IComputeGovernor.ComputeGovernorCallNotAllowed.selector, 0, address(timelock), bytes4(0)
            )
        );
        bytes memory short = abi.encodePacked(bytes3(TimelockController.updateDelay.selector));
        expectProposeRevert(
            single(address(timelock), short, "three bytes"),
            abi.encodeWithSelector(
                IComputeGovernor.ComputeGovernorCallNotAllowed.selector, 0, address(timelock), bytes4(short)
            )
        );
    }

    function test_propose_acceptsGovernorSettingsAndTimelockDelay() public {
        Proposal memory p = actions(2, address(governor));
        p.calldatas[0] = abi.encodeCall(governor.setVotingDelay, (90));
        p.targets[1] = address(timelock);
        p.calldatas[1] = abi.encodeCall(timelock.updateDelay, (90));
        p.description = "slow down";
        passAndExecute(ALICE, voters3(), p);
        assertEq(governor.votingDelay(), 90);
        assertEq(timelock.getMinDelay(), 90);
    }

    function test_relayAndUpdateTimelock_unreachableEvenForTheExecutor() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IComputeGovernor.ComputeGovernorDisabled.selector, governor.relay.selector)
        );
        governor.relay(STRANGER, 0, "");
        // updateTimelock is onlyGovernance, and no proposal can carry it (the fence): outside an execution
        // the governance-call queue is empty, so even the timelock itself cannot call it.
        vm.expectRevert();
        governor.updateTimelock(TimelockController(payable(STRANGER)));
        vm.stopPrank();
        assertEq(governor.timelock(), address(timelock));
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
        // A registered node gives no vote during its warm-up, and an activated one only from the next second
        // (the threshold is read at clock() - 1).
        uint256 nodeId = registerNode(STRANGER, SeedDevices.RTX_3090, 1);
        vm.prank(STRANGER);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, STRANGER, 0, 1)
        );
        governor.propose(p.targets, p.values, p.calldatas, p.description);
        vm.warp(readyAtOf(nodeId));
        registry.activate(nodeId);
        delete pendingNodes;
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
        assertEq(id, 1, "ids are sequential");
        (IComputeGovernor.ActionSummary[] memory summary, uint256 hash) = governor.proposalActions(id);
        assertEq(summary.length, 1);
        assertEq(summary[0].target, address(classifier));
        assertEq(summary[0].selector, IModelClassifier.setThresholds.selector);
        assertEq(summary[0].calldataLength, p.calldatas[0].length);
        assertEq(hash, governor.hashProposal(p.targets, p.values, p.calldatas, keccak256(bytes(p.description))));
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

    // ================================================================ bounds and the pipeline

    /// @dev Passes and queues `p`, waits out the timelock; the caller then executes (or expects a revert).
    function passQueueAndWait(Proposal memory p) internal returns (uint256 id) {
        id = propose(ALICE, p);
        warpToVoting(id);
        address[] memory v = voters3();
        for (uint256 i = 0; i < v.length; ++i) {
            vote(v[i], id, 1);
        }
        warpPastDeadline(id);
        queue(p);
        warpBy(timelock.getMinDelay());
    }

    function expectSettingRejected(bytes memory data, address target, bytes memory err) internal {
        Proposal memory p = single(target, data, string.concat("setting ", vm.toString(data)));
        uint256 id = passQueueAndWait(p);
        uint256 pipelineBefore = governor.pipelineLength();
        vm.expectRevert(err);
        execute(p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued), "still queued, not executed");
        assertEq(governor.pipelineLength(), pipelineBefore, "nothing changed");
    }

    function _bounds(bytes4 setter, uint256 value, uint256 min, uint256 max) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(
            IComputeGovernor.ComputeGovernorSettingOutOfBounds.selector, setter, value, min, max
        );
    }

    function test_settings_refuseValuesOutsideTheirBounds() public {
        bytes4 delay = governor.setVotingDelay.selector;
        expectSettingRejected(
            abi.encodeCall(governor.setVotingDelay, (uint48(14 days + 1))),
            address(governor),
            _bounds(delay, 14 days + 1, 1, 14 days)
        );
        bytes4 period = governor.setVotingPeriod.selector;
        expectSettingRejected(
            abi.encodeCall(governor.setVotingPeriod, (uint32(30 days + 1))),
            address(governor),
            _bounds(period, 30 days + 1, 1, 30 days)
        );
        bytes4 threshold = governor.setProposalThreshold.selector;
        expectSettingRejected(
            abi.encodeCall(governor.setProposalThreshold, (0)), address(governor), _bounds(threshold, 0, 1, 10)
        );
        expectSettingRejected(
            abi.encodeCall(governor.setProposalThreshold, (11)), address(governor), _bounds(threshold, 11, 1, 10)
        );
        bytes4 quorumSel = governor.updateQuorumNumerator.selector;
        expectSettingRejected(
            abi.encodeCall(governor.updateQuorumNumerator, (1)), address(governor), _bounds(quorumSel, 1, 2, 50)
        );
        expectSettingRejected(
            abi.encodeCall(governor.updateQuorumNumerator, (51)), address(governor), _bounds(quorumSel, 51, 2, 50)
        );
        bytes4 ext = governor.setLateQuorumVoteExtension.selector;
        expectSettingRejected(
            abi.encodeCall(governor.setLateQuorumVoteExtension, (uint48(0))), address(governor), _bounds(ext, 0, 1, 7 days)
        );
        bytes4 updateDelay = TimelockController.updateDelay.selector;
        expectSettingRejected(
            abi.encodeCall(timelock.updateDelay, (0)), address(timelock), _bounds(updateDelay, 0, 1, 30 days)
        );
        expectSettingRejected(
            abi.encodeCall(timelock.updateDelay, (30 days + 1)),
            address(timelock),
            _bounds(updateDelay, 30 days + 1, 1, 30 days)
        );
        assertEq(governor.votingDelay(), VOTING_DELAY);
        assertEq(governor.quorumNumerator(), QUORUM_NUMERATOR);
        assertEq(timelock.getMinDelay(), TIMELOCK_DELAY);
    }

    function test_settings_acceptTheirBoundsExactly() public {
        Proposal memory p = actions(3, address(governor));
        p.calldatas[0] = abi.encodeCall(governor.setProposalThreshold, (10));
        p.calldatas[1] = abi.encodeCall(governor.updateQuorumNumerator, (50));
        p.calldatas[2] = abi.encodeCall(governor.setVotingDelay, (uint48(1)));
        passAndExecute(ALICE, voters3(), p);
        assertEq(governor.proposalThreshold(), 10);
        assertEq(governor.quorumNumerator(), 50);
        assertEq(governor.votingDelay(), 1);
    }

    function test_pipeline_mustFitInsideTheUnbondingPeriod() public {
        // 60 + 300 + 60 + 60 + 60 (challenge window) = 540 of 600 seconds: 61 more seconds of voting do not fit.
        assertEq(governor.pipelineLength(), 540);
        expectSettingRejected(
            abi.encodeCall(governor.setVotingPeriod, (uint32(VOTING_PERIOD + 61))),
            address(governor),
            abi.encodeWithSelector(IComputeGovernor.ComputeGovernorPipelineTooLong.selector, 601, 600)
        );
        // So does a longer challenge window.
        expectSettingRejected(
            abi.encodeCall(challenges.setWindow, (LOCAL_CHALLENGE_WINDOW + 61)),
            address(challenges),
            abi.encodeWithSelector(IComputeGovernor.ComputeGovernorPipelineTooLong.selector, 601, 600)
        );
        // Lowering the unbonding period below the pipeline is refused the same way, though the registry's own
        // bounds (420 seconds to 90 days) would allow it.
        expectSettingRejected(
            abi.encodeCall(registry.setUnbondingPeriod, (539)),
            address(registry),
            abi.encodeWithSelector(IComputeGovernor.ComputeGovernorPipelineTooLong.selector, 540, 539)
        );
        // Both in one proposal, in either order: what counts is the state after the last action.
        Proposal memory p = single(address(registry), abi.encodeCall(registry.setUnbondingPeriod, (1000)), "both");
        p = append(p, address(governor), abi.encodeCall(governor.setVotingPeriod, (uint32(VOTING_PERIOD + 400))));
        passAndExecute(ALICE, voters3(), p);
        assertEq(governor.pipelineLength(), 940);
        assertEq(registry.unbondingPeriod(), 1000);
    }

    function append(Proposal memory p, address target, bytes memory data) internal pure returns (Proposal memory q) {
        uint256 n = p.targets.length;
        q.targets = new address[](n + 1);
        q.values = new uint256[](n + 1);
        q.calldatas = new bytes[](n + 1);
        for (uint256 i = 0; i < n; ++i) {
            (q.targets[i], q.calldatas[i]) = (p.targets[i], p.calldatas[i]);
        }
        (q.targets[n], q.calldatas[n]) = (target, data);
        q.description = string.concat(p.description, " +1");
    }

    function test_constructor_revertsOnInvalidFloorsOrSettings() public {
        IComputeGovernor.Settings memory ok =
            IComputeGovernor.Settings(VOTING_DELAY, VOTING_PERIOD, 1, QUORUM_NUMERATOR, VOTE_EXTENSION);
        IComputeGovernor.Floors memory floors = profile.floors;
        floors.minQuorumVotes = 0;
        vm.expectRevert(IComputeGovernor.ComputeGovernorInvalidFloors.selector);
        _newGovernor(ok, floors);
        floors = profile.floors;
        floors.minVotingDelay = uint48(14 days + 1);
        vm.expectRevert(IComputeGovernor.ComputeGovernorInvalidFloors.selector);
        _newGovernor(ok, floors);
        // A setting below its floor.
        floors = profile.floors;
        floors.minVotingDelay = VOTING_DELAY + 1;
        vm.expectRevert(_bounds(governor.setVotingDelay.selector, VOTING_DELAY, VOTING_DELAY + 1, 14 days));
        _newGovernor(ok, floors);
        // A pipeline longer than the registry's unbonding period.
        IComputeGovernor.Settings memory slow = ok;
        slow.votingPeriod = 1 days;
        vm.expectRevert(
            abi.encodeWithSelector(IComputeGovernor.ComputeGovernorPipelineTooLong.selector, 1 days + 240, 600)
        );
        _newGovernor(slow, profile.floors);
    }

    function _newGovernor(IComputeGovernor.Settings memory settings, IComputeGovernor.Floors memory floors)
        internal
        returns (ComputeGovernor)
    {
        return new ComputeGovernor(
            IComputeRegistry(address(registry)), timelock, IModelClassifier(address(classifier)), settings, floors
        );
    }

    function test_floors_areReported() public view {
        IComputeGovernor.Floors memory f = governor.floors();
        assertEq(f.minVotingDelay, 1);
        assertEq(f.minQuorumVotes, 1);
        assertEq(governor.MAX_VOTING_DELAY(), 14 days);
        assertEq(governor.MAX_VOTING_PERIOD(), 30 days);
        assertEq(governor.MAX_VOTE_EXTENSION(), 7 days);
        assertEq(governor.MAX_TIMELOCK_DELAY(), 30 days);
        assertEq(governor.MIN_QUORUM_NUMERATOR(), 2);
        assertEq(governor.MAX_QUORUM_NUMERATOR(), 50);
        assertEq(governor.MAX_PROPOSAL_THRESHOLD(), 10);
    }

    // ================================================================ open proposals per proposer

    function test_propose_capsOpenProposalsPerProposer() public {
        for (uint256 i = 0; i < 3; ++i) {
            Proposal memory p = actions(1, address(classifier));
            p.description = string.concat("open ", vm.toString(i));
            propose(ALICE, p);
        }
        Proposal memory fourth = actions(1, address(classifier));
        fourth.description = "fourth";
        expectProposeRevert(
            fourth, abi.encodeWithSelector(IComputeGovernor.ComputeGovernorTooManyOpenProposals.selector, ALICE, 3)
        );
        // Another proposer is not affected, and once Alice's votes are over she may propose again.
        propose(BOB, fourth);
        warpPastDeadline(1);
        fourth.description = "fifth";
        propose(ALICE, fourth);
        assertEq(governor.proposalCount(), 5);
    }

    function test_propose_canceledProposalFreesItsSlot() public {
        for (uint256 i = 0; i < 3; ++i) {
            Proposal memory p = actions(1, address(classifier));
            p.description = string.concat("open ", vm.toString(i));
            propose(ALICE, p);
        }
        vm.prank(ALICE);
        governor.cancel(2);
        Proposal memory again = actions(1, address(classifier));
        again.description = "after cancel";
        assertEq(propose(ALICE, again), 4);
    }

    // ================================================================ the vote lock

    function test_voteLockEnd_coversTheLatestProposal() public {
        assertEq(governor.voteLockEnd(), 0, "no proposal yet");
        uint256 id = propose(ALICE, actions(1, address(classifier)));
        uint256 deadline = governor.proposalDeadline(id);
        assertEq(governor.voteLockEnd(), deadline + VOTE_EXTENSION + TIMELOCK_DELAY);
        // A node that exits now unlocks at the later of its unbonding period and the vote lock. With the
        // pipeline inside the unbonding period the unbonding period is the later one; test/attacks/ shows the
        // lock holding when governance shortened both.
        uint256 nodeId = registry.nodeIdsOf(BOB, 0, 1)[0];
        warpToVoting(id);
        vm.prank(BOB);
        registry.exitNode(nodeId);
        assertEq(readyAtOf(nodeId), vm.getBlockTimestamp() + LOCAL_UNBONDING_PERIOD);
        assertGe(readyAtOf(nodeId), governor.voteLockEnd());
    }

    // ================================================================ execution window

    function test_state_queuedProposalExpiresAfterTheExecutionWindow() public {
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL);
        Proposal memory p = setThresholdsProposal(100e9, MAX_SMALL_FLOP, "late");
        uint256 id = passQueueAndWait(p);
        uint256 eta = governor.proposalEta(id);
        vm.warp(eta + 14 days);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued), "last second of the window");
        vm.warp(eta + 14 days + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Expired));
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Expired,
                stateBit(IGovernor.ProposalState.Succeeded) | stateBit(IGovernor.ProposalState.Queued)
            )
        );
        governor.execute(id);
        // Nor can anyone run the timelock operation around the governor: only the governor executes.
        vm.expectRevert();
        timelock.executeBatch(p.targets, p.values, p.calldatas, 0, bytes20(address(governor)) ^ keccak256(bytes(p.description)));
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
    }

    // ================================================================ veto (NodeVeto)

    function test_veto_aThirdOfSnapshotVotesCancelsAQueuedProposal() public {
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL);
        Proposal memory p = setThresholdsProposal(100e9, MAX_SMALL_FLOP, "vetoed");
        uint256 id = propose(ALICE, p);
        warpToVoting(id);
        vote(ALICE, id, 1);
        vote(BOB, id, 1);
        warpPastDeadline(id);
        queue(p);
        assertEq(veto.vetoThreshold(id), 1, "a third of 3 votes");
        assertEq(veto.governor(), address(governor));
        vm.expectEmit(address(veto));
        emit INodeVeto.VetoCast(id, CAROL, 1, 1, 1);
        vm.expectEmit(address(veto));
        emit INodeVeto.ProposalVetoed(id, 1);
        vm.prank(CAROL);
        assertEq(veto.veto(id), 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));
        assertTrue(veto.hasVetoed(id, CAROL));
        assertEq(veto.vetoVotes(id), 1);
        warpBy(TIMELOCK_DELAY);
        vm.expectRevert();
        execute(p);
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
    }

    function test_veto_revertsOutsideItsWindowOrTwiceOrWithoutVotes() public {
        Proposal memory p = actions(1, address(classifier));
        uint256 id = propose(ALICE, p);
        vm.prank(CAROL);
        vm.expectRevert(
            abi.encodeWithSelector(INodeVeto.NodeVetoNotOpen.selector, id, uint8(IGovernor.ProposalState.Pending))
        );
        veto.veto(id);
        warpToVoting(id);
        vote(ALICE, id, 1);
        warpPastDeadline(id);
        // Passed but not queued yet: queue first (anyone may), then veto.
        vm.prank(CAROL);
        vm.expectRevert(
            abi.encodeWithSelector(INodeVeto.NodeVetoNotOpen.selector, id, uint8(IGovernor.ProposalState.Succeeded))
        );
        veto.veto(id);
        queue(p);
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(INodeVeto.NodeVetoNoWeight.selector, id, STRANGER));
        veto.veto(id);
        assertEq(veto.vetoVotes(id), 0);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
    }

    function test_veto_twiceByTheSameVoterIsRefused() public {
        registerMany(6, SeedDevices.RTX_3090, 99); // 9 nodes at the snapshot: a veto needs 3
        activatePending();
        Proposal memory p = actions(1, address(classifier));
        uint256 id = propose(ALICE, p);
        warpToVoting(id);
        vote(ALICE, id, 1);
        vote(BOB, id, 1);
        warpPastDeadline(id);
        queue(p);
        assertEq(veto.vetoThreshold(id), 3);
        vm.prank(CAROL);
        veto.veto(id);
        vm.prank(CAROL);
        vm.expectRevert(abi.encodeWithSelector(INodeVeto.NodeVetoAlreadyVetoed.selector, id, CAROL));
        veto.veto(id);
        assertEq(veto.vetoVotes(id), 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued), "one veto is not a third");
    }
}
