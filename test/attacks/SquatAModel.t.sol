// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "squat a model". Against v1 the first registrant of a weights hash set its figures
/// for good: Llama 3.1 405B listed as an 8B model read as Small, and the genuine entry was refused as a
/// duplicate. Here records are keyed by (registrant, weightsHash): the squat neither blocks nor overrules
/// the genuine record, and every answer says whose record it is.
contract SquatAModelAttack is AttackBase {
    address internal constant META = address(0x11A4A);
    bytes32 internal constant LLAMA_405B = keccak256("meta-llama/Llama-3.1-405B");

    function setUp() public {
        deployGovernanceFixture();
    }

    function test_squatAModel_falseFiguresBlockNothingAndNameTheirAuthor() public {
        vm.prank(ATTACKER);
        uint256 squat = classifier.registerModel("Llama 3.1 405B", 8e9, 1e23, LLAMA_405B, "", true);
        assertEq(uint8(classifier.classifyModel(squat)), uint8(IModelClassifier.Tier.Small), "the lie reads Small");

        vm.prank(META);
        uint256 genuine = classifier.registerModel("Llama 3.1 405B", 405e9, 3.8e25, LLAMA_405B, "", true);
        assertEq(uint8(classifier.classifyModel(genuine)), uint8(IModelClassifier.Tier.Large));

        assertEq(classifier.modelIdOf(META, LLAMA_405B), genuine, "the genuine record is found by its author");
        assertEq(classifier.modelIdOf(ATTACKER, LLAMA_405B), squat);
        assertEq(classifier.recordCountOf(LLAMA_405B), 2);
        IModelClassifier.Model[] memory records = classifier.recordsOf(LLAMA_405B, 0, 10);
        assertEq(records[0].registrant, ATTACKER);
        assertEq(records[0].params, 8e9);
        assertEq(records[1].registrant, META);
        assertEq(records[1].params, 405e9);
        assertEq(classifier.model(genuine).registrant, META);
    }

    function test_squatAModel_theSquatterCannotOverwriteItsOwnRecordEither() public {
        vm.startPrank(ATTACKER);
        uint256 squat = classifier.registerModel("Llama 3.1 405B", 8e9, 1e23, LLAMA_405B, "", true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IModelClassifier.ModelClassifierDuplicateModel.selector, ATTACKER, LLAMA_405B, squat
            )
        );
        classifier.registerModel("Llama 3.1 405B (fixed)", 405e9, 3.8e25, LLAMA_405B, "", true);
        vm.stopPrank();
        assertEq(classifier.model(squat).params, 8e9, "a record never changes after the fact");
    }
}
