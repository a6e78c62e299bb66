/**
 * `npm run demo`: the whole story on Hardhat's in-process network, in one command and about a minute.
 *
 * Deploys the system with the Ignition module for local chains (EAS from its package's artifacts, local
 * timings, the dev attester and a second one), then tells the attested-hardware story: a registration that
 * no attester signed is refused; eight consumer rigs are attested, registered, wait out their warm-up and are
 * activated; a challenge of a real rig is answered with a second attester's attestation; a fake rig is
 * challenged, cannot answer, and is slashed (half to the challenger, half burned); a revoked attestation is
 * lapsed for the keeper fee; and a one-shot pump of the floor with big nodes moves neither guard. Then it
 * governs for real: proposals outside the fence, below the floor or beyond the rate limit are refused before
 * anything is sent; a raise of the Small line and a second proposal are voted and queued; the second is
 * vetoed by a third of the nodes; the raise executes through the timelock and the models are re-classified
 * with their history kept. Last, a governance round hands the thresholds to the ballots (a `setThresholds`
 * proposal is then refused), the rigs cast standing ballots (most for a higher line, one outlier), and a
 * settlement moves the line one step toward their median. Ends with the governance state report
 * (`commons status`).
 *
 * Everything goes through the SDK, its actions extended onto the viem clients of `network.create()`; the
 * tables come from `src/cli/render.ts`, the CLI's renderers, and every value reads as `src/domain.ts` writes it.
 */
