import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/**
 * TypeScript tests run against one real `hardhat node` per run, started and deployed (Ignition module,
 * local timings) by `test/setup/hardhatNode.ts`. Test files share that chain and move its clock, so they run
 * one after another; each file snapshots the chain first and reverts it at the end, and each test starts from
 * a fixture's snapshot (`loadFixture`, test/utils/chain.ts).
 */
export default defineConfig({
  // Examples import the package by name, as users do; tests resolve it to the sources.
  resolve: {
    alias: [
      { find: /^compute-commons$/, replacement: src("index.ts") },
      { find: /^compute-commons\/node$/, replacement: src("node.ts") },
      { find: /^compute-commons\/ethers$/, replacement: src("ethers/index.ts") },
      { find: /^compute-commons\/abi$/, replacement: src("abi/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/hardhatNode.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
  },
});
