/**
 * `npm run demo`: the whole story on Hardhat's in-process network, in one command and under a minute.
 *
 * Deploys the system with the production Ignition module (local timings), registers eight consumer rigs
 * from the catalog, registers real open models with their published figures, then governs for real: a
 * proposal to push the Small line below the consumer floor is refused before anything is sent, a raise
 * within the rate limit is proposed, voted, queued and executed through the timelock, and the models are
 * re-classified with their history kept. Ends with the governance state report (`commons status`).
 *
 * Everything goes through the SDK (`createCommonsClient`) on viem clients from `network.connect()`; the
 * tables come from `src/cli/format.ts`, the CLI's renderers.
 */
import { network } from "hardhat";
import { getAddress, keccak256, toHex, type Address } from "viem";
import ComputeCommonsModule from "../ignition/modules/ComputeCommons.js";
import localParameters from "../ignition/parameters/local.json" with { type: "json" };
import {
  createCommonsClient,
  defineDeployment,
  ThresholdBelowFloorError,
  ThresholdRateLimitError,
  type CommonsClient,
  type CommonsContext,
} from "../src/index.js";
import {
  countWithHuman,
  duration,
  humanCount,
  renderGovernanceState,
  renderModels,
  renderNodes,
  scientific,
  table,
  timestamp,
  type ClassifiedModel,
} from "../src/cli/format.js";

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const step = (text: string) => console.log(`\n\x1b[1m[${elapsed()}] ${text}\x1b[0m`);
const note = (text: string) => console.log(`          ${text}`);
const indent = (block: string) => block.replace(/^/gm, "  ");

/** Eight rigs, each owned by a different dev account (SKU ids from the seeded catalog). */
const RIGS = [
  { account: 1, devices: [{ skuId: 2, count: 1 }], label: "RTX 3090" },
  { account: 2, devices: [{ skuId: 3, count: 1 }], label: "RTX 4090" },
  { account: 3, devices: [{ skuId: 3, count: 1 }], label: "RTX 4090" },
  { account: 4, devices: [{ skuId: 4, count: 1 }], label: "RTX 5090" },
  { account: 5, devices: [{ skuId: 4, count: 1 }], label: "RTX 5090" },
  { account: 6, devices: [{ skuId: 2, count: 2 }], label: "2× RTX 3090" },
  { account: 7, devices: [{ skuId: 9, count: 1 }], label: "Mac mini M4 Pro 64GB" },
  { account: 8, devices: [{ skuId: 6, count: 1 }], label: "Mac Studio M2 Ultra 192GB" },
];

/**
 * Open models with their model-card parameter counts and training-compute estimates (Epoch AI's, from the
 * model cards' GPU hours and token counts). The weights hash stands in as keccak256 of the Hugging Face repo.
 */
const MODELS = [
  { name: "Llama 3.1 8B", repo: "meta-llama/Llama-3.1-8B", params: 8_030_000_000n, flop: 1_224n * 10n ** 21n },
  { name: "Llama 3.1 70B", repo: "meta-llama/Llama-3.1-70B", params: 70_600_000_000n, flop: 79n * 10n ** 23n },
  { name: "Qwen2.5 72B", repo: "Qwen/Qwen2.5-72B", params: 72_700_000_000n, flop: 78n * 10n ** 23n },
  { name: "Llama 3.1 405B", repo: "meta-llama/Llama-3.1-405B", params: 405_000_000_000n, flop: 38n * 10n ** 24n },
];

const NEW_MAX_SMALL_PARAMS = 100_000_000_000n;
const BELOW_FLOOR_PARAMS = 50_000_000_000n;
const ABOVE_RATE_LIMIT_PARAMS = 150_000_000_000n;

step("Connecting to Hardhat's in-process network and deploying with the Ignition module");
const { viem, ignition, networkHelpers } = await network.create();
const publicClient = await viem.getPublicClient();
const wallets = await viem.getWalletClients();
const deployed = await ignition.deploy(ComputeCommonsModule, { parameters: localParameters });
const deployment = defineDeployment({
  chainId: await publicClient.getChainId(),
  catalog: deployed.catalog.address,
  registry: deployed.registry.address,
  classifier: deployed.classifier.address,
  governor: deployed.governor.address,
  timelock: deployed.timelock.address,
  lens: deployed.lens.address,
});
note(`chain ${deployment.chainId}; governor ${deployment.governor}, classifier ${deployment.classifier}`);

