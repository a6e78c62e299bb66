/** SDK clients for the run's hardhat node, with a transport that counts JSON-RPC requests. */
import { createPublicClient, createWalletClient, http } from "viem";
import { hardhat } from "viem/chains";
import { createCommonsClient } from "../../src/index.js";
import { deployment, devAccount, rpcUrl } from "../utils/chain.js";

/** An http transport that counts the HTTP requests it sends (batched or not, one POST is one request). */
export function countingTransport() {
  const counter = { requests: 0, methods: [] as string[] };
  const transport = http(rpcUrl, {
    onFetchRequest: async (request) => {
      counter.requests += 1;
      const body = JSON.parse(await request.clone().text());
      for (const call of Array.isArray(body) ? body : [body]) counter.methods.push(call.method);
    },
  });
  return { transport, counter };
}

/** A read-only SDK client whose requests are counted. */
export function countedReader() {
  const { transport, counter } = countingTransport();
  const publicClient = createPublicClient({ chain: hardhat, transport, pollingInterval: 50 });
  return { commons: createCommonsClient({ publicClient, deployment }), counter };
}

/** An SDK client that signs as dev account `index`, with its requests counted. */
export function countedWriter(index: number) {
  const { transport, counter } = countingTransport();
  const publicClient = createPublicClient({ chain: hardhat, transport, pollingInterval: 50 });
  const walletClient = createWalletClient({ account: devAccount(index), chain: hardhat, transport });
  return { commons: createCommonsClient({ publicClient, walletClient, deployment }), counter };
}

/** An SDK client that signs as dev account `index`. */
export function commonsFor(index: number) {
  const publicClient = createPublicClient({ chain: hardhat, transport: http(rpcUrl), pollingInterval: 50 });
  const walletClient = createWalletClient({ account: devAccount(index), chain: hardhat, transport: http(rpcUrl) });
  return createCommonsClient({ publicClient, walletClient, deployment });
}

