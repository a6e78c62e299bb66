import { benchConfig } from "./vitest.bench.js";

/**
 * The dashboard's first-paint measurement at 100 and 10,000 registered nodes (`npm run bench:app`): not part
 * of `npm test`. Same global setup as the test suite: a real `hardhat node`, deployed with Ignition. Seeding
 * the large size takes up to its budget (10 minutes by default), hence the long test timeout.
 */
export default benchConfig("bench/app-load.test.ts");
