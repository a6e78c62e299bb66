/**
 * Generates src/abi/addresses.ts: the system's published deployments by chain id (`commonsDeployments`), and
 * wagmi-style `…Address` maps and `…Config` objects beside the `…Abi` exports, so integrators copy nothing
 * by hand. The source is Ignition's own record of each deployment id listed in
 * ignition/published-deployments.json: `ignition/deployments/<id>/deployed_addresses.json` for the addresses,
 * its `journal.jsonl` for the chain id and the deployment block.
 *
 * Only listed ids are published, never a scan of ignition/deployments/: that folder also holds local and
 * throwaway deployments, and a chain id does not tell a public chain from a `hardhat node --chain-id 84532`
 * rehearsal (the end-to-end tests make such ones). A listed deployment on a local chain (31337, 1337) is
 * refused all the same.
 *   npm run gen:addresses                       rewrite src/abi/addresses.ts
 *   node scripts/gen-addresses.ts --check       exit 1 when it is out of date
 *   node scripts/gen-addresses.ts --list <file> --out <file>   other ids, another output (tests)
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LOCAL_CHAIN_IDS } from "../src/connection.js";
import { REQUIRED_CONTRACTS, type CommonsDeployment } from "../src/deployments.js";
import { journalChainId, loadDeployment } from "../src/node.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const OUT = join(root, "src/abi/addresses.ts");
export const LIST = join(root, "ignition/published-deployments.json");

/** The `…Abi` export of src/abi/generated.ts for each contract of a deployment (the wagmi names' stem). */
export const ABI_STEMS = {
  catalog: "hardwareCatalog",
  registry: "computeRegistry",
  classifier: "modelClassifier",
  governor: "computeGovernor",
  timelock: "timelockController",
  lens: "commonsLens",
  attestations: "hardwareAttestations",
  challenges: "nodeChallenges",
  veto: "nodeVeto",
  ballots: "thresholdBallots",
} as const satisfies Record<(typeof REQUIRED_CONTRACTS)[number], string>;

/** A refusal of the generator: one readable line, exit 1. */
export class PublishError extends Error {
  override name = "PublishError";
}

/** The deployment ids a list file names (`{ "deploymentIds": ["chain-84532", …] }`). */
export function readList(file: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new PublishError(`${file} is not readable JSON (${(err as Error).message})`);
  }
  const ids = (parsed as { deploymentIds?: unknown }).deploymentIds;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || !/^[a-zA-Z0-9_-]+$/.test(id))) {
    throw new PublishError(`${file} must hold { "deploymentIds": [...] }, each an Ignition deployment id`);
  }
  return ids as string[];
}

/** Each listed deployment from Ignition's files under `projectRoot`, by chain id, sorted. */
export function publishedDeployments(projectRoot: string, ids: readonly string[]): CommonsDeployment[] {
  const byChain = new Map<number, { id: string; deployment: CommonsDeployment }>();
  for (const id of ids) {
    const dir = join(projectRoot, "ignition", "deployments", id);
    const chainId = journalChainId(dir);
    if (chainId === undefined) {
      throw new PublishError(
        `deployment ${id}: ${relative(projectRoot, dir)} has no journal.jsonl recording its chain id`,
      );
    }
    if (LOCAL_CHAIN_IDS.has(chainId)) {
      throw new PublishError(`deployment ${id} is on local chain ${chainId}: a local chain is never published`);
    }
    // The SDK's own reading of the folder: addresses checked, deployBlock from the journal.
    const deployment = loadDeployment({ chainId, root: projectRoot, deploymentId: id });
    if (deployment.deployBlock === undefined) {
      throw new PublishError(`deployment ${id}: its journal records no confirmed transaction`);
    }
    const earlier = byChain.get(chainId);
    if (earlier !== undefined) {
      throw new PublishError(`deployments ${earlier.id} and ${id} are both on chain ${chainId}: list one of them`);
    }
    byChain.set(chainId, { id, deployment });
  }
  return [...byChain.values()].map((e) => e.deployment).sort((a, b) => a.chainId - b.chainId);
}

/** Where the generated module imports the ABIs and the deployment type from (relative to the output). */
export type RenderModules = { abi: string; deployments: string };

/** The text of the generated module (beside src/abi/generated.ts by default). */
export function renderAddresses(
  deployments: readonly CommonsDeployment[],
  modules: RenderModules = { abi: "./generated.js", deployments: "../deployments.js" },
): string {
  const stems = Object.entries(ABI_STEMS) as [keyof typeof ABI_STEMS, string][];
  const chains = deployments.map((d) => d.chainId).join(", ");
  const parts = [
    "// Generated by scripts/gen-addresses.ts from the Ignition deployments listed in ignition/published-deployments.json.",
    "// Do not edit: run `npm run gen:addresses`.",
    `import type { CommonsDeployment } from "${modules.deployments}";`,
    `import { ${stems.map(([, stem]) => `${stem}Abi`).join(", ")} } from "${modules.abi}";`,
    "",
    "/**",
    ` * The system's published deployments by chain id (${chains === "" ? "none yet" : chains}): every contract's address`,
    " * and the block of the deployment's first transaction, from Ignition's records.",
    " */",
    `export const commonsDeployments = ${JSON.stringify(
      Object.fromEntries(deployments.map((d) => [d.chainId, d])),
      null,
      2,
    )} as const satisfies Readonly<Record<number, CommonsDeployment>>;`,
    "",
  ];
  for (const [name, stem] of stems) {
    const map = Object.fromEntries(deployments.map((d) => [d.chainId, d[name]]));
    const contract = `${stem[0]!.toUpperCase()}${stem.slice(1)}`;
    parts.push(`/** ${contract}'s address on each chain of \`commonsDeployments\` (the wagmi CLI's shape). */`);
    parts.push(`export const ${stem}Address = ${JSON.stringify(map, null, 2)} as const;`, "");
    parts.push(
      `/** ${contract}'s addresses and ABI, as the wagmi CLI writes them: on a chain, \`address[chainId]\` with \`abi\`. */`,
    );
    parts.push(`export const ${stem}Config = { address: ${stem}Address, abi: ${stem}Abi } as const;`, "");
  }
  return parts.join("\n");
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i === -1) return undefined;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith("--")) throw new PublishError(`${name} needs a value`);
  return resolve(value);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const list = flag("--list") ?? LIST;
    const out = flag("--out") ?? OUT;
    const projectRoot = flag("--root") ?? root;
    const specifier = (file: string) => {
      const path = relative(dirname(out), join(root, file)).replaceAll("\\", "/");
      return path.startsWith(".") ? path : `./${path}`;
    };
    const rendered = renderAddresses(publishedDeployments(projectRoot, readList(list)), {
      abi: specifier("src/abi/generated.js"),
      deployments: specifier("src/deployments.js"),
    });
    if (process.argv.includes("--check")) {
      if (!existsSync(out) || readFileSync(out, "utf8") !== rendered) {
        console.error(
          `${relative(root, out)} is out of date with ${relative(root, list)}: run \`npm run gen:addresses\``,
        );
        process.exit(1);
      }
      console.log(`${relative(root, out)} is up to date`);
    } else {
      writeFileSync(out, rendered);
      console.log(`wrote ${out}`);
    }
  } catch (err) {
    if (!(err instanceof PublishError) && !(err instanceof Error && err.name === "DeploymentError")) throw err;
    console.error(`gen-addresses: ${err.message}`);
    process.exit(1);
  }
}
