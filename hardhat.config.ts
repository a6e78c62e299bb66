import { createRequire } from "node:module";
import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";
import dependencyWarnings from "./scripts/lib/dependencyWarnings.js";
import { pickRpcUrl, rpcUrlFromEnv } from "./src/connection.js";

// The compiler cannot be downloaded here: use the pinned npm `solc` (solc-js).
const require = createRequire(import.meta.url);
const solcVersion: string = require("solc/package.json").version;

// COMMONS_RPC_URL, else a local node on 8545 (src/connection.ts: the CLI's and the dashboard's default too).
const rpcUrl = pickRpcUrl(rpcUrlFromEnv(process.env));

const REGISTRY_OPTIMIZER_RUNS = 100;

const compiler = {
  version: solcVersion,
  path: require.resolve("solc/soljson.js"),
  settings: {
    evmVersion: "cancun",
    optimizer: { enabled: true, runs: 200 },
  },
};

// Solidity tests deploy EAS from its package's own artifacts (solc 0.8.29) with `vm.getCode`.
const EAS_ARTIFACTS = {
  readFile: ["SchemaRegistry", "EAS"].map(
    (name) => `node_modules/@ethereum-attestation-service/eas-contracts/artifacts/contracts/${name}.sol/${name}.json`,
  ),
};

function publicNetwork(name: string, variable: string, chainId: number, chainType: "l1" | "op" | "generic") {
  return {
    [name]: {
      type: "http",
      chainType,
      chainId,
      url: configVariable(`${variable}_RPC_URL`),
      accounts: [configVariable(`${variable}_PRIVATE_KEY`)],
    },
  } as const;
}

/**
 * Explorer URLs for `commons deploy --verify` (hardhat-verify): the real ones by default (Hardhat's chain
 * descriptors name Etherscan's and Blockscout's site for each chain; Etherscan's API v2 is one URL for all
 * chains, with a `chainid` query parameter). COMMONS_ETHERSCAN_API_URL and COMMONS_BLOCKSCOUT_API_URL replace
 * the API of chain COMMONS_VERIFY_CHAIN_ID (the CLI sets it to the chain it deploys to), COMMONS_SOURCIFY_URL
 * Sourcify's server: the tests point them at a loopback stub.
 */
function explorerOverrides(env: NodeJS.ProcessEnv) {
  const chainId = env.COMMONS_VERIFY_CHAIN_ID;
  const explorer = (apiUrl: string | undefined) => (apiUrl ? { url: new URL(apiUrl).origin, apiUrl } : undefined);
  const etherscan = explorer(env.COMMONS_ETHERSCAN_API_URL);
  const blockscout = explorer(env.COMMONS_BLOCKSCOUT_API_URL);
  if (chainId === undefined || (etherscan === undefined && blockscout === undefined)) return {};
  return {
    [chainId]: {
      name: `chain ${chainId}`,
      blockExplorers: { ...(etherscan ? { etherscan } : {}), ...(blockscout ? { blockscout } : {}) },
    },
  };
}

export default defineConfig({
  // dependencyWarnings: solc warnings in OpenZeppelin's sources become one line; ours stay as they are.
  plugins: [hardhatToolboxViemPlugin, dependencyWarnings],
  solidity: {
    compilers: [compiler],
    overrides: {
      // EIP-170: the registry is within a few hundred bytes of 24,576 at 200 runs; fewer runs buy the room.
      "contracts/registry/ComputeRegistry.sol": {
        ...compiler,
        settings: { ...compiler.settings, optimizer: { enabled: true, runs: REGISTRY_OPTIMIZER_RUNS } },
      },
    },
    npmFilesToBuild: ["@openzeppelin/contracts/governance/TimelockController.sol"],
    // Contracts compile apart from the Solidity tests, so a build without tests (the demo, deploys) reuses
    // the contracts of the test build instead of recompiling them.
    splitTestsCompilation: true,
  },
  test: {
    solidity: {
      // `default` for local runs; `deep` (--test-profile deep, or HARDHAT_TEST_PROFILE=deep, as .ci/run does):
      // at least 1,000 runs per fuzz property and 256 runs of depth 64 per invariant.
      profiles: {
        default: {
          fuzz: { runs: 256 },
          invariant: { runs: 64, depth: 32, failOnRevert: false },
          fsPermissions: EAS_ARTIFACTS,
        },
        deep: {
          fuzz: { runs: 1000 },
          invariant: { runs: 256, depth: 64, failOnRevert: false },
          fsPermissions: EAS_ARTIFACTS,
        },
      },
    },
  },
  // The Etherscan key is read only when an Etherscan verification runs (a configuration variable resolves
  // lazily): `npx hardhat keystore set ETHERSCAN_API_KEY`, or the environment. Blockscout and Sourcify need none.
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY"), enabled: true },
    blockscout: { enabled: true },
    sourcify: {
      enabled: true,
      ...(process.env.COMMONS_SOURCIFY_URL ? { apiUrl: process.env.COMMONS_SOURCIFY_URL } : {}),
    },
  },
  chainDescriptors: explorerOverrides(process.env),
  networks: {
    hardhat: { type: "edr-simulated", chainType: "l1" },
    // `npm run node`: also mines an empty block every second, so that the chain's clock (what calls see)
    // follows the wall clock while you wait out the local voting delay and timelock. Tests start their own
    // nodes without it.
    devnode: { type: "edr-simulated", chainType: "l1", mining: { auto: true, interval: 1_000 } },
    // The node of `npm run node` (or any JSON-RPC endpoint), where COMMONS_RPC_URL
    // points: the one variable that also sets the CLI's RPC, the node's port and the dashboard's RPC.
    localhost: { type: "http", chainType: "l1", url: rpcUrl },
    // Any JSON-RPC endpoint, for `commons deploy`: the URL from COMMONS_RPC_URL, and the deployer's key from
    // COMMONS_PRIVATE_KEY when set (the CLI sets both for its child process only), else the node's accounts.
    commons: {
      type: "http",
      chainType: "l1",
      url: rpcUrl,
      accounts: process.env.COMMONS_PRIVATE_KEY ? [process.env.COMMONS_PRIVATE_KEY] : "remote",
    },
    // Public testnets: `<NAME>_RPC_URL` and `<NAME>_PRIVATE_KEY` from the keystore (`npx hardhat keystore set
    // BASE_SEPOLIA_RPC_URL`) or the environment; `ignition/parameters/<network>.json` holds each chain's
    // canonical EAS and the public timings. OP-stack chains are `op` so that Hardhat prices their L1 data fee.
    ...publicNetwork("sepolia", "SEPOLIA", 11_155_111, "l1"),
    ...publicNetwork("base-sepolia", "BASE_SEPOLIA", 84_532, "op"),
    ...publicNetwork("optimism-sepolia", "OPTIMISM_SEPOLIA", 11_155_420, "op"),
    ...publicNetwork("arbitrum-sepolia", "ARBITRUM_SEPOLIA", 421_614, "generic"),
    // An OP-stack chain simulated in process, for the bench's L1 data fee figures.
    hardhatOp: { type: "edr-simulated", chainType: "op" },
  },
});
