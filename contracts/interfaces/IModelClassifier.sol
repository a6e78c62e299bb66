// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IModelClassifier
/// @notice The thresholds that classify AI models as Small or Large, with their full history, and a registry
/// of models. Governance (the timelock) moves the thresholds, but only inside constitutional guards fixed at
/// deployment: never below what the registered consumer hardware can run, and only slowly.
interface IModelClassifier {
    /// @notice Small: at or below both thresholds. Large: above either.
    enum Tier {
        Small,
        Large
    }

    /// @notice The classification line.
    /// @param maxSmallParams Most parameters a Small model may have (a count, not billions).
    /// @param maxSmallTrainingFlop Most training compute a Small model may have used, in FLOP.
    struct Thresholds {
        uint64 maxSmallParams;
        uint128 maxSmallTrainingFlop;
    }

    /// @notice The constitutional guards, immutable after deployment. The floor itself (which percentile of
    /// active nodes, over which window) is the registry's (`IComputeRegistry.config`).
    /// @param quantBits Bits per parameter assumed when computing runnable parameters (1..32).
    /// @param overheadBps Share of memory reserved for activations and runtime, in basis points (< 10,000).
    /// @param minChangeInterval Seconds that must pass between two governed threshold changes.
    /// @param raiseInterval Seconds that must pass between two `raiseToFloor` calls that change the line.
    struct Guards {
        uint8 quantBits;
        uint16 overheadBps;
        uint48 minChangeInterval;
        uint48 raiseInterval;
    }

    /// @notice A registered model.
    /// @param id Its id (from 1).
    /// @param name Its name, e.g. "Llama 3.1 70B".
    /// @param params Its parameter count.
    /// @param trainingFlop Its training compute in FLOP.
    /// @param weightsHash A hash of its weights. Several registrants may list the same weights (each with its
    /// own figures); one registrant lists a hash once. A record speaks for its registrant only.
    /// @param uri Where its model card lives.
    /// @param openWeights Whether its weights are published.
    /// @param registrant Who registered it.
    /// @param registeredAt When (timestamp).
    struct Model {
        uint256 id;
        string name;
        uint64 params;
        uint128 trainingFlop;
        bytes32 weightsHash;
        string uri;
        bool openWeights;
        address registrant;
        uint48 registeredAt;
    }

    /// @notice Emitted when the thresholds change.
    /// @param oldMaxSmallParams Params threshold before.
    /// @param newMaxSmallParams Params threshold after.
    /// @param oldMaxSmallTrainingFlop FLOP threshold before.
    /// @param newMaxSmallTrainingFlop FLOP threshold after.
    /// @param raisedToFloor True when `raiseToFloor` made the change, false for governance.
    event ThresholdsUpdated(
        uint64 oldMaxSmallParams,
        uint64 newMaxSmallParams,
        uint128 oldMaxSmallTrainingFlop,
        uint128 newMaxSmallTrainingFlop,
        bool raisedToFloor
    );

    /// @notice Emitted when a model is registered.
    /// @param modelId Its id.
    /// @param registrant Who registered it.
    /// @param weightsHash The hash of its weights.
    /// @param name Its name.
    /// @param params Its parameter count.
    /// @param trainingFlop Its training compute in FLOP.
    /// @param uri Its model card.
    /// @param openWeights Whether its weights are published.
    event ModelRegistered(
        uint256 indexed modelId,
        address indexed registrant,
        bytes32 indexed weightsHash,
        string name,
        uint64 params,
        uint128 trainingFlop,
        string uri,
        bool openWeights
    );

