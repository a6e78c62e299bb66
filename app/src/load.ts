/**
 * Reading the dashboard's data through the SDK, counting every HTTP request it makes.
 *
 * First paint takes the same few requests with ten nodes or ten million: the governance state in ONE
 * `eth_call` (`readGovernanceState`, through the lens), and in parallel the active nodes' memory histogram
 * the registry keeps (`getHistogram`: `lens.histogram()`, one call), ONE page of the node table
 * (`registry.packedNodes(offset, limit)`, or `lens.nodesOf(owner, offset, limit)` for one owner's nodes), and
 * the catalog and the models (`listSkus`, `listModels`: one call each up to 200), and the threshold ballots
 * (`getBallotState`: `ballots.state()`, one call, never a ballot list). No node list is ever read
 * whole: other pages load when the user asks for them (`loadNodePage`). Proposals come with the state (the
 * latest 20); `listProposals` runs only when there are more. Threshold history (`ThresholdsUpdated` logs, or
 * the indexer's threshold epochs in one request when the page has `?indexer=`, and their blocks' timestamps)
 * is read only when the thresholds ever changed. One more call beside the state's
 * checks that the deployment's addresses are the contracts its lens reads (`lens.contracts()`).
 *
 * When the first read fails, `diagnose` finds out why with a few more requests (chain id, bytecode at each
 * address) and words it for a person: unreachable RPC, wrong chain, no contract at an address, or an address that is not the lens's.
 */
import { BaseError, createPublicClient, decodeFunctionData, http, type Address, type PublicClient } from "viem";
import { getBlock, readContract } from "viem/actions";
import { commonsLensAbi, computeRegistryAbi, thresholdBallotsAbi } from "../../src/abi/index.js";
import { toNode, unpackNode } from "../../src/utils/nodes.js";
import {
  getBallotState,
  getHistogram,
  getThresholdHistory,
  IndexerError,
  listModels,
  listProposals,
  listSkus,
  readGovernanceState,
  type BallotState,
  type CommonsContext,
  type CommonsDeployment,
  type GetHistogramReturnType,
  type GovernanceState,
  type Model,
  type Node,
  type ProposalSummary,
  type Sku,
} from "../../src/index.js";

/**
 * Counts the HTTP requests of one client, by JSON-RPC method (and lens function for `eth_call`), and those to
 * the indexer (`indexer`).
 */
export class RequestCounter {
  total = 0;
  readonly byLabel = new Map<string, number>();

  record(body: unknown, label = typeof body === "string" ? labelOf(body) : "?"): void {
    this.total++;
    this.byLabel.set(label, (this.byLabel.get(label) ?? 0) + 1);
  }

  /** A fetch that counts each request to the indexer. */
  readonly indexerFetch: typeof fetch = (input, init) => {
    this.record(init?.body, "indexer");
    return fetch(input, init);
  };

  summary(): string {
    return [...this.byLabel].map(([label, n]) => `${label} ×${n}`).join(", ");
  }
}

function labelOf(body: string): string {
  try {
    const payload = JSON.parse(body) as { method: string; params?: [{ data?: `0x${string}`; input?: `0x${string}` }] };
    if (payload.method !== "eth_call") return payload.method;
    const data = payload.params?.[0]?.data ?? payload.params?.[0]?.input;
    if (!data) return "eth_call";
    for (const [name, abi] of [
      ["lens", commonsLensAbi],
      ["registry", computeRegistryAbi],
      ["ballots", thresholdBallotsAbi],
    ] as const) {
      try {
        return `${name}.${decodeFunctionData({ abi, data }).functionName}`;
      } catch {
        // not this contract's function
      }
    }
    return "eth_call";
  } catch {
    return "?";
  }
}

/** A viem public client on `rpcUrl` whose every fetch is counted. */
export function countingPublicClient(rpcUrl: string, counter: RequestCounter): PublicClient {
  return createPublicClient({
    transport: http(rpcUrl, {
      // One retry: a public RPC may hiccup, but a dead URL should fail within seconds, not a minute.
      retryCount: 1,
      timeout: 8_000,
      fetchFn: (input, init) => {
        counter.record(init?.body);
        return fetch(input, init);
      },
    }),
    // Automining local nodes answer at once; a public chain's blocks take seconds either way.
    pollingInterval: 1_000,
  });
}

