/**
 * The Hardhat scripts under scripts/ end bad input as the CLI does: one `error:` line naming the
 * environment variable, no stack trace, and a non-zero exit (1 refused input, 2 a chain failure). They run as
 * `hardhat run` on the `localhost` network at the run's node (through `COMMONS_RPC_URL`), on its deployment
 * (`DEPLOYMENT_ID`).
 */
import { describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { commonsFor, registerActive } from "../sdk/helpers.js";
import {
  advanceTime,
  deployment,
  devAccount,
  freshChain,
  loadFixture,
  rpcUrl,
  useChainSnapshot,
} from "../utils/chain.js";
import { expectFailure, hardhatScript } from "./helpers.js";

const script = (name: string, env: Record<string, string>) =>
  hardhatScript(`scripts/${name}.ts`, rpcUrl, { DEPLOYMENT_ID: deployment.deploymentId, ...env });

/** A node for account 1 and its proposal 1, Active. */
async function activeProposal() {
  await loadFixture(freshChain);
  await registerActive([{ owner: 1, devices: [{ skuId: SEED_SKU.RTX_4090, count: 1 }] }]);
  await advanceTime(1); // proposing counts the votes of the second before
  await commonsFor(1).proposeThresholds({
    maxSmallParams: 100_000_000_000n,
    maxSmallTrainingFlop: 10n ** 25n,
    description: "Raise Small to 100B",
  });
  await advanceTime(61);
}

/** Nothing that looks like Hardhat's crash report. */
function expectNoCrashReport(stderr: string): void {
  expect(stderr).not.toMatch(/An unexpected error occurred/);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe("Hardhat scripts: bad environment input", () => {
  useChainSnapshot();

  it("should refuse PROPOSAL_ID=abc in one line (exit 1)", async () => {
    await loadFixture(activeProposal);
    const r = await script("vote", { PROPOSAL_ID: "abc", ACCOUNT: "1" });
    expectFailure(r, 1, /^error: Invalid PROPOSAL_ID: "abc" is not a whole decimal number/);
    expectNoCrashReport(r.stderr);
  });

  it("should refuse to attest DEVICES=99 in one line (exit 1)", async () => {
    await loadFixture(freshChain);
    const r = await script("attest", { OWNER: devAccount(2).address, DEVICES: "99", OUT: "never.json", ACCOUNT: "9" });
    expectFailure(r, 1, /^error: Invalid DEVICES: unknown SKU 99 \(the catalog has 9\)$/);
    expectNoCrashReport(r.stderr);
  });

  it("should report a repeated vote in one line (exit 2)", async () => {
    await loadFixture(activeProposal);
    const first = await script("vote", { PROPOSAL_ID: "1", ACCOUNT: "1" });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`${devAccount(1).address} voted for`);
    const again = await script("vote", { PROPOSAL_ID: "1", ACCOUNT: "1" });
    expectFailure(again, 2, new RegExp(`^error: GovernorAlreadyCastVote: ${devAccount(1).address} has already voted$`));
    expectNoCrashReport(again.stderr);
  });
});
