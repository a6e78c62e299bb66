// The README's SDK example; test/sdk/quickstart.test.ts runs it against a real hardhat node.
import { createPublicClient, createWalletClient, http, keccak256, toHex, type Account } from "viem";
import { hardhat } from "viem/chains";
import { createCommonsClient, ThresholdBelowFloorError, type CommonsDeployment } from "compute-commons";

export async function quickstart(rpcUrl: string, deployment: CommonsDeployment, account: Account) {
  const publicClient = createPublicClient({ chain: hardhat, transport: http(rpcUrl) });
  const walletClient = createWalletClient({ account, chain: hardhat, transport: http(rpcUrl) });
  const commons = createCommonsClient({ publicClient, walletClient, deployment });

  // Register a rig of two RTX 3090s (catalog SKU 2): the bond is read and sent for you, the vote is yours.
  const { nodeId } = await commons.registry.registerNode({ devices: [{ skuId: 2, count: 2 }] });

  // Register a model and classify it.
  const { modelId } = await commons.classifier.registerModel({
    name: "Llama 3.1 8B",
    params: 8_030_000_000n,
    trainingFlop: 1_224n * 10n ** 21n,
    weightsHash: keccak256(toHex(`meta-llama/Llama-3.1-8B ${account.address}`)),
    uri: "https://huggingface.co/meta-llama/Llama-3.1-8B",
    openWeights: true,
  });
  const tier = await commons.classifier.classifyModel({ modelId }); // "Small"

  // The whole governance state in one request.
  const state = await commons.readGovernanceState();

  // Proposals that would push the Small line below what consumer hardware runs are refused before sending.
  let refused = "";
  try {
    await commons.governance.proposeThresholds({
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
