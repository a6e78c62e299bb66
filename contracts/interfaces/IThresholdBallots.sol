// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IThresholdBallots
/// @notice Standing ballots: each counted node (attested, warmed up, not lapsed: Active in the registry) may state
/// the thresholds it wants. The ballots form two log-scale distributions whose weighted medians are read in gas
/// independent of the number of ballots; once per epoch anyone may `settle`, which moves each threshold toward its
/// median by a bounded step (raising at most ×1.25, lowering at most ÷1.10), never lowering the params line below
/// the consumer floor, and only while ballots carrying the governor's quorum exist. The classifier decides which
/// authority is in charge of the thresholds (`IModelClassifier.ballotsInCharge`): the ballots or the governor,
/// one at a time.
interface IThresholdBallots {
    /// @notice A node's ballot.
    /// @param maxSmallParams The params threshold it asks for.
    /// @param maxSmallTrainingFlop The training-FLOP threshold it asks for.
    /// @param castEpoch The epoch it was cast in.
    /// @param expiryEpoch The first epoch it no longer counts in (0: no ballot).
    struct Ballot {
        uint64 maxSmallParams;
        uint128 maxSmallTrainingFlop;
        uint32 castEpoch;
        uint32 expiryEpoch;
    }

    /// @notice A non-empty bucket of a distribution.
    /// @param lowerBound The smallest value in the bucket.
    /// @param upperBound The smallest value above the bucket.
    /// @param ballots How many ballots fall in it.
    struct Bucket {
        uint256 lowerBound;
        uint256 upperBound;
        uint256 ballots;
    }

    /// @notice What a settlement would do now.
    /// @param epoch The current epoch.
    /// @param settleable Whether `settle` would succeed now (with the expired ballots pruned first).
    /// @param liveBallots Ballots that count now.
    /// @param expiredBallots Ballots past their expiry still in the distributions (`settle` prunes them first).
    /// @param quorum Ballots needed for a settlement (the governor's quorum).
    /// @param medianParams The params median's bucket lower bound (0 without ballots).
    /// @param medianFlop The FLOP median's bucket lower bound (0 without ballots).
    /// @param nextParams The params threshold after a settlement now.
    /// @param nextFlop The FLOP threshold after a settlement now.
    /// @param nextSettleAt When the next epoch opens for settlement, if this one is settled.
    struct Preview {
        uint256 epoch;
        bool settleable;
        uint256 liveBallots;
        uint256 expiredBallots;
        uint256 quorum;
        uint256 medianParams;
        uint256 medianFlop;
        uint64 nextParams;
        uint128 nextFlop;
        uint256 nextSettleAt;
    }

    /// @notice Everything a screen shows about the ballots, in one call.
    /// @param preview What a settlement would do now.
    /// @param paramsBuckets The params distribution's non-empty buckets.
    /// @param flopBuckets The FLOP distribution's non-empty buckets.
    /// @param ballotsInCharge Whether the ballots move the thresholds now (else the governor does).
    /// @param epochLength Seconds per epoch.
    /// @param genesis When epoch 0 began.
    /// @param ballotLifetime Epochs a ballot counts.
    /// @param settled Whether any epoch was settled.
    /// @param lastSettledEpoch The last epoch settled (0 when none).
    struct State {
        Preview preview;
        Bucket[] paramsBuckets;
        Bucket[] flopBuckets;
        bool ballotsInCharge;
        uint256 epochLength;
        uint256 genesis;
        uint256 ballotLifetime;
        bool settled;
        uint256 lastSettledEpoch;
    }

    /// @notice Why a ballot left the distributions.
    enum Removal {
        Withdrawn,
        NodeLeft,
        Expired
    }

