/**
 * `npm run demo`: the whole story on Hardhat's in-process network, in one command and under a minute.
 *
 * Deploys the system with the production Ignition module (local timings), registers eight consumer rigs
 * from the catalog, registers real open models with their published figures, then governs for real: a
 * proposal to push the Small line below the consumer floor is refused before anything is sent, a raise
 * within the rate limit is proposed, voted, queued and executed through the timelock, and the models are
 * re-classified with their history kept. Ends with the governance state report (`commons status`).
 *
 * Everything goes through the SDK, its actions extended onto the viem clients of `network.create()`; the
 * tables come from `src/cli/render.ts`, the CLI's renderers, and every value reads as `src/domain.ts` writes it.
 */
import { network } from "hardhat";
import { getAddress, keccak256, toHex, type Address } from "viem";
import ComputeCommonsModule from "../ignition/modules/ComputeCommons.js";
import localParameters from "../ignition/parameters/local.json" with { type: "json" };
import { SEED_SKU } from "../ignition/modules/seedDevices.js";
import {
  commonsPublicActions,
  commonsWalletActions,
  compact,
  defineDeployment,
  duration,
  flop,
  gib,
  scientific,
  ThresholdBelowFloorError,
  ThresholdRateLimitError,
  tierOf,
  utc,
  type Model,
  type Thresholds,
} from "../src/index.js";
import {
  countWithCompact,
  renderGovernanceState,
  renderModels,
  renderNodes,
  table,
  type ClassifiedModel,
} from "../src/cli/render.js";

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const step = (text: string) => console.log(`\n\x1b[1m[${elapsed()}] ${text}\x1b[0m`);
const note = (text: string) => console.log(`          ${text}`);
const indent = (block: string) => block.replace(/^/gm, "  ");

