/**
 * Deploys the system with the Ignition module into ignition/deployments/chain-<id>, where the SDK, the CLI
 * and the other scripts look.
 *   npx hardhat run scripts/deploy.ts --network localhost
 * Env: PARAMETERS  Ignition parameters file (default ignition/parameters/local.json on chains 31337/1337).
 */
import { network } from "hardhat";
import ComputeCommonsModule from "../ignition/modules/ComputeCommons.js";
import { LOCAL_CHAIN_IDS } from "../src/connection.js";
import { runScript } from "./lib/connect.js";

await runScript(async () => {
  const { viem, ignition } = await network.create();
  const chainId = await (await viem.getPublicClient()).getChainId();
  const parameters =
    process.env.PARAMETERS ?? (LOCAL_CHAIN_IDS.has(chainId) ? "ignition/parameters/local.json" : undefined);
  const deployed = await ignition.deploy(ComputeCommonsModule, {
    deploymentId: `chain-${chainId}`,
    ...(parameters ? { parameters } : {}),
  });
  for (const [name, contract] of Object.entries(deployed)) console.log(`${name.padEnd(10)} ${contract.address}`);
});