/** Thresholds in force from `from` (a timestamp; 0 = since deployment) until the next epoch. */
export type ThresholdEpoch = {
  from: bigint;
  maxSmallParams: bigint;
  maxSmallTrainingFlop: bigint;
  raisedToFloor: boolean;
  blockNumber?: bigint;
};

/** Which page of the node table to read: all nodes in id order, or one owner's (newest first). */
export type NodeQuery = { offset: number; limit: number; owner?: Address | undefined };

/** One page of the node table, with the total it pages through. */
export type NodePage = NodeQuery & { nodes: Node[]; total: bigint };

export type DashboardData = {
  state: GovernanceState;
  /** The active nodes' memory in 1 GiB buckets, from the registry (never from a node list). */
  histogram: GetHistogramReturnType;
  /** The page of the node table on screen. */
  nodes: NodePage;
  /** The threshold ballots: who is in charge, distributions, medians, the next settlement (one call). */
  ballots: BallotState;
  models: Model[];
  skus: Sku[];
  /** Newest first. */
  proposals: ProposalSummary[];
  /** Oldest first; one epoch when the thresholds never changed. */
  epochs: ThresholdEpoch[];
};

/** Progress callbacks: the state paints as soon as it arrives, each list when it does. */
export type LoadCallbacks = {
  onState?: (state: GovernanceState) => void;
};

/** The deployment names a contract other than the one its lens reads (a pasted address is wrong). */
export class DeploymentMismatchError extends Error {
  override name = "DeploymentMismatchError";
  readonly mismatches: { name: string; given: string; lensReads: string }[];
  constructor(mismatches: { name: string; given: string; lensReads: string }[]) {
    super(
      mismatches
        .map((m) => `The deployment's ${m.name} ${m.given} is not the ${m.name} its lens reads (${m.lensReads}).`)
        .join(" "),
    );
    this.mismatches = mismatches;
  }
}

/**
 * Checks that the deployment's addresses are the contracts its lens reads: reads go through the lens, but
 * writes and event scans go to the other addresses, so a wrong one would only show up later. One request,
 * sent beside the state's.
 */
async function checkDeployment(ctx: CommonsContext): Promise<void> {
  const [catalog, registry, classifier, governor] = await readContract(ctx, {
    address: ctx.deployment.lens,
    abi: commonsLensAbi,
    functionName: "contracts",
  });
  const lensReads = { catalog, registry, classifier, governor };
  const mismatches = Object.entries(lensReads)
    .filter(([name, address]) => address.toLowerCase() !== ctx.deployment[name as keyof typeof lensReads].toLowerCase())
    .map(([name, address]) => ({ name, given: ctx.deployment[name as keyof typeof lensReads], lensReads: address }));
  if (mismatches.length > 0) throw new DeploymentMismatchError(mismatches);
}

/**
 * One page of the node table in ONE request: `registry.packedNodes(offset, limit)` (three words a node, no
 * challenges), or for an owner `lens.nodesOf(owner, offset, limit)`; each returns the total beside the page.
 */
export async function loadNodePage(ctx: CommonsContext, query: NodeQuery): Promise<NodePage> {
  const [offset, limit] = [BigInt(query.offset), BigInt(query.limit)];
  if (query.owner !== undefined) {
    const [total, page] = await readContract(ctx, {
      address: ctx.deployment.lens,
      abi: commonsLensAbi,
      functionName: "nodesOf",
      args: [query.owner, offset, limit],
    });
    return { ...query, total, nodes: page.map(toNode) };
  }
  const packed = { address: ctx.deployment.registry, abi: computeRegistryAbi, functionName: "packedNodes" } as const;
  const [total, words, uris] = await readContract(ctx, { ...packed, args: [offset, limit] });
  return { ...query, total, nodes: unpackPage(offset + 1n, words, uris) };
}

/** The nodes of one `packedNodes` page (three words a node, `firstId` first) with the SDK's `unpackNode`. */
function unpackPage(firstId: bigint, words: readonly bigint[], uris: readonly string[]): Node[] {
  const word = (i: number, k: number): bigint => words[3 * i + k]!;
  return uris.map((uri, i) => unpackNode(firstId + BigInt(i), word(i, 0), word(i, 1), word(i, 2), uri));
}

