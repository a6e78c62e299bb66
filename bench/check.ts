/**
 * Gas snapshot. `npm run bench:check` measures every gas figure (in-process network only, no timing) and
 * fails when any grew by more than 1% over bench/gas-snapshot.json, naming each; `npm run bench:snapshot`
 * (BENCH_SNAPSHOT=1) rewrites the snapshot. Figures are execution gas and deterministic run to run.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import hre from "hardhat";
import { NODES_PAGE_SIZE } from "../src/actions/registry/listNodes.js";
import { measureGas } from "./gas.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SNAPSHOT = path.join(ROOT, "bench/gas-snapshot.json");
const TOLERANCE = 0.01;

// Percentile, floor range, nodeIdsOf pages and classifyAt at the counts the snapshot holds; the 10,000-node
// figures are in `npm run bench` (they equal the 1,000-node ones: these reads do not depend on the count).
const run = await measureGas(hre, {
  percentileCounts: [10, 1_000],
  checkpointCounts: [1, 1_000],
  pageSize: NODES_PAGE_SIZE,
});
const figures: Record<string, number> = {};
for (const [key, entry] of Object.entries(run.gas)) {
  figures[key] = entry.ours;
  if (entry.anchor !== undefined && !key.includes("@")) figures[`${key}.anchor`] = entry.anchor;
}
figures[`packedNodesPage@${NODES_PAGE_SIZE}.worstCase`] = run.worstCasePageGas;

if (process.env.BENCH_SNAPSHOT === "1" || !existsSync(SNAPSHOT)) {
  writeFileSync(SNAPSHOT, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`wrote ${path.relative(ROOT, SNAPSHOT)} (${Object.keys(figures).length} figures)`);
} else {
  const snapshot = JSON.parse(readFileSync(SNAPSHOT, "utf8")) as Record<string, number>;
  const grown: string[] = [];
  const rows: string[] = [];
  for (const [key, now] of Object.entries(figures)) {
    const before = snapshot[key];
    if (before === undefined) {
      rows.push(`  new      ${key}: ${now}`);
      continue;
    }
    // A figure of 0 (no Transfer log in a vote) may only stay 0.
    const change = before === 0 ? (now === 0 ? 0 : Infinity) : (now - before) / before;
    const tag = change > TOLERANCE ? "GREW" : change < -TOLERANCE ? "shrank" : "ok";
    rows.push(`  ${tag.padEnd(8)} ${key}: ${before} -> ${now} (${(change * 100).toFixed(2)}%)`);
    if (change > TOLERANCE) grown.push(`${key}: ${before} -> ${now} (+${(change * 100).toFixed(2)}%)`);
  }
  for (const key of Object.keys(snapshot)) if (!(key in figures)) rows.push(`  gone     ${key}`);
  console.log(rows.join("\n"));
  if (grown.length > 0) {
    console.error(
      `\n${grown.length} gas figure(s) grew by more than ${TOLERANCE * 100}% over bench/gas-snapshot.json:`,
    );
    for (const g of grown) console.error(`  ${g}`);
    console.error("If intended, run `npm run bench:snapshot` and commit the snapshot.");
    process.exitCode = 1;
  } else {
    console.log(`\ngas snapshot check passed (${Object.keys(figures).length} figures, tolerance ${TOLERANCE * 100}%)`);
  }
}
