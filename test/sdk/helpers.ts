/** SDK clients for the run's hardhat node, with a transport that counts JSON-RPC requests. */
import { createPublicClient, createWalletClient, http } from "viem";
import { hardhat } from "viem/chains";
import { commonsPublicActions, commonsWalletActions, createCommonsClient } from "../../src/index.js";
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

/** A public client with the SDK's reads, whose requests are counted. */
export function countedReader() {
  const { transport, counter } = countingTransport();
  const commons = createPublicClient({ chain: hardhat, transport, pollingInterval: 50 }).extend(
    commonsPublicActions(deployment),
  );
  return { commons, counter };
}

/** A wallet client with the SDK's reads and writes, signing as dev account `index`, its requests counted. */
export function countedWriter(index: number) {
  const { transport, counter } = countingTransport();
  const commons = createWalletClient({ account: devAccount(index), chain: hardhat, transport, pollingInterval: 50 })
    .extend(commonsPublicActions(deployment))
    .extend(commonsWalletActions(deployment));
  return { commons, counter };
}

/** The SDK's client (`createCommonsClient`), signing as dev account `index`. */
export function commonsFor(index: number) {
  return createCommonsClient({
    chain: hardhat,
    transport: http(rpcUrl),
    account: devAccount(index),
    deployment,
    pollingInterval: 50,
  });
}
