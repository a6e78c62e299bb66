// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {FixedAdmin} from "../../contracts/access/FixedAdmin.sol";
import {ThresholdBallots} from "../../contracts/ballots/ThresholdBallots.sol";
import {ModelClassifier} from "../../contracts/classification/ModelClassifier.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {IThresholdBallots} from "../../contracts/interfaces/IThresholdBallots.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {BallotsBase} from "./BallotsBase.sol";

contract ThresholdBallotsTest is BallotsBase {
    function setUp() public {
        setUpBallots(20);
    }

    // ------------------------------------------------------------ deployment and binding

    function test_deployment_wiresTheBallotsAndStartsWithTheGovernorInCharge() public view {
        assertEq(registry.ballots(), address(ballots));
        assertEq(classifier.ballots(), address(ballots));
        assertEq(ballots.registry(), address(registry));
        assertEq(ballots.classifier(), address(classifier));
        assertEq(ballots.epochLength(), LOCAL_BALLOT_EPOCH);
        assertEq(ballots.ballotLifetime(), LOCAL_BALLOT_LIFETIME);
        assertFalse(classifier.ballotsInCharge());
        assertTrue(governor.isAllowedCall(address(classifier), IModelClassifier.setThresholdAuthority.selector));
        assertTrue(governor.isAllowedCall(address(ballots), IThresholdBallots.setBallotLifetime.selector));
    }

    function expectCannotBind() internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IThresholdBallots.ThresholdBallotsCannotBind.selector,
                address(registry),
                address(classifier)
            )
        );
    }

    function test_bind_onlyOnceAndOnlyByTheDeployer() public {
        expectCannotBind();
        ballots.bind(address(registry), address(classifier));

        ThresholdBallots fresh = new ThresholdBallots(address(timelock), 60, 10);
        vm.prank(address(0xBEEF));
        expectCannotBind();
        fresh.bind(address(registry), address(classifier));
        // The deployer, but the pair names the other ballots contract.
        expectCannotBind();
        fresh.bind(address(registry), address(classifier));
    }

    function test_constructor_revertsOnBadEpochOrLifetime() public {
        vm.expectRevert(abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsInvalidEpochLength.selector, 0));
        new ThresholdBallots(address(timelock), 0, 10);
        vm.expectRevert(
            abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsInvalidEpochLength.selector, 30 days + 1)
        );
        new ThresholdBallots(address(timelock), 30 days + 1, 10);
        vm.expectRevert(
            abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsLifetimeOutOfBounds.selector, 1, 2, 64)
        );
        new ThresholdBallots(address(timelock), 60, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsLifetimeOutOfBounds.selector, 65, 2, 64)
        );
        new ThresholdBallots(address(timelock), 60, 65);
    }

    function test_unbound_refusesBallotsAndSettlement() public {
        ThresholdBallots fresh = new ThresholdBallots(address(timelock), 60, 10);
        vm.expectRevert(abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsNotBound.selector));
        fresh.castBallot(1, WISH_PARAMS, WISH_FLOP);
        vm.expectRevert(abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsNotBound.selector));
        fresh.settle(noNodes());
        // An unbound registry's exits never revert in the hook: no ballot, nothing to do.
        fresh.onNodeLeft(1);
    }

    // ------------------------------------------------------------ casting

    function test_castBallot_countsTheNodeOnce() public {
        uint32 expiry = uint32(ballots.epoch() + 60);
        vm.expectEmit(address(ballots));
        emit IThresholdBallots.BallotCast(nodeIds[0], voters[0], WISH_PARAMS, WISH_FLOP, expiry);
        cast(0, WISH_PARAMS, WISH_FLOP);
        IThresholdBallots.Ballot memory b = ballots.ballotOf(nodeIds[0]);
        assertEq(b.maxSmallParams, WISH_PARAMS);
        assertEq(b.maxSmallTrainingFlop, WISH_FLOP);
        assertEq(b.castEpoch, ballots.epoch());
        assertEq(b.expiryEpoch, ballots.epoch() + 60);
        assertEq(ballots.ballotCount(), 1);
        assertEq(ballots.liveBallotCount(), 1);
        (uint256 mp, uint256 mf) = ballots.medians();
        assertEq(mp, bucketFloor(WISH_PARAMS));
        assertEq(mf, bucketFloor(WISH_FLOP));

        // A change replaces it: still one ballot, the distributions follow.
        cast(0, 2 * WISH_PARAMS, WISH_FLOP);
        assertEq(ballots.ballotCount(), 1);
        (mp, ) = ballots.medians();
        assertEq(mp, bucketFloor(2 * WISH_PARAMS));
        IThresholdBallots.Bucket[] memory dist = ballots.paramsDistribution();
        assertEq(dist.length, 1);
        assertEq(dist[0].lowerBound, bucketFloor(2 * WISH_PARAMS));
        assertEq(dist[0].ballots, 1);
        assertGt(dist[0].upperBound, 2 * WISH_PARAMS);
    }

    function test_castBallots_oneBallotPerNode() public {
        uint256[] memory two = new uint256[](2);
        two[0] = nodeIds[0];
        two[1] = registerNode(voters[0], SeedDevices.RTX_4090, 1);
        activatePending();
        vm.prank(voters[0]);
        ballots.castBallots(two, WISH_PARAMS, WISH_FLOP);
        assertEq(ballots.ballotCount(), 2);
        IThresholdBallots.Bucket[] memory dist = ballots.flopDistribution();
        assertEq(dist.length, 1);
        assertEq(dist[0].ballots, 2);
        vm.prank(voters[0]);
        vm.expectRevert(abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsNoNodes.selector));
        ballots.castBallots(noNodes(), WISH_PARAMS, WISH_FLOP);
    }

    function test_castBallot_revertsForOthersNodesPendingNodesAndOutOfRangeWishes() public {
        vm.prank(voters[1]);
        vm.expectRevert(
            abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsNotNodeOwner.selector, nodeIds[0], voters[1])
        );
        ballots.castBallot(nodeIds[0], WISH_PARAMS, WISH_FLOP);

        uint256 pending = registerNode(voters[0], SeedDevices.RTX_4090, 1);
        vm.prank(voters[0]);
        vm.expectRevert(abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsNodeNotCounted.selector, pending));
        ballots.castBallot(pending, WISH_PARAMS, WISH_FLOP);

        uint256 minP = ballots.MIN_PARAMS();
        uint256 maxP = ballots.MAX_PARAMS();
        vm.startPrank(voters[0]);
        vm.expectRevert(
            abi.encodeWithSelector(
                IThresholdBallots.ThresholdBallotsParamsOutOfRange.selector,
                minP - 1,
                minP,
                maxP - 1
            )
        );
        ballots.castBallot(nodeIds[0], uint64(minP - 1), WISH_FLOP);
        vm.expectRevert(
            abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsParamsOutOfRange.selector, maxP, minP, maxP - 1)
        );
        ballots.castBallot(nodeIds[0], uint64(maxP), WISH_FLOP);
        uint256 minF = ballots.MIN_FLOP();
        uint256 maxF = ballots.MAX_FLOP();
        vm.expectRevert(
            abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsFlopOutOfRange.selector, minF - 1, minF, maxF - 1)
        );
        ballots.castBallot(nodeIds[0], WISH_PARAMS, uint128(minF - 1));
        vm.expectRevert(
            abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsFlopOutOfRange.selector, maxF, minF, maxF - 1)
        );
        ballots.castBallot(nodeIds[0], WISH_PARAMS, uint128(maxF));
        // The edges themselves are fine.
        ballots.castBallot(nodeIds[0], uint64(minP), uint128(minF));
        ballots.castBallot(nodeIds[0], uint64(maxP - 1), uint128(maxF - 1));
        vm.stopPrank();
        assertEq(ballots.ballotCount(), 1);
    }

    // ------------------------------------------------------------ leaving

    function test_withdrawBallot_ownerOnly() public {
        cast(0, WISH_PARAMS, WISH_FLOP);
        vm.prank(voters[1]);
        vm.expectRevert(
            abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsNotNodeOwner.selector, nodeIds[0], voters[1])
        );
        ballots.withdrawBallot(nodeIds[0]);
        vm.expectEmit(address(ballots));
        emit IThresholdBallots.BallotRemoved(nodeIds[0], IThresholdBallots.Removal.Withdrawn);
        vm.prank(voters[0]);
        ballots.withdrawBallot(nodeIds[0]);
        assertEq(ballots.ballotCount(), 0);
        assertEq(ballots.ballotOf(nodeIds[0]).expiryEpoch, 0);
        assertEq(ballots.paramsDistribution().length, 0);
        vm.prank(voters[0]);
        vm.expectRevert(abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsNoBallot.selector, nodeIds[0]));
        ballots.withdrawBallot(nodeIds[0]);
    }

    function test_exit_takesTheBallotOutInTheSameTransaction() public {
        cast(0, WISH_PARAMS, WISH_FLOP);
        cast(1, WISH_PARAMS, WISH_FLOP);
        vm.expectEmit(address(ballots));
        emit IThresholdBallots.BallotRemoved(nodeIds[0], IThresholdBallots.Removal.NodeLeft);
        vm.prank(voters[0]);
        registry.exitNode(nodeIds[0]);
        assertEq(ballots.ballotCount(), 1);
        assertEq(ballots.ballotOf(nodeIds[0]).expiryEpoch, 0);
        assertEq(ballots.flopDistribution()[0].ballots, 1);
    }

    function test_lapse_takesTheBallotOut() public {
        cast(0, WISH_PARAMS, WISH_FLOP);
        (uint256 word1, , ) = registry.nodeRecord(nodeIds[0]);
        vm.warp(uint256(uint32(word1 >> 224)) + 1); // past the attestation's expiry
        vm.prank(address(0xCAFE)); // a keeper (it takes the fee)
        registry.lapse(nodeIds[0]);
        assertEq(ballots.ballotCount(), 0);
    }

    function test_onNodeLeft_onlyTheRegistryRemovesABallot() public {
        cast(0, WISH_PARAMS, WISH_FLOP);
        vm.expectRevert(abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsNotRegistry.selector, address(this)));
        ballots.onNodeLeft(nodeIds[0]);
        ballots.onNodeLeft(nodeIds[1]); // no ballot: nothing happens
        assertEq(ballots.ballotCount(), 1);
    }

    function test_expiry_aSilentBallotStopsCountingAndSettlementPrunesIt() public {
        handToBallots(true);
        castMany(3, WISH_PARAMS, WISH_FLOP);
        warpBy(uint256(LOCAL_BALLOT_LIFETIME) * LOCAL_BALLOT_EPOCH);
        assertEq(ballots.liveBallotCount(), 0);
        assertEq(ballots.ballotCount(), 3);
        assertEq(ballots.preview().expiredBallots, 3);
        vm.expectRevert(abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsExpiredNotPruned.selector, 3));
        settleNow();
        // Two fresh ballots, the three expired passed to settle: pruned, then settled on the live two.
        cast(3, WISH_PARAMS, WISH_FLOP);
        cast(4, WISH_PARAMS, WISH_FLOP);
        uint256[] memory expired = new uint256[](4);
        (expired[0], expired[1], expired[2], expired[3]) = (nodeIds[0], nodeIds[1], nodeIds[2], nodeIds[3]);
        ballots.settle(expired);
        assertEq(ballots.ballotCount(), 2);
        assertEq(ballots.ballotOf(nodeIds[0]).expiryEpoch, 0);
        assertEq(ballots.ballotOf(nodeIds[3]).expiryEpoch, ballots.epoch() + 60, "a live ballot is not pruned");
    }

    function test_prune_skipsLiveBallots() public {
        castMany(2, WISH_PARAMS, WISH_FLOP);
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (nodeIds[0], nodeIds[1]);
        assertEq(ballots.prune(ids), 0);
        warpBy(uint256(LOCAL_BALLOT_LIFETIME) * LOCAL_BALLOT_EPOCH);
        vm.expectEmit(address(ballots));
        emit IThresholdBallots.BallotRemoved(nodeIds[0], IThresholdBallots.Removal.Expired);
        assertEq(ballots.prune(ids), 2);
        assertEq(ballots.ballotCount(), 0);
    }

    // ------------------------------------------------------------ settlement

    function test_settle_refusedWhileTheGovernorIsInCharge() public {
        castMany(5, WISH_PARAMS, WISH_FLOP);
        vm.expectRevert(abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsNotInCharge.selector));
        settleNow();
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierNotBallots.selector, address(this)));
        classifier.settleThresholds(WISH_PARAMS, WISH_FLOP);
    }

    function test_settle_raisesByAtMostOneStepAnEpochTowardTheMedian() public {
        handToBallots(true);
        castMany(10, WISH_PARAMS, WISH_FLOP);
        uint256 before = classifier.thresholdCheckpointCount();
        (uint64 p1, uint128 f1) = settleNow();
        assertEq(p1, (uint256(MAX_SMALL_PARAMS) * 5) / 4, "up 1.25x");
        assertEq(f1, (uint256(MAX_SMALL_FLOP) * 5) / 4, "up 1.25x");
        assertEq(classifier.thresholds().maxSmallParams, p1);
        assertEq(classifier.thresholdCheckpointCount(), before + 1, "a checkpoint per settlement");

        (, uint256 current) = ballots.lastSettled();
        vm.expectRevert(
            abi.encodeWithSelector(
                IThresholdBallots.ThresholdBallotsAlreadySettled.selector,
                current,
                ballots.genesis() + (current + 1) * ballots.epochLength()
            )
        );
        settleNow();

        nextEpoch();
        (uint64 p2, ) = settleNow();
        assertEq(p2, bucketFloor(WISH_PARAMS), "reached the median's bucket");
        // Inside the median's bucket nothing moves, and no checkpoint is written.
        uint256 count = classifier.thresholdCheckpointCount();
        nextEpoch();
        nextEpoch();
        (uint64 p3, ) = settleNow();
        assertEq(p3, p2);
        assertEq(classifier.thresholdCheckpointCount(), count + 1, "only the FLOP line still moved");

        // History holds: classifyAt before the settlements answers with the old line.
        uint256 between = uint256(MAX_SMALL_PARAMS) + 1;
        assertEq(uint8(classifier.classify(between, 1)), uint8(IModelClassifier.Tier.Small));
        assertEq(uint8(classifier.classifyAt(between, 1, DEPLOY_TIME + 1)), uint8(IModelClassifier.Tier.Large));
    }

    function test_settle_lowersSlowerThanItRaises() public {
        handToBallots(true);
        uint64 low = uint64(PARAMS_24GIB); // the floor itself: the lowest any lowering may go
        castMany(10, low, uint128(MAX_SMALL_FLOP / 4));
        (uint64 p1, uint128 f1) = settleNow();
        assertEq(p1, (uint256(MAX_SMALL_PARAMS) * 10) / 11, "down 1.10x");
        assertEq(f1, (uint256(MAX_SMALL_FLOP) * 10) / 11, "down 1.10x");
        for (uint256 i = 0; i < 20; ++i) {
            nextEpoch();
            settleNow();
        }
        // Never below the highest floor over the window, though the median bucket starts below it.
        assertEq(classifier.thresholds().maxSmallParams, PARAMS_24GIB);
        assertEq(classifier.thresholds().maxSmallTrainingFlop, bucketFloor(MAX_SMALL_FLOP / 4));
    }

    function test_settle_belowQuorumRefused() public {
        handToBallots(true);
        vm.expectRevert(abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsBelowQuorum.selector, 0, 1));
        settleNow();
        // Public quorum: 4% of 20 nodes rounds up to 1, the absolute minimum here is 1; one ballot is enough.
        cast(0, WISH_PARAMS, WISH_FLOP);
        settleNow();
    }

    function test_preview_matchesTheSettlement() public {
        handToBallots(true);
        castMany(7, WISH_PARAMS, WISH_FLOP);
        cast(7, uint64(PARAMS_24GIB), WISH_FLOP);
        IThresholdBallots.Preview memory p = ballots.preview();
        assertTrue(p.settleable);
        assertEq(p.liveBallots, 8);
        assertEq(p.medianParams, bucketFloor(WISH_PARAMS));
        (uint64 np, uint128 nf) = settleNow();
        assertEq(p.nextParams, np);
        assertEq(p.nextFlop, nf);
        IThresholdBallots.Preview memory after_ = ballots.preview();
        assertFalse(after_.settleable, "settled this epoch");
        assertEq(after_.nextSettleAt, ballots.genesis() + (ballots.epoch() + 1) * ballots.epochLength());
    }

    function test_state_isEveryViewInOneCall() public {
        castMany(3, WISH_PARAMS, WISH_FLOP);
        cast(3, uint64(PARAMS_24GIB), uint128(MAX_SMALL_FLOP));
        IThresholdBallots.State memory st = ballots.state();
        IThresholdBallots.Preview memory p = ballots.preview();
        assertEq(keccak256(abi.encode(st.preview)), keccak256(abi.encode(p)));
        assertEq(keccak256(abi.encode(st.paramsBuckets)), keccak256(abi.encode(ballots.paramsDistribution())));
        assertEq(keccak256(abi.encode(st.flopBuckets)), keccak256(abi.encode(ballots.flopDistribution())));
        assertEq(st.paramsBuckets.length, 2);
        assertFalse(st.ballotsInCharge);
        assertEq(st.epochLength, LOCAL_BALLOT_EPOCH);
        assertEq(st.genesis, ballots.genesis());
        assertEq(st.ballotLifetime, LOCAL_BALLOT_LIFETIME);
        assertFalse(st.settled);
        handToBallots(true);
        settleNow();
        st = ballots.state();
        assertTrue(st.ballotsInCharge);
        assertTrue(st.settled);
        assertEq(st.lastSettledEpoch, ballots.epoch());
    }

    function test_unbound_stateAndPreviewReadWithoutAClassifier() public {
        ThresholdBallots fresh = new ThresholdBallots(address(timelock), 60, 10);
        IThresholdBallots.State memory st = fresh.state();
        assertFalse(st.ballotsInCharge);
        assertEq(st.preview.liveBallots, 0);
        assertFalse(st.preview.settleable);
        assertEq(st.paramsBuckets.length, 0);
    }

    // ------------------------------------------------------------ one authority at a time

    function test_authority_oneAtATime() public {
        handToBallots(true);
        assertTrue(classifier.ballotsInCharge());
        // The governor's own change is refused while the ballots are in charge: it fails at execution.
        Proposal memory p = setThresholdsProposal(MAX_SMALL_PARAMS * 2, MAX_SMALL_FLOP, "refused");
        uint256 id = propose(voters[0], p);
        warpToVoting(id);
        for (uint256 i = 0; i < voters.length; ++i) {
            vote(voters[i], id, 1);
        }
        warpPastDeadline(id);
        queue(p);
        warpBy(timelock.getMinDelay());
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierBallotsInCharge.selector));
        execute(p);

        // The handover back waits minChangeInterval after the last handover.
        castMany(5, WISH_PARAMS, WISH_FLOP);
        settleNow();
        uint256 settledAt = vm.getBlockTimestamp();
        uint256 nextHandover = classifier.lastAuthorityChangeAt() + MIN_CHANGE_INTERVAL;
        vm.prank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IModelClassifier.ModelClassifierAuthorityChangeTooSoon.selector, nextHandover)
        );
        classifier.setThresholdAuthority(false);
        vm.warp(nextHandover);
        vm.prank(address(timelock));
        classifier.setThresholdAuthority(false);
        vm.expectRevert(abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsNotInCharge.selector));
        settleNow();
        // Back with the governor, its first change still waits minChangeInterval after the last settlement.
        if (vm.getBlockTimestamp() < settledAt + MIN_CHANGE_INTERVAL) {
            vm.prank(address(timelock));
            vm.expectRevert(
                abi.encodeWithSelector(
                    IModelClassifier.ModelClassifierChangeTooSoon.selector,
                    settledAt + MIN_CHANGE_INTERVAL
                )
            );
            classifier.setThresholds(MAX_SMALL_PARAMS, MAX_SMALL_FLOP);
        }
        vm.warp(settledAt + MIN_CHANGE_INTERVAL);
        vm.prank(address(timelock));
        classifier.setThresholds(MAX_SMALL_PARAMS, MAX_SMALL_FLOP);
    }

    function test_settleThresholds_theClassifierGuardsWhoeverSettles() public {
        vm.prank(address(ballots));
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierBallotsNotInCharge.selector));
        classifier.settleThresholds(WISH_PARAMS, WISH_FLOP);
        handToBallots(true);
        uint64 tooFar = MAX_SMALL_PARAMS * 2 + 1;
        vm.prank(address(ballots));
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierParamsChangeTooLarge.selector,
                MAX_SMALL_PARAMS,
                tooFar
            )
        );
        classifier.settleThresholds(tooFar, MAX_SMALL_FLOP);
        vm.prank(address(ballots));
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierFlopChangeTooLarge.selector,
                MAX_SMALL_FLOP,
                MAX_SMALL_FLOP / 3
            )
        );
        classifier.settleThresholds(MAX_SMALL_PARAMS, MAX_SMALL_FLOP / 3);
        uint64 belowFloor = uint64(PARAMS_24GIB - 1);
        vm.prank(address(ballots));
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierBelowConsumerFloor.selector,
                belowFloor,
                PARAMS_24GIB
            )
        );
        classifier.settleThresholds(belowFloor, MAX_SMALL_FLOP);
        vm.prank(address(ballots));
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierZeroThreshold.selector));
        classifier.settleThresholds(MAX_SMALL_PARAMS, 0);
    }

    function test_authority_aDeploymentWithoutBallotsCannotHandOver() public {
        ModelClassifier c = new ModelClassifier(
            address(this),
            IComputeRegistry(address(registry)),
            IModelClassifier.Thresholds(MAX_SMALL_PARAMS, MAX_SMALL_FLOP),
            IModelClassifier.Guards(QUANT_BITS, OVERHEAD_BPS, MIN_CHANGE_INTERVAL, RAISE_INTERVAL),
            address(0)
        );
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierNoBallots.selector));
        c.setThresholdAuthority(true);
    }

    function test_authority_adminOnlyAndOnlyAChange() public {
        vm.expectRevert(
            abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, address(this), address(timelock))
        );
        classifier.setThresholdAuthority(true);
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IModelClassifier.ModelClassifierAuthorityUnchanged.selector, false));
        classifier.setThresholdAuthority(false);
        vm.expectEmit(address(classifier));
        emit IModelClassifier.ThresholdAuthorityChanged(true);
        vm.prank(address(timelock));
        classifier.setThresholdAuthority(true);
    }

    function test_setBallotLifetime_adminOnlyWithinBounds() public {
        vm.expectRevert(
            abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, address(this), address(timelock))
        );
        ballots.setBallotLifetime(10);
        vm.startPrank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSelector(IThresholdBallots.ThresholdBallotsLifetimeOutOfBounds.selector, 1, 2, 64)
        );
        ballots.setBallotLifetime(1);
        vm.expectEmit(address(ballots));
        emit IThresholdBallots.BallotLifetimeUpdated(LOCAL_BALLOT_LIFETIME, 10);
        ballots.setBallotLifetime(10);
        vm.stopPrank();
        cast(0, WISH_PARAMS, WISH_FLOP);
        assertEq(ballots.ballotOf(nodeIds[0]).expiryEpoch, ballots.epoch() + 10);
    }

    // ------------------------------------------------------------ the buckets

    function testFuzz_bucket_holdsItsValueAndIsAtMostAThirtySecondWide(uint256 p, uint256 f) public {
        p = bound(p, ballots.MIN_PARAMS(), ballots.MAX_PARAMS() - 1);
        f = bound(f, ballots.MIN_FLOP(), ballots.MAX_FLOP() - 1);
        cast(0, uint64(p), uint128(f));
        (uint256 mp, uint256 mf) = ballots.medians();
        assertEq(mp, bucketFloor(p));
        assertEq(mf, bucketFloor(f));
        assertLe(p - mp, mp / 32, "a bucket is at most 1/32 of its lower bound wide");
        IThresholdBallots.Bucket memory b = ballots.paramsDistribution()[0];
        assertGt(b.upperBound, p);
        uint256 width = b.upperBound - b.lowerBound;
        assertLe(width * 32, b.lowerBound, "at most 1/32");
        assertGt(width * 64, b.lowerBound, "more than 1/64");
    }
}
