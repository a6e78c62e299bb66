/**
 * Event history scans against an RPC that caps `eth_getLogs` windows, as public providers do: a loopback
 * proxy in front of the run's `hardhat node` refuses any window wider than 8 blocks with a provider-style
 * error. The scan splits refused windows until the provider accepts them and returns exactly the logs the
 * uncapped node gives; an error that is not about the window size is not retried by splitting.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPublicClient, http } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { CommonsError, commonsPublicActions, isRangeRefusal } from "../../src/index.js";
import {
  advanceTime,
  deployment,
  freshChain,
  loadFixture,
  rpcUrl,
  testClient,
  useChainSnapshot,
} from "../utils/chain.js";
import { expectError } from "./expect.js";
import { commonsFor, registerAttested } from "./helpers.js";

const CAP = 8;

/** A proxy that forwards JSON-RPC to the node, refusing wide `eth_getLogs` windows (or every one, when `broken`). */
function cappingProxy() {
  const seen = { windows: [] as number[], refused: 0, broken: false };
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const call = JSON.parse(body) as { id: number; method: string; params: { fromBlock: string; toBlock: string }[] };
    if (call.method === "eth_getLogs") {
      const { fromBlock, toBlock } = call.params[0]!;
      const width = Number(BigInt(toBlock) - BigInt(fromBlock)) + 1;
      seen.windows.push(width);
      if (seen.broken || width > CAP) {
        seen.refused += 1;
        const error = seen.broken
          ? { code: -32603, message: "internal error: database unavailable" }
          : { code: -32600, message: `eth_getLogs is limited to a ${CAP} block range` };
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ jsonrpc: "2.0", id: call.id, error }));
        return;
      }
    }
    const upstream = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
    res.setHeader("content-type", "application/json");
    res.end(await upstream.text());
  });
  return { server, seen };
}

describe("history scans on a capped RPC", () => {
  useChainSnapshot();
  const { server, seen } = cappingProxy();
  let proxyUrl = "";

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Three registrations spread over 40 blocks. */
  async function spread() {
    await loadFixture(freshChain);
    for (const owner of [1, 2, 3]) {
      await registerAttested(owner, [{ skuId: SEED_SKU.RTX_3090, count: 1 }]);
      await testClient.mine({ blocks: 13 });
      await advanceTime(15); // the chain's clock past the mined blocks' (attestations are dated by it)
    }
  }

  const capped = () =>
    createPublicClient({ chain: hardhat, transport: http(proxyUrl, { retryCount: 0 }) }).extend(
      commonsPublicActions(deployment),
    );

  it("should split refused windows and return what the uncapped node returns", async () => {
    await loadFixture(spread);
    const direct = await commonsFor(0).getRegistrationHistory();
    expect(direct).toHaveLength(3);
    seen.windows.length = 0;
    seen.refused = 0;
    expect(await capped().getRegistrationHistory({ blockRange: 1_000 })).toEqual(direct);
    expect(seen.refused, "the wide window was refused first").toBeGreaterThan(0);
    const accepted = seen.windows.filter((w) => w <= CAP);
    expect(accepted.length).toBeGreaterThan(0);
    expect(Math.max(...accepted)).toBeLessThanOrEqual(CAP);
  });

  it("should not split on an error that is not about the window's size", async () => {
    await loadFixture(spread);
    seen.broken = true;
    seen.windows.length = 0;
    try {
      await expectError(capped().getRegistrationHistory({ blockRange: 4 }), CommonsError);
      // One refusal per window in flight, never halves of them.
      expect(seen.windows.every((w) => w === 4 || w < 4)).toBe(true);
      expect(seen.windows.filter((w) => w === 2)).toHaveLength(0);
    } finally {
      seen.broken = false;
    }
  });

  it("should recognise the providers' wordings of a refused window", () => {
    for (const message of [
      "query returned more than 10000 results",
      "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range",
      "exceed maximum block range: 50000",
      "block range is too wide",
      "eth_getLogs is limited to a 10,000 range",
    ]) {
      expect(isRangeRefusal(new Error(message)), message).toBe(true);
    }
    expect(isRangeRefusal(Object.assign(new Error("limit"), { code: -32005 }))).toBe(true);
    expect(isRangeRefusal(new Error("execution reverted"))).toBe(false);
  });
});
