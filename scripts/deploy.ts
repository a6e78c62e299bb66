/**
 * Deploys the system with the Ignition module into ignition/deployments/chain-<id>, where the SDK, the CLI
 * and the other scripts look.
 *   npx hardhat run scripts/deploy.ts --network localhost
 * Env: PARAMETERS  Ignition parameters file (default ignition/parameters/local.json on chains 31337/1337).
 */
import { network } from "hardhat";
import ComputeCommonsModule from "../ignition/modules/ComputeCommons.js";

const { viem, ignition } = await network.create();
const chainId = await (await viem.getPublicClient()).getChainId();
const parameters = process.env.PARAMETERS ?? (chainId === 31337 || chainId === 1337 ? "ignition/parameters/local.json" : undefined);
const deployed = await ignition.deploy(ComputeCommonsModule, { deploymentId: `chain-${chainId}`, ...(parameters ? { parameters } : {}) });
for (const [name, contract] of Object.entries(deployed)) console.log(`${name.padEnd(10)} ${contract.address}`);