/** The SDK, acting as dev account `index` (or read-only). */
const clientFor = (index?: number): CommonsClient =>
  createCommonsClient({
    publicClient: publicClient as unknown as CommonsContext["publicClient"],
    walletClient: index === undefined ? undefined : (wallets[index] as unknown as CommonsContext["walletClient"]),
    deployment,
  });
const reader = clientFor();
const addressOf = (index: number): Address => getAddress(wallets[index]!.account.address);

const skus = await reader.catalog.listSkus();
step(`Registering ${RIGS.length} consumer rigs from the catalog (${skus.length} SKUs), each bonded, one vote each`);
for (const rig of RIGS) {
  const { nodeId } = await clientFor(rig.account).registry.registerNode({
    devices: rig.devices,
    metadataURI: `ipfs://rig-of-account-${rig.account}`,
  });
  note(`node ${nodeId}: ${rig.label.padEnd(26)} owner ${addressOf(rig.account)}`);
}
console.log(indent(renderNodes(await reader.registry.listNodes(), skus)));
const floor = await reader.classifier.getConsumerFloor();
note(`consumer floor: the median node has ${Number(floor.memoryMiB) / 1024} GiB and runs ${countWithHuman(floor.params)} parameters at 4-bit`);

const classifyAll = async (models: Awaited<ReturnType<typeof reader.classifier.listModels>>, timepoint?: bigint) =>
  Promise.all(
    models.map(async (m): Promise<ClassifiedModel> => ({
      ...m,
      tier: await reader.classifier.classifyModel({ modelId: m.id, ...(timepoint === undefined ? {} : { timepoint }) }),
    })),
  );

step(`Registering ${MODELS.length} open models with their model-card figures`);
for (const m of MODELS) {
  await clientFor(9).classifier.registerModel({
    name: m.name,
    params: m.params,
    trainingFlop: m.flop,
    weightsHash: keccak256(toHex(m.repo)),
    uri: `https://huggingface.co/${m.repo}`,
    openWeights: true,
  });
}
const models = await reader.classifier.listModels();
const before = await classifyAll(models);
const t0 = await reader.classifier.getThresholds();
note(`thresholds: Small up to ${humanCount(t0.maxSmallParams)} parameters and ${scientific(t0.maxSmallTrainingFlop)} training FLOP`);
console.log(indent(renderModels(before)));

const proposer = clientFor(1);
step(`Pre-flight: a proposal to lower the Small line to ${humanCount(BELOW_FLOOR_PARAMS)} (below the consumer floor)`);
try {
  await proposer.governance.proposeThresholds({
    maxSmallParams: BELOW_FLOOR_PARAMS,
    maxSmallTrainingFlop: t0.maxSmallTrainingFlop,
    description: "Lower the Small line to 50B",
  });
  throw new Error("the proposal below the floor was not refused");
} catch (err) {
  if (!(err instanceof ThresholdBelowFloorError)) throw err;
  note(`refused by the SDK, nothing sent: ${err.shortMessage}`);
}
step(`Pre-flight: a proposal to jump to ${humanCount(ABOVE_RATE_LIMIT_PARAMS)} (more than 2× in one change)`);
try {
  await proposer.governance.proposeThresholds({
    maxSmallParams: ABOVE_RATE_LIMIT_PARAMS,
    maxSmallTrainingFlop: t0.maxSmallTrainingFlop,
    description: "Raise the Small line to 150B",
  });
  throw new Error("the proposal above the rate limit was not refused");
} catch (err) {
  if (!(err instanceof ThresholdRateLimitError)) throw err;
  note(`refused by the SDK, nothing sent: ${err.shortMessage}`);
}

const state0 = await reader.readGovernanceState({ proposalLimit: 0 });
if (state0.nextChangeAt > state0.clock) {
  step(`Waiting out the rate limit: advancing the clock ${duration(state0.nextChangeAt - state0.clock)} to the next allowed change`);
  await networkHelpers.time.increaseTo(state0.nextChangeAt + 1n);
}

