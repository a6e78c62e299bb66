/**
 * Indexing functions: each log of the system's contracts becomes a row (`<txHash>-<logIndex>`) in an event
 * table, and updates the state tables (node, proposal, challenge, attester).
 */
import { desc } from "ponder";
import { ponder, type Context } from "ponder:registry";
import {
  attester,
  authorityChange,
  ballot,
  ballotEvent,
  challenge,
  model,
  modelTier,
  node,
  nodeEvent,
  proposal,
  proposalEvent,
  settlement,
  thresholdEpoch,
  veto,
  vote,
} from "ponder:schema";

type Located = {
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: `0x${string}` };
  log: { logIndex: number };
};

/** The row id of a log, and where it sits. */
function located(event: Located) {
  return {
    id: `${event.transaction.hash}-${event.log.logIndex}`,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  };
}

const devicesOf = (devices: readonly { skuId: number; count: number }[]) =>
  devices.map(({ skuId, count }) => ({ skuId, count }));

// ------------------------------------------------------------------------------------------------- nodes

/** Records a node event and moves the node's state. */
async function nodeChanged(
  context: Context,
  event: Located,
  nodeId: bigint,
  kind: string,
  columns: Partial<typeof nodeEvent.$inferInsert>,
  state: Partial<typeof node.$inferInsert>,
) {
  await context.db.insert(nodeEvent).values({ ...located(event), nodeId, kind, ...columns });
  await context.db.update(node, { nodeId }).set({ ...state, lastEventBlock: event.block.number });
}

ponder.on("ComputeRegistry:NodeRegistered", async ({ event, context }) => {
  const { nodeId, owner, memoryMiB, bond, devices, attestationUid, attesterId, activatableAt, metadataURI } =
    event.args;
  await context.db.insert(node).values({
    nodeId,
    owner,
    status: "pending",
    memoryMiB,
    bond,
    devices: devicesOf(devices),
    attestationUid,
    attesterId,
    activatableAt: BigInt(activatableAt),
    metadataURI,
    registeredBlock: event.block.number,
    registeredTransaction: event.transaction.hash,
    lastEventBlock: event.block.number,
  });
  await context.db.insert(nodeEvent).values({
    ...located(event),
    nodeId,
    kind: "registered",
    owner,
    memoryMiB,
    attestationUid,
    attesterId,
    devices: devicesOf(devices),
    activatableAt: BigInt(activatableAt),
    metadataURI,
    amount: bond,
  });
});

ponder.on("ComputeRegistry:NodeActivated", async ({ event, context }) => {
  const { nodeId, owner } = event.args;
  await nodeChanged(context, event, nodeId, "activated", { owner }, { status: "active" });
});

ponder.on("ComputeRegistry:NodeUpdated", async ({ event, context }) => {
  const { nodeId, newMemoryMiB, devices, attestationUid, attesterId, activatableAt, metadataURI } = event.args;
  await nodeChanged(
    context,
    event,
    nodeId,
    "updated",
    {
      memoryMiB: newMemoryMiB,
      attestationUid,
      attesterId,
      devices: devicesOf(devices),
      activatableAt: BigInt(activatableAt),
      metadataURI,
    },
    {
      status: "pending",
      memoryMiB: newMemoryMiB,
      devices: devicesOf(devices),
      attestationUid,
      attesterId,
      activatableAt: BigInt(activatableAt),
      metadataURI,
    },
  );
});

ponder.on("ComputeRegistry:NodeExited", async ({ event, context }) => {
  const { nodeId, owner, unlockAt } = event.args;
  await nodeChanged(context, event, nodeId, "exited", { owner }, { status: "exiting", unlockAt: BigInt(unlockAt) });
});

ponder.on("ComputeRegistry:BondWithdrawn", async ({ event, context }) => {
  const { nodeId, owner, amount } = event.args;
  await nodeChanged(context, event, nodeId, "bondWithdrawn", { owner, amount }, { status: "withdrawn", bond: 0n });
});

ponder.on("ComputeRegistry:NodeLapsed", async ({ event, context }) => {
  const { nodeId, owner, reason, keeper, fee } = event.args;
  await nodeChanged(
    context,
    event,
    nodeId,
    "lapsed",
    { owner, lapseReason: reason, keeper, amount: fee },
    { status: "lapsed" },
  );
});

ponder.on("ComputeRegistry:NodeSlashed", async ({ event, context }) => {
  const { nodeId, owner, bond } = event.args;
  await nodeChanged(context, event, nodeId, "slashed", { owner, amount: bond }, { status: "slashed", bond: 0n });
});

ponder.on("ComputeRegistry:AttestationAdopted", async ({ event, context }) => {
  const { nodeId, attesterId, attestationUid } = event.args;
  await nodeChanged(
    context,
    event,
    nodeId,
    "attestationAdopted",
    { attesterId, attestationUid },
    { attesterId, attestationUid },
  );
});

// -------------------------------------------------------------------------------------------- governance