    /// @notice A threshold of zero.
    error ModelClassifierZeroThreshold();
    /// @notice The new thresholds equal the current ones.
    error ModelClassifierThresholdsUnchanged();
    /// @notice The params threshold would fall below the consumer floor: the highest floor over the floor
    /// window, so that a drop in the population shorter than the window lowers no guard.
    /// @param maxSmallParams The value asked for.
    /// @param floorParams The floor: parameters the floor-percentile node can run.
    error ModelClassifierBelowConsumerFloor(uint256 maxSmallParams, uint256 floorParams);
    /// @notice A governed change came sooner than `minChangeInterval` after the last one.
    /// @param nextChangeAt The first timestamp at which a change is allowed.
    error ModelClassifierChangeTooSoon(uint256 nextChangeAt);
    /// @notice The params threshold would move by more than a factor of 2.
    /// @param oldValue The current value.
    /// @param newValue The value asked for.
    error ModelClassifierParamsChangeTooLarge(uint256 oldValue, uint256 newValue);
    /// @notice The FLOP threshold would move by more than a factor of 2.
    /// @param oldValue The current value.
    /// @param newValue The value asked for.
    error ModelClassifierFlopChangeTooLarge(uint256 oldValue, uint256 newValue);
    /// @notice `raiseToFloor` found the params threshold already at or above the lowest floor over the window.
    /// @param maxSmallParams The current value.
    /// @param floorParams The floor.
    error ModelClassifierNotBelowFloor(uint256 maxSmallParams, uint256 floorParams);
    /// @notice `raiseToFloor` moved the line less than `raiseInterval` ago.
    /// @param nextRaiseAt The first timestamp at which it may move the line again.
    error ModelClassifierRaiseTooSoon(uint256 nextRaiseAt);
    /// @notice A lookup at or after the current timepoint.
    /// @param timepoint The timepoint asked for.
    /// @param clock The current timepoint.
    error ModelClassifierFutureLookup(uint256 timepoint, uint48 clock);
    /// @notice A lookup before the first thresholds were set.
    /// @param timepoint The timepoint asked for.
    error ModelClassifierNoThresholdsAt(uint256 timepoint);
    /// @notice A guard constant is out of range at deployment.
    error ModelClassifierInvalidGuards();
    /// @notice The model name is empty.
    error ModelClassifierEmptyModelName();
    /// @notice The model name is too long.
    /// @param length Its length in bytes.
    /// @param maxLength The limit.
    error ModelClassifierModelNameTooLong(uint256 length, uint256 maxLength);
    /// @notice The model URI is too long.
    /// @param length Its length in bytes.
    /// @param maxLength The limit.
    error ModelClassifierModelURITooLong(uint256 length, uint256 maxLength);
    /// @notice A model with zero parameters.
    error ModelClassifierZeroParams();
    /// @notice A model with zero training compute.
    error ModelClassifierZeroTrainingFlop();
    /// @notice A zero weights hash.
    error ModelClassifierZeroWeightsHash();
    /// @notice This registrant has listed these weights already.
    /// @param registrant The registrant.
    /// @param weightsHash The hash.
    /// @param existingModelId Its record.
    error ModelClassifierDuplicateModel(address registrant, bytes32 weightsHash, uint256 existingModelId);
    /// @notice No model has this id.
    /// @param modelId The id.
    error ModelClassifierUnknownModel(uint256 modelId);
    /// @notice The ballots are in charge of the thresholds: a governed `setThresholds` is refused.
    error ModelClassifierBallotsInCharge();
    /// @notice The governor is in charge of the thresholds: a settlement is refused.
    error ModelClassifierBallotsNotInCharge();
    /// @notice The caller is not the ballots contract.
    /// @param caller Who called.
    error ModelClassifierNotBallots(address caller);
    /// @notice This deployment has no ballots contract.
    error ModelClassifierNoBallots();
    /// @notice The authority asked for is already in charge.
    /// @param ballotsInCharge The authority in charge.
    error ModelClassifierAuthorityUnchanged(bool ballotsInCharge);
    /// @notice The authority changed less than `minChangeInterval` ago.
    /// @param nextChangeAt When it may change again.
    error ModelClassifierAuthorityChangeTooSoon(uint256 nextChangeAt);

    /// @notice Emitted when governance hands the thresholds to the ballots or takes them back.
    /// @param ballotsInCharge True when the ballots are now in charge, false for the governor.
    event ThresholdAuthorityChanged(bool ballotsInCharge);

