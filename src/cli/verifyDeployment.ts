/**
 * The verification step of `commons deploy --verify`, run by the CLI as a Hardhat script in the project
 * (`hardhat --build-profile <p> run --no-compile --network commons src/cli/verifyDeployment.ts`), so that
 * hardhat-verify sees the same config, build profile and artifacts as the Ignition deployment it follows.
 *
 * For every contract Ignition deployed in the deployment (`getVerificationInformation`: its journal's
 * successful deployments, so a contract the module only points at, like a canonical EAS, is not one of
 * them), it calls hardhat-verify's `verifyContract` once per explorer named in COMMONS_VERIFY_PROVIDERS
 * (etherscan, blockscout, sourcify). hardhat-verify checks the bytecode on chain against our build before it
 * sends anything. The results go, as JSON, to the file COMMONS_VERIFY_RESULTS names; hardhat-verify's own
 * output goes to this process's stdout, which the CLI only shows with --debug.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { verifyContract } from "@nomicfoundation/hardhat-verify/verify";
import { getVerificationInformation } from "@nomicfoundation/ignition-core";
import hre from "hardhat";
// The plugins' additions to Hardhat's config types (`config.verify`, `config.paths.ignition`), for a build of
// src/ alone (tsconfig.build.json), where hardhat.config.ts does not bring them in.
import type {} from "@nomicfoundation/hardhat-ignition";
import type {} from "@nomicfoundation/hardhat-verify";
import type { VerificationResult, VerifierName } from "./verify.js";

const deploymentId = process.env.COMMONS_VERIFY_DEPLOYMENT_ID ?? "";
const resultsFile = process.env.COMMONS_VERIFY_RESULTS ?? "";
const providers = (process.env.COMMONS_VERIFY_PROVIDERS ?? "").split(",").filter(Boolean) as VerifierName[];

/** An error's message on one line (hardhat-verify's run over several: "…failed.", "Reason: …"). */
const reasonOf = (err: unknown) =>
  (err instanceof Error ? err.message : String(err))
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join(" ")
    .slice(0, 400);

/** Why `provider` cannot run at all (disabled, or Etherscan without its API key), or undefined. */
async function unusable(provider: VerifierName): Promise<string | undefined> {
  if (!hre.config.verify[provider].enabled) return `${provider} verification is disabled in hardhat.config.ts`;
  if (provider !== "etherscan") return undefined;
  const hint = "set ETHERSCAN_API_KEY in the keystore or the environment, or leave etherscan out with --verifier";
  try {
    return (await hre.config.verify.etherscan.apiKey.get()) === ""
      ? `the Etherscan API key is empty (${hint})`
      : undefined;
  } catch (err) {
    return `${reasonOf(err)} (${hint})`;
  }
}

const results: VerificationResult[] = [];
const blocked = new Map<VerifierName, string | undefined>();
for (const provider of providers) blocked.set(provider, await unusable(provider));

for await (const info of getVerificationInformation(
  path.join(hre.config.paths.ignition, "deployments", deploymentId),
)) {
  if (typeof info === "string") {
    results.push({ contract: info, address: "", provider: "all", ok: false, error: "no build artifact to verify" });
    continue;
  }
  for (const provider of providers) {
    const entry = { contract: info.contract, address: info.address, provider };
    const reason = blocked.get(provider);
    if (reason !== undefined) {
      results.push({ ...entry, ok: false, error: reason });
      continue;
    }
    try {
      await verifyContract(
        {
          address: info.address,
          constructorArgs: info.constructorArgs,
          libraries: info.libraries,
          contract: info.contract,
          ...(info.creationTxHash === undefined ? {} : { creationTxHash: info.creationTxHash }),
          provider,
        },
        hre,
      );
      results.push({ ...entry, ok: true });
    } catch (err) {
      results.push({ ...entry, ok: false, error: reasonOf(err) });
    }
  }
}

writeFileSync(resultsFile, JSON.stringify(results, null, 2));
