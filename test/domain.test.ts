/**
 * The values for people and the domain rules (src/domain.ts), tested once: every tool prints through these.
 * The on-chain mirrors (`runnableParams`, `tierOf`) are checked against the contracts in test/sdk/reads.test.ts.
 */
import { describe, expect, it } from "vitest";
import {
  bondFor,
  compact,
  dateWithRelative,
  duration,
  enumName,
  ether,
  floorMemory,
  flop,
  gib,
  grouped,
  memoryForParams,
  NODE_STATUSES,
  percentBps,
  PROPOSAL_STATES,
  relative,
  runnableParams,
  scientific,
  shortHex,
  sybilCost,
  LAPSE_REASONS,
  tierName,
  tierOf,
  utc,
} from "../src/domain.js";

describe("numbers", () => {
  it("should group digits in threes", () => {
    expect(grouped(70_000_000_000n)).toBe("70,000,000,000");
    expect(grouped(999)).toBe("999");
    expect(grouped(-1234n)).toBe("-1,234");
  });

  it("should write counts compactly with one rounded decimal below 100 of a unit", () => {
    expect(compact(70_000_000_000n)).toBe("70B");
    expect(compact(46_385_646_796n)).toBe("46.4B");
    expect(compact(8_030_000_000n)).toBe("8B");
    expect(compact(72_700_000_000n)).toBe("72.7B");
    expect(compact(405_000_000_000n)).toBe("405B");
    expect(compact(1_800_000_000_000n)).toBe("1.8T");
    expect(compact(1_500n)).toBe("1.5K");
    expect(compact(999n)).toBe("999");
    expect(compact(10n ** 25n)).toBe("10²⁵");
  });

  it("should write training compute in scientific notation", () => {
    expect(scientific(10n ** 25n)).toBe("10²⁵");
    expect(scientific(1_224n * 10n ** 21n)).toBe("1.22 × 10²⁴");
    expect(scientific(78n * 10n ** 23n)).toBe("7.8 × 10²⁴");
    expect(scientific(999n)).toBe("999");
    expect(flop(2n * 10n ** 25n)).toBe("2 × 10²⁵ FLOP");
  });

  it("should write memory in GiB, ETH exactly, and basis points as percent", () => {
    expect(gib(24_576)).toBe("24 GiB");
    expect(gib(1_536n)).toBe("1.5 GiB");
    expect(gib(1_179_648)).toBe("1152 GiB");
    expect(ether(10n ** 16n)).toBe("0.01 ETH");
    expect(ether(123_456_789_012_345_678n)).toBe("0.123456789012345678 ETH");
    expect(percentBps(1000)).toBe("10%");
    expect(percentBps(1250n)).toBe("12.5%");
    expect(shortHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")).toBe("0x7099…79C8");
  });
});

describe("time", () => {
  it("should write durations in their two largest units", () => {
    expect(duration(45)).toBe("45 s");
    expect(duration(60)).toBe("1 min");
    expect(duration(7_500n)).toBe("2 h 5 min");
    expect(duration(86_400)).toBe("1 day");
    expect(duration(30n * 86_400n)).toBe("30 days");
  });

  it("should write dates in UTC, and relative to the chain's clock", () => {
    expect(utc(0)).toBe("1970-01-01 00:00:00 UTC");
    expect(utc(1_748_779_200n)).toBe("2025-06-01 12:00:00 UTC");
    expect(relative(160n, 100n)).toBe("in 1 min");
    expect(relative(100n, 100n)).toBe("now");
    expect(relative(100n, 100n + 3n * 86_400n)).toBe("3 days ago");
    expect(dateWithRelative(1_748_779_260n, 1_748_779_200n)).toBe("2025-06-01 12:01:00 UTC (in 1 min)");
  });
});

describe("domain rules", () => {
  it("should name the enums", () => {
    expect(NODE_STATUSES).toEqual(["None", "Pending", "Active", "Exiting", "Withdrawn", "Slashed", "Lapsed"]);
    expect(enumName(NODE_STATUSES, 3)).toBe("Exiting");
    expect(enumName(LAPSE_REASONS, 3)).toBe("AttesterRemoved");
    expect(enumName(PROPOSAL_STATES, 7n)).toBe("Executed");
    expect(enumName(PROPOSAL_STATES, 9)).toBe("9");
    expect(tierName(0)).toBe("Small");
    expect(tierName(1)).toBe("Large");
  });

  it("should classify at or below both thresholds as Small", () => {
    const line = { maxSmallParams: 70_000_000_000n, maxSmallTrainingFlop: 10n ** 25n };
    expect(tierOf(line, { params: 70_000_000_000n, trainingFlop: 10n ** 25n })).toBe("Small");
    expect(tierOf(line, { params: 70_000_000_001n, trainingFlop: 1n })).toBe("Large");
    expect(tierOf(line, { params: 1n, trainingFlop: 10n ** 25n + 1n })).toBe("Large");
  });

  it("should invert runnableParams for the memory a model needs", () => {
    const params = runnableParams(24_576n, 4n, 1000n);
    expect(memoryForParams(params, 4, 1000)).toBeCloseTo(24_576, 3);
  });
});

describe("bonds, the floor's memory and the sybil cost", () => {
  const BOND = { bondBase: 10n ** 16n, bondPerGiB: 5n * 10n ** 14n };

  it("should price a bond by whole GiB, rounding up, as ComputeRegistry.bondFor", () => {
    expect(bondFor(BOND, 24_576)).toBe(22n * 10n ** 15n);
    expect(bondFor(BOND, 24_577)).toBe(22n * 10n ** 15n + 5n * 10n ** 14n);
    expect(bondFor(BOND, 0)).toBe(10n ** 16n);
    expect(bondFor(BOND, 196_608n)).toBe(106n * 10n ** 15n);
  });

  it("should keep a floor in the guards' range for the window rounded out to a sixteenth", () => {
    expect(floorMemory(320n)).toBe(340n);
    expect(floorMemory(30n * 86_400n)).toBe(30n * 86_400n + 162_000n);
    expect(floorMemory(10n)).toBe(11n);
  });

  it("should price a quorum and a majority as THREATS.md measured them: 42 and 1,001 among 1,000", () => {
    const cost = sybilCost({
      ...BOND,
      activeNodes: 1_000n,
      quorumNumerator: 4n,
      quorumDenominator: 100n,
      minQuorumVotes: 10n,
      cheapestSkuMemoryMiB: 12_288,
      warmup: 8n * 86_400n,
    });
    expect(cost.bondPerNode).toBe(16n * 10n ** 15n);
    expect(cost.quorum).toEqual({ votes: 42n, devices: 42n, bond: 42n * 16n * 10n ** 15n });
    expect(cost.majority).toEqual({ votes: 1_001n, devices: 1_001n, bond: 1_001n * 16n * 10n ** 15n });
    expect(cost.warmup).toBe(8n * 86_400n);
    // 42 votes of 1,042 meet a 4% quorum (41.68, rounded up); 41 of 1,041 do not.
    expect((1_042n * 4n + 99n) / 100n).toBeLessThanOrEqual(42n);
    expect((1_041n * 4n + 99n) / 100n).toBeGreaterThan(41n);
  });

  it("should never price a quorum below the absolute minimum, nor a majority below a quorum", () => {
    const young = sybilCost({
      ...BOND,
      activeNodes: 3n,
      quorumNumerator: 4n,
      quorumDenominator: 100n,
      minQuorumVotes: 10n,
      cheapestSkuMemoryMiB: 12_288,
      warmup: 0n,
    });
    expect(young.quorum.votes).toBe(10n);
    expect(young.majority.votes).toBe(10n);
    for (let n = 0n; n < 300n; n += 7n) {
      const { quorum } = sybilCost({
        ...BOND,
        activeNodes: n,
        quorumNumerator: 50n,
        quorumDenominator: 100n,
        minQuorumVotes: 1n,
        cheapestSkuMemoryMiB: 1,
        warmup: 0n,
      });
      const needed = (x: bigint) => {
        const fraction = ((n + x) * 50n + 99n) / 100n;
        return fraction > 1n ? fraction : 1n;
      };
      expect(quorum.votes >= needed(quorum.votes) && quorum.votes - 1n < needed(quorum.votes - 1n), `n=${n}`).toBe(
        true,
      );
    }
  });
});
