// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {FixedAdmin} from "../../contracts/access/FixedAdmin.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {ComputeGovernor} from "../../contracts/governance/ComputeGovernor.sol";
import {IComputeGovernor} from "../../contracts/interfaces/IComputeGovernor.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {GovernanceDeployers} from "../utils/GovernanceDeployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice Attacks on governance, each a test that fails if its defence is removed, and regression tests named
/// after real incidents (THREATS.md 1.1–1.4, 1.8, 1.9, 1.11, 1.13).
contract AttacksTest is GovernanceDeployers {
    uint256 internal constant ALICE_PK = 0xA11CE;
    uint256 internal constant BOB_PK = 0xB0B;
    address internal alice;
    address internal bob;
    address internal constant CAROL = address(0xCA201);
    address internal constant EVE = address(0xE7E);
    address internal constant RELAYER = address(0x5E1A7);

    bytes32 internal constant BALLOT_TYPEHASH =
        keccak256("Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)");
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    function setUp() public {
        deployGovernanceFixture();
        alice = vm.addr(ALICE_PK);
        bob = vm.addr(BOB_PK);
        registerNode(alice, SeedDevices.RTX_3090, 1);
        registerNode(bob, SeedDevices.RTX_4090, 1);
        registerNode(CAROL, SeedDevices.RX_7900_XTX, 1);
        activatePending();
    }

    function voters() internal view returns (address[] memory v) {
        v = new address[](3);
        (v[0], v[1], v[2]) = (alice, bob, CAROL);
    }

    function forVotesOf(uint256 id) internal view returns (uint256 forVotes) {
        (, forVotes,) = governor.proposalVotes(id);
    }

    function assertState(uint256 id, IGovernor.ProposalState want) internal view {
        assertEq(uint256(governor.state(id)), uint256(want), "proposal state");
    }

    function ballotDigest(uint256 proposalId, uint8 support, address voter, uint256 nonce)
        internal
        view
        returns (bytes32)
    {
        (, string memory name, string memory version, uint256 chainId, address verifying,,) = governor.eip712Domain();
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(name)), keccak256(bytes(version)), chainId, verifying)
        );
        bytes32 structHash = keccak256(abi.encode(BALLOT_TYPEHASH, proposalId, support, voter, nonce));
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function signBallot(uint256 pk, uint256 proposalId, uint8 support) internal view returns (bytes memory) {
        address voter = vm.addr(pk);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, ballotDigest(proposalId, support, voter, governor.nonces(voter)));
        return abi.encodePacked(r, s, v);
    }

    /// @dev Proposes, passes and queues; returns with the clock at the ETA minus one second.
    function passAndQueue(Proposal memory p) internal returns (uint256 id) {
        id = propose(alice, p);
        warpToVoting(id);
        address[] memory v = voters();
        for (uint256 i = 0; i < v.length; ++i) {
            vote(v[i], id, 1);
        }
        warpPastDeadline(id);
        queue(p);
    }

    // ================================================================ snapshots (1.1, I6)

    function test_snapshot_nodeRegisteredAfterSnapshotHasNoVote() public {
        uint256 id = propose(alice, setThresholdsProposal(120e9, MAX_SMALL_FLOP, "raise"));
        warpToVoting(id);
        uint256 eveNode = registerNode(EVE, SeedDevices.RTX_5090, 1);
        assertEq(registry.getVotes(EVE), 0, "Eve's node is warming up: no vote at all yet");
        assertEq(vote(EVE, id, 1), 0, "nor in this proposal");
        // Once warmed up (a voting delay plus period later) Eve votes, but this proposal's snapshot is long past.
        vm.warp(readyAtOf(eveNode));
        registry.activate(eveNode);
        assertEq(registry.getVotes(EVE), 1);
        assertEq(forVotesOf(id), 0);
        assertTrue(governor.hasVoted(id, EVE));
    }

    function test_beanstalk2022_flashRegistrationInProposalBlockHasNoVote() public {
        Proposal memory p = setThresholdsProposal(120e9, MAX_SMALL_FLOP, "BIP-18");
        uint256 id = propose(alice, p);
        uint256 snapshot = governor.proposalSnapshot(id);

        // Registered in the snapshot second itself: no weight (v1 counted it; the warm-up is a whole vote long).
        vm.warp(snapshot);
        registerNode(CAROL, SeedDevices.RTX_3090, 1);
        // Registered one second after the snapshot, voted and exited in the same block: weight 0.
        vm.warp(snapshot + 1);
        uint256 flashNode = registerNode(EVE, SeedDevices.M2_ULTRA_192GB, 1);
        assertEq(vote(EVE, id, 1), 0, "flash registration has no weight");
        vm.prank(EVE);
        registry.exitNode(flashNode);
        assertEq(vote(CAROL, id, 1), 1, "only Carol's warmed-up node counts");
        assertEq(forVotesOf(id), 1);
        assertEq(registry.getPastVotes(EVE, snapshot), 0);
        assertEq(registry.getPastTotalSupply(snapshot), 3);

        // And no way around the timelock: execute right after Succeeded reverts.
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL);
        assertState(id, IGovernor.ProposalState.Succeeded);
        bytes32 opId = timelock.hashOperationBatch(
            p.targets, p.values, p.calldatas, 0, bytes20(address(governor)) ^ keccak256(bytes(p.description))
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                opId,
                bytes32(1 << uint8(TimelockController.OperationState.Ready))
            )
        );
        execute(p);
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
    }

    function test_exitDuringVoting_keepsOnlySnapshotVote() public {
        uint256 nodeId = registry.nodeIdsOf(alice, 0, 1)[0];
        uint256 id = propose(alice, setThresholdsProposal(120e9, MAX_SMALL_FLOP, "raise"));
        warpToVoting(id);
        vm.prank(alice);
        registry.exitNode(nodeId);
        assertEq(registry.getVotes(alice), 0, "no vote now");
        assertEq(vote(alice, id, 1), 1, "snapshot vote still counts, once");
        assertEq(forVotesOf(id), 1);
        // Re-registering gives no vote during the warm-up, and no second vote in this proposal ever.
        registerNode(alice, SeedDevices.RTX_3090, 1);
        assertEq(registry.getVotes(alice), 0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, alice));
        governor.castVote(id, 1);
        // The bond cannot leave before the vote is over (unbonding > delay + period).
        assertGt(readyAtOf(nodeId), governor.proposalDeadline(id) + VOTE_EXTENSION);
    }

    // ================================================================ double voting and signatures (1.11)

    function test_castVote_revertsWhenVotingTwice() public {
        uint256 id = propose(alice, setThresholdsProposal(120e9, MAX_SMALL_FLOP, "raise"));
        warpToVoting(id);
        vote(bob, id, 0);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, bob));
        governor.castVote(id, 1);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, bob));
        governor.castVoteWithReason(id, 1, "changed my mind");
        (uint256 against, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(against, 1);
        assertEq(forVotes, 0);
    }

    function test_castVoteBySig_revertsOnReplay() public {
        uint256 id = propose(alice, setThresholdsProposal(120e9, MAX_SMALL_FLOP, "raise"));
        warpToVoting(id);
        bytes memory sig = signBallot(ALICE_PK, id, 1);
        vm.prank(RELAYER);
        assertEq(governor.castVoteBySig(id, 1, alice, sig), 1);
        assertEq(governor.nonces(alice), 1);
        assertTrue(governor.hasVoted(id, alice));

        // Same signature again: the nonce moved on, so it no longer verifies.
        vm.prank(RELAYER);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, alice));
        governor.castVoteBySig(id, 1, alice, sig);
        assertEq(forVotesOf(id), 1);
        assertEq(governor.nonces(alice), 1);
    }

    function test_castVoteBySig_revertsForOtherVoterOrSupport() public {
        uint256 id = propose(alice, setThresholdsProposal(120e9, MAX_SMALL_FLOP, "raise"));
        warpToVoting(id);
        bytes memory sig = signBallot(ALICE_PK, id, 1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(id, 1, bob, sig);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, alice));
        governor.castVoteBySig(id, 0, alice, sig);
        _assertOtherDomainRefused(id);
        _assertHighSRefused(id);
        assertEq(forVotesOf(id), 0);
        // The genuine one still works.
        governor.castVoteBySig(id, 1, alice, sig);
        assertEq(forVotesOf(id), 1);
    }

    /// @dev A signature for another governor (another verifying contract) does not verify here.
    function _assertOtherDomainRefused(uint256 id) internal {
        ComputeGovernor other = new ComputeGovernor(
            IComputeRegistry(address(registry)),
            timelock,
            IModelClassifier(address(classifier)),
            IComputeGovernor.Settings(VOTING_DELAY, VOTING_PERIOD, 1, QUORUM_NUMERATOR, VOTE_EXTENSION),
            profile.floors
        );
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("ComputeGovernor"), keccak256("1"), block.chainid, address(other))
        );
        bytes32 structHash = keccak256(abi.encode(BALLOT_TYPEHASH, id, uint8(1), alice, uint256(0)));
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(ALICE_PK, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, alice));
        governor.castVoteBySig(id, 1, alice, abi.encodePacked(r, s, v));
    }

    /// @dev The high-s twin of a valid signature is refused (malleability).
    function _assertHighSRefused(uint256 id) internal {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ALICE_PK, ballotDigest(id, 1, alice, governor.nonces(alice)));
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        bytes memory twin = abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, alice));
        governor.castVoteBySig(id, 1, alice, twin);
    }

    // ================================================================ timelock path (1.1, 1.8)

    function testFuzz_setThresholds_onlyTimelock(address caller) public {
        vm.assume(caller != address(timelock));
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL);
        vm.prank(caller);
        vm.expectRevert(
            abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, caller, address(timelock))
        );
        classifier.setThresholds(120e9, MAX_SMALL_FLOP);
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
    }

    function test_execute_revertsRightAfterSucceededWithoutQueue() public {
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL);
        Proposal memory p = setThresholdsProposal(120e9, MAX_SMALL_FLOP, "no queue");
        uint256 id = propose(alice, p);
        warpToVoting(id);
        vote(alice, id, 1);
        warpPastDeadline(id);
        assertState(id, IGovernor.ProposalState.Succeeded);
        bytes32 opId = timelock.hashOperationBatch(
            p.targets, p.values, p.calldatas, 0, bytes20(address(governor)) ^ keccak256(bytes(p.description))
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                opId,
                bytes32(1 << uint8(TimelockController.OperationState.Ready))
            )
        );
        execute(p);
        assertState(id, IGovernor.ProposalState.Succeeded);
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
    }

    function test_execute_revertsBeforeEta() public {
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL);
        Proposal memory p = setThresholdsProposal(120e9, MAX_SMALL_FLOP, "early");
        uint256 id = passAndQueue(p);
        uint256 eta = governor.proposalEta(id);
        assertEq(eta, vm.getBlockTimestamp() + TIMELOCK_DELAY);
        bytes32 opId = timelock.hashOperationBatch(
            p.targets, p.values, p.calldatas, 0, bytes20(address(governor)) ^ keccak256(bytes(p.description))
        );
        vm.warp(eta - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                opId,
                bytes32(1 << uint8(TimelockController.OperationState.Ready))
            )
        );
        execute(p);
        assertState(id, IGovernor.ProposalState.Queued);
        vm.warp(eta);
        execute(p);
        assertState(id, IGovernor.ProposalState.Executed);
        assertEq(classifier.thresholds().maxSmallParams, 120e9);
    }

    function test_execute_passedProposalBelowFloorRevertsAndChangesNothing() public {
        // Floor: the median node is 24 GiB, so 46.4B; 40B is within the factor of 2 but below the floor.
        Proposal memory p = setThresholdsProposal(40e9, MAX_SMALL_FLOP, "creep");
        uint256 id = passAndQueue(p);
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL + TIMELOCK_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierBelowConsumerFloor.selector, 40e9, PARAMS_24GIB)
        );
        execute(p);
        assertState(id, IGovernor.ProposalState.Queued);
        assertEq(classifier.thresholds().maxSmallParams, MAX_SMALL_PARAMS);
        assertEq(classifier.thresholdCheckpointCount(), 1);
    }

    function test_execute_passedProposalBreakingRateLimitReverts() public {
        Proposal memory tooFar = setThresholdsProposal(140e9 + 1, MAX_SMALL_FLOP, "too far");
        Proposal memory tooSoon = setThresholdsProposal(140e9, MAX_SMALL_FLOP, "too soon");
        Proposal memory flopTooFar = setThresholdsProposal(MAX_SMALL_PARAMS, 5e24 - 1, "flop too far");
        Proposal[3] memory ps = [tooFar, tooSoon, flopTooFar];
        uint256[3] memory ids;
        for (uint256 i = 0; i < 3; ++i) {
            ids[i] = propose(alice, ps[i]);
        }
        warpToVoting(ids[0]);
        for (uint256 i = 0; i < 3; ++i) {
            vote(alice, ids[i], 1);
            vote(bob, ids[i], 1);
        }
        warpPastDeadline(ids[0]);
        for (uint256 i = 0; i < 3; ++i) {
            queue(ps[i]);
        }
        uint256 nextChangeAt = DEPLOY_TIME + MIN_CHANGE_INTERVAL;
        assertLt(vm.getBlockTimestamp() + TIMELOCK_DELAY, nextChangeAt, "ETA before the interval is over");
        warpBy(TIMELOCK_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierChangeTooSoon.selector, nextChangeAt)
        );
        execute(tooSoon);
        vm.warp(nextChangeAt);
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierParamsChangeTooLarge.selector, MAX_SMALL_PARAMS, 140e9 + 1
            )
        );
        execute(tooFar);
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierFlopChangeTooLarge.selector, 1e25, 5e24 - 1)
        );
        execute(flopTooFar);
        assertEq(classifier.thresholdCheckpointCount(), 1);
        execute(tooSoon); // now in time and within the factor
        assertEq(classifier.thresholds().maxSmallParams, 140e9);
    }

    // ================================================================ allowlist (1.2, 1.3, 4.2 G8)

    function testFuzz_propose_revertsForCallOutsideTheFence(address target, bytes calldata data) public {
        vm.assume(!governor.isAllowedCall(target, bytes4(data)) || data.length < 4);
        Proposal memory p = single(target, data, "anything");
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeGovernor.ComputeGovernorCallNotAllowed.selector, 0, target, bytes4(data))
        );
        governor.propose(p.targets, p.values, p.calldatas, p.description);
        assertEq(governor.proposalCount(), 0);
    }

    function test_allowlist_relayThroughGovernorCannotScheduleArbitraryCalls() public {
        // Before the fix this passed the vote and let the governor (a timelock PROPOSER) schedule a call to any
        // address from the timelock.
        bytes memory inner = abi.encodeCall(
            TimelockController.schedule, (EVE, 0, "", bytes32(0), bytes32(0), TIMELOCK_DELAY)
        );
        Proposal memory p =
            single(address(governor), abi.encodeCall(governor.relay, (address(timelock), 0, inner)), "innocent");
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeGovernor.ComputeGovernorCallNotAllowed.selector, 0, address(governor), governor.relay.selector
            )
        );
        governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function test_allowlist_timelockRoleGrantIsRefused() public {
        // Before the fix a passed `grantRole(PROPOSER_ROLE, eve)` on the timelock handed Eve arbitrary calls.
        Proposal memory p =
            single(address(timelock), abi.encodeCall(timelock.grantRole, (PROPOSER_ROLE, EVE)), "add a proposer");
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeGovernor.ComputeGovernorCallNotAllowed.selector, 0, address(timelock), timelock.grantRole.selector
            )
        );
        governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    // ================================================================ front-running (1.9)

    function test_propose_frontRunCopyWithProposerSuffixReverts() public {
        string memory description = string.concat("Raise to 120B#proposer=", vm.toString(alice));
        Proposal memory p = setThresholdsProposal(120e9, MAX_SMALL_FLOP, description);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorRestrictedProposer.selector, bob));
        governor.propose(p.targets, p.values, p.calldatas, p.description);
        assertEq(governor.proposalCount(), 0);
        uint256 id = propose(alice, p);
        assertEq(governor.proposalProposer(id), alice);
        // Bob cannot cancel Alice's proposal either.
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, bob));
        governor.cancel(id);
    }

    // ================================================================ roles (1.2, 1.8, 4.2 G2/G3)

    function test_buildFinance2022_onlyTimelockHoldsRoles() public {
        address deployer = address(this);
        bytes32[4] memory roles = [DEFAULT_ADMIN_ROLE, PROPOSER_ROLE, EXECUTOR_ROLE, CANCELLER_ROLE];
        for (uint256 i = 0; i < roles.length; ++i) {
            assertFalse(timelock.hasRole(roles[i], deployer), "deployer holds no timelock role");
        }
        assertTrue(timelock.hasRole(DEFAULT_ADMIN_ROLE, address(timelock)));
        assertFalse(timelock.hasRole(DEFAULT_ADMIN_ROLE, address(governor)));
        assertTrue(timelock.hasRole(PROPOSER_ROLE, address(governor)));
        assertTrue(timelock.hasRole(CANCELLER_ROLE, address(governor)));
        assertTrue(timelock.hasRole(CANCELLER_ROLE, address(veto)), "the node veto cancels");
        assertFalse(timelock.hasRole(PROPOSER_ROLE, address(veto)));
        assertFalse(timelock.hasRole(EXECUTOR_ROLE, address(veto)));
        assertTrue(timelock.hasRole(EXECUTOR_ROLE, address(governor)), "anyone executes, through the governor");
        assertFalse(timelock.hasRole(EXECUTOR_ROLE, address(0)), "never around it");
        assertFalse(timelock.hasRole(PROPOSER_ROLE, address(0)));
        assertFalse(timelock.hasRole(CANCELLER_ROLE, address(0)));
        assertEq(catalog.admin(), address(timelock));
        assertEq(registry.admin(), address(timelock));
        assertEq(classifier.admin(), address(timelock));
        assertEq(attestations.admin(), address(timelock));
        assertEq(challenges.admin(), address(timelock));
        assertEq(registry.governor(), address(governor));
        assertEq(challenges.registry(), address(registry));
        assertGt(governor.quorumNumerator(), 0);
        assertGt(governor.proposalThreshold(), 0);
        assertGt(timelock.getMinDelay(), 0);

        // No path around the timelock: a node owner cannot schedule, and the deployer cannot re-grant itself.
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, PROPOSER_ROLE)
        );
        timelock.schedule(address(classifier), 0, "", bytes32(0), bytes32(0), TIMELOCK_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, deployer, DEFAULT_ADMIN_ROLE
            )
        );
        timelock.grantRole(PROPOSER_ROLE, deployer);
        vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, deployer));
        timelock.updateDelay(0);
        bytes memory notAdmin =
            abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, deployer, address(timelock));
        vm.expectRevert(notAdmin);
        registry.setBond(0.05 ether, 0);
        vm.expectRevert(notAdmin);
        catalog.deprecateSku(1);

        // A proposal whose yes votes are below quorum is Defeated (quorum > 0 with 50 nodes).
        registerMany(47, SeedDevices.RTX_3060_12GB, 7);
        activatePending();
        uint256 id = propose(alice, setThresholdsProposal(120e9, MAX_SMALL_FLOP, "takeover"));
        warpToVoting(id);
        vote(alice, id, 1);
        warpPastDeadline(id);
        assertEq(governor.quorum(governor.proposalSnapshot(id)), 2);
        assertState(id, IGovernor.ProposalState.Defeated);
    }

    // ================================================================ retroactive parameter changes (1.13)

    function test_cve_2022_31198_quorumChangeDoesNotReviveDefeatedProposal() public {
        registerMany(47, SeedDevices.RTX_3060_12GB, 31198); // 50 nodes: quorum 4% = 2 votes
        activatePending();
        Proposal memory failed = setThresholdsProposal(120e9, MAX_SMALL_FLOP, "lacks quorum");
        uint256 failedId = propose(alice, failed);
        warpToVoting(failedId);
        vote(alice, failedId, 1);
        warpPastDeadline(failedId);
        assertState(failedId, IGovernor.ProposalState.Defeated);

        Proposal memory lower = single(address(governor), abi.encodeCall(governor.updateQuorumNumerator, (2)), "2%");
        passAndExecute(alice, voters(), lower);
        assertEq(governor.quorumNumerator(), 2);
        warpBy(1);
        uint256 snapshot = governor.proposalSnapshot(failedId);
        assertEq(governor.quorumNumerator(snapshot), 4, "numerator at the old snapshot");
        assertEq(governor.quorum(vm.getBlockTimestamp() - 1), 1, "the new quorum would be met by its 1 vote");
        assertEq(forVotesOf(failedId), 1);
        assertState(failedId, IGovernor.ProposalState.Defeated);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                failedId,
                IGovernor.ProposalState.Defeated,
                stateBit(IGovernor.ProposalState.Succeeded)
            )
        );
        queue(failed);
    }
}
