import { defineConfig } from "vitest/config";

/**
 * A measurement run by vitest outside `npm test` (`npm run bench:app`, `npm run bench:history`): the test
 * suite's global setup (a real `hardhat node`, deployed with Ignition), one file, and long timeouts for
 * seeding and syncing.
 */
export const benchConfig = (file: string) =>
  defineConfig({
    test: {
      include: [file],
      globalSetup: ["test/setup/hardhatNode.ts"],
      environment: "node",
      fileParallelism: false,
      testTimeout: 40 * 60_000,
      hookTimeout: 600_000,
      teardownTimeout: 60_000,
    },
  });
