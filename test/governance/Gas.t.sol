// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ModelClassifier} from "../../contracts/classification/ModelClassifier.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {GovernanceDeployers} from "../utils/GovernanceDeployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice Gas of the governance path and of the classifier's reads and writes, measured as gasleft() deltas
/// around each call (so without the 21,000 transaction base and calldata cost) and held under upper bounds.
/// `coolAll()` before each measurement makes storage cold again, as it is at the start of a transaction.
contract GasTest is GovernanceDeployers {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    uint256 internal constant MAX_PROPOSE = 400_000;
    uint256 internal constant MAX_CAST_VOTE = 130_000;
    uint256 internal constant MAX_QUEUE = 160_000;
    uint256 internal constant MAX_EXECUTE = 180_000;
    uint256 internal constant MAX_SET_THRESHOLDS = 130_000;
    uint256 internal constant MAX_REGISTER_MODEL = 280_000;
    uint256 internal constant MAX_CLASSIFY = 10_000;
    uint256 internal constant MAX_CLASSIFY_AT = 10_000;
    uint256 internal constant MAX_CLASSIFY_AT_1000 = 40_000;

    function coolAll() internal {
        vm.cool(address(governor));
        vm.cool(address(timelock));
        vm.cool(address(registry));
        vm.cool(address(classifier));
    }

    function setUp() public {
        deployGovernanceFixture();
        registerNode(ALICE, SeedDevices.RTX_3090, 1);
        registerNode(BOB, SeedDevices.RTX_4090, 1);
        activatePending();
    }

    function test_gas_governanceOfSetThresholds() public {
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL);
        Proposal memory p = setThresholdsProposal(120e9, MAX_SMALL_FLOP, "Raise Small to 120B params");

        coolAll();
        vm.prank(ALICE);
        uint256 g = gasleft();
        uint256 id = governor.propose(p.targets, p.values, p.calldatas, p.description);
        assertLe(g - gasleft(), MAX_PROPOSE, "propose");

        warpToVoting(id);
        coolAll();
        vm.prank(ALICE);
        g = gasleft();
        governor.castVote(id, 1);
        assertLe(g - gasleft(), MAX_CAST_VOTE, "castVote");

        coolAll();
        vm.prank(BOB);
        g = gasleft();
        governor.castVoteWithReason(id, 1, "my card runs 120B at 4-bit across two");
        assertLe(g - gasleft(), MAX_CAST_VOTE, "castVoteWithReason");

        warpPastDeadline(id);
        bytes32 h = keccak256(bytes(p.description));
        coolAll();
        g = gasleft();
        governor.queue(p.targets, p.values, p.calldatas, h);
        assertLe(g - gasleft(), MAX_QUEUE, "queue");

        warpBy(TIMELOCK_DELAY);
        coolAll();
        g = gasleft();
        governor.execute(p.targets, p.values, p.calldatas, h);
        assertLe(g - gasleft(), MAX_EXECUTE, "execute");
        assertEq(classifier.thresholds().maxSmallParams, 120e9);
    }

    function test_gas_setThresholdsAsTimelock() public {
        vm.warp(DEPLOY_TIME + MIN_CHANGE_INTERVAL);
        coolAll();
        vm.prank(address(timelock));
        uint256 g = gasleft();
        classifier.setThresholds(120e9, MAX_SMALL_FLOP);
        assertLe(g - gasleft(), MAX_SET_THRESHOLDS, "setThresholds");
    }

    function test_gas_registerModelAndClassify() public {
        coolAll();
        vm.prank(ALICE);
        uint256 g = gasleft();
        classifier.registerModel(
            "Llama 3.1 70B", 70e9, 6.3e24, keccak256("llama-3.1-70b"), "https://huggingface.co/meta-llama", true
        );
        assertLe(g - gasleft(), MAX_REGISTER_MODEL, "registerModel");

        coolAll();
        g = gasleft();
        classifier.classify(70e9, 6.3e24);
        assertLe(g - gasleft(), MAX_CLASSIFY, "classify");

        warpBy(1);
        assertEq(classifier.thresholdCheckpointCount(), 1);
        coolAll();
        g = gasleft();
        classifier.classifyAt(70e9, 6.3e24, DEPLOY_TIME);
        assertLe(g - gasleft(), MAX_CLASSIFY_AT, "classifyAt, 1 checkpoint");
    }

    function test_gas_classifyAtWithThousandCheckpoints() public {
        ModelClassifier c = new ModelClassifier(
            address(this),
            IComputeRegistry(address(registry)),
            IModelClassifier.Thresholds(MAX_SMALL_PARAMS, MAX_SMALL_FLOP),
            IModelClassifier.Guards(QUANT_BITS, OVERHEAD_BPS, 0, 0),
            address(0)
        );
        uint256 start = vm.getBlockTimestamp();
        for (uint256 i = 1; i < 1000; ++i) {
            vm.warp(start + i);
            c.setThresholds(i % 2 == 1 ? 71e9 : 70e9, MAX_SMALL_FLOP);
        }
        assertEq(c.thresholdCheckpointCount(), 1000);
        vm.warp(start + 1000);

        // Oldest (deepest binary search), middle and most recent timepoints.
        uint256[3] memory points = [start, start + 500, start + 999];
        for (uint256 i = 0; i < points.length; ++i) {
            vm.cool(address(c));
            uint256 g = gasleft();
            c.classifyAt(70e9, MAX_SMALL_FLOP, points[i]);
            assertLe(g - gasleft(), MAX_CLASSIFY_AT_1000, "classifyAt, 1,000 checkpoints");
        }
        assertEq(uint256(c.classifyAt(71e9, 1, start)), uint256(IModelClassifier.Tier.Large));
        assertEq(uint256(c.classifyAt(71e9, 1, start + 1)), uint256(IModelClassifier.Tier.Small));
    }
}
