// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {Vm} from "./Vm.sol";

/// @title Eas
/// @notice Deploys the Ethereum Attestation Service from its npm package's own artifacts (compiled with solc
/// 0.8.29, which we cannot compile here), as the Ignition module does on local chains.
library Eas {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    string internal constant ARTIFACTS = "node_modules/@ethereum-attestation-service/eas-contracts/artifacts/contracts/";

    function deploy() internal returns (IEAS eas) {
        address schemaRegistry = _create(_bytecode("SchemaRegistry"));
        bytes memory easCode = _bytecode("EAS");
        eas = IEAS(_create(bytes.concat(easCode, abi.encode(schemaRegistry))));
        vm.label(schemaRegistry, "SchemaRegistry");
        vm.label(address(eas), "EAS");
    }

    function _bytecode(string memory name) private view returns (bytes memory) {
        string memory json = vm.readFile(string.concat(ARTIFACTS, name, ".sol/", name, ".json"));
        return vm.parseJsonBytes(json, ".bytecode");
    }

    function _create(bytes memory code) private returns (address deployed) {
        assembly {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        require(deployed != address(0), "Eas: deployment failed");
    }
}
