/**
 * Shared by the task scripts: the SDK on the viem clients of the network given to `hardhat run`, with the
 * deployment Ignition recorded for that chain (`ignition/deployments/chain-<id>`, or `DEPLOYMENT_ID`), and
 * the CLI's way of ending on bad input: one line naming the environment variable, and a non-zero exit.
 */
import { network } from "hardhat";
import { getAddress } from "viem";
import { commonsPublicActions, commonsWalletActions, loadDeployment } from "../../src/node.js";
import { errorLine, exitCodeFor, type Spelling } from "../../src/cli/errors.js";
import { InvalidInputError } from "../../src/errors/base.js";

/**
 * Runs a script's body; a failure prints `error: …` (the SDK's field named as the script's environment
 * variable, e.g. `Invalid PROPOSAL_ID: …`) and exits 1 for refused input, 2 for chain failures.
 */
export async function runScript(body: () => Promise<void>, variables: Record<string, string> = {}): Promise<void> {
  const spelling: Spelling = (field) => variables[field];
  try {
    await body();
  } catch (err) {
    process.stderr.write(`${errorLine(err, spelling)}\n`);
    process.exit(exitCodeFor(err));
  }
}

/** The SDK acting as the network's account `ACCOUNT` (env, default 0). */
export async function connectCommons() {
  const { viem, networkHelpers } = await network.create();
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const accountVariable = process.env.ACCOUNT ?? "0";
  if (!/^[0-9]{1,4}$/.test(accountVariable))
    throw new InvalidInputError("ACCOUNT", `"${accountVariable}" is not an account index`);
  const wallet = wallets[Number(accountVariable)];
  if (!wallet) throw new InvalidInputError("ACCOUNT", `${accountVariable}: the network has ${wallets.length} accounts`);
  const deploymentId = process.env.DEPLOYMENT_ID || undefined;
  const deployment = loadDeployment({ chainId: await publicClient.getChainId(), deploymentId });
  const commons = wallet.extend(commonsPublicActions(deployment)).extend(commonsWalletActions(deployment));
  return { commons, account: getAddress(wallet.account.address), networkHelpers };
}

/** A required environment variable. */
export function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "")
    throw new InvalidInputError(name, "is not set (see the comment at the top of the script)");
  return value;
}

/** Prints the transaction hash as soon as it is sent. */
export const onTransactionHash = (hash: string) => console.log(`sent ${hash}, waiting for the receipt…`);
