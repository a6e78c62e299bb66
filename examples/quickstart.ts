// The README's SDK example; test/sdk/quickstart.test.ts runs it against a real hardhat node.
import { createPublicClient, createWalletClient, http, keccak256, toHex, type Account } from "viem";
import { hardhat } from "viem/chains";
import {
  commonsPublicActions,
  commonsWalletActions,
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
