// `compute-commons/abi`: the contracts' ABIs as `as const` literals, generated from the Hardhat artifacts, and
// beside them the published deployments by chain id with wagmi-style `…Address` maps and `…Config` objects.
export * from "./generated.js";
export * from "./addresses.js";
