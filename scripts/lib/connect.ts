/**
 * Shared by the task scripts: the SDK on the viem clients of the network given to `hardhat run`, with the
 * deployment Ignition recorded for that chain (`ignition/deployments/chain-<id>`).
 */
import { network } from "hardhat";
import { createCommonsClient, loadDeployment, type CommonsContext } from "../../src/node.js";

/** The SDK acting as the network's account `ACCOUNT` (env, default 0). */
export async function connectCommons() {
  const { viem, networkHelpers } = await network.create();
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const index = Number(process.env.ACCOUNT ?? "0");
  const wallet = wallets[index];
  if (!wallet) throw new Error(`ACCOUNT=${index}: the network has ${wallets.length} accounts`);
  const deployment = loadDeployment({ chainId: await publicClient.getChainId() });
  const commons = createCommonsClient({
    publicClient: publicClient as unknown as CommonsContext["publicClient"],
    walletClient: wallet as unknown as CommonsContext["walletClient"],
    deployment,
  });
  return { commons, account: wallet.account.address, networkHelpers };
}

/** A required environment variable. */
export function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`set ${name} (see the comment at the top of the script)`);
  return value;
}

/** Prints the transaction hash as soon as it is sent. */
export const onTransactionHash = (hash: string) => console.log(`sent ${hash}, waiting for the receipt…`);
