/**
 * The threshold ballots through the `commons` CLI, as child processes against the run's `hardhat node` and its
 * Ignition deployment (nodes registered and the governance round passed with the SDK, to keep the file quick):
 * `ballot cast` (one node and several, `--units`), `ballot show` (its histograms and a node's ballot),
 * `ballot withdraw`, `propose authority`, `status` naming who sets the thresholds, `ballot settle` moving the
 * line one step, and every refusal as one readable line: exit 1 before anything is sent, 2 for a decoded revert.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { deployment, devAccount, freshChain, loadFixture, rpcUrl, useChainSnapshot } from "../utils/chain.js";
import { executeWhenReady, passAndQueue, registerActive } from "../sdk/helpers.js";
import { commons, expectFailure, parsed } from "./helpers.js";

const DEPLOYMENT_DIR = path.join("ignition/deployments", deployment.deploymentId);
const onChain = (args: string[]) => commons([...args, "--rpc-url", rpcUrl, "--deployment", DEPLOYMENT_DIR]);
const json = async <T = any>(args: string[]): Promise<T> =>
  parsed<T>(await onChain([...args, "--json"]), args.join(" "));

/** Five active nodes: dev account 1's nodes 1 and 2, then one each for accounts 2, 3 and 4. */
async function active() {
  await loadFixture(freshChain);
  const rtx4090 = [{ skuId: SEED_SKU.RTX_4090, count: 1 }];
  await registerActive([1, 1, 2, 3, 4].map((owner) => ({ owner, devices: rtx4090 })));
}

/** Ballots cast with the CLI: nodes 1 and 2 for 100B, node 3 for 120B. */
async function cast() {
  await loadFixture(active);
  const both = await json([
    "ballot",
    "cast",
    "1",
    "2",
    "--params",
    "100B",
    "--flop",
    "1e25",
    "--units",
    "--account",
    "1",
  ]);
  const one = await onChain(["ballot", "cast", "3", "--params", "120000000000", "--account", "2"]);
  return { both, one };
}

/** The ballots, and the thresholds handed to them by `commons propose authority ballots`, passed and executed. */
async function handedOver() {
  await loadFixture(cast);
  const proposed = await json(["propose", "authority", "ballots", "--account", "1"]);
  const proposal = BigInt(proposed.proposalNumber);
  await passAndQueue(proposal, [1, 2, 3, 4]);
  await executeWhenReady(proposal);
  return { proposed };
}

