/**
 * `npm run bench`: every gas figure against its anchor (in-process network) and the read path against a real
 * `hardhat node`; prints a table and writes bench/results.json (keeping the keys other benches write there:
 * `app`, `history`). `BENCH_QUICK=1` (CI) uses small counts and
 * one repetition, and does not judge timings.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import hre from "hardhat";
import { NODES_PAGE_SIZE } from "../src/actions/registry/listNodes.js";
import { ETH_CALL_GAS_CAP, formatResults, type Results } from "./common.js";
import { measureGas } from "./gas.js";
import { measureReads } from "./read.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const quick = process.env.BENCH_QUICK === "1";
const t0 = Date.now();
const log = (m: string) => process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);

const gasRun = await measureGas(hre, {
  percentileCounts: quick ? [10, 200] : [10, 1_000, 10_000],
  checkpointCounts: quick ? [1, 50] : [1, 1_000],
  pageSize: NODES_PAGE_SIZE,
  log,
});
const readRun = await measureReads(hre, {
  nodes: quick ? 100 : 1_000,
  repetitions: quick ? 1 : 7,
  assertTimings: !quick,
  log,
});

const cap = Number(ETH_CALL_GAS_CAP);
const results: Results = {
  quick,
  gas: gasRun.gas,
  read: {
    listAll: readRun.listAll,
    stateRequests: readRun.stateRequests,
    stateMs: readRun.stateMs,
    stateGoal: "exactly 1 request",
    stateMet: readRun.stateRequests === 1,
    pageGas: {
      typical: readRun.typicalPageGas,
      worstCase: gasRun.worstCasePageGas,
      cap,
      headroomTypical: Math.round((cap / readRun.typicalPageGas) * 100) / 100,
      headroomWorstCase: Math.round((cap / gasRun.worstCasePageGas) * 100) / 100,
    },
  },
};
const file = path.join(ROOT, quick ? "test-output/bench-results.quick.json" : "bench/results.json");
// The figures of the other benches (`app` from bench:app, `history` from bench:history) stay as they were.
const others = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
writeFileSync(file, `${JSON.stringify({ ...others, ...results }, null, 2)}\n`);
console.log(formatResults(results));
console.log(`\nwrote ${path.relative(ROOT, file)} in ${((Date.now() - t0) / 1000).toFixed(0)}s`);

// The request counts are exact in every run; a wrong count fails even the quick run.
if (results.read!.listAll.requests !== results.read!.listAll.expectedRequests || !results.read!.stateMet) {
  console.error("request counts differ from the SDK's promise");
  process.exitCode = 1;
}
