import { defineCommand } from "../command.js";
import { resolveSigner, rpcChainId, rpcUrlOf, missingKey } from "../context.js";
import { deploy as deployWithIgnition } from "../deploy.js";
import { DeploymentError } from "../../errors/base.js";
import { registerSecret, UsageError } from "../errors.js";
import { verifiersFrom } from "../verify.js";
import { output, progress } from "../io.js";
import { keyValues } from "../render.js";

export const deploy = defineCommand({
  summary: "deploy the whole system with the Ignition module",
  flags: {
    parameters: {
      type: "string",
      description:
        "Ignition parameters (default ignition/parameters/local.json on 31337/1337, the network's file on Sepolia, Base Sepolia, OP Sepolia and Arbitrum Sepolia, module defaults elsewhere)",
      placeholder: "<file>",
    },
    eas: {
      type: "string",
      description: "the chain's canonical EAS contract (public chains; local ones deploy their own)",
      placeholder: "<address>",
    },
    attester: {
      type: "string",
      multiple: true,
      description: "an initial attester (public chains; repeat per attester; at least one is required)",
      placeholder: "<address>",
    },
    "deployment-id": {
      type: "string",
      description: "Ignition deployment id (default chain-<id>, where the CLI looks)",
      placeholder: "<id>",
    },
    "build-profile": {
      type: "string",
      description:
        "Hardhat build profile (default: default, the build the tests use; production compiles each file in isolation)",
      placeholder: "<profile>",
    },
    reset: { type: "boolean", description: "replace an earlier deployment with the same id, even one that still runs" },
    yes: { type: "boolean", description: "confirm a deployment to a non-local chain" },
    verify: {
      type: "boolean",
      description:
        "then verify every contract it deployed on Etherscan (ETHERSCAN_API_KEY), Blockscout and Sourcify (public chains)",
    },
    verifier: {
      type: "string",
      multiple: true,
      description:
        "with --verify: only this explorer (etherscan, blockscout or sourcify; repeatable; default all three)",
      placeholder: "<name>",
    },
  },
  write: true,
  examples: [
    "commons deploy --rpc-url http://127.0.0.1:8545 --account 0",
    "COMMONS_KEYSTORE_PASSWORD=… commons deploy --rpc-url $SEPOLIA_RPC_URL --keystore deployer.json --attester 0x… --yes",
    "commons deploy --rpc-url $RPC_URL --keystore deployer.json --eas 0x… --attester 0x… --attester 0x… --parameters my.json --yes",
    "ETHERSCAN_API_KEY=… commons deploy --rpc-url $BASE_SEPOLIA_RPC_URL --keystore deployer.json --attester 0x… --yes --verify",
    "commons deploy --rpc-url $RPC_URL --keystore deployer.json --attester 0x… --yes --verify --verifier sourcify --verifier blockscout",
  ],
  notes: [
    "On chains 31337 and 1337 it deploys ignition/modules/ComputeCommonsLocal.ts (EAS included, the dev attester",
    "of local.json trusted); elsewhere ignition/modules/ComputeCommons.ts on the chain's canonical EAS (--eas, or",
    "the network's parameter file) with the attesters you name (--attester): without one, nothing is sent.",
    "An existing ignition/deployments/<id> folder is kept unless its contracts are gone (their node stopped or",
    "restarted) or --reset is given: a folder of a node that still runs it is never replaced silently.",
    "--verify then verifies each contract Ignition deployed (not the canonical EAS) with hardhat-verify, after it",
    "checked the code on chain against the build: one line per contract; a failure exits 2 with the deployment",
    "kept, and the same command again (Ignition resumes, nothing is redeployed) retries the verification. Etherscan",
    "needs ETHERSCAN_API_KEY (npx hardhat keystore set ETHERSCAN_API_KEY, or the environment); Blockscout and",
    "Sourcify need none. COMMONS_ETHERSCAN_API_URL, COMMONS_BLOCKSCOUT_API_URL, COMMONS_SOURCIFY_URL replace the APIs.",
    "On a public chain it ends with how to publish the addresses in the package's per-chain maps (compute-commons/abi):",
    "list the deployment id in ignition/published-deployments.json, then npm run gen:addresses.",
  ],
  async run(input) {
    const { flags } = input;
    const url = rpcUrlOf(flags);
    const chainId = await rpcChainId(url);
    const signer = await resolveSigner(flags, chainId);
    if (!signer) throw missingKey(input.path);
    if (!flags.verify && flags.verifier.length > 0) throw new UsageError("--verifier goes with --verify", input.path);
    const verifiers = flags.verify ? verifiersFrom(flags.verifier) : undefined;
    registerSecret(process.env.ETHERSCAN_API_KEY); // hardhat-verify's child reads it: never printed
    if (typeof verifiers === "string") throw new UsageError(verifiers, input.path);
    const line = progress(`deploying to chain ${chainId}`);
    let result;
    try {
      result = await deployWithIgnition(
        {
          url,
          chainId,
          signer,
          parameters: flags.parameters,
          eas: flags.eas,
          attesters: flags.attester,
          deploymentId: flags["deployment-id"],
          buildProfile: flags["build-profile"],
          reset: flags.reset,
          yes: flags.yes,
          verify: verifiers,
        },
        line,
      );
    } catch (err) {
      line.fail();
      throw err;
    }
    line.done(`deployed to chain ${chainId}: ${result.directory}`);
    if (result.publish !== undefined) process.stderr.write(`${result.publish}\n`);
    const failed = (result.verification ?? []).filter((r) => !r.ok);
    if (failed.length > 0) {
      const total = result.verification!.length;
      throw new DeploymentError(
        `deployed to ${result.directory}, but ${failed.length} of ${total} verifications failed ` +
          `(first: ${failed[0]!.contract} on ${failed[0]!.provider}: ${failed[0]!.error}); run the same command again to retry`,
        chainId,
      );
    }
    output(flags, () => keyValues(Object.entries(result.deployment).map(([k, v]) => [k, String(v)] as const)), {
      ...result.deployment,
      deploymentId: result.deploymentId,
      directory: result.directory,
      ...(result.verification ? { verification: result.verification } : {}),
    });
  },
});