    /// @notice Emitted when a node casts or changes its ballot.
    /// @param nodeId The node.
    /// @param owner The node's owner, who cast it.
    /// @param maxSmallParams The params threshold asked for.
    /// @param maxSmallTrainingFlop The FLOP threshold asked for.
    /// @param expiryEpoch The first epoch it no longer counts in.
    event BallotCast(
        uint256 indexed nodeId,
        address indexed owner,
        uint64 maxSmallParams,
        uint128 maxSmallTrainingFlop,
        uint32 expiryEpoch
    );
    /// @notice Emitted when a ballot leaves the distributions.
    /// @param nodeId The node.
    /// @param reason Withdrawn by its owner, its node left the vote (exit, lapse, slash, re-attestation), or expired.
    event BallotRemoved(uint256 indexed nodeId, Removal reason);
    /// @notice Emitted by every settlement, whether or not a threshold moved.
    /// @param epoch The epoch settled.
    /// @param liveBallots The ballots counted.
    /// @param medianParams The params median (its bucket's lower bound).
    /// @param medianFlop The FLOP median (its bucket's lower bound).
    /// @param newMaxSmallParams The params threshold after.
    /// @param newMaxSmallTrainingFlop The FLOP threshold after.
    event Settled(
        uint256 indexed epoch,
        uint256 liveBallots,
        uint256 medianParams,
        uint256 medianFlop,
        uint64 newMaxSmallParams,
        uint128 newMaxSmallTrainingFlop
    );
    /// @notice Emitted when governance changes the ballot lifetime.
    /// @param oldEpochs The lifetime before, in epochs.
    /// @param newEpochs The lifetime after, in epochs.
    event BallotLifetimeUpdated(uint256 oldEpochs, uint256 newEpochs);
    /// @notice Emitted once, when the deployer binds the registry and the classifier.
    /// @param registry The registry.
    /// @param classifier The classifier.
    event Bound(address registry, address classifier);

    /// @notice The epoch length is zero or above `MAX_EPOCH_LENGTH`.
    /// @param epochLength The length given.
    error ThresholdBallotsInvalidEpochLength(uint256 epochLength);
    /// @notice A lifetime outside its bounds.
    /// @param epochs The lifetime given.
    /// @param min The shortest allowed.
    /// @param max The longest allowed.
    error ThresholdBallotsLifetimeOutOfBounds(uint256 epochs, uint256 min, uint256 max);
    /// @notice Someone other than the deployer tried to bind, or the pair does not point at this contract.
    /// @param registry The registry given.
    /// @param classifier The classifier given.
    error ThresholdBallotsCannotBind(address registry, address classifier);
    /// @notice The registry and classifier are not bound yet.
    error ThresholdBallotsNotBound();
    /// @notice The caller is not the registry.
    /// @param caller Who called.
    error ThresholdBallotsNotRegistry(address caller);
    /// @notice The caller does not own the node.
    /// @param nodeId The node.
    /// @param caller Who called.
    error ThresholdBallotsNotNodeOwner(uint256 nodeId, address caller);
    /// @notice The node does not count (not Active: pending its warm-up, lapsed, exiting, slashed or unknown).
    /// @param nodeId The node.
    error ThresholdBallotsNodeNotCounted(uint256 nodeId);
    /// @notice A params wish outside what the distribution holds.
    /// @param value The value given.
    /// @param min The smallest allowed.
    /// @param max The largest allowed.
    error ThresholdBallotsParamsOutOfRange(uint256 value, uint256 min, uint256 max);
    /// @notice A FLOP wish outside what the distribution holds.
    /// @param value The value given.
    /// @param min The smallest allowed.
    /// @param max The largest allowed.
    error ThresholdBallotsFlopOutOfRange(uint256 value, uint256 min, uint256 max);
    /// @notice The node has no ballot.
    /// @param nodeId The node.
    error ThresholdBallotsNoBallot(uint256 nodeId);
    /// @notice `castBallots` without nodes.
    error ThresholdBallotsNoNodes();
    /// @notice The governor is in charge of the thresholds, not the ballots.
    error ThresholdBallotsNotInCharge();
    /// @notice This epoch was settled already.
    /// @param epoch The current epoch.
    /// @param nextSettleAt When the next one opens.
    error ThresholdBallotsAlreadySettled(uint256 epoch, uint256 nextSettleAt);
    /// @notice Expired ballots are still in the distributions: pass their nodes to `settle` (or `prune` them).
    /// @param expired How many.
    error ThresholdBallotsExpiredNotPruned(uint256 expired);
    /// @notice Fewer live ballots than the quorum.
    /// @param liveBallots Ballots counted.
    /// @param quorum Ballots needed.
    error ThresholdBallotsBelowQuorum(uint256 liveBallots, uint256 quorum);

    /// @notice Binds the registry and the classifier; once, by the deployer. Both must name this contract.
    /// @param registry_ The registry (its `ballots()` must be this contract).
    /// @param classifier_ The classifier (its `ballots()` must be this contract, its `registry()` the registry).
    function bind(address registry_, address classifier_) external;