step(`Proposing: raise the Small line ${humanCount(t0.maxSmallParams)} → ${humanCount(NEW_MAX_SMALL_PARAMS)} parameters (within 2×, above the floor)`);
const proposal = await proposer.governance.proposeThresholds({
  maxSmallParams: NEW_MAX_SMALL_PARAMS,
  maxSmallTrainingFlop: t0.maxSmallTrainingFlop,
  description: "Raise the Small line to 100B parameters: two used RTX 3090s run a 4-bit 90B model",
});
const proposalId = proposal.proposalId;
note(`proposal ${proposalId}`);
note(`tx ${proposal.hash}`);

const proposalState = async () => (await reader.governance.listProposals()).find((p) => p.id === proposalId)!;
let p = await proposalState();
step(`Voting delay ${duration(state0.governor.votingDelay)}: advancing to the snapshot, then the node owners vote`);
await networkHelpers.time.increaseTo(p.snapshot + 1n);
const BALLOTS = RIGS.map((r, i) => ({ account: r.account, support: i < 6 ? "for" : i === 6 ? "against" : "abstain" }) as const);
for (const ballot of BALLOTS) {
  await clientFor(ballot.account).governance.castVote({ proposalId, support: ballot.support });
  note(`${addressOf(ballot.account)} voted ${ballot.support}`);
}
p = await proposalState();
note(`tally: ${p.votes.for} for, ${p.votes.against} against, ${p.votes.abstain} abstain; quorum ${p.quorum} ${p.quorumReached ? "reached" : "not reached"}`);

step("Voting period over: advancing past the deadline, queueing in the timelock");
await networkHelpers.time.increaseTo(p.deadline + 1n);
note(`state: ${(await proposalState()).state}`);
const queued = await clientFor(0).governance.queue({ proposalId });
const queuedAt = (await publicClient.getBlock({ blockNumber: queued.receipt.blockNumber })).timestamp;
p = await proposalState();
note(`state: ${p.state}; executable from ${timestamp(p.eta)}`);

step(`Timelock delay ${duration(state0.governor.timelockDelay)}: advancing to the eta, executing`);
await networkHelpers.time.increaseTo(p.eta + 1n);
const executed = await clientFor(0).governance.execute({ proposalId });
await networkHelpers.mine(); // the execution block is now in the past, for lookups at any time up to it
const t1 = await reader.classifier.getThresholds();
note(`state: ${(await proposalState()).state}; tx ${executed.hash}`);
note(`thresholds: Small up to ${humanCount(t1.maxSmallParams)} parameters and ${scientific(t1.maxSmallTrainingFlop)} training FLOP`);

step("Re-classification: the same models, before the change (classifyAt) and now");
const then = await classifyAll(models, queuedAt);
const now = await classifyAll(models);
console.log(
  indent(
    table(
      ["id", "model", "params", "training FLOP", `at ${timestamp(queuedAt)}`, "now", ""],
      models.map((m, i) => [
        m.id.toString(),
        m.name,
        humanCount(m.params),
        scientific(m.trainingFlop),
        then[i]!.tier,
        now[i]!.tier,
        then[i]!.tier !== now[i]!.tier ? "← flipped" : "",
      ]),
    ),
  ),
);
const history = await reader.history.thresholds();
note("threshold history (ThresholdsUpdated events):");
console.log(
  indent(
    table(
      ["block", "max Small params", "max Small FLOP", "how"],
      history.map((h) => [
        h.blockNumber.toString(),
        `${humanCount(h.oldMaxSmallParams)} → ${humanCount(h.newMaxSmallParams)}`,
        `${scientific(h.oldMaxSmallTrainingFlop)} → ${scientific(h.newMaxSmallTrainingFlop)}`,
        h.oldMaxSmallParams === 0n ? "deployment" : h.raisedToFloor ? "raised to floor" : "governance",
      ]),
    ),
  ),
);

const flipped = models.filter((_, i) => then[i]!.tier === "Large" && now[i]!.tier === "Small").map((m) => m.name);
if (flipped.length === 0) throw new Error("no model changed tier: the demo's governance round did not take effect");

step("Governance state report (the same as `commons status`)");
console.log(renderGovernanceState(await reader.readGovernanceState()));
console.log(`\nDemo finished in ${elapsed().trim()}: ${flipped.join(" and ")} moved from Large to Small by a vote of the nodes.`);
