import { defineConfig } from "vitest/config";

/**
 * TypeScript tests run against one real `hardhat node` per run, started and deployed (Ignition module,
 * local timings) by `test/setup/hardhatNode.ts`. Test files share that chain and move its clock, so they run
 * one after another; each file snapshots the chain first and reverts it at the end (`test/utils/chain.ts`).
 */
export default defineConfig({
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
