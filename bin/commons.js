#!/usr/bin/env node
// Launcher for the `commons` CLI.
// - Installed from npm (no `src/` in the package): runs the built JavaScript, dist/cli/main.js, under the
//   Node that started it (>= 20).
// - In a checkout of the repository (src/cli/main.ts is there): runs the TypeScript source, so no build step
//   is needed and the CLI is never stale. That needs Node's type stripping (Node 22.18+); on an older Node it
//   re-runs itself with the Node 22 binary that the `node` devDependency puts in node_modules/.bin;
//   scripts/lib/source-hooks.js maps the SDK's `.js` import suffixes to the `.ts` files.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import module from "node:module";
import { dirname, join, parse } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), "..");
const source = join(root, "src", "cli", "main.ts");
const built = join(root, "dist", "cli", "main.js");

// Cache compiled code between runs (Node >= 22.1): cuts the start-up of each command.
module.enableCompileCache?.();

/** node_modules/.bin/node in the package or any folder above it (npm may hoist it). */
function findLocalNode() {
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", ".bin", "node");
    if (existsSync(candidate)) return candidate;
    if (dir === parse(dir).root) return undefined;
  }
}

/** Runs the TypeScript source of a repository checkout under a Node that strips types. */
async function runSource() {
  const canStrip = Boolean(process.features?.typescript) && typeof module.registerHooks === "function";
  if (!canStrip) {
    const node = findLocalNode();
    if (node === undefined || process.env.COMMONS_CLI_REEXEC === "1") {
      process.stderr.write(
        `error: commons from the repository needs Node 22.18 or later (this is ${process.version}); run npm ci first\n`,
      );
      process.exit(1);
    }
    const result = spawnSync(node, [here, ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, COMMONS_CLI_REEXEC: "1" },
    });
    if (result.error) {
      process.stderr.write(`error: could not start ${node}: ${result.error.message}\n`);
      process.exit(1);
    }
    process.exit(result.status ?? 1);
  }
  // Resolve hooks for the source tree (the SDK's `.js` import suffixes are `.ts` files there).
  await import(pathToFileURL(join(root, "scripts", "lib", "source-hooks.js")).href);
  await import(pathToFileURL(source).href);
}

if (existsSync(source)) {
  await runSource();
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  process.stderr.write(`error: commons is not built: ${built} is missing (run npm run build)\n`);
  process.exit(1);
}
