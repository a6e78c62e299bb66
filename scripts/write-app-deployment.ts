/**
 * Writes app/public/deployment.json for the dashboard from Ignition's record of a local deployment, so that
 * `npm run app` opens on the local node's contracts without pasting anything.
 *
 *   node --import ./scripts/lib/source-hooks.js scripts/write-app-deployment.ts [deployment-id] [chain-id] [output-file]
 *
 * Defaults: `chain-31337` (what `npm run deploy:local` writes), chain id 31337, app/public/deployment.json.
 * The file is Ignition's `deployed_addresses.json` plus a `chainId`, a shape the page accepts as it is, and
 * the `rpcUrl` from COMMONS_RPC_URL when that is set (the page's RPC unless `?rpc=` says otherwise).
 * Without a deployment it says so and exits 0: the page then asks for the addresses.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { rpcUrlFromEnv } from "../src/connection.js";
import { journalDeployBlock } from "../src/node.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const deploymentId = process.argv[2] ?? "chain-31337";
const chainId = Number(process.argv[3] ?? 31337);
const source = join(root, "ignition/deployments", deploymentId, "deployed_addresses.json");
const target = resolve(process.argv[4] ?? join(root, "app/public/deployment.json"));
const rpcUrl = rpcUrlFromEnv(process.env); // the page checks it, as it checks `?rpc=`

if (!existsSync(source)) {
  console.warn(
    `No ${relative(root, source)}: deploy first (npm run node, then npm run deploy:local), ` +
      `or paste the addresses into the page.`,
  );
  process.exit(0);
}
const addresses = JSON.parse(readFileSync(source, "utf8")) as Record<string, string>;
mkdirSync(dirname(target), { recursive: true });
const deployBlock = journalDeployBlock(dirname(source));
writeFileSync(
  target,
  `${JSON.stringify({ chainId, ...(rpcUrl ? { rpcUrl } : {}), ...(deployBlock === undefined ? {} : { deployBlock }), ...addresses }, null, 2)}\n`,
);
console.log(
  `Wrote ${relative(root, target)} from ${relative(root, source)} (chain ${chainId}` +
    `${rpcUrl ? ", RPC from COMMONS_RPC_URL" : ""}).`,
);