    /// @notice States (or changes) the thresholds a node wants. It counts until changed, withdrawn, its node
    /// leaves the vote, or `ballotLifetime` epochs pass.
    /// @param nodeId An Active node of the caller.
    /// @param maxSmallParams The params threshold wanted, within [MIN_PARAMS, MAX_PARAMS).
    /// @param maxSmallTrainingFlop The FLOP threshold wanted, within [MIN_FLOP, MAX_FLOP).
    function castBallot(uint256 nodeId, uint64 maxSmallParams, uint128 maxSmallTrainingFlop) external;

    /// @notice The same ballot for several of the caller's Active nodes (each node is one ballot).
    /// @param nodeIds The nodes.
    /// @param maxSmallParams The params threshold wanted.
    /// @param maxSmallTrainingFlop The FLOP threshold wanted.
    function castBallots(uint256[] calldata nodeIds, uint64 maxSmallParams, uint128 maxSmallTrainingFlop) external;

    /// @notice Withdraws a node's ballot. Its owner only.
    /// @param nodeId The node.
    function withdrawBallot(uint256 nodeId) external;

    /// @notice Removes the given nodes' expired ballots from the distributions (others are skipped). Anyone.
    /// @param nodeIds The nodes.
    /// @return pruned How many were removed.
    function prune(uint256[] calldata nodeIds) external returns (uint256 pruned);

    /// @notice Moves each threshold toward its median by at most one step; once per epoch; anyone. Prunes the
    /// expired ballots of `expired` first; reverts while any expired ballot remains, below quorum, or while the
    /// governor is in charge.
    /// @param expired Nodes whose ballots have expired (see `preview().expiredBallots`).
    /// @return nextParams The params threshold after.
    /// @return nextFlop The FLOP threshold after.
    function settle(uint256[] calldata expired) external returns (uint64 nextParams, uint128 nextFlop);

    /// @notice Called by the registry when a node's vote ends (exit, lapse, slash, re-attestation): its ballot
    /// leaves in the same transaction.
    /// @param nodeId The node.
    function onNodeLeft(uint256 nodeId) external;

    /// @notice Governance: how many epochs a ballot counts after it is cast (bounded; applies to later ballots).
    /// @param epochs The lifetime, in [MIN_LIFETIME_EPOCHS, MAX_LIFETIME_EPOCHS].
    function setBallotLifetime(uint256 epochs) external;

    /// @notice A node's ballot (all zero without one).
    /// @param nodeId The node.
    /// @return The ballot.
    function ballotOf(uint256 nodeId) external view returns (Ballot memory);

    /// @notice Ballots in the distributions, the expired but unpruned included.
    /// @return The count.
    function ballotCount() external view returns (uint256);

    /// @notice Ballots that count now.
    /// @return The count.
    function liveBallotCount() external view returns (uint256);

    /// @notice The params distribution's non-empty buckets, lowest first.
    /// @return buckets The buckets.
    function paramsDistribution() external view returns (Bucket[] memory buckets);

    /// @notice The FLOP distribution's non-empty buckets, lowest first.
    /// @return buckets The buckets.
    function flopDistribution() external view returns (Bucket[] memory buckets);

    /// @notice The weighted medians of the distributions (their buckets' lower bounds; 0 without ballots). They
    /// include expired ballots until pruned; `settle` prunes first.
    /// @return params The params median.
    /// @return flop The FLOP median.
    function medians() external view returns (uint256 params, uint256 flop);

    /// @notice What a settlement would do now.
    /// @return The preview.
    function preview() external view returns (Preview memory);

    /// @notice Everything a screen shows, in one call (the distributions read at most 96 words each).
    /// @return The state.
    function state() external view returns (State memory);

    /// @notice The current epoch (0 from deployment).
    /// @return The epoch.
    function epoch() external view returns (uint256);

    /// @notice The epoch length, in seconds, fixed for good.
    /// @return The length.
    function epochLength() external view returns (uint256);

    /// @notice When epoch 0 began.
    /// @return The timestamp.
    function genesis() external view returns (uint256);

    /// @notice The ballot lifetime, in epochs.
    /// @return The lifetime.
    function ballotLifetime() external view returns (uint256);

    /// @notice The last epoch settled, and whether any was.
    /// @return settled Whether any epoch was settled.
    /// @return lastEpoch The last one (0 when none).
    function lastSettled() external view returns (bool settled, uint256 lastEpoch);

    /// @notice The bound registry (zero before `bind`).
    /// @return The registry.
    function registry() external view returns (address);

    /// @notice The bound classifier (zero before `bind`).
    /// @return The classifier.
    function classifier() external view returns (address);
}