    /// @notice Sets both thresholds. Admin (timelock) only, inside the guards: `maxSmallParams` at or above
    /// the highest consumer floor over the floor window, at least `minChangeInterval` since the last governed
    /// change, and each threshold within a factor of 2 of its current value.
    /// @param maxSmallParams New params threshold.
    /// @param maxSmallTrainingFlop New FLOP threshold.
    function setThresholds(uint64 maxSmallParams, uint128 maxSmallTrainingFlop) external;

    /// @notice Lifts the params threshold toward the lowest consumer floor over the floor window, when the
    /// registered hardware has held the floor above the line for the whole window: at most to twice the line
    /// per call, and at most once per `raiseInterval`. Anyone may call.
    /// @return newMaxSmallParams The new params threshold.
    function raiseToFloor() external returns (uint64 newMaxSmallParams);

    /// @notice Governance: hands the thresholds to the ballots (`true`) or takes them back (`false`). One
    /// authority at a time: while the ballots are in charge `setThresholds` reverts, while the governor is
    /// `settleThresholds` does. At most once per `minChangeInterval`; `raiseToFloor` works under both.
    /// @param ballotsInCharge_ Which authority is to be in charge.
    function setThresholdAuthority(bool ballotsInCharge_) external;

    /// @notice The ballots contract's settlement: writes a checkpoint when a threshold moves. Only the ballots
    /// contract, only while it is in charge; never lowers the params line below the highest floor over the
    /// window, never moves a threshold by more than `MAX_CHANGE_FACTOR`.
    /// @param maxSmallParams The new params threshold.
    /// @param maxSmallTrainingFlop The new FLOP threshold.
    /// @return changed Whether a threshold moved (a checkpoint was written).
    function settleThresholds(uint64 maxSmallParams, uint128 maxSmallTrainingFlop) external returns (bool changed);

    /// @notice Whether the ballots are in charge of the thresholds (else the governor is).
    /// @return True for the ballots.
    function ballotsInCharge() external view returns (bool);

    /// @notice The ballots contract (zero when the deployment has none).
    /// @return Its address.
    function ballots() external view returns (address);

    /// @notice When the authority last changed (0: never).
    /// @return The timestamp.
    function lastAuthorityChangeAt() external view returns (uint48);

    /// @notice Registers a model record under the caller's name. Anyone may call. Records are keyed by
    /// (registrant, weightsHash): listing a real model's hash with false figures neither blocks nor overrules
    /// anyone else's record of it, and every answer names whose record it is.
    /// @param name Its name (1..64 bytes).
    /// @param params Its parameter count (> 0).
    /// @param trainingFlop Its training compute in FLOP (> 0).
    /// @param weightsHash A hash of its weights (non-zero; once per registrant).
    /// @param uri Its model card (at most 256 bytes).
    /// @param openWeights Whether its weights are published.
    /// @return modelId The new model's id.
    function registerModel(
        string calldata name,
        uint64 params,
        uint128 trainingFlop,
        bytes32 weightsHash,
        string calldata uri,
        bool openWeights
    ) external returns (uint256 modelId);

    /// @notice The current thresholds.
    /// @return The thresholds.
    function thresholds() external view returns (Thresholds memory);

    /// @notice The thresholds in force at a past timepoint.
    /// @param timepoint A timestamp before the current one.
    /// @return The thresholds.
    function thresholdsAt(uint256 timepoint) external view returns (Thresholds memory);

    /// @notice Number of threshold checkpoints (the initial thresholds are the first).
    /// @return The count.
    function thresholdCheckpointCount() external view returns (uint256);

    /// @notice Tier of a model of these figures under the current thresholds.
    /// @param params Parameter count.
    /// @param trainingFlop Training compute in FLOP.
    /// @return The tier.
    function classify(uint256 params, uint256 trainingFlop) external view returns (Tier);

