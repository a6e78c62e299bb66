#!/usr/bin/env node
// Launcher for the `commons` CLI. The CLI needs Node >= 22 (TypeScript type stripping, and Hardhat 3 for
// `commons deploy`): on an older Node it re-runs itself with the Node 22 binary that the `node`
// devDependency puts in node_modules/.bin. Under Node 22 it runs the TypeScript source (src/cli/main.ts,
// with a resolve hook mapping the SDK's `.js` import suffixes to `.ts`) when the source is there, and the
// build (dist/cli/main.js) otherwise, e.g. in the published package.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import module from "node:module";
import { dirname, join, parse } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), "..");
const major = Number(process.versions.node.split(".")[0]);

/** node_modules/.bin/node in the package or any folder above it (npm may hoist it). */
function findNode22() {
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", ".bin", "node");
    if (existsSync(candidate)) return candidate;
    if (dir === parse(dir).root) return undefined;
  }
}

if (major < 22) {
  const node = findNode22();
  if (node === undefined || process.env.COMMONS_CLI_REEXEC === "1") {
    process.stderr.write(`error: commons needs Node 22 or later (this is ${process.version}); run npm ci first\n`);
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

// Cache compiled code between runs (Node >= 22.1): cuts the start-up of each command.
module.enableCompileCache?.();

const source = join(root, "src", "cli", "main.ts");
const built = join(root, "dist", "cli", "main.js");
const canStrip = Boolean(process.features?.typescript) && typeof module.registerHooks === "function";

if (existsSync(source) && canStrip) {
  const srcUrl = pathToFileURL(join(root, "src") + "/").href;
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      // The SDK imports `./x.js` (TypeScript's NodeNext convention); in the source tree the file is `./x.ts`.
      if (specifier.endsWith(".js") && context.parentURL?.startsWith(srcUrl) && /^\.\.?\//.test(specifier)) {
        const ts = new URL(specifier.slice(0, -3) + ".ts", context.parentURL);
        if (existsSync(fileURLToPath(ts))) return nextResolve(ts.href, context);
      }
      return nextResolve(specifier, context);
    },
  });
  await import(pathToFileURL(source).href);
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  process.stderr.write("error: commons is not built: run `npm run build` (or use Node 22.18+ to run from source)\n");
  process.exit(1);
}
