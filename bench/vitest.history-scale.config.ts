import { benchConfig } from "./vitest.bench.js";

/**
 * History reads through the indexer against log scans on a chain advanced by a million blocks
 * (`npm run bench:history`): not part of `npm test`. Syncing the indexer over the mined blocks takes minutes.
 */
export default benchConfig("bench/history-scale.test.ts");