export async function loadDashboard(
  ctx: CommonsContext,
  nodeQuery: NodeQuery,
  callbacks: LoadCallbacks = {},
): Promise<DashboardData> {
  const check = checkDeployment(ctx);
  check.catch(() => undefined);
  const statePromise = readGovernanceState(ctx, { proposalLimit: 20 }).then((state) => {
    callbacks.onState?.(state);
    return state;
  });
  const lists = Promise.all([
    getHistogram(ctx),
    loadNodePage(ctx, nodeQuery),
    listModels(ctx),
    listSkus(ctx),
    getBallotState(ctx),
  ]);
  // The state's failure is the one to explain (the lists fail for the same reason); don't leave the
  // lists' rejection unhandled meanwhile.
  lists.catch(() => undefined);
  const state = await statePromise;
  await check;
  const [[histogram, nodes, models, skus, ballots], proposals, epochs] = await Promise.all([
    lists,
    state.governor.proposalCount > BigInt(state.proposals.length)
      ? listProposals(ctx).then((all) => all.reverse())
      : Promise.resolve(state.proposals),
    state.thresholdCheckpointCount > 1n ? loadEpochs(ctx) : Promise.resolve([currentEpoch(state)]),
  ]);
  return { state, histogram, nodes, ballots, models, skus, proposals, epochs };
}

function currentEpoch(state: GovernanceState): ThresholdEpoch {
  return { from: 0n, ...state.thresholds, raisedToFloor: false };
}

/** Threshold epochs from the `ThresholdsUpdated` logs, each dated by its block (one request per change). */
async function loadEpochs(ctx: CommonsContext): Promise<ThresholdEpoch[]> {
  const changes = await getThresholdHistory(ctx);
  if (changes.length === 0)
    throw new Error(`No ThresholdsUpdated events from the classifier at ${ctx.deployment.classifier}`);
  const blocks = await Promise.all(
    changes.map((c) => getBlock(ctx, { blockNumber: c.blockNumber, includeTransactions: false })),
  );
  return changes.map((c, i) => ({
    // The first entry is the deployment's initial thresholds: in force since the beginning.
    from: i === 0 ? 0n : blocks[i]!.timestamp,
    maxSmallParams: c.newMaxSmallParams,
    maxSmallTrainingFlop: c.newMaxSmallTrainingFlop,
    raisedToFloor: c.raisedToFloor,
    blockNumber: c.blockNumber,
  }));
}

/** The deepest human detail of an error: viem's `details` (e.g. "Failed to fetch"), else its message. */
export function reasonOf(error: unknown): string {
  if (error instanceof BaseError) {
    let details: string | undefined;
    error.walk((e) => {
      if (e instanceof BaseError && e.details) details = e.details;
      return false;
    });
    const short = error.shortMessage.replace(/\.$/, "");
    return details && !short.includes(details) ? `${short} (${details})` : short;
  }
  return error instanceof Error ? error.message : String(error);
}

const CONTRACTS = ["lens", "registry", "classifier", "governor", "catalog", "timelock"] as const;

/** Why reading failed, for a person: unreachable RPC, wrong chain, missing contract, or the error itself. */
export async function diagnose(
  publicClient: PublicClient,
  rpcUrl: string,
  deployment: CommonsDeployment,
  error: unknown,
): Promise<string> {
  // The indexer's own failure (unreachable, a bad answer, behind the chain) says what it is.
  if (error instanceof IndexerError) return error.shortMessage;
  let chainId: number;
  try {
    chainId = await publicClient.getChainId();
  } catch (e) {
    return `Cannot reach the RPC at ${rpcUrl}: ${reasonOf(e)}`;
  }
  if (chainId !== deployment.chainId) {
    return `Wrong network: the deployment is on chain ${deployment.chainId} but the RPC at ${rpcUrl} is chain ${chainId}.`;
  }
  const codes = await Promise.all(
    CONTRACTS.map((name) => publicClient.getCode({ address: deployment[name] }).catch(() => undefined)),
  );
  const missing = CONTRACTS.filter((_, i) => codes[i] === undefined || codes[i] === "0x");
  if (missing.length > 0) {
    return missing.map((name) => `No contract at ${deployment[name]} (${name}) on chain ${chainId}.`).join(" ");
  }
  if (error instanceof DeploymentMismatchError) return error.message;
  return `Reading the governance state from ${rpcUrl} failed: ${reasonOf(error)}`;
}