ponder.on("ComputeGovernor:ProposalCreated", async ({ event, context }) => {
  const { proposalId, proposer, targets, values, calldatas, voteStart, voteEnd, description } = event.args;
  await context.db.insert(proposal).values({
    proposalId,
    proposer,
    targets: [...targets],
    values: values.map(String),
    calldatas: [...calldatas],
    description,
    voteStart,
    voteEnd,
    state: "created",
    forVotes: 0n,
    againstVotes: 0n,
    abstainVotes: 0n,
    createdBlock: event.block.number,
    createdTransaction: event.transaction.hash,
  });
  await context.db.insert(proposalEvent).values({ ...located(event), proposalId, kind: "created" });
});

/** Records a proposal's state change, and its new state when it has one. */
async function proposalChanged(
  context: Context,
  event: Located,
  proposalId: bigint,
  kind: string,
  value?: bigint,
  state: Partial<typeof proposal.$inferInsert> = { state: kind },
) {
  await context.db.insert(proposalEvent).values({ ...located(event), proposalId, kind, value });
  await context.db.update(proposal, { proposalId }).set(state);
}

ponder.on("ComputeGovernor:ProposalQueued", async ({ event, context }) => {
  const { proposalId, etaSeconds } = event.args;
  await proposalChanged(context, event, proposalId, "queued", etaSeconds, { state: "queued", eta: etaSeconds });
});

ponder.on("ComputeGovernor:ProposalExecuted", async ({ event, context }) => {
  await proposalChanged(context, event, event.args.proposalId, "executed");
});

ponder.on("ComputeGovernor:ProposalCanceled", async ({ event, context }) => {
  await proposalChanged(context, event, event.args.proposalId, "canceled");
});

ponder.on("ComputeGovernor:ProposalExtended", async ({ event, context }) => {
  const { proposalId, extendedDeadline } = event.args;
  await proposalChanged(context, event, proposalId, "extended", extendedDeadline, { voteEnd: extendedDeadline });
});

ponder.on("NodeVeto:ProposalVetoed", async ({ event, context }) => {
  const { proposalId, vetoVotes } = event.args;
  await proposalChanged(context, event, proposalId, "vetoed", vetoVotes);
});

ponder.on("NodeVeto:VetoCast", async ({ event, context }) => {
  const { proposalId, voter, weight, vetoVotes, threshold } = event.args;
  await context.db.insert(veto).values({ ...located(event), proposalId, voter, weight, vetoVotes, threshold });
});

const TALLY = ["againstVotes", "forVotes", "abstainVotes"] as const;

/** Records a vote and adds its weight to the proposal's tally. */
async function voted(
  context: Context,
  event: Located,
  args: { voter: `0x${string}`; proposalId: bigint; support: number; weight: bigint; reason: string },
  params?: `0x${string}`,
) {
  const { voter, proposalId, support, weight, reason } = args;
  await context.db.insert(vote).values({ ...located(event), proposalId, voter, support, weight, reason, params });
  const column = TALLY[support];
  if (column !== undefined) {
    await context.db.update(proposal, { proposalId }).set((row) => ({ [column]: row[column] + weight }));
  }
}

ponder.on("ComputeGovernor:VoteCast", async ({ event, context }) => {
  await voted(context, event, event.args);
});

ponder.on("ComputeGovernor:VoteCastWithParams", async ({ event, context }) => {
  await voted(context, event, event.args, event.args.params);
});

// ------------------------------------------------------------------------------------ thresholds, models

type Line = { maxSmallParams: bigint; maxSmallTrainingFlop: bigint };

/** Small: at or below both thresholds; Large: above either (IModelClassifier.Tier). */
const tierOf = (m: { params: bigint; trainingFlop: bigint }, line: Line) =>
  m.params <= line.maxSmallParams && m.trainingFlop <= line.maxSmallTrainingFlop ? "small" : "large";

async function latestEpoch(context: Context) {
  const [latest] = await context.db.sql.select().from(thresholdEpoch).orderBy(desc(thresholdEpoch.epoch)).limit(1);
  return latest;
}

ponder.on("ModelClassifier:ThresholdsUpdated", async ({ event, context }) => {
  const { oldMaxSmallParams, newMaxSmallParams, oldMaxSmallTrainingFlop, newMaxSmallTrainingFlop, raisedToFloor } =
    event.args;
  const { id: _id, ...where } = located(event);
  const epoch = ((await latestEpoch(context))?.epoch ?? 0) + 1;
  const line = { maxSmallParams: newMaxSmallParams, maxSmallTrainingFlop: newMaxSmallTrainingFlop };
  await context.db.insert(thresholdEpoch).values({
    epoch,
    oldMaxSmallParams,
    oldMaxSmallTrainingFlop,
    ...line,
    raisedToFloor,
    ...where,
  });
  const models = await context.db.sql.select().from(model);
  if (models.length > 0) {
    await context.db
      .insert(modelTier)
      .values(models.map((m) => ({ id: `${m.modelId}-${epoch}`, modelId: m.modelId, epoch, tier: tierOf(m, line) })));
  }
});

