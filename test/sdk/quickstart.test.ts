import { describe, expect, it } from "vitest";
import { quickstart } from "../../examples/quickstart.js";
import { deployment, devAccount, freshChain, loadFixture, rpcUrl, useChainSnapshot } from "../utils/chain.js";

useChainSnapshot();

describe("the README's SDK example (examples/quickstart.ts)", () => {
  it("should run against a real node", async () => {
    await loadFixture(freshChain);
    const result = await quickstart(rpcUrl, deployment, devAccount(7), devAccount(9));
    expect(result.nodeId).toBeGreaterThan(0n);
    expect(result.activatableAt).toBeGreaterThan(0);
    expect(result.tier).toBe("Small");
    expect(result.state.registry.nodeCount).toBeGreaterThanOrEqual(1n);
    expect(result.refused).toMatch(/may move at most 2x per change/);
  });
});
