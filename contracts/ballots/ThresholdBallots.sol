// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {FixedAdmin} from "../access/FixedAdmin.sol";
import {IComputeRegistry} from "../interfaces/IComputeRegistry.sol";
import {IModelClassifier} from "../interfaces/IModelClassifier.sol";
import {IThresholdBallots} from "../interfaces/IThresholdBallots.sol";
import {LogHistogram} from "../libraries/LogHistogram.sol";
import {NodeWords} from "../libraries/NodeWords.sol";

/// @title ThresholdBallots
/// @notice Standing ballots of counted nodes and the bounded settlement of the thresholds toward their medians.
/// See {IThresholdBallots}.
contract ThresholdBallots is IThresholdBallots, FixedAdmin {
    using LogHistogram for LogHistogram.Histogram;

    /// @notice Smallest params wish: 2^20 (about a million parameters).
    uint256 public constant MIN_PARAMS = 1 << _PARAMS_MIN_OCTAVE;
    /// @notice Params wishes stay below 2^52 (about 4.5 · 10^15 parameters).
    uint256 public constant MAX_PARAMS = 1 << (_PARAMS_MIN_OCTAVE + _PARAMS_OCTAVES);
    /// @notice Smallest FLOP wish: 2^50 (about 10^15 FLOP).
    uint256 public constant MIN_FLOP = 1 << _FLOP_MIN_OCTAVE;
    /// @notice FLOP wishes stay below 2^114 (about 2 · 10^34 FLOP).
    uint256 public constant MAX_FLOP = 1 << (_FLOP_MIN_OCTAVE + _FLOP_OCTAVES);
    /// @notice A settlement raises a threshold at most ×RAISE_NUMERATOR/RAISE_DENOMINATOR (×1.25)…
    uint256 public constant RAISE_NUMERATOR = 5;
    uint256 public constant RAISE_DENOMINATOR = 4;
    /// @notice …and lowers it at most ×LOWER_NUMERATOR/LOWER_DENOMINATOR (÷1.10): halving takes 7.3 epochs,
    /// doubling 3.1. A lowered line reclassifies models people already run; it must be the slow direction.
    uint256 public constant LOWER_NUMERATOR = 10;
    uint256 public constant LOWER_DENOMINATOR = 11;
    /// @notice Shortest ballot lifetime, in epochs.
    uint256 public constant MIN_LIFETIME_EPOCHS = 2;
    /// @notice Longest ballot lifetime, in epochs: a settlement reads the expiry counts of this many epochs.
    uint256 public constant MAX_LIFETIME_EPOCHS = 64;
    /// @notice Longest epoch.
    uint256 public constant MAX_EPOCH_LENGTH = 30 days;

    uint256 private constant _PARAMS_MIN_OCTAVE = 20;
    uint256 private constant _PARAMS_OCTAVES = 32;
    uint256 private constant _FLOP_MIN_OCTAVE = 50;
    uint256 private constant _FLOP_OCTAVES = 64;
    uint256 private constant _COUNT_MASK = type(uint32).max;

    address private immutable _deployer;
    uint32 private immutable _epochLength;
    uint48 private immutable _genesis;

    // One slot: the registry, the lifetime, the ballot count and the last settled epoch + 1 (0: none).
    IComputeRegistry private _registry;
    uint16 private _lifetimeEpochs;
    uint32 private _ballotCount;
    uint48 private _settledEpochPlusOne;
    IModelClassifier private _classifier;

    mapping(uint256 nodeId => Ballot ballot) private _ballots;
    // How many ballots expire at each epoch: uint32 counts, eight epochs to a word.
    mapping(uint256 word => uint256 counts) private _expiring;
    LogHistogram.Histogram private _params;
    LogHistogram.Histogram private _flop;

    /// @param admin_ The admin for good (the timelock): sets the ballot lifetime within its bounds.
    /// @param epochLength_ Seconds per epoch, fixed for good (7 days public, a minute locally).
    /// @param lifetimeEpochs How many epochs a ballot counts.
    constructor(address admin_, uint256 epochLength_, uint256 lifetimeEpochs) FixedAdmin(admin_) {
        if (epochLength_ == 0 || epochLength_ > MAX_EPOCH_LENGTH) {
            revert ThresholdBallotsInvalidEpochLength(epochLength_);
        }
        _deployer = msg.sender;
        _epochLength = uint32(epochLength_);
        _genesis = Time.timestamp();
        _setLifetime(lifetimeEpochs);
    }

    /// @inheritdoc IThresholdBallots
    function bind(address registry_, address classifier_) external {
        // The deployer only, once, and only a pair that names this contract: no one can squat the binding.
        if (
            msg.sender != _deployer ||
            address(_registry) != address(0) ||
            IComputeRegistry(registry_).ballots() != address(this) ||
            IModelClassifier(classifier_).ballots() != address(this) ||
            IModelClassifier(classifier_).registry() != registry_
        ) revert ThresholdBallotsCannotBind(registry_, classifier_);
        _registry = IComputeRegistry(registry_);
        _classifier = IModelClassifier(classifier_);
        emit Bound(registry_, classifier_);
    }

    // ---------------------------------------------------------------- ballots

    /// @inheritdoc IThresholdBallots
    function castBallot(uint256 nodeId, uint64 maxSmallParams, uint128 maxSmallTrainingFlop) external {
        _checkWish(maxSmallParams, maxSmallTrainingFlop);
        _cast(_boundRegistry(), nodeId, maxSmallParams, maxSmallTrainingFlop, epoch());
    }

    /// @inheritdoc IThresholdBallots
    function castBallots(uint256[] calldata nodeIds, uint64 maxSmallParams, uint128 maxSmallTrainingFlop) external {
        if (nodeIds.length == 0) revert ThresholdBallotsNoNodes();
        _checkWish(maxSmallParams, maxSmallTrainingFlop);
        IComputeRegistry registry_ = _boundRegistry();
        uint256 current = epoch();
        for (uint256 i = 0; i < nodeIds.length; ++i) {
            _cast(registry_, nodeIds[i], maxSmallParams, maxSmallTrainingFlop, current);
        }
    }

    /// @inheritdoc IThresholdBallots
    function withdrawBallot(uint256 nodeId) external {
        Ballot memory ballot = _ballots[nodeId];
        if (ballot.expiryEpoch == 0) revert ThresholdBallotsNoBallot(nodeId);
        (uint256 word1, , ) = _registry.nodeRecord(nodeId);
        if (NodeWords.owner(word1) != msg.sender) revert ThresholdBallotsNotNodeOwner(nodeId, msg.sender);
        _remove(nodeId, ballot, Removal.Withdrawn);
    }

    /// @inheritdoc IThresholdBallots
    function prune(uint256[] calldata nodeIds) external returns (uint256 pruned) {
        pruned = _prune(nodeIds, epoch());
    }

    /// @inheritdoc IThresholdBallots
    function onNodeLeft(uint256 nodeId) external {
        Ballot memory ballot = _ballots[nodeId];
        // Nothing to do without a ballot (and nothing can be cast before `bind`, so an unbound registry's
        // exits never revert here).
        if (ballot.expiryEpoch == 0) return;
        if (msg.sender != address(_registry)) revert ThresholdBallotsNotRegistry(msg.sender);
        _remove(nodeId, ballot, Removal.NodeLeft);
    }

    // ---------------------------------------------------------------- settlement

    /// @inheritdoc IThresholdBallots
    function settle(uint256[] calldata expired) external returns (uint64 nextParams, uint128 nextFlop) {
        IModelClassifier classifier_ = _classifier;
        if (address(classifier_) == address(0)) revert ThresholdBallotsNotBound();
        if (!classifier_.ballotsInCharge()) revert ThresholdBallotsNotInCharge();
        uint256 current = epoch();
        if (current < _settledEpochPlusOne) revert ThresholdBallotsAlreadySettled(current, _epochStart(current + 1));
        _prune(expired, current);
        uint256 total = _ballotCount;
        uint256 live = _liveAt(current);
        if (live < total) revert ThresholdBallotsExpiredNotPruned(total - live);
        uint256 quorum = _quorum();
        if (live == 0 || live < quorum) revert ThresholdBallotsBelowQuorum(live, quorum);

        uint256 medianParams;
        uint256 medianFlop;
        (nextParams, nextFlop, medianParams, medianFlop) = _next(classifier_, total);
        _settledEpochPlusOne = uint48(current + 1);
        classifier_.settleThresholds(nextParams, nextFlop);
        emit Settled(current, live, medianParams, medianFlop, nextParams, nextFlop);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IThresholdBallots
    function setBallotLifetime(uint256 epochs) external onlyAdmin {
        _setLifetime(epochs);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IThresholdBallots
    function ballotOf(uint256 nodeId) external view returns (Ballot memory) {
        return _ballots[nodeId];
    }

    /// @inheritdoc IThresholdBallots
    function ballotCount() external view returns (uint256) {
        return _ballotCount;
    }

    /// @inheritdoc IThresholdBallots
    function liveBallotCount() external view returns (uint256) {
        return _liveAt(epoch());
    }

    /// @inheritdoc IThresholdBallots
    function paramsDistribution() external view returns (Bucket[] memory) {
        return _distribution(_params, _PARAMS_MIN_OCTAVE, _PARAMS_OCTAVES);
    }

    /// @inheritdoc IThresholdBallots
    function flopDistribution() external view returns (Bucket[] memory) {
        return _distribution(_flop, _FLOP_MIN_OCTAVE, _FLOP_OCTAVES);
    }

    /// @inheritdoc IThresholdBallots
    function medians() public view returns (uint256 params, uint256 flop) {
        uint256 total = _ballotCount;
        if (total == 0) return (0, 0);
        params = LogHistogram.lowerBound(_params.medianBucket(total), _PARAMS_MIN_OCTAVE);
        flop = LogHistogram.lowerBound(_flop.medianBucket(total), _FLOP_MIN_OCTAVE);
    }

    /// @inheritdoc IThresholdBallots
    function state() external view returns (State memory st) {
        st.preview = preview();
        st.paramsBuckets = _distribution(_params, _PARAMS_MIN_OCTAVE, _PARAMS_OCTAVES);
        st.flopBuckets = _distribution(_flop, _FLOP_MIN_OCTAVE, _FLOP_OCTAVES);
        IModelClassifier classifier_ = _classifier;
        st.ballotsInCharge = address(classifier_) != address(0) && classifier_.ballotsInCharge();
        st.epochLength = _epochLength;
        st.genesis = _genesis;
        st.ballotLifetime = _lifetimeEpochs;
        uint256 plusOne = _settledEpochPlusOne;
        (st.settled, st.lastSettledEpoch) = (plusOne != 0, plusOne == 0 ? 0 : plusOne - 1);
    }

    /// @inheritdoc IThresholdBallots
    function preview() public view returns (Preview memory p) {
        p.epoch = epoch();
        p.liveBallots = _liveAt(p.epoch);
        p.expiredBallots = _ballotCount - p.liveBallots;
        p.nextSettleAt = _epochStart(p.epoch < _settledEpochPlusOne ? p.epoch + 1 : p.epoch);
        IModelClassifier classifier_ = _classifier;
        if (address(classifier_) == address(0)) return p;
        IModelClassifier.Thresholds memory current = classifier_.thresholds();
        (p.nextParams, p.nextFlop) = (current.maxSmallParams, current.maxSmallTrainingFlop);
        if (_registry.governor() != address(0)) p.quorum = _quorum();
        // The medians once the expired ballots are gone are not readable without pruning; show the current ones.
        if (p.liveBallots == 0 || p.expiredBallots != 0) {
            (p.medianParams, p.medianFlop) = medians();
        } else {
            (p.nextParams, p.nextFlop, p.medianParams, p.medianFlop) = _next(classifier_, _ballotCount);
        }
        p.settleable =
            classifier_.ballotsInCharge() &&
            p.epoch >= _settledEpochPlusOne &&
            p.expiredBallots == 0 &&
            p.liveBallots != 0 &&
            p.liveBallots >= p.quorum;
    }

    /// @inheritdoc IThresholdBallots
    function epoch() public view returns (uint256) {
        return (block.timestamp - _genesis) / _epochLength;
    }

    /// @inheritdoc IThresholdBallots
    function epochLength() external view returns (uint256) {
        return _epochLength;
    }

    /// @inheritdoc IThresholdBallots
    function genesis() external view returns (uint256) {
        return _genesis;
    }

    /// @inheritdoc IThresholdBallots
    function ballotLifetime() external view returns (uint256) {
        return _lifetimeEpochs;
    }

    /// @inheritdoc IThresholdBallots
    function lastSettled() external view returns (bool settled, uint256 lastEpoch) {
        uint256 plusOne = _settledEpochPlusOne;
        return (plusOne != 0, plusOne == 0 ? 0 : plusOne - 1);
    }

    /// @inheritdoc IThresholdBallots
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IThresholdBallots
    function classifier() external view returns (address) {
        return address(_classifier);
    }

    // ---------------------------------------------------------------- internals

    function _cast(IComputeRegistry registry_, uint256 nodeId, uint64 params, uint128 flop, uint256 current) private {
        (uint256 word1, , ) = registry_.nodeRecord(nodeId);
        if (NodeWords.owner(word1) != msg.sender) revert ThresholdBallotsNotNodeOwner(nodeId, msg.sender);
        // Active is attested, warmed up and not lapsed: the registry's definition of a counted node.
        if (NodeWords.status(word1) != IComputeRegistry.NodeStatus.Active)
            revert ThresholdBallotsNodeNotCounted(nodeId);
        Ballot memory old = _ballots[nodeId];
        if (old.expiryEpoch != 0) {
            _unrecord(old);
        } else {
            ++_ballotCount;
        }
        uint32 expiryEpoch = uint32(current + _lifetimeEpochs);
        Ballot memory ballot = Ballot(params, flop, uint32(current), expiryEpoch);
        _ballots[nodeId] = ballot;
        _params.add(LogHistogram.bucketOf(params, _PARAMS_MIN_OCTAVE));
        _flop.add(LogHistogram.bucketOf(flop, _FLOP_MIN_OCTAVE));
        _expiring[expiryEpoch / 8] += 1 << (32 * (expiryEpoch % 8));
        emit BallotCast(nodeId, msg.sender, params, flop, expiryEpoch);
    }

    function _remove(uint256 nodeId, Ballot memory ballot, Removal reason) private {
        _unrecord(ballot);
        --_ballotCount;
        delete _ballots[nodeId];
        emit BallotRemoved(nodeId, reason);
    }

    /// @dev Takes a ballot out of the distributions and the expiry counts (not out of the count or the mapping).
    function _unrecord(Ballot memory ballot) private {
        _params.remove(LogHistogram.bucketOf(ballot.maxSmallParams, _PARAMS_MIN_OCTAVE));
        _flop.remove(LogHistogram.bucketOf(ballot.maxSmallTrainingFlop, _FLOP_MIN_OCTAVE));
        uint256 expiryEpoch = ballot.expiryEpoch;
        _expiring[expiryEpoch / 8] -= 1 << (32 * (expiryEpoch % 8));
    }

    function _prune(uint256[] calldata nodeIds, uint256 current) private returns (uint256 pruned) {
        for (uint256 i = 0; i < nodeIds.length; ++i) {
            Ballot memory ballot = _ballots[nodeIds[i]];
            if (ballot.expiryEpoch == 0 || ballot.expiryEpoch > current) continue;
            _remove(nodeIds[i], ballot, Removal.Expired);
            ++pruned;
        }
    }

    /// @dev Ballots that count in epoch `current`: those expiring after it. Every ballot expires within
    /// MAX_LIFETIME_EPOCHS of the epoch it was cast in, so at most 9 words are read.
    function _liveAt(uint256 current) private view returns (uint256 live) {
        uint256 last = current + MAX_LIFETIME_EPOCHS;
        uint256 word = 0;
        for (uint256 e = current + 1; e <= last; ++e) {
            if (e % 8 == 0 || e == current + 1) word = _expiring[e / 8];
            live += (word >> (32 * (e % 8))) & _COUNT_MASK;
        }
    }

    function _next(
        IModelClassifier classifier_,
        uint256 total
    ) private view returns (uint64 nextParams, uint128 nextFlop, uint256 medianParams, uint256 medianFlop) {
        IModelClassifier.Thresholds memory current = classifier_.thresholds();
        uint256 paramsBucket = _params.medianBucket(total);
        uint256 flopBucket = _flop.medianBucket(total);
        medianParams = LogHistogram.lowerBound(paramsBucket, _PARAMS_MIN_OCTAVE);
        medianFlop = LogHistogram.lowerBound(flopBucket, _FLOP_MIN_OCTAVE);
        uint256 params = _step(
            current.maxSmallParams,
            medianParams,
            LogHistogram.lowerBound(paramsBucket + 1, _PARAMS_MIN_OCTAVE)
        );
        // Never lower the params line below the highest consumer floor over the floor window (the same guard
        // as a governed change); a raise is always allowed.
        if (params < current.maxSmallParams) {
            (, uint256 floorParams) = classifier_.floorRange();
            if (params < floorParams)
                params = floorParams < current.maxSmallParams ? floorParams : current.maxSmallParams;
        }
        uint256 flop = _step(
            current.maxSmallTrainingFlop,
            medianFlop,
            LogHistogram.lowerBound(flopBucket + 1, _FLOP_MIN_OCTAVE)
        );
        // Both fit: a raise ends at a median bucket's bound (< 2^52, < 2^114), a lowering below the current value.
        nextParams = uint64(params);
        nextFlop = uint128(flop);
    }

    /// @dev One step from `current` toward the median bucket [lower, upper); none when already inside it.
    function _step(uint256 current, uint256 lower, uint256 upper) private pure returns (uint256) {
        if (current < lower) {
            uint256 cap = (current * RAISE_NUMERATOR) / RAISE_DENOMINATOR;
            return lower < cap ? lower : cap;
        }
        if (current >= upper) {
            uint256 cap = (current * LOWER_NUMERATOR) / LOWER_DENOMINATOR;
            return lower > cap ? lower : cap;
        }
        return current;
    }

    function _quorum() private view returns (uint256) {
        return IGovernor(_registry.governor()).quorum(Time.timestamp() - 1);
    }

    function _distribution(
        LogHistogram.Histogram storage h,
        uint256 minOctave,
        uint256 octaves
    ) private view returns (Bucket[] memory buckets) {
        uint256 count = 0;
        uint256 groups = 0;
        for (uint256 g = 0; g < octaves; ++g) {
            if (h.groupCountOf(g) == 0) continue;
            ++groups;
            for (uint256 b = g * 32; b < (g + 1) * 32; ++b) {
                if (h.countOf(b) != 0) ++count;
            }
        }
        buckets = new Bucket[](count);
        uint256 i = 0;
        for (uint256 g = 0; g < octaves && groups != 0; ++g) {
            if (h.groupCountOf(g) == 0) continue;
            for (uint256 b = g * 32; b < (g + 1) * 32; ++b) {
                uint256 n = h.countOf(b);
                if (n == 0) continue;
                buckets[i++] = Bucket(
                    LogHistogram.lowerBound(b, minOctave),
                    LogHistogram.lowerBound(b + 1, minOctave),
                    n
                );
            }
        }
    }

    function _epochStart(uint256 epoch_) private view returns (uint256) {
        return _genesis + epoch_ * _epochLength;
    }

    function _boundRegistry() private view returns (IComputeRegistry registry_) {
        registry_ = _registry;
        if (address(registry_) == address(0)) revert ThresholdBallotsNotBound();
    }

    function _checkWish(uint256 params, uint256 flop) private pure {
        if (params < MIN_PARAMS || params >= MAX_PARAMS) {
            revert ThresholdBallotsParamsOutOfRange(params, MIN_PARAMS, MAX_PARAMS - 1);
        }
        if (flop < MIN_FLOP || flop >= MAX_FLOP) revert ThresholdBallotsFlopOutOfRange(flop, MIN_FLOP, MAX_FLOP - 1);
    }

    function _setLifetime(uint256 epochs) private {
        if (epochs < MIN_LIFETIME_EPOCHS || epochs > MAX_LIFETIME_EPOCHS) {
            revert ThresholdBallotsLifetimeOutOfBounds(epochs, MIN_LIFETIME_EPOCHS, MAX_LIFETIME_EPOCHS);
        }
        emit BallotLifetimeUpdated(_lifetimeEpochs, epochs);
        _lifetimeEpochs = uint16(epochs);
    }
}