ponder.on("ModelClassifier:ModelRegistered", async ({ event, context }) => {
  const { modelId, registrant, weightsHash, name, params, trainingFlop, uri, openWeights } = event.args;
  const { id: _id, ...where } = located(event);
  await context.db
    .insert(model)
    .values({ modelId, registrant, weightsHash, name, params, trainingFlop, uri, openWeights, ...where });
  const latest = await latestEpoch(context);
  if (latest !== undefined) {
    await context.db.insert(modelTier).values({
      id: `${modelId}-${latest.epoch}`,
      modelId,
      epoch: latest.epoch,
      tier: tierOf({ params, trainingFlop }, latest),
    });
  }
});

// ------------------------------------------------------------------------------------ challenges, attesters

ponder.on("NodeChallenges:NodeChallenged", async ({ event, context }) => {
  const { nodeId, challenger, deposit, deadline } = event.args;
  const row = located(event);
  await context.db
    .insert(challenge)
    .values({ ...row, nodeId, challenger, deposit, deadline: BigInt(deadline), status: "open" });
  await context.db.update(node, { nodeId }).set({ openChallenge: row.id });
});

/** Closes the node's open challenge. */
async function challengeClosed(
  context: Context,
  event: Located,
  nodeId: bigint,
  columns: Partial<typeof challenge.$inferInsert>,
) {
  const current = await context.db.find(node, { nodeId });
  if (current?.openChallenge == null) return;
  await context.db
    .update(challenge, { id: current.openChallenge })
    .set({ ...columns, closedBlock: event.block.number });
  await context.db.update(node, { nodeId }).set({ openChallenge: null });
}

ponder.on("NodeChallenges:ChallengeAnswered", async ({ event, context }) => {
  const { nodeId, attesterId, attestationUid } = event.args;
  await challengeClosed(context, event, nodeId, {
    status: "answered",
    answerAttesterId: attesterId,
    answerAttestationUid: attestationUid,
  });
});

ponder.on("NodeChallenges:ChallengeResolved", async ({ event, context }) => {
  const { nodeId, toChallenger, burned } = event.args;
  await challengeClosed(context, event, nodeId, { status: "resolved", toChallenger, burned });
});

ponder.on("HardwareAttestations:AttesterAdded", async ({ event, context }) => {
  const { attester: address, attesterId } = event.args;
  await context.db
    .insert(attester)
    .values({ attesterId, address, active: true, addedBlock: event.block.number })
    .onConflictDoUpdate({ address, active: true, addedBlock: event.block.number, removedBlock: null });
});

ponder.on("HardwareAttestations:AttesterRemoved", async ({ event, context }) => {
  await context.db
    .update(attester, { attesterId: event.args.attesterId })
    .set({ active: false, removedBlock: event.block.number });
});

// ------------------------------------------------------------------------------------------------- ballots

const REMOVAL = ["withdrawn", "nodeLeft", "expired"] as const;

ponder.on("ThresholdBallots:BallotCast", async ({ event, context }) => {
  const { nodeId, owner, maxSmallParams, maxSmallTrainingFlop, expiryEpoch } = event.args;
  const wish = { owner, maxSmallParams, maxSmallTrainingFlop, expiryEpoch };
  await context.db.insert(ballotEvent).values({ ...located(event), nodeId, kind: "cast", ...wish });
  await context.db
    .insert(ballot)
    .values({ nodeId, ...wish, active: true, removal: null, lastEventBlock: event.block.number })
    .onConflictDoUpdate({ ...wish, active: true, removal: null, lastEventBlock: event.block.number });
});

ponder.on("ThresholdBallots:BallotRemoved", async ({ event, context }) => {
  const { nodeId, reason } = event.args;
  const removal = REMOVAL[reason] ?? `reason-${reason}`;
  await context.db.insert(ballotEvent).values({ ...located(event), nodeId, kind: "removed", removal });
  await context.db.update(ballot, { nodeId }).set({ active: false, removal, lastEventBlock: event.block.number });
});

ponder.on("ThresholdBallots:Settled", async ({ event, context }) => {
  const { epoch, liveBallots, medianParams, medianFlop, newMaxSmallParams, newMaxSmallTrainingFlop } = event.args;
  const { id: _id, ...where } = located(event);
  await context.db.insert(settlement).values({
    epoch,
    liveBallots,
    medianParams,
    medianFlop,
    maxSmallParams: newMaxSmallParams,
    maxSmallTrainingFlop: newMaxSmallTrainingFlop,
    ...where,
  });
});

ponder.on("ModelClassifier:ThresholdAuthorityChanged", async ({ event, context }) => {
  await context.db.insert(authorityChange).values({ ...located(event), ballotsInCharge: event.args.ballotsInCharge });
});
