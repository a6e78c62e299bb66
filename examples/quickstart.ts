// The README's SDK example; test/sdk/quickstart.test.ts runs it against a real hardhat node.
import { createPublicClient, createWalletClient, http, keccak256, toHex, type Account } from "viem";
import { hardhat } from "viem/chains";
import {
  commonsPublicActions,
  commonsWalletActions,
  DEV_MNEMONIC,
  pickRpcUrl,
  rpcUrlFromEnv,
  ThresholdBelowFloorError,
  type CommonsDeployment,
} from "compute-commons";
import { SEED_SKU } from "../ignition/modules/seedDevices.js";

export async function quickstart(rpcUrl: string, deployment: CommonsDeployment, account: Account) {
  // viem clients, extended with the SDK's actions for one deployment.
  const client = createPublicClient({ chain: hardhat, transport: http(rpcUrl) }).extend(
    commonsPublicActions(deployment),
  );
  const wallet = createWalletClient({ account, chain: hardhat, transport: http(rpcUrl) }).extend(
    commonsWalletActions(deployment),
  );

  // Register a rig of two RTX 3090s: the bond is read and sent for you, the vote is yours.
  const { nodeId } = await wallet.registerNode({ devices: [{ skuId: SEED_SKU.RTX_3090, count: 2 }] });

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

  // Proposals that would push the Small line below what consumer hardware runs are refused before sending.
  let refused = "";
  try {
    await wallet.proposeThresholds({
      maxSmallParams: state.floor.params - 1n,
      maxSmallTrainingFlop: state.thresholds.maxSmallTrainingFlop,
      description: "Shrink Small",
    });
  } catch (err) {
    if (err instanceof ThresholdBelowFloorError) refused = err.shortMessage;
    else throw err;
  }
  return { nodeId, modelId, tier, state, refused };
}

// `npm run example`: the example against a running node (npm run node, then npm run deploy:local), at
// COMMONS_RPC_URL (default http://127.0.0.1:8545), as the dev account ACCOUNT (default 7). A model's
// weights hash registers once, so a second run needs another ACCOUNT.
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
    const { nodeId, modelId, tier, state, refused } = await quickstart(rpcUrl, loadDeployment({ chainId }), account);
    console.log(`registered node ${nodeId} for ${account.address} (dev account ${index})`);
    console.log(`registered model ${modelId} (Llama 3.1 8B): ${tier}`);
    console.log(
      `state in one request: ${state.registry.activeNodeCount} active nodes, Small up to ${state.thresholds.maxSmallParams} parameters, floor ${state.floor.params}`,
    );
    console.log(`refused before sending: ${refused}`);
  } catch (error) {
    console.error(`error: ${(error as { shortMessage?: string }).shortMessage ?? (error as Error).message}`);
    process.exit(1);
  }
}