/** Eight rigs, each owned by a different dev account (SKU ids from the seeded catalog). */
const RIGS = [
  { account: 1, devices: [{ skuId: SEED_SKU.RTX_3090, count: 1 }], label: "RTX 3090" },
  { account: 2, devices: [{ skuId: SEED_SKU.RTX_4090, count: 1 }], label: "RTX 4090" },
  { account: 3, devices: [{ skuId: SEED_SKU.RTX_4090, count: 1 }], label: "RTX 4090" },
  { account: 4, devices: [{ skuId: SEED_SKU.RTX_5090, count: 1 }], label: "RTX 5090" },
  { account: 5, devices: [{ skuId: SEED_SKU.RTX_5090, count: 1 }], label: "RTX 5090" },
  { account: 6, devices: [{ skuId: SEED_SKU.RTX_3090, count: 2 }], label: "2× RTX 3090" },
  { account: 7, devices: [{ skuId: SEED_SKU.M4_PRO_64GB, count: 1 }], label: "Mac mini M4 Pro 64GB" },
  { account: 8, devices: [{ skuId: SEED_SKU.M2_ULTRA_192GB, count: 1 }], label: "Mac Studio M2 Ultra 192GB" },
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

/** The SDK, acting as dev account `index`. */
const clientFor = (index: number) =>
  wallets[index]!.extend(commonsPublicActions(deployment)).extend(commonsWalletActions(deployment));
const reader = publicClient.extend(commonsPublicActions(deployment));
const addressOf = (index: number): Address => getAddress(wallets[index]!.account.address);

const skus = await reader.listSkus();
step(`Registering ${RIGS.length} consumer rigs from the catalog (${skus.length} SKUs), each bonded, one vote each`);
for (const rig of RIGS) {
  const { nodeId } = await clientFor(rig.account).registerNode({
    devices: rig.devices,
    metadataURI: `ipfs://rig-of-account-${rig.account}`,
  });
  note(`node ${nodeId}: ${rig.label.padEnd(26)} owner ${addressOf(rig.account)}`);
}
console.log(indent(renderNodes(await reader.listNodes(), skus)));
const floor = await reader.getConsumerFloor();
note(
  `consumer floor: the median node has ${gib(floor.memoryMiB)} and runs ${countWithCompact(floor.params)} parameters at 4-bit`,
);

/** The models with their tier under one set of thresholds: computed here, no request per model. */
const classifyAll = (models: readonly Model[], thresholds: Thresholds): ClassifiedModel[] =>
  models.map((m) => ({ ...m, tier: tierOf(thresholds, m) }));

/** Runs a proposal that the SDK must refuse before sending, and shows why it did. */
async function expectRefused(
  refusal: typeof ThresholdBelowFloorError | typeof ThresholdRateLimitError,
  propose: () => Promise<unknown>,
) {
  try {
    await propose();
  } catch (err) {
    if (!(err instanceof refusal)) throw err;
    note(`refused by the SDK, nothing sent: ${err.shortMessage}`);
    return;
  }
  throw new Error(`the proposal was not refused with ${refusal.name}`);
}

step(`Registering ${MODELS.length} open models with their model-card figures`);
for (const m of MODELS) {
  await clientFor(9).registerModel({
    name: m.name,
    params: m.params,
    trainingFlop: m.flop,
    weightsHash: keccak256(toHex(m.repo)),
    uri: `https://huggingface.co/${m.repo}`,
    openWeights: true,
  });
}
const models = await reader.listModels();
const t0 = await reader.getThresholds();
note(
  `thresholds: Small up to ${compact(t0.maxSmallParams)} parameters and ${flop(t0.maxSmallTrainingFlop)} of training`,
);
console.log(indent(renderModels(classifyAll(models, t0))));

const proposer = clientFor(1);
step(`Pre-flight: a proposal to lower the Small line to ${compact(BELOW_FLOOR_PARAMS)} (below the consumer floor)`);
await expectRefused(ThresholdBelowFloorError, () =>
  proposer.proposeThresholds({
    maxSmallParams: BELOW_FLOOR_PARAMS,
    maxSmallTrainingFlop: t0.maxSmallTrainingFlop,
    description: "Lower the Small line to 50B",
  }),
);
step(`Pre-flight: a proposal to jump to ${compact(ABOVE_RATE_LIMIT_PARAMS)} (more than 2× in one change)`);
await expectRefused(ThresholdRateLimitError, () =>
  proposer.proposeThresholds({
    maxSmallParams: ABOVE_RATE_LIMIT_PARAMS,
    maxSmallTrainingFlop: t0.maxSmallTrainingFlop,
    description: "Raise the Small line to 150B",
  }),
);

const state0 = await reader.readGovernanceState({ proposalLimit: 0 });
if (state0.nextChangeAt > state0.clock) {
  step(
    `Waiting out the rate limit: advancing the clock ${duration(state0.nextChangeAt - state0.clock)} to the next allowed change`,
  );
  await networkHelpers.time.increaseTo(state0.nextChangeAt + 1n);
}

step(
  `Proposing: raise the Small line ${compact(t0.maxSmallParams)} → ${compact(NEW_MAX_SMALL_PARAMS)} parameters (within 2×, above the floor)`,
);
const proposal = await proposer.proposeThresholds({
  maxSmallParams: NEW_MAX_SMALL_PARAMS,
  maxSmallTrainingFlop: t0.maxSmallTrainingFlop,
  description: "Raise the Small line to 100B parameters: two used RTX 3090s run a 4-bit 90B model",
});
const proposalNumber = proposal.proposalNumber;
note(`proposal ${proposalNumber} (id ${proposal.proposalId})`);
note(`tx ${proposal.hash}`);

const proposalState = () => reader.getProposal({ proposal: proposalNumber });
let p = await proposalState();
step(`Voting delay ${duration(state0.governor.votingDelay)}: advancing to the snapshot, then the node owners vote`);
await networkHelpers.time.increaseTo(p.snapshot + 1n);
const BALLOTS = RIGS.map(
  (r, i) => ({ account: r.account, support: i < 6 ? "for" : i === 6 ? "against" : "abstain" }) as const,
);
for (const ballot of BALLOTS) {
  await clientFor(ballot.account).castVote({ proposal: proposalNumber, support: ballot.support });
  note(`${addressOf(ballot.account)} voted ${ballot.support}`);
}
p = await proposalState();
note(
  `tally: ${p.votes.for} for, ${p.votes.against} against, ${p.votes.abstain} abstain; quorum ${p.quorum} ${p.quorumReached ? "reached" : "not reached"}`,
);

step("Voting period over: advancing past the deadline, queueing in the timelock");
await networkHelpers.time.increaseTo(p.deadline + 1n);
note(`state: ${(await proposalState()).state}`);
const queued = await clientFor(0).queueProposal({ proposal: proposalNumber });
const queuedAt = (await publicClient.getBlock({ blockNumber: queued.receipt.blockNumber })).timestamp;
p = await proposalState();
note(`state: ${p.state}; executable from ${utc(p.eta)}`);

step(`Timelock delay ${duration(state0.governor.timelockDelay)}: advancing to the eta, executing`);
await networkHelpers.time.increaseTo(p.eta + 1n);
const executed = await clientFor(0).executeProposal({ proposal: proposalNumber });
await networkHelpers.mine(); // the execution block is now in the past, for lookups at any time up to it
const t1 = await reader.getThresholds();
note(`state: ${(await proposalState()).state}; tx ${executed.hash}`);
note(
  `thresholds: Small up to ${compact(t1.maxSmallParams)} parameters and ${flop(t1.maxSmallTrainingFlop)} of training`,
);

step("Re-classification: the same models, under the thresholds before the change (thresholdsAt) and now");
const then = classifyAll(models, await reader.getThresholds({ timepoint: queuedAt }));
const now = classifyAll(models, t1);
console.log(
  indent(
    table(
      ["id", "model", "params", "training FLOP", `at ${utc(queuedAt)}`, "now", ""],
      models.map((m, i) => [
        m.id.toString(),
        m.name,
        compact(m.params),
        scientific(m.trainingFlop),
        then[i]!.tier,
        now[i]!.tier,
        then[i]!.tier !== now[i]!.tier ? "← flipped" : "",
      ]),
    ),
  ),
);
const history = await reader.getThresholdHistory();
note("threshold history (ThresholdsUpdated events):");
console.log(
  indent(
    table(
      ["block", "max Small params", "max Small FLOP", "how"],
      history.map((h) => [
        h.blockNumber.toString(),
        `${compact(h.oldMaxSmallParams)} → ${compact(h.newMaxSmallParams)}`,
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
console.log(
  `\nDemo finished in ${elapsed().trim()}: ${flipped.join(" and ")} moved from Large to Small by a vote of the nodes.`,
);