import { network } from "hardhat";
import { encodeFunctionData, getAddress, keccak256, toHex, type Address } from "viem";
import ComputeCommonsLocalModule from "../ignition/modules/ComputeCommonsLocal.js";
import localParameters from "../ignition/parameters/local.json" with { type: "json" };
import { SEED_SKU } from "../ignition/modules/seedDevices.js";
import { hardwareAttestationsAbi, timelockControllerAbi } from "../src/abi/generated.js";
import {
  attestationTypedData,
  BallotsInChargeError,
  attestationUid,
  CallNotAllowedError,
  commonsPublicActions,
  commonsWalletActions,
  compact,
  ContractErrors,
  ContractRevertError,
  dateWithRelative,
  defineDeployment,
  devDeviceIds,
  duration,
  EAS_OFFCHAIN_DOMAIN_NAME,
  encodeDeviceData,
  ether,
  floorMemory,
  flop,
  gib,
  InvalidInputError,
  scientific,
  ThresholdBelowFloorError,
  ThresholdRateLimitError,
  tierOf,
  utc,
  type DeviceLine,
  type Model,
  type OffchainAttestation,
  type Thresholds,
} from "../src/index.js";
import {
  countWithCompact,
  renderBallotState,
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

/** The dev attester of local.json (account 9) and a second, independent attester (account 10). */
const ATTESTER = 9;
const SECOND_ATTESTER = 10;
const CHALLENGER = 11;
const SYBIL = 12; // money, no attester
const FAKER = 13; // talked the dev attester into attesting a rig it does not have
const PUMPER = 14; // big rigs for a few minutes, to lift the floor

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
const CHALLENGED_RIG = RIGS[5]!; // the 2× RTX 3090: real, and answers its challenge
const REVOKED_RIG = RIGS[6]!; // the M4 Pro: its attester revokes the attestation (the Mac was sold)

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
const BELOW_FLOOR_PARAMS = 90_000_000_000n;
const ABOVE_RATE_LIMIT_PARAMS = 150_000_000_000n;
/** What most rigs' ballots ask for at the end, and the one outlier's wish. */
const BALLOT_WISH = 140_000_000_000n;
const OUTLIER_WISH = 10n ** 15n;

step("Connecting to Hardhat's in-process network and deploying with the Ignition module (EAS included)");
const { viem, ignition, networkHelpers } = await network.create();
const publicClient = await viem.getPublicClient();
const wallets = await viem.getWalletClients();
const addressOf = (index: number): Address => getAddress(wallets[index]!.account.address);
const parameters = {
  ComputeCommons: {
    ...localParameters.ComputeCommons,
    attesters: [...localParameters.ComputeCommons.attesters, addressOf(SECOND_ATTESTER)],
  },
};
const deployed = await ignition.deploy(ComputeCommonsLocalModule, { parameters });
const deployment = defineDeployment({
  chainId: await publicClient.getChainId(),
  catalog: deployed.catalog.address,
  registry: deployed.registry.address,
  classifier: deployed.classifier.address,
  governor: deployed.governor.address,
  timelock: deployed.timelock.address,
  lens: deployed.lens.address,
  attestations: deployed.attestations.address,
  challenges: deployed.challenges.address,
  veto: deployed.veto.address,
  ballots: deployed.ballots.address,
  eas: deployed.eas.address,
});
note(`chain ${deployment.chainId}; EAS ${deployment.eas}; registry ${deployment.registry}`);
note(`attesters: ${addressOf(ATTESTER)} (the dev attester), ${addressOf(SECOND_ATTESTER)}`);

/** The SDK, acting as dev account `index`. */
const clientFor = (index: number) =>
  wallets[index]!.extend(commonsPublicActions(deployment)).extend(commonsWalletActions(deployment));
const reader = publicClient.extend(commonsPublicActions(deployment));
const clock = async () => BigInt(await networkHelpers.time.latest());

/** An attestation by `attester` of `devices` for dev account `owner`, with the rig's development device ids. */
const attest = (attester: number, owner: number, devices: readonly DeviceLine[], rig = "rig") =>
  clientFor(attester).createHardwareAttestation({
    recipient: addressOf(owner),
    devices,
    deviceIds: devDeviceIds({ owner: addressOf(owner), devices, rig }),
  });

/** Runs what must fail with `refusal` (an SDK pre-flight or a decoded revert), and shows why it did. */
async function expectRefused(
  refusal: abstract new (...args: never[]) => Error,
  attempt: () => Promise<unknown>,
  by = "refused",
) {
  try {
    await attempt();
  } catch (err) {
    if (!(err instanceof refusal)) throw err;
    note(`${by}: ${(err as ContractRevertError).shortMessage}`);
    return;
  }
  throw new Error(`not refused with ${refusal.name}`);
}

const skus = await reader.listSkus();
const state0 = await reader.readGovernanceState({ proposalLimit: 0 });

step("A registration no attester signed: money, a made-up device list, a signature of its own");
{
  const eas = deployment.eas!;
  const devices = [{ skuId: SEED_SKU.M2_ULTRA_192GB, count: 5 }];
  const now = await clock();
  const forged: OffchainAttestation = {
    version: 2,
    schema: await deployed.attestations.read.schemaUID(),
    recipient: addressOf(SYBIL),
    time: now,
    expirationTime: now + 86_400n,
    revocable: true,
    refUID: `0x${"0".repeat(64)}`,
    data: encodeDeviceData(devices, devDeviceIds({ owner: addressOf(SYBIL), devices }), `0x${"0".repeat(64)}`),
    salt: keccak256(toHex("sybil")),
  };
  const domain = {
    name: EAS_OFFCHAIN_DOMAIN_NAME,
    version: String(await deployed.eas.read.version()),
    chainId: deployment.chainId,
    verifyingContract: eas,
  };
  const signature = await wallets[SYBIL]!.signTypedData(attestationTypedData(forged, domain));
  await expectRefused(
    ContractErrors.HardwareAttestationsNotAttester,
    () =>
      clientFor(SYBIL).registerNode({
        attestation: forged,
        attester: addressOf(SYBIL),
        signature,
        uid: attestationUid(forged),
      }),
    "refused by the registry (simulated, nothing sent)",
  );
  await expectRefused(
    InvalidInputError,
    () => attest(SYBIL, SYBIL, devices),
    "and the SDK will not even sign for a non-attester",
  );
}

step(`Attesting and registering ${RIGS.length} consumer rigs: each bonded by its memory, Pending for the warm-up`);
const nodeOf = new Map<number, bigint>();
for (const rig of RIGS) {
  const signed = await attest(ATTESTER, rig.account, rig.devices);
  const { nodeId, bond } = await clientFor(rig.account).registerNode({
    ...signed,
    metadataURI: `ipfs://rig-of-account-${rig.account}`,
  });
  nodeOf.set(rig.account, nodeId);
  note(
    `node ${nodeId}: ${rig.label.padEnd(26)} bond ${ether(bond).padEnd(10)} attestation ${signed.uid.slice(0, 18)}…`,
  );
}
const firstNode = nodeOf.get(RIGS[0]!.account)!;
const pending = await reader.getNode({ nodeId: firstNode });
await expectRefused(
  ContractErrors.ComputeRegistryWarmingUp,
  () => clientFor(0).activateNode({ nodeId: firstNode }),
  "activating at once",
);
note(
  `warm-up: ${duration(state0.registry.warmup)} (the voting delay + period): a vote bought now counts in no open vote`,
);
await networkHelpers.time.increaseTo(pending.activatableAt);
for (const nodeId of nodeOf.values()) await clientFor(0).activateNode({ nodeId });
console.log(indent(renderNodes(await reader.listNodes({ challenges: true }), skus)));
const floor1 = await reader.getConsumerFloor();
note(
  `consumer floor: the median node has ${gib(floor1.memoryMiB)} and runs ${countWithCompact(floor1.params)} parameters at 4-bit`,
);
const { window } = await reader.getFloorRange();
await networkHelpers.time.increase(floorMemory(window) + 1n);
const settled = await reader.getFloorRange();
note(
  `held for the floor window (${duration(window)}), it is what the guards see: lowest ${compact(settled.lowest.params)}, highest ${compact(settled.highest.params)}`,
);

step(
  `A challenge answered: account ${CHALLENGER} doubts node ${nodeOf.get(CHALLENGED_RIG.account)} (${CHALLENGED_RIG.label})`,
);
{
  const nodeId = nodeOf.get(CHALLENGED_RIG.account)!;
  const { deposit, deadline } = await clientFor(CHALLENGER).challengeNode({ nodeId });
  note(`challenged with a ${ether(deposit)} deposit; answer due ${dateWithRelative(deadline, await clock())}`);
  const sameAttester = await attest(ATTESTER, CHALLENGED_RIG.account, CHALLENGED_RIG.devices);
  await expectRefused(
    ContractErrors.NodeChallengesSameAttester,
    () => clientFor(CHALLENGED_RIG.account).answerChallenge({ nodeId, ...sameAttester }),
    "answering with the same attester",
  );
  const second = await attest(SECOND_ATTESTER, CHALLENGED_RIG.account, CHALLENGED_RIG.devices);
  await clientFor(CHALLENGED_RIG.account).answerChallenge({ nodeId, ...second });
  const { amount } = await clientFor(CHALLENGED_RIG.account).claimCredit();
  note(
    `answered with the second attester's attestation of the same devices; the owner claimed the ${ether(amount)} deposit`,
  );
}

step(`A challenge unanswered: account ${FAKER} talked the dev attester into attesting a Mac Studio it does not have`);
{
  const devices = [{ skuId: SEED_SKU.M2_ULTRA_192GB, count: 1 }];
  const fake = await attest(ATTESTER, FAKER, devices);
  const { nodeId, bond } = await clientFor(FAKER).registerNode({ ...fake });
  const { deadline } = await clientFor(CHALLENGER).challengeNode({ nodeId });
  note(`node ${nodeId} (bond ${ether(bond)}) challenged; no second attester will sign for hardware that is not there`);
  await expectRefused(
    ContractErrors.NodeChallengesNotExpired,
    () => clientFor(CHALLENGER).resolveChallenge({ nodeId }),
    "resolving early",
  );
  await networkHelpers.time.increaseTo(BigInt(deadline) + 1n);
  const { events } = await clientFor(CHALLENGER).resolveChallenge({ nodeId });
  const { toChallenger, burned } = events[0]!.args;
  const { amount } = await clientFor(CHALLENGER).claimCredit();
  note(
    `slashed: ${ether(toChallenger)} to the challenger, ${ether(burned)} burned; the challenger claimed ${ether(amount)} with its deposit`,
  );
  note(`node ${nodeId} is ${(await reader.getNode({ nodeId })).status}: it never voted`);
}

step(`A lapse: the Mac mini of node ${nodeOf.get(REVOKED_RIG.account)} was sold; its attester revokes the attestation`);
{
  const nodeId = nodeOf.get(REVOKED_RIG.account)!;
  const { attestationUid: uid } = await reader.getNode({ nodeId });
  await clientFor(ATTESTER).revokeAttestation({ uid });
  note(`revoked with EAS revokeOffchain(${uid.slice(0, 18)}…)`);
  const { reason, fee } = await clientFor(CHALLENGER).lapseNode({ nodeId });
  note(`node ${nodeId} lapsed (${reason}) by a keeper, paid ${ether(fee)}: its vote and floor weight left at once`);
}

step(`A pump: account ${PUMPER} brings five 960 GB rigs (the dev attester obliges) to lift the Small line itself`);
{
  const devices = [{ skuId: SEED_SKU.M2_ULTRA_192GB, count: 5 }];
  const before = await reader.getFloorRange();
  const pumped: bigint[] = [];
  for (let i = 0; i < 5; i++) {
    const signed = await attest(ATTESTER, PUMPER, devices, `pump-${i}`);
    pumped.push((await clientFor(PUMPER).registerNode({ ...signed })).nodeId);
  }
  const pumpBonds = (await reader.listNodes({ owner: addressOf(PUMPER) })).reduce((sum, n) => sum + n.bond, 0n);
  note(`registered nodes ${pumped.join(", ")} with ${ether(pumpBonds)} of bonds`);
  await expectRefused(
    ContractErrors.ModelClassifierNotBelowFloor,
    () => clientFor(PUMPER).raiseToFloor(),
    "raiseToFloor in the same breath: the nodes are Pending, the floor did not move",
  );
  await networkHelpers.time.increaseTo((await reader.getNode({ nodeId: pumped[0]! })).activatableAt);
  for (const nodeId of pumped) await clientFor(PUMPER).activateNode({ nodeId });
  const during = await reader.getFloorRange();
  note(
    `after the warm-up the floor is ${compact(during.now.params)}, but over the last ${duration(during.window)} its lowest is ${compact(during.lowest.params)}`,
  );
  await expectRefused(
    ContractErrors.ModelClassifierNotBelowFloor,
    () => clientFor(PUMPER).raiseToFloor(),
    "raiseToFloor after the warm-up",
  );
  for (const nodeId of pumped) await clientFor(PUMPER).exitNode({ nodeId });
  const after = await reader.getFloorRange();
  note(
    `the pumper exits: the floor is back at ${compact(after.now.params)} (${compact(before.now.params)} before); its bonds stay locked for the unbonding period`,
  );
  note(
    `and the drop moves no guard either: proposals may not go below the highest floor of the window, ${compact(after.highest.params)}`,
  );
}

step(`Registering ${MODELS.length} open models with their model-card figures`);
for (const m of MODELS) {
  await clientFor(15).registerModel({
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

/** The models with their tier under one set of thresholds: computed here, no request per model. */
const classifyAll = (list: readonly Model[], thresholds: Thresholds): ClassifiedModel[] =>
  list.map((m) => ({ ...m, tier: tierOf(thresholds, m) }));
console.log(indent(renderModels(classifyAll(models, t0))));

const proposer = clientFor(1);
step("Pre-flight: proposals the SDK refuses before anything is sent");
await expectRefused(
  CallNotAllowedError,
  () =>
    proposer.propose({
      actions: [
        {
          target: deployment.timelock,
          data: encodeFunctionData({
            abi: timelockControllerAbi,
            functionName: "grantRole",
            args: [keccak256(toHex("PROPOSER_ROLE")), addressOf(1)],
          }),
        },
      ],
      description: "Make me a proposer",
    }),
  "outside the fence",
);
await expectRefused(
  ThresholdBelowFloorError,
  () =>
    proposer.proposeThresholds({
      maxSmallParams: BELOW_FLOOR_PARAMS,
      maxSmallTrainingFlop: t0.maxSmallTrainingFlop,
      description: "Small up to 90B",
    }),
  "below the floor's high over the window (the pump's)",
);
await expectRefused(
  ThresholdRateLimitError,
  () =>
    proposer.proposeThresholds({
      maxSmallParams: ABOVE_RATE_LIMIT_PARAMS,
      maxSmallTrainingFlop: t0.maxSmallTrainingFlop,
      description: "Small up to 150B",
    }),
  "beyond the rate limit",
);

step(`Waiting out the floor window (${duration(window)}): the pump's floor leaves the guards`);
await networkHelpers.time.increase(floorMemory(window) + 1n);
const state1 = await reader.readGovernanceState({ proposalLimit: 0 });
note(
  `floor over the window: lowest ${compact(state1.floorRange.lowest.params)}, highest ${compact(state1.floorRange.highest.params)}`,
);

step(
  `Proposing: raise the Small line ${compact(t0.maxSmallParams)} → ${compact(NEW_MAX_SMALL_PARAMS)}; and, by another node, remove the second attester`,
);
const raise = await proposer.proposeThresholds({
  maxSmallParams: NEW_MAX_SMALL_PARAMS,
  maxSmallTrainingFlop: t0.maxSmallTrainingFlop,
  description: "Raise the Small line to 100B parameters: two used RTX 3090s run a 4-bit 90B model",
});
const removal = await clientFor(2).propose({
  actions: [
    {
      target: deployment.attestations,
      data: encodeFunctionData({
        abi: hardwareAttestationsAbi,
        functionName: "removeAttester",
        args: [addressOf(SECOND_ATTESTER)],
      }),
    },
  ],
  description: "Remove the second attester",
});
note(`proposal ${raise.proposalNumber}: setThresholds; proposal ${removal.proposalNumber}: removeAttester`);

let p = await reader.getProposal({ proposal: raise.proposalId });
step(`Voting delay ${duration(state0.governor.votingDelay)}: advancing to the snapshot, then the node owners vote`);
await networkHelpers.time.increaseTo(p.snapshot + 1n);
const voters = RIGS.filter((r) => r !== REVOKED_RIG);
for (const [i, rig] of voters.entries()) {
  const support = i < 5 ? "for" : "against";
  await clientFor(rig.account).castVote({ proposal: raise.proposalId, support });
  await clientFor(rig.account).castVote({ proposal: removal.proposalId, support: i < 4 ? "for" : "against" });
}
await expectRefused(
  ContractErrors.GovernorAlreadyCastVote,
  () => clientFor(1).castVote({ proposal: raise.proposalId, support: "for" }),
  "a second vote",
);
p = await reader.getProposal({ proposal: raise.proposalId });
note(
  `proposal ${raise.proposalNumber}: ${p.votes.for} for, ${p.votes.against} against; quorum ${p.quorum} ${p.quorumReached ? "reached" : "not reached"}`,
);

step("Voting period over: both passed; queueing them in the timelock");
await networkHelpers.time.increaseTo(p.deadline + 1n);
const queued = await clientFor(0).queueProposal({ proposal: raise.proposalId });
await clientFor(0).queueProposal({ proposal: removal.proposalId });
const queuedAt = (await publicClient.getBlock({ blockNumber: queued.receipt.blockNumber })).timestamp;
p = await reader.getProposal({ proposal: raise.proposalId });
note(`both Queued; executable from ${utc(p.eta)}`);

step(`The veto without a king: a third of proposal ${removal.proposalNumber}'s voters cancel it while it waits`);
for (const rig of voters.slice(4)) {
  const r = await clientFor(rig.account).vetoProposal({ proposal: removal.proposalId });
  note(
    `${addressOf(rig.account)} vetoed: ${r.vetoVotes} of ${r.threshold}${r.vetoed ? ": the proposal is canceled" : ""}`,
  );
}
note(`proposal ${removal.proposalNumber}: ${(await reader.getProposal({ proposal: removal.proposalId })).state}`);

step(
  `Timelock delay ${duration(state0.governor.timelockDelay)}: advancing to the eta, executing proposal ${raise.proposalNumber}`,
);
await networkHelpers.time.increaseTo(p.eta + 1n);
const executed = await clientFor(0).executeProposal({ proposal: raise.proposalId });
await networkHelpers.mine(); // the execution block is now in the past, for lookups at any time up to it
const t1 = await reader.getThresholds();
note(`state: ${(await reader.getProposal({ proposal: raise.proposalId })).state}; tx ${executed.hash}`);
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

step("Handing the thresholds to the ballots: one authority at a time, by a governance round");
{
  const handover = await clientFor(3).proposeThresholdAuthority({ ballotsInCharge: true });
  let h = await reader.getProposal({ proposal: handover.proposalId });
  await networkHelpers.time.increaseTo(h.snapshot + 1n);
  for (const rig of voters) await clientFor(rig.account).castVote({ proposal: handover.proposalId, support: "for" });
  h = await reader.getProposal({ proposal: handover.proposalId });
  await networkHelpers.time.increaseTo(h.deadline + 1n);
  await clientFor(0).queueProposal({ proposal: handover.proposalId });
  h = await reader.getProposal({ proposal: handover.proposalId });
  await networkHelpers.time.increaseTo(h.eta + 1n);
  await clientFor(0).executeProposal({ proposal: handover.proposalId });
  note(`proposal ${handover.proposalNumber} (setThresholdAuthority) executed: the ballots are in charge`);
  await expectRefused(
    BallotsInChargeError,
    () =>
      proposer.proposeThresholds({
        maxSmallParams: 120_000_000_000n,
        maxSmallTrainingFlop: t1.maxSmallTrainingFlop,
        description: "Small up to 120B",
      }),
    "a setThresholds proposal now",
  );
}

step(`The rigs cast standing ballots: most want a ${compact(BALLOT_WISH)} line, one asks for ${compact(OUTLIER_WISH)}`);
{
  const outlier = voters.at(-1)!;
  for (const rig of voters) {
    const maxSmallParams = rig === outlier ? OUTLIER_WISH : BALLOT_WISH;
    const nodeId = nodeOf.get(rig.account)!;
    await clientFor(rig.account).castBallot({ nodeId, maxSmallParams, maxSmallTrainingFlop: t1.maxSmallTrainingFlop });
    note(`node ${nodeId} (${rig.label}): ${compact(maxSmallParams)} params, ${flop(t1.maxSmallTrainingFlop)}`);
  }
  const ballots = await reader.getBallotState();
  console.log(indent(renderBallotState(ballots, t1, await clock())));
  const r = await clientFor(CHALLENGER).settle();
  note(
    `settled epoch ${r.epoch} with ${r.liveBallots} ballots (anyone may): the median is ${compact(r.medians.maxSmallParams)} ` +
      `(the outlier moves it by no more than one bucket)`,
  );
  note(
    `max Small params ${compact(r.before.maxSmallParams)} → ${compact(r.after.maxSmallParams)}: one step (×1.25 at most) ` +
      "toward the median; the next epoch's settlement takes the next step",
  );
  if (!r.moved || r.after.maxSmallParams <= r.before.maxSmallParams) {
    throw new Error("the settlement did not move the line toward the nodes' median");
  }
}

step("Governance state report (the same as `commons status`)");
const [finalState, bounds, finalBallots] = await Promise.all([
  reader.readGovernanceState(),
  reader.getBounds(),
  reader.getBallotState(),
]);
console.log(renderGovernanceState(finalState, { skus, bounds, ballots: finalBallots }));
console.log(
  `\nDemo finished in ${elapsed().trim()}: ${flipped.join(" and ")} moved from Large to Small by a vote of attested nodes, ` +
    "and the line now follows the median of their ballots.",
);
