/**
 * Ponder config of the compute-commons indexer: one chain, the system's contracts from an Ignition deployment,
 * indexed from the deployment's first block.
 *
 * Environment:
 * - `COMMONS_RPC_URL`: the chain's JSON-RPC URL (default `http://127.0.0.1:8545`, `npm run node`).
 * - `COMMONS_CHAIN_ID`: its chain id (default 31337).
 * - `COMMONS_DEPLOYMENT_ID`: the folder under `ignition/deployments` (default `chain-<id>`, Ignition's own).
 * - `COMMONS_START_BLOCK`: overrides the deployment's first block (when its journal is not at hand).
 * - `DATABASE_URL`: a Postgres connection string; without it, embedded PGlite in `COMMONS_INDEXER_DATA`
 *   (relative to the repository root; default `indexer/.ponder/pglite`).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createConfig } from "ponder";
import {
  computeGovernorAbi,
  computeRegistryAbi,
  hardwareAttestationsAbi,
  modelClassifierAbi,
  nodeChallengesAbi,
  nodeVetoAbi,
  thresholdBallotsAbi,
} from "../src/abi/generated.js";
import { loadDeployment } from "../src/node.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");

const chainId = Number(process.env.COMMONS_CHAIN_ID ?? 31337);
const deployment = loadDeployment({
  chainId,
  root,
  ...(process.env.COMMONS_DEPLOYMENT_ID ? { deploymentId: process.env.COMMONS_DEPLOYMENT_ID } : {}),
});
const startBlock = Number(process.env.COMMONS_START_BLOCK ?? deployment.deployBlock ?? 0);

const database = process.env.DATABASE_URL
  ? { kind: "postgres" as const, connectionString: process.env.DATABASE_URL }
  : {
      kind: "pglite" as const,
      directory: path.resolve(root, process.env.COMMONS_INDEXER_DATA ?? path.join(here, ".ponder", "pglite")),
    };

/** Every contract on the one chain, from the deployment's first block. */
const on = <const abi, const address extends `0x${string}`>(abi: abi, address: address) =>
  ({ abi, address, chain: "commons", startBlock }) as const;

export default createConfig({
  database,
  chains: {
    commons: {
      id: chainId,
      rpc: process.env.COMMONS_RPC_URL ?? "http://127.0.0.1:8545",
      // A local node mines on demand: poll it often so that rows follow transactions closely.
      pollingInterval: chainId === 31337 ? 250 : 2_000,
    },
  },
  contracts: {
    ComputeRegistry: on(computeRegistryAbi, deployment.registry),
    ModelClassifier: on(modelClassifierAbi, deployment.classifier),
    ComputeGovernor: on(computeGovernorAbi, deployment.governor),
    NodeChallenges: on(nodeChallengesAbi, deployment.challenges),
    NodeVeto: on(nodeVetoAbi, deployment.veto),
    HardwareAttestations: on(hardwareAttestationsAbi, deployment.attestations),
    ThresholdBallots: on(thresholdBallotsAbi, deployment.ballots),
  },
});
