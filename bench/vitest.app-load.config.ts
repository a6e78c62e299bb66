import { defineConfig } from "vitest/config";

/**
 * The dashboard's load measurement with 1,000 registered nodes (`npm run bench:app`): not part of
 * `npm test`. Same global setup as the test suite: a real `hardhat node`, deployed with Ignition.
 */
export default defineConfig({
  test: {
    include: ["bench/app-load.test.ts"],
    globalSetup: ["test/setup/hardhatNode.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    teardownTimeout: 60_000,
  },
});
