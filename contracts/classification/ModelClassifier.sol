// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {FixedAdmin} from "../access/FixedAdmin.sol";
import {IComputeRegistry} from "../interfaces/IComputeRegistry.sol";
import {IModelClassifier} from "../interfaces/IModelClassifier.sol";
import {CapacityMath} from "../libraries/CapacityMath.sol";
import {Paging} from "../libraries/Paging.sol";

/// @title ModelClassifier
/// @notice Small/Large thresholds with checkpointed history, guarded by the consumer floor and a rate limit,
/// and a registry of models. See {IModelClassifier}.
contract ModelClassifier is IModelClassifier, FixedAdmin {
    using Checkpoints for Checkpoints.Trace208;

    /// @notice Longest model name, in bytes.
    uint256 public constant MAX_NAME_LENGTH = 64;
    /// @notice Longest model URI, in bytes.
    uint256 public constant MAX_URI_LENGTH = 256;
    /// @notice Most a governed change may scale a threshold, up or down.
    uint256 public constant MAX_CHANGE_FACTOR = 2;
    /// @notice Upper bound for `minChangeInterval`.
    uint256 public constant MAX_CHANGE_INTERVAL = 365 days;

    // The params threshold fills bits 0..63 of a checkpoint value, the FLOP threshold bits 64..191:
    // one Trace208 keeps both, one storage word per change.
    uint8 private constant _FLOP_SHIFT = 64;

    struct ModelRecord {
        uint64 params;
        uint128 trainingFlop;
        bool openWeights;
        uint48 registeredAt;
        address registrant;
        bytes32 weightsHash;
        string name;
        string uri;
    }

    IComputeRegistry private immutable _registry;
    uint8 private immutable _quantBits;
    uint16 private immutable _overheadBps;
    uint48 private immutable _minChangeInterval;
    uint48 private immutable _raiseInterval;
    address private immutable _ballots;

    Checkpoints.Trace208 private _history;
    uint48 private _lastChangeAt;
    uint48 private _lastRaiseAt;
    uint48 private _lastAuthorityChangeAt;
    bool private _ballotsInCharge;
    uint256 private _modelCount;
    mapping(uint256 modelId => ModelRecord record) private _models;
    mapping(address registrant => mapping(bytes32 weightsHash => uint256 modelId)) private _modelIdOf;
    mapping(bytes32 weightsHash => uint256[] modelIds) private _recordsOf;

    /// @param admin_ The admin for good (the timelock in a deployment).
    /// @param registry_ The registry whose nodes set the consumer floor.
    /// @param initial The starting thresholds; both non-zero and at or above the floor.
    /// @param guards_ The constitutional guards, fixed for good.
    /// @param ballots_ The ballots contract that may settle the thresholds when in charge (zero: none). The
    /// governor is in charge at deployment.
    constructor(
        address admin_,
        IComputeRegistry registry_,
        Thresholds memory initial,
        Guards memory guards_,
        address ballots_
    ) FixedAdmin(admin_) {
        if (
            guards_.quantBits == 0 ||
            guards_.quantBits > 32 ||
            guards_.overheadBps >= CapacityMath.BPS ||
            guards_.minChangeInterval > MAX_CHANGE_INTERVAL ||
            guards_.raiseInterval > MAX_CHANGE_INTERVAL
        ) revert ModelClassifierInvalidGuards();
        _registry = registry_;
        _quantBits = guards_.quantBits;
        _overheadBps = guards_.overheadBps;
        _minChangeInterval = guards_.minChangeInterval;
        _raiseInterval = guards_.raiseInterval;
        _ballots = ballots_;

        _checkNonZero(initial);
        (, uint256 floorParams) = floorRange();
        if (initial.maxSmallParams < floorParams) {
            revert ModelClassifierBelowConsumerFloor(initial.maxSmallParams, floorParams);
        }
        _lastChangeAt = Time.timestamp();
        _writeThresholds(initial, false);
    }

    // ----------------------------------------------------------- thresholds

    /// @inheritdoc IModelClassifier
    function setThresholds(uint64 maxSmallParams, uint128 maxSmallTrainingFlop) external onlyAdmin {
        if (_ballotsInCharge) revert ModelClassifierBallotsInCharge();
        Thresholds memory next = Thresholds(maxSmallParams, maxSmallTrainingFlop);
        _checkNonZero(next);
        Thresholds memory current = thresholds();
        if (current.maxSmallParams == maxSmallParams && current.maxSmallTrainingFlop == maxSmallTrainingFlop) {
            revert ModelClassifierThresholdsUnchanged();
        }
        uint256 nextChangeAt = uint256(_lastChangeAt) + _minChangeInterval;
        if (block.timestamp < nextChangeAt) revert ModelClassifierChangeTooSoon(nextChangeAt);
        if (!_withinFactor(current.maxSmallParams, maxSmallParams)) {
            revert ModelClassifierParamsChangeTooLarge(current.maxSmallParams, maxSmallParams);
        }
        if (!_withinFactor(current.maxSmallTrainingFlop, maxSmallTrainingFlop)) {
            revert ModelClassifierFlopChangeTooLarge(current.maxSmallTrainingFlop, maxSmallTrainingFlop);
        }
        // The highest floor over the window: a drop in the population that lasts less than it lowers no guard.
        (, uint256 floorParams) = floorRange();
        if (maxSmallParams < floorParams) revert ModelClassifierBelowConsumerFloor(maxSmallParams, floorParams);

        _lastChangeAt = Time.timestamp();
        _writeThresholds(next, false);
    }

    /// @inheritdoc IModelClassifier
    function raiseToFloor() external returns (uint64 newMaxSmallParams) {
        Thresholds memory current = thresholds();
        // The lowest floor over the window: a pump that lasts less than it lifts nothing.
        (uint256 floorParams, ) = floorRange();
        if (floorParams <= current.maxSmallParams) {
            revert ModelClassifierNotBelowFloor(current.maxSmallParams, floorParams);
        }
        uint256 nextRaiseAt = uint256(_lastRaiseAt) + _raiseInterval;
        if (_lastRaiseAt != 0 && block.timestamp < nextRaiseAt) revert ModelClassifierRaiseTooSoon(nextRaiseAt);
        uint256 limit = uint256(current.maxSmallParams) * MAX_CHANGE_FACTOR;
        // Both fit: the largest histogram bucket (1 TiB) at 1 bit runs under 2^44 parameters.
        newMaxSmallParams = uint64(floorParams < limit ? floorParams : limit);
        _lastRaiseAt = Time.timestamp();
        _writeThresholds(Thresholds(newMaxSmallParams, current.maxSmallTrainingFlop), true);
    }

    /// @inheritdoc IModelClassifier
    function setThresholdAuthority(bool ballotsInCharge_) external onlyAdmin {
        if (_ballots == address(0)) revert ModelClassifierNoBallots();
        if (ballotsInCharge_ == _ballotsInCharge) revert ModelClassifierAuthorityUnchanged(ballotsInCharge_);
        // A majority that flips the authority back and forth gains nothing: at most once per interval, and a
        // governed change after a handover still waits `minChangeInterval` after the last settlement.
        uint256 nextAt = uint256(_lastAuthorityChangeAt) + _minChangeInterval;
        if (_lastAuthorityChangeAt != 0 && block.timestamp < nextAt)
            revert ModelClassifierAuthorityChangeTooSoon(nextAt);
        _ballotsInCharge = ballotsInCharge_;
        _lastAuthorityChangeAt = Time.timestamp();
        emit ThresholdAuthorityChanged(ballotsInCharge_);
    }

    /// @inheritdoc IModelClassifier
    function settleThresholds(uint64 maxSmallParams, uint128 maxSmallTrainingFlop) external returns (bool changed) {
        if (msg.sender != _ballots) revert ModelClassifierNotBallots(msg.sender);
        if (!_ballotsInCharge) revert ModelClassifierBallotsNotInCharge();
        Thresholds memory current = thresholds();
        if (current.maxSmallParams == maxSmallParams && current.maxSmallTrainingFlop == maxSmallTrainingFlop) {
            return false;
        }
        Thresholds memory next = Thresholds(maxSmallParams, maxSmallTrainingFlop);
        _checkNonZero(next);
        // The ballots' own steps are far smaller; these are the classifier's backstops, whoever settles.
        if (!_withinFactor(current.maxSmallParams, maxSmallParams)) {
            revert ModelClassifierParamsChangeTooLarge(current.maxSmallParams, maxSmallParams);
        }
        if (!_withinFactor(current.maxSmallTrainingFlop, maxSmallTrainingFlop)) {
            revert ModelClassifierFlopChangeTooLarge(current.maxSmallTrainingFlop, maxSmallTrainingFlop);
        }
        if (maxSmallParams < current.maxSmallParams) {
            (, uint256 floorParams) = floorRange();
            if (maxSmallParams < floorParams) revert ModelClassifierBelowConsumerFloor(maxSmallParams, floorParams);
        }
        _lastChangeAt = Time.timestamp();
        _writeThresholds(next, false);
        return true;
    }

    /// @inheritdoc IModelClassifier
    function ballotsInCharge() external view returns (bool) {
        return _ballotsInCharge;
    }

    /// @inheritdoc IModelClassifier
    function ballots() external view returns (address) {
        return _ballots;
    }

    /// @inheritdoc IModelClassifier
    function lastAuthorityChangeAt() external view returns (uint48) {
        return _lastAuthorityChangeAt;
    }

    /// @inheritdoc IModelClassifier
    function thresholds() public view returns (Thresholds memory) {
        return _unpack(_history.latest());
    }

    /// @inheritdoc IModelClassifier
    function thresholdsAt(uint256 timepoint) public view returns (Thresholds memory) {
        uint48 now_ = Time.timestamp();
        if (timepoint >= now_) revert ModelClassifierFutureLookup(timepoint, now_);
        uint208 packed = _history.upperLookupRecent(uint48(timepoint));
        if (packed == 0) revert ModelClassifierNoThresholdsAt(timepoint);
        return _unpack(packed);
    }

    /// @inheritdoc IModelClassifier
    function thresholdCheckpointCount() external view returns (uint256) {
        return _history.length();
    }

    /// @inheritdoc IModelClassifier
    function classify(uint256 params, uint256 trainingFlop) external view returns (Tier) {
        return _tier(thresholds(), params, trainingFlop);
    }

    /// @inheritdoc IModelClassifier
    function classifyAt(uint256 params, uint256 trainingFlop, uint256 timepoint) external view returns (Tier) {
        return _tier(thresholdsAt(timepoint), params, trainingFlop);
    }

    // --------------------------------------------------------------- models

    /// @inheritdoc IModelClassifier
    function registerModel(
        string calldata name,
        uint64 params,
        uint128 trainingFlop,
        bytes32 weightsHash,
        string calldata uri,
        bool openWeights
    ) external returns (uint256 modelId) {
        uint256 nameLength = bytes(name).length;
        if (nameLength == 0) revert ModelClassifierEmptyModelName();
        if (nameLength > MAX_NAME_LENGTH) revert ModelClassifierModelNameTooLong(nameLength, MAX_NAME_LENGTH);
        if (bytes(uri).length > MAX_URI_LENGTH)
            revert ModelClassifierModelURITooLong(bytes(uri).length, MAX_URI_LENGTH);
        if (params == 0) revert ModelClassifierZeroParams();
        if (trainingFlop == 0) revert ModelClassifierZeroTrainingFlop();
        if (weightsHash == bytes32(0)) revert ModelClassifierZeroWeightsHash();
        uint256 existing = _modelIdOf[msg.sender][weightsHash];
        if (existing != 0) revert ModelClassifierDuplicateModel(msg.sender, weightsHash, existing);

        modelId = ++_modelCount;
        _modelIdOf[msg.sender][weightsHash] = modelId;
        _recordsOf[weightsHash].push(modelId);
        _models[modelId] = ModelRecord({
            params: params,
            trainingFlop: trainingFlop,
            openWeights: openWeights,
            registeredAt: Time.timestamp(),
            registrant: msg.sender,
            weightsHash: weightsHash,
            name: name,
            uri: uri
        });
        emit ModelRegistered(modelId, msg.sender, weightsHash, name, params, trainingFlop, uri, openWeights);
    }

    /// @inheritdoc IModelClassifier
    function classifyModel(uint256 modelId) external view returns (Tier) {
        ModelRecord storage record = _existingModel(modelId);
        return _tier(thresholds(), record.params, record.trainingFlop);
    }

    /// @inheritdoc IModelClassifier
    function classifyModelAt(uint256 modelId, uint256 timepoint) external view returns (Tier) {
        ModelRecord storage record = _existingModel(modelId);
        return _tier(thresholdsAt(timepoint), record.params, record.trainingFlop);
    }

    /// @inheritdoc IModelClassifier
    function model(uint256 modelId) public view returns (Model memory) {
        ModelRecord storage r = _existingModel(modelId);
        return
            Model(
                modelId,
                r.name,
                r.params,
                r.trainingFlop,
                r.weightsHash,
                r.uri,
                r.openWeights,
                r.registrant,
                r.registeredAt
            );
    }

    /// @inheritdoc IModelClassifier
    function models(uint256 offset, uint256 limit) external view returns (Model[] memory page) {
        uint256 end = Paging.end(offset, limit, _modelCount);
        page = new Model[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = model(i + 1);
        }
    }

    /// @inheritdoc IModelClassifier
    function modelCount() external view returns (uint256) {
        return _modelCount;
    }

    /// @inheritdoc IModelClassifier
    function modelIdOf(address registrant, bytes32 weightsHash) external view returns (uint256) {
        return _modelIdOf[registrant][weightsHash];
    }

    /// @inheritdoc IModelClassifier
    function recordCountOf(bytes32 weightsHash) external view returns (uint256) {
        return _recordsOf[weightsHash].length;
    }

    /// @inheritdoc IModelClassifier
    function recordsOf(bytes32 weightsHash, uint256 offset, uint256 limit) external view returns (Model[] memory page) {
        uint256[] storage ids = _recordsOf[weightsHash];
        uint256 end = Paging.end(offset, limit, ids.length);
        page = new Model[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = model(ids[i]);
        }
    }

    // ------------------------------------------------------- guards & floor

    /// @inheritdoc IModelClassifier
    function consumerFloor() external view returns (uint256 memoryMiB, uint256 params) {
        memoryMiB = _registry.floorMiB();
        params = CapacityMath.runnableParams(memoryMiB, _quantBits, _overheadBps);
    }

    /// @inheritdoc IModelClassifier
    function floorRange() public view returns (uint256 lowestParams, uint256 highestParams) {
        (uint256 lowestMiB, uint256 highestMiB) = _registry.floorRangeMiB();
        lowestParams = CapacityMath.runnableParams(lowestMiB, _quantBits, _overheadBps);
        highestParams = CapacityMath.runnableParams(highestMiB, _quantBits, _overheadBps);
    }

    /// @inheritdoc IModelClassifier
    function lastRaiseAt() external view returns (uint48) {
        return _lastRaiseAt;
    }

    /// @inheritdoc IModelClassifier
    function guards() external view returns (Guards memory) {
        return Guards(_quantBits, _overheadBps, _minChangeInterval, _raiseInterval);
    }

    /// @inheritdoc IModelClassifier
    function lastChangeAt() external view returns (uint48) {
        return _lastChangeAt;
    }

    /// @inheritdoc IModelClassifier
    function runnableParams(uint256 memoryMiB, uint256 quantBits, uint256 overheadBps) external pure returns (uint256) {
        return CapacityMath.runnableParams(memoryMiB, quantBits, overheadBps);
    }

    /// @inheritdoc IModelClassifier
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @notice The clock is the block timestamp (ERC-6372), the same as the registry's.
    /// @return The current timestamp.
    function clock() external view returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock description.
    /// @return "mode=timestamp".
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    // ------------------------------------------------------------ internals

    function _writeThresholds(Thresholds memory next, bool raisedToFloor) private {
        (bool exists, , uint208 previous) = _history.latestCheckpoint();
        Thresholds memory old = exists ? _unpack(previous) : Thresholds(0, 0);
        _history.push(
            Time.timestamp(),
            uint208(next.maxSmallParams) | (uint208(next.maxSmallTrainingFlop) << _FLOP_SHIFT)
        );
        emit ThresholdsUpdated(
            old.maxSmallParams,
            next.maxSmallParams,
            old.maxSmallTrainingFlop,
            next.maxSmallTrainingFlop,
            raisedToFloor
        );
    }

    function _unpack(uint208 packed) private pure returns (Thresholds memory) {
        return Thresholds(uint64(packed), uint128(packed >> _FLOP_SHIFT));
    }

    function _tier(Thresholds memory t, uint256 params, uint256 trainingFlop) private pure returns (Tier) {
        return params <= t.maxSmallParams && trainingFlop <= t.maxSmallTrainingFlop ? Tier.Small : Tier.Large;
    }

    function _withinFactor(uint256 oldValue, uint256 newValue) private pure returns (bool) {
        return newValue <= oldValue * MAX_CHANGE_FACTOR && newValue * MAX_CHANGE_FACTOR >= oldValue;
    }

    function _checkNonZero(Thresholds memory t) private pure {
        if (t.maxSmallParams == 0 || t.maxSmallTrainingFlop == 0) revert ModelClassifierZeroThreshold();
    }

    function _existingModel(uint256 modelId) private view returns (ModelRecord storage) {
        if (modelId == 0 || modelId > _modelCount) revert ModelClassifierUnknownModel(modelId);
        return _models[modelId];
    }
}
