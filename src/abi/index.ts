// `compute-commons/abi`: the contracts' ABIs as `as const` literals, generated from the Hardhat artifacts.
export * from "./generated.js";
