/**
 * Deploys the system with the Ignition module into ignition/deployments/chain-<id>, where the SDK, the CLI
 * and the other scripts look: `ComputeCommonsLocal.ts` (EAS deployed too, the dev attester trusted) on a local
 * chain, `ComputeCommons.ts` on the chain's canonical EAS elsewhere.
 *   npx hardhat run scripts/deploy.ts --network localhost
 * Env: PARAMETERS  Ignition parameters file (default ignition/parameters/local.json on chains 31337/1337;
 *                  elsewhere required, with the canonical EAS address as "eas" under "ComputeCommons").
 */
import { readFileSync } from "node:fs";
import { network } from "hardhat";
import ComputeCommonsModule from "../ignition/modules/ComputeCommons.js";
import ComputeCommonsLocalModule from "../ignition/modules/ComputeCommonsLocal.js";
import { LOCAL_CHAIN_IDS } from "../src/connection.js";
import { InvalidInputError } from "../src/errors/base.js";
import { runScript } from "./lib/connect.js";

await runScript(async () => {
  const { viem, ignition } = await network.create();
  const chainId = await (await viem.getPublicClient()).getChainId();
  const local = LOCAL_CHAIN_IDS.has(chainId);
  const parameters = process.env.PARAMETERS ?? (local ? "ignition/parameters/local.json" : undefined);
  if (!local) {
    let eas: unknown;
    try {
      eas = parameters && JSON.parse(readFileSync(parameters, "utf8")).ComputeCommons?.eas;
    } catch {
      throw new InvalidInputError("PARAMETERS", `${parameters} is not a readable JSON parameters file`);
    }
    if (typeof eas !== "string" || eas === "") {
      throw new InvalidInputError(
        "PARAMETERS",
        `chain ${chainId} needs the canonical EAS address: a parameters file with "eas" under "ComputeCommons"`,
      );
    }
  }
  const deployed = local
    ? await ignition.deploy(ComputeCommonsLocalModule, { deploymentId: `chain-${chainId}`, parameters })
    : await ignition.deploy(ComputeCommonsModule, { deploymentId: `chain-${chainId}`, parameters });
  for (const [name, contract] of Object.entries(deployed)) console.log(`${name.padEnd(14)} ${contract.address}`);
});
