/**
 * Fails when a contract's line coverage (from `hardhat test solidity --coverage`, coverage/lcov.info) is
 * below the bar. Hardhat 3 measures lines and statements, not branches; branch cases are covered by the
 * revert-per-error and boundary tests instead (see DEVELOPERS.md).
 *   node scripts/check-coverage.ts [minPercent=95]
 */
import { readFileSync } from "node:fs";

const min = Number(process.argv[2] ?? 95);
const lcov = readFileSync("coverage/lcov.info", "utf8");
let failed = false;
for (const record of lcov.split("end_of_record")) {
  const file = /^SF:(.+)$/m.exec(record)?.[1];
  if (!file || !file.startsWith("contracts/") || file.startsWith("contracts/anchors/")) continue;
  const lines = [...record.matchAll(/^DA:\d+,(\d+)$/gm)].map((m) => Number(m[1]));
  const hit = lines.filter((n) => n > 0).length;
  const percent = lines.length === 0 ? 100 : (100 * hit) / lines.length;
  const ok = percent >= min;
  failed ||= !ok;
  console.log(`${ok ? "ok  " : "LOW "} ${percent.toFixed(2).padStart(6)}% lines  ${hit}/${lines.length}  ${file}`);
}
if (failed) {
  console.error(`coverage below ${min}% of lines`);
  process.exit(1);
}