    /// @notice Tier of a model of these figures under the thresholds in force at `timepoint`.
    /// @param params Parameter count.
    /// @param trainingFlop Training compute in FLOP.
    /// @param timepoint A timestamp before the current one.
    /// @return The tier.
    function classifyAt(uint256 params, uint256 trainingFlop, uint256 timepoint) external view returns (Tier);

    /// @notice Tier of a registered model now.
    /// @param modelId The model.
    /// @return The tier.
    function classifyModel(uint256 modelId) external view returns (Tier);

    /// @notice Tier of a registered model under the thresholds in force at `timepoint`.
    /// @param modelId The model.
    /// @param timepoint A timestamp before the current one.
    /// @return The tier.
    function classifyModelAt(uint256 modelId, uint256 timepoint) external view returns (Tier);

    /// @notice One model.
    /// @param modelId The model.
    /// @return The model.
    function model(uint256 modelId) external view returns (Model memory);

    /// @notice A page of models in id order.
    /// @param offset Index of the first model (0 is model id 1).
    /// @param limit The most models to return.
    /// @return page The models.
    function models(uint256 offset, uint256 limit) external view returns (Model[] memory page);

    /// @notice Number of models registered. Ids run from 1 to `modelCount()`.
    /// @return The count.
    function modelCount() external view returns (uint256);

    /// @notice The record `registrant` made of `weightsHash`, or 0 when it made none.
    /// @param registrant The registrant.
    /// @param weightsHash The hash.
    /// @return The model id.
    function modelIdOf(address registrant, bytes32 weightsHash) external view returns (uint256);

    /// @notice How many registrants listed `weightsHash`.
    /// @param weightsHash The hash.
    /// @return The count.
    function recordCountOf(bytes32 weightsHash) external view returns (uint256);

    /// @notice A page of the records of `weightsHash` in registration order, each with its registrant and
    /// figures, so that whoever asks what these weights are sees every claim and whose it is.
    /// @param weightsHash The hash.
    /// @param offset Index of the first record.
    /// @param limit The most records to return.
    /// @return page The records.
    function recordsOf(bytes32 weightsHash, uint256 offset, uint256 limit) external view returns (Model[] memory page);

    /// @notice The consumer floor now: the floor-percentile node's memory and the parameters it can run.
    /// @return memoryMiB Memory of the floor-percentile active node, in MiB (0 with no nodes).
    /// @return params Parameters that memory can run under the guards.
    function consumerFloor() external view returns (uint256 memoryMiB, uint256 params);

    /// @notice The guards' view of the floor over the floor window: `raiseToFloor` aims at the lowest, and
    /// `setThresholds` may not go below the highest.
    /// @return lowestParams Parameters the lowest floor over the window runs.
    /// @return highestParams Parameters the highest floor over the window runs.
    function floorRange() external view returns (uint256 lowestParams, uint256 highestParams);

    /// @notice When `raiseToFloor` last moved the line (0 before it ever did).
    /// @return The timestamp.
    function lastRaiseAt() external view returns (uint48);

    /// @notice The guards fixed at deployment.
    /// @return The guards.
    function guards() external view returns (Guards memory);

    /// @notice When the last governed threshold change was made (deployment time before any).
    /// @return The timestamp.
    function lastChangeAt() external view returns (uint48);

    /// @notice Parameters that `memoryMiB` can run at `quantBits` bits after `overheadBps` overhead:
    /// `memoryMiB * 2^20 * 8 * (10,000 - overheadBps) / (quantBits * 10,000)`, rounded down.
    /// @param memoryMiB Memory in MiB.
    /// @param quantBits Bits per parameter (> 0).
    /// @param overheadBps Overhead share in basis points (< 10,000).
    /// @return The parameter count.
    function runnableParams(uint256 memoryMiB, uint256 quantBits, uint256 overheadBps) external pure returns (uint256);

    /// @notice The registry whose nodes set the floor.
    /// @return Its address.
    function registry() external view returns (address);
}
