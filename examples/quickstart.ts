// The README's SDK example; test/sdk/quickstart.test.ts runs it against a real hardhat node.
import { createPublicClient, createWalletClient, http, keccak256, toHex, type Account } from "viem";
import { hardhat } from "viem/chains";
import {
  commonsPublicActions,
  commonsWalletActions,
  devDeviceIds,
  DEV_MNEMONIC,
  pickRpcUrl,
  rpcUrlFromEnv,
  ThresholdRateLimitError,
  type CommonsDeployment,
} from "compute-commons";
import { SEED_SKU } from "../ignition/modules/seedDevices.js";

export async function quickstart(rpcUrl: string, deployment: CommonsDeployment, account: Account, attester: Account) {
  // viem clients, extended with the SDK's actions for one deployment.
  const client = createPublicClient({ chain: hardhat, transport: http(rpcUrl) }).extend(
    commonsPublicActions(deployment),
  );
  const wallet = createWalletClient({ account, chain: hardhat, transport: http(rpcUrl) }).extend(
    commonsWalletActions(deployment),
  );

  // An attester examines the rig (two RTX 3090s) and signs an EAS attestation of it for its owner. Locally the
  // dev attester of ignition/parameters/local.json signs, with development device ids.
  const devices = [{ skuId: SEED_SKU.RTX_3090, count: 2 }];
  const signed = await createWalletClient({ account: attester, chain: hardhat, transport: http(rpcUrl) })
    .extend(commonsWalletActions(deployment))
    .createHardwareAttestation({
      recipient: account.address,
      devices,
      deviceIds: devDeviceIds({ owner: account.address, devices, rig: "quickstart" }),
    });

  // Register it: the bond (a base plus a part per GiB) is computed and sent for you. The node votes once it is
  // activated after its warm-up (`wallet.activateNode({ nodeId })` from `activatableAt` on).
  const { nodeId, activatableAt } = await wallet.registerNode({ ...signed });

  // Register a model and classify it.
  const { modelId } = await wallet.registerModel({
    name: "Llama 3.1 8B",
    params: 8_030_000_000n,
    trainingFlop: 1_224n * 10n ** 21n,
    weightsHash: keccak256(toHex(`meta-llama/Llama-3.1-8B ${account.address}`)),
    uri: "https://huggingface.co/meta-llama/Llama-3.1-8B",
    openWeights: true,
  });
  const tier = await client.classifyModel({ modelId }); // "Small"

  // The whole governance state in one request.
  const state = await client.readGovernanceState();

  // Proposals the guards would refuse (below the consumer floor, or more than 2× at once) are refused before
  // sending.
  let refused = "";
  try {
    await wallet.proposeThresholds({
      maxSmallParams: state.thresholds.maxSmallParams * 3n,
      maxSmallTrainingFlop: state.thresholds.maxSmallTrainingFlop,
      description: "Triple Small",
    });
  } catch (err) {
    if (err instanceof ThresholdRateLimitError) refused = err.shortMessage;
    else throw err;
  }
  return { nodeId, activatableAt, modelId, tier, state, refused };
}

// `npm run example`: the example against a running node (npm run node, then npm run deploy:local), at
// COMMONS_RPC_URL (default http://127.0.0.1:8545), as the dev account ACCOUNT (default 7), attested by the dev
// attester (account 9). An account registers a model's weights hash once, so a second run needs another ACCOUNT.
if (import.meta.main) {
  const { loadDeployment } = await import("compute-commons/node");
  const { mnemonicToAccount } = await import("viem/accounts");
  const rpcUrl = pickRpcUrl(rpcUrlFromEnv(process.env));
  const index = process.env.ACCOUNT ?? "7";
  try {
    if (!/^[0-9]{1,2}$/.test(index)) throw new Error(`ACCOUNT "${index}" is not a dev account index (0 to 19)`);
    const chainId = await createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) })
      .getChainId()
      .catch(() => {
        throw new Error(`cannot reach an RPC at ${rpcUrl}: start one with npm run node (and npm run deploy:local)`);
      });
    if (chainId !== hardhat.id)
      throw new Error(
        `the example signs with Hardhat's dev accounts: ${rpcUrl} is chain ${chainId}, not ${hardhat.id}`,
      );
    const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: Number(index) });
    const attester = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 9 });
    const { nodeId, activatableAt, modelId, tier, state, refused } = await quickstart(
      rpcUrl,
      loadDeployment({ chainId }),
      account,
      attester,
    );
    console.log(
      `registered node ${nodeId} for ${account.address} (dev account ${index}), attested by the dev attester; ` +
        `it may be activated from ${new Date(activatableAt * 1000).toISOString()}`,
    );
    console.log(`registered model ${modelId} (Llama 3.1 8B): ${tier}`);
    console.log(
      `state in one request: ${state.registry.nodeCount} nodes (${state.registry.activeNodeCount} active), Small up to ${state.thresholds.maxSmallParams} parameters, floor ${state.floor.params}`,
    );
    console.log(`refused before sending: ${refused}`);
  } catch (error) {
    console.error(`error: ${(error as { shortMessage?: string }).shortMessage ?? (error as Error).message}`);
    process.exit(1);
  }
}
