/**
 * The consumer floor as an SVG: a histogram of the active nodes' memory (the registry's 1 GiB buckets, read in
 * one request whatever the number of nodes, merged into wider bins when needed), the floor line (the memory
 * of the floor-percentile node, from the contract) and the memory a model at the Small threshold needs.
 */
import type { GovernanceState, HistogramBucket } from "../../../src/index.js";
import { html, raw, type Html } from "../dom.js";
import { compact, gib, memoryForParams } from "../../../src/index.js";

const WIDTH = 680;
const HEIGHT = 260;
const M = { top: 28, right: 16, bottom: 40, left: 44 };
const BIN_WIDTHS_GIB = [1, 2, 4, 8, 16, 32, 64, 128, 256];
const MAX_BINS = 32;

export type Histogram = { binGiB: number; counts: number[] };

/**
 * The registry's 1 GiB buckets (bucket b holds b GiB < memory <= b + 1 GiB) in equal bins of `binGiB` from 0
 * (bin i holds i·binGiB < memory <= (i + 1)·binGiB), wide enough to also show `alsoShowMiB` values.
 */
export function histogram(buckets: readonly HistogramBucket[], alsoShowMiB: number[]): Histogram {
  const maxGiB = Math.max(1, ...buckets.map((b) => b.upperMiB / 1024), ...alsoShowMiB.map((m) => m / 1024)) * 1.05;
  const binGiB = BIN_WIDTHS_GIB.find((w) => Math.ceil(maxGiB / w) <= MAX_BINS) ?? 512;
  const counts = new Array<number>(Math.max(1, Math.ceil(maxGiB / binGiB))).fill(0);
  for (const bucket of buckets) {
    const bin = Math.min(counts.length - 1, Math.floor((bucket.upperMiB / 1024 - 1) / binGiB));
    counts[bin]! += bucket.count;
  }
  return { binGiB, counts };
}

const n = (x: number): string => (Math.round(x * 10) / 10).toString();

export function floorPlot(state: GovernanceState, buckets: readonly HistogramBucket[]): Html {
  const floorMiB = Number(state.floor.memoryMiB);
  const thresholdMiB = memoryForParams(
    state.thresholds.maxSmallParams,
    state.guards.quantBits,
    state.guards.overheadBps,
  );
  const { binGiB, counts } = histogram(buckets, [floorMiB, thresholdMiB]);
  const maxCount = Math.max(1, ...counts);
  const plotW = WIDTH - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const spanGiB = counts.length * binGiB;
  const x = (g: number): number => M.left + (g / spanGiB) * plotW;
  const y = (c: number): number => M.top + plotH - (c / maxCount) * plotH;
  const barW = plotW / counts.length;

  const bars = counts
    .map((c, i) =>
      c === 0
        ? ""
        : `<rect class="bar" x="${n(x(i * binGiB) + 1)}" y="${n(y(c))}" width="${n(Math.max(1, barW - 2))}" height="${n(
            M.top + plotH - y(c),
          )}"><title>${i * binGiB}–${(i + 1) * binGiB} GiB: ${c} node${c === 1 ? "" : "s"}</title></rect>`,
    )
    .join("");

  const xTickEvery = Math.ceil(counts.length / 8);
  const xTicks = counts
    .map((_, i) => i)
    .concat(counts.length)
    .filter((i) => i % xTickEvery === 0)
    .map(
      (i) =>
        `<g class="tick"><line x1="${n(x(i * binGiB))}" x2="${n(x(i * binGiB))}" y1="${M.top + plotH}" y2="${
          M.top + plotH + 4
        }"/><text x="${n(x(i * binGiB))}" y="${M.top + plotH + 16}" text-anchor="middle">${i * binGiB}</text></g>`,
    )
    .join("");
  const yTicks = [...new Set([0, Math.round(maxCount / 2), maxCount])]
    .map(
      (c) =>
        `<g class="tick"><line class="grid" x1="${M.left}" x2="${M.left + plotW}" y1="${n(y(c))}" y2="${n(
          y(c),
        )}"/><text x="${M.left - 6}" y="${n(y(c) + 4)}" text-anchor="end">${c}</text></g>`,
    )
    .join("");

  const floorX = x(floorMiB / 1024);
  const thresholdX = x(thresholdMiB / 1024);
  const p = state.guards.floorPercentile;
  // Each label sits on the side of its line away from the other line, when there is room for it there.
  const label = (lx: number, other: number, text: string, cls: string, row: number): string => {
    const roomLeft = lx - M.left > 230;
    const roomRight = M.left + plotW - lx > 230;
    const right = roomRight && (lx >= other || !roomLeft);
    return `<text class="${cls}" x="${n(lx + (right ? 5 : -5))}" y="${M.top + 12 + row * 14}" text-anchor="${
      right ? "start" : "end"
    }">${text}</text>`;
  };
  const active = counts.reduce((sum, c) => sum + c, 0);
  const description =
    `Histogram of ${active} active nodes' memory in ${binGiB} GiB bins; ` +
    `p${p} floor at ${gib(floorMiB)} (${compact(state.floor.params)} parameters); ` +
    `Small threshold ${compact(state.thresholds.maxSmallParams)} parameters needs ${gib(Math.round(thresholdMiB))}.`;

  const svg = `<svg class="plot" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${description}">
<title>${description}</title>
${yTicks}
${bars}
<line class="axis" x1="${M.left}" x2="${M.left + plotW}" y1="${M.top + plotH}" y2="${M.top + plotH}"/>
${xTicks}
<text class="axis-label" x="${M.left + plotW / 2}" y="${HEIGHT - 6}" text-anchor="middle">node memory (GiB)</text>
<text class="axis-label" transform="translate(12 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">active nodes</text>
<line class="threshold-line" x1="${n(thresholdX)}" x2="${n(thresholdX)}" y1="${M.top - 6}" y2="${M.top + plotH}"/>
${label(thresholdX, floorX, `Small threshold ${compact(state.thresholds.maxSmallParams)} needs ${gib(Math.round(thresholdMiB))}`, "threshold-label", 1)}
<line class="floor-line" x1="${n(floorX)}" x2="${n(floorX)}" y1="${M.top - 6}" y2="${M.top + plotH}"/>
${label(floorX, thresholdX, `p${p} floor ${gib(floorMiB)} → ${compact(state.floor.params)}`, "floor-label", 0)}
</svg>`;
  return html`<figure class="floor-figure">
    ${raw(svg)}
    <figcaption>
      <span class="swatch floor"></span> consumer floor: the p${p} node has ${gib(floorMiB)}, which runs
      ${compact(state.floor.params)} parameters at ${state.guards.quantBits}-bit
      <span class="swatch threshold"></span> memory a model at the Small threshold needs
    </figcaption>
  </figure>`;
}