describe("commons ballot", () => {
  useChainSnapshot();

  it("should cast ballots for one node and for several, and show them with their histograms", async () => {
    const { both, one } = await loadFixture(cast);
    expect(both).toMatchObject({
      nodeIds: ["1", "2"],
      maxSmallParams: "100000000000",
      maxSmallTrainingFlop: "10000000000000000000000000",
    });
    expect(both.expiryEpoch).toBeGreaterThan(0);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(
      /^ballot cast for node 3: 120B params, 10²⁵ FLOP; counts until \S+ \S+ UTC \(in [^)]+\) \(epoch \d+\)\n$/,
    );

    const shown = await onChain(["ballot", "show", "1"]);
    expect(shown.code, shown.stderr).toBe(0);
    const out = shown.stdout;
    expect(out).toMatch(/in charge\s+the governor: ballots count, but no settlement until a proposal hands/);
    expect(out).toMatch(/ballots\s+3 live, 0 expired; a settlement needs 1 \(the quorum\)/);
    expect(out).toMatch(/medians\s+98\.8B params, 9\.97 × 10²⁴ FLOP/);
    expect(out).toMatch(/next settlement\s+none while the governor is in charge/);
    expect(out).toMatch(/it moves\s+70B → 87\.5B \(up\) params; 10²⁵ FLOP \(unchanged\)/);
    // The histogram: one row per non-empty bucket, bars scaled to the fullest, the median's marked.
    expect(out).toMatch(/^ {2}98\.8B – 100B {2}█{24} 2 {2}← median$/m);
    expect(out).toMatch(/^ {2}118B – 120B {3}█{12} 1$/m);
    expect(out).toMatch(
      /^Node 1: 100B params, 10²⁵ FLOP; cast in epoch \d+, counts until .* \(in [^)]+\) \(epoch \d+\)$/m,
    );
  });

  it("should withdraw a ballot, and refuse what cannot be done as one line: 1 before sending, 2 for a revert", async () => {
    await loadFixture(cast);
    const withdrawn = await onChain(["ballot", "withdraw", "3", "--account", "2"]);
    expect(withdrawn.stdout).toBe("ballot of node 3 withdrawn\n");
    const [again, notOwner, notInCharge] = await Promise.all([
      onChain(["ballot", "withdraw", "3", "--account", "2"]),
      onChain(["ballot", "cast", "1", "--params", "100000000000", "--account", "2", "--json"]),
      onChain(["ballot", "settle", "--account", "0"]),
    ]);
    expectFailure(again, 2, /^error: ThresholdBallotsNoBallot: node 3 has no ballot$/);
    expectFailure(
      notOwner,
      2,
      new RegExp(`^error: ThresholdBallotsNotNodeOwner: ${devAccount(2).address} does not own node 1$`),
    );
    expect(JSON.parse(notOwner.stdout).error.code).toBe("ThresholdBallotsNotNodeOwner");
    expectFailure(notInCharge, 2, /^error: ThresholdBallotsNotInCharge: the governor is in charge of the thresholds/);

    const [noUnits, tooSmall, nothing, twice, nobody] = await Promise.all([
      onChain(["ballot", "cast", "1", "--params", "70B", "--account", "1"]),
      onChain(["ballot", "cast", "1", "--params", "1000", "--account", "1"]),
      onChain(["ballot", "cast", "1", "--account", "1"]),
      onChain(["ballot", "cast", "1", "1", "--params", "100000000000", "--account", "1"]),
      onChain(["propose", "authority", "nobody", "--account", "1"]),
    ]);
    expectFailure(noUnits, 1, /^error: Invalid --params: "70B" is not a whole decimal number .*need --units\)$/);
    expectFailure(
      tooSmall,
      1,
      /^error: Invalid --params: 1000 is outside what a ballot may ask for: 1048576\.\.4503599627370495 \(1M to 4\.5 × 10¹⁵\)$/,
    );
    expectFailure(nothing, 1, /^error: give --params and\/or --flop \(see: commons ballot cast --help\)$/);
    expectFailure(twice, 1, /^error: Invalid <nodeId>: node 1 is listed twice$/);
    expectFailure(nobody, 1, /^error: authority must be ballots or governor, not "nobody"/);
  });

  it("should hand the thresholds to the ballots, show it in status, and settle one step toward the median", async () => {
    const { proposed } = await loadFixture(handedOver);
    expect(proposed.ballotsInCharge).toBe(true);
    expect(proposed.description).toMatch(/^Hand the thresholds to the ballots\n\n#proposer=/);

    const status = await onChain(["status"]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/set by\s+the ballots: 3 live, medians 98\.8B params, 9\.97 × 10²⁴ FLOP/);
    expect(status.stdout).toMatch(/next settlement\s+now: 70B → 87\.5B \(up\) params; 10²⁵ FLOP \(unchanged\)/);

    const settled = await onChain(["ballot", "settle", "--account", "0"]);
    expect(settled.code, settled.stderr).toBe(0);
    expect(settled.stdout).toMatch(/^epoch \d+ settled with 3 ballot\(s\)\n/);
    expect(settled.stdout).toMatch(/^ {2}params 70B → 87\.5B \(median 98\.8B\)$/m);
    expect(settled.stdout).toMatch(/^ {2}FLOP {3}10²⁵ FLOP \(unchanged; median 9\.97 × 10²⁴ FLOP\)$/m);

    const [again, thresholds, authority, shown] = await Promise.all([
      onChain(["ballot", "settle", "--account", "0"]),
      onChain(["propose", "thresholds", "--max-small-params", "100000000000", "--account", "1"]),
      onChain(["propose", "authority", "ballots", "--account", "1"]),
      json(["ballot", "show"]),
    ]);
    expectFailure(
      again,
      2,
      /^error: ThresholdBallotsAlreadySettled: epoch \d+ is settled already; the next settlement opens at /,
    );
    expectFailure(
      thresholds,
      1,
      /^error: the ballots are in charge of the thresholds: a setThresholds proposal would revert/,
    );
    expectFailure(authority, 1, /^error: Invalid <authority>: the ballots are in charge of the thresholds already$/);
    expect(shown).toMatchObject({
      inCharge: "ballots",
      thresholds: { maxSmallParams: "87500000000" },
      next: { maxSmallParams: "98784247808" },
    });
    expect(shown.lastSettledEpoch).toBe(shown.epoch);
  });
});
