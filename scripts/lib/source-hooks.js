// Runs the repository's TypeScript straight from src/ under Node's type stripping (Node 22.18+), no build:
//   node --import ./scripts/lib/source-hooks.js examples/quickstart.ts
// Two resolve rules, for files of this repository (never node_modules):
// - `compute-commons` and `compute-commons/<entry>` go to the sources behind the package's `exports`
//   (./dist/x.js there is ./src/x.ts here), as vitest and tsconfig map them;
// - a relative `./x.js` (TypeScript's NodeNext convention) is `./x.ts` when only the .ts file exists.
// bin/commons.js uses it to run the CLI from a checkout, and package.json's `node`, `app` and `example`
// scripts to run scripts/node.ts, scripts/write-app-deployment.ts and the example on the sources (the
// default RPC URL of src/connection.ts among them). Plain JavaScript: it loads before type stripping.
import { existsSync, readFileSync } from "node:fs";
import module from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const rootUrl = pathToFileURL(root + "/").href;
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

/** `compute-commons[/entry]` → file URL of its source, from the `exports` map. */
function sourceOf(specifier) {
  if (specifier !== pkg.name && !specifier.startsWith(`${pkg.name}/`)) return undefined;
  const entry = specifier === pkg.name ? "." : `.${specifier.slice(pkg.name.length)}`;
  const target = pkg.exports[entry]?.import;
  if (typeof target !== "string" || !/^\.\/dist\/.*\.js$/.test(target)) return undefined;
  const source = join(root, "src", target.slice("./dist/".length, -".js".length) + ".ts");
  return existsSync(source) ? pathToFileURL(source).href : undefined;
}

const ours = (url) => url?.startsWith(rootUrl) && !url.slice(rootUrl.length).split("/").includes("node_modules");

module.registerHooks({
  resolve(specifier, context, nextResolve) {
    if (ours(context.parentURL)) {
      const source = sourceOf(specifier);
      if (source !== undefined) return nextResolve(source, context);
      if (/^\.\.?\//.test(specifier) && specifier.endsWith(".js")) {
        const js = new URL(specifier, context.parentURL);
        const ts = new URL(specifier.slice(0, -3) + ".ts", context.parentURL);
        if (!existsSync(fileURLToPath(js)) && existsSync(fileURLToPath(ts))) return nextResolve(ts.href, context);
      }
    }
    return nextResolve(specifier, context);
  },
});
