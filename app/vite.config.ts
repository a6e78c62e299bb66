/**
 * Vite config of the dashboard dapp (`app/`): `npm run app` serves it against a local node,
 * `npm run app:build` writes the static site to `app/dist/` (gitignored).
 *
 * The page imports the SDK's browser entry from `../../src/index.js` (TypeScript sources, bundled by Vite),
 * so the dev server must be allowed to read the repository root, not only `app/`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const APP = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(APP, "..");

export default defineConfig({
  root: APP,
  // Relative asset URLs: the built page works from any path (a subfolder, a static file server, IPFS).
  base: "./",
  publicDir: path.join(APP, "public"),
  build: {
    outDir: path.join(APP, "dist"),
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    fs: { allow: [ROOT] },
  },
  preview: { host: "127.0.0.1", port: 4173 },
});
