import { defineConfig } from "vitest/config";

/**
 * The dashboard's first-paint measurement at 100 and 10,000 registered nodes (`npm run bench:app`): not part
 * of `npm test`. Same global setup as the test suite: a real `hardhat node`, deployed with Ignition. Seeding
 * the large size takes up to its budget (10 minutes by default), hence the long test timeout.
 */
export default defineConfig({
  test: {
    include: ["bench/app-load.test.ts"],
    globalSetup: ["test/setup/hardhatNode.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 40 * 60_000,
    hookTimeout: 600_000,
    teardownTimeout: 60_000,
  },
});
