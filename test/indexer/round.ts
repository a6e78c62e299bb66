/**
 * A governance round driven with the SDK on the run's hardhat node, for the indexer's test and the history
 * bench: five active nodes, models, threshold proposals voted with reasons, queued and executed; and readers
 * that count their requests.
 */
import { http, keccak256, toHex } from "viem";
import { hardhat } from "viem/chains";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { createCommonsClient } from "../../src/index.js";
import { commonsFor, executeWhenReady } from "../sdk/helpers.js";
import { advanceTime, deployment, rpcUrl } from "../utils/chain.js";

const reader = commonsFor(0);

/** Five attested nodes of 12 to 64 GiB (owners 1 to 5): enough consumer memory for a Small line at 120B. */
export const RIGS = [
  { owner: 1, devices: [{ skuId: SEED_SKU.RTX_3090, count: 1 }] },
  { owner: 2, devices: [{ skuId: SEED_SKU.RTX_4090, count: 1 }] },
  { owner: 3, devices: [{ skuId: SEED_SKU.RTX_3090, count: 2 }] },
  { owner: 4, devices: [{ skuId: SEED_SKU.M4_PRO_64GB, count: 1 }] },
  { owner: 5, devices: [{ skuId: SEED_SKU.RTX_3060_12GB, count: 1 }] },
];

let models = 0;
export async function registerModel(params: bigint, trainingFlop: bigint) {
  const name = `Model ${++models}`;
  return commonsFor(6).registerModel({
    name,
    params,
    trainingFlop,
    openWeights: true,
    weightsHash: keccak256(toHex(`${name} weights`)),
    uri: `https://example.org/models/${models}`,
  });
}

/** Proposes a new Small line, waits out the voting delay and has each voter vote with a reason. */
export async function proposeAndVote(
  maxSmallParams: bigint,
  voters: readonly { voter: number; support: "for" | "against" | "abstain" }[],
) {
  const { proposalId } = await commonsFor(1).proposeThresholds({
    maxSmallParams,
    maxSmallTrainingFlop: 10n ** 25n,
    description: `Small up to ${maxSmallParams / 10n ** 9n}B`,
  });
  await advanceTime(61); // past votingDelay: Active
  for (const { voter, support } of voters) {
    await commonsFor(voter).castVote({ proposal: proposalId, support, reason: `voter ${voter}: ${support}` });
  }
  return proposalId;
}

/** Past the voting period, queued, then executed after the timelock delay. */
export async function queueAndExecute(proposal: bigint) {
  await advanceTime(301);
  await reader.queueProposal({ proposal });
  await executeWhenReady(proposal);
}

/**
 * A reader whose history reads go to the indexer at `indexerUrl` (log scans without it), counting the indexer's
 * requests and the RPC's.
 */
export function countingReader(indexerUrl?: string) {
  const requests = { indexer: 0, rpc: 0 };
  const client = createCommonsClient({
    chain: hardhat,
    transport: http(rpcUrl, {
      fetchFn: (input, init) => {
        requests.rpc++;
        return fetch(input, init);
      },
    }),
    deployment,
    indexerUrl,
    indexerFetchFn: (input, init) => {
      requests.indexer++;
      return fetch(input, init);
    },
  });
  return { client, requests };
}
