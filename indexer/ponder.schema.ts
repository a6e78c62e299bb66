/**
 * Tables of the compute-commons indexer. Every `*_event`-like table keeps one row per log (id
 * `<txHash>-<logIndex>`), so that a re-indexed block can never double a row; the other tables hold the latest
 * state each log leaves.
 */
import { index, onchainTable, relations, type PgColumnsBuilders } from "ponder";

/** Where a row's log sits on the chain. */
const located = (t: PgColumnsBuilders) => ({
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
  logIndex: t.integer().notNull(),
});

/** A registered node, as its latest event left it. */
export const node = onchainTable(
  "node",
  (t) => ({
    nodeId: t.bigint().primaryKey(),
    owner: t.hex().notNull(),
    /** pending (registered or updated, warming up), active, exiting, withdrawn, lapsed or slashed. */
    status: t.text().notNull(),
    memoryMiB: t.integer("memory_mib").notNull(),
    bond: t.bigint().notNull(),
    devices: t.json().$type<{ skuId: number; count: number }[]>().notNull(),
    attestationUid: t.hex().notNull(),
    attesterId: t.integer().notNull(),
    activatableAt: t.bigint().notNull(),
    metadataURI: t.text().notNull(),
    /** When the node exited: the bond's unlock time. */
    unlockAt: t.bigint(),
    /** The open challenge (`challenge.id`), if any. */
    openChallenge: t.text(),
    registeredBlock: t.bigint().notNull(),
    registeredTransaction: t.hex().notNull(),
    lastEventBlock: t.bigint().notNull(),
  }),
  (table) => ({ ownerIndex: index().on(table.owner), statusIndex: index().on(table.status) }),
);

/**
 * Each event of a node's life: registered, activated, updated, exited, bondWithdrawn, lapsed, slashed,
 * attestationAdopted. Memory and attestation columns are set where the event carries them.
 */
export const nodeEvent = onchainTable(
  "node_event",
  (t) => ({
    id: t.text().primaryKey(),
    nodeId: t.bigint().notNull(),
    kind: t.text().notNull(),
    owner: t.hex(),
    memoryMiB: t.integer("memory_mib"),
    attestationUid: t.hex(),
    attesterId: t.integer(),
    /** The devices, warm-up end and metadata URI the event carries (registered, updated). */
    devices: t.json().$type<{ skuId: number; count: number }[]>(),
    activatableAt: t.bigint(),
    metadataURI: t.text(),
    /** Bond (registered, slashed), amount paid back (bondWithdrawn) or keeper fee (lapsed), in wei. */
    amount: t.bigint(),
    /** Lapse reason (IHardwareAttestations.Lapse) or the keeper, for lapsed. */
    lapseReason: t.integer(),
    keeper: t.hex(),
    ...located(t),
  }),
  (table) => ({ nodeIndex: index().on(table.nodeId), kindIndex: index().on(table.kind) }),
);

/** A governance proposal and its current state (created, queued, executed, canceled, vetoed). */
export const proposal = onchainTable("proposal", (t) => ({
  proposalId: t.bigint().primaryKey(),
  proposer: t.hex().notNull(),
  targets: t.json().$type<string[]>().notNull(),
  values: t.json().$type<string[]>().notNull(),
  calldatas: t.json().$type<string[]>().notNull(),
  description: t.text().notNull(),
  voteStart: t.bigint().notNull(),
  voteEnd: t.bigint().notNull(),
  state: t.text().notNull(),
  /** Timelock ETA, once queued. */
  eta: t.bigint(),
  forVotes: t.bigint().notNull(),
  againstVotes: t.bigint().notNull(),
  abstainVotes: t.bigint().notNull(),
  createdBlock: t.bigint().notNull(),
  createdTransaction: t.hex().notNull(),
}));

/** Each state change of a proposal: created, queued, executed, canceled, extended, vetoed. */
export const proposalEvent = onchainTable(
  "proposal_event",
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    kind: t.text().notNull(),
    /** ETA (queued), new deadline (extended) or veto votes (vetoed). */
    value: t.bigint(),
    ...located(t),
  }),
  (table) => ({ proposalIndex: index().on(table.proposalId) }),
);

/** Each vote cast (VoteCast and VoteCastWithParams), with its reason. support: 0 against, 1 for, 2 abstain. */
export const vote = onchainTable(
  "vote",
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    voter: t.hex().notNull(),
    support: t.integer().notNull(),
    weight: t.bigint().notNull(),
    reason: t.text().notNull(),
    params: t.hex(),
    ...located(t),
  }),
  (table) => ({ proposalIndex: index().on(table.proposalId), voterIndex: index().on(table.voter) }),
);

/** Each node's veto of a queued proposal. */
export const veto = onchainTable("veto", (t) => ({
  id: t.text().primaryKey(),
  proposalId: t.bigint().notNull(),
  voter: t.hex().notNull(),
  weight: t.bigint().notNull(),
  vetoVotes: t.bigint().notNull(),
  threshold: t.bigint().notNull(),
  ...located(t),
}));

/** Threshold epochs: epoch n starts at the n-th ThresholdsUpdated (1 is the deployment's initial line). */
export const thresholdEpoch = onchainTable("threshold_epoch", (t) => ({
  epoch: t.integer().primaryKey(),
  oldMaxSmallParams: t.bigint().notNull(),
  maxSmallParams: t.bigint().notNull(),
  oldMaxSmallTrainingFlop: t.bigint().notNull(),
  maxSmallTrainingFlop: t.bigint().notNull(),
  raisedToFloor: t.boolean().notNull(),
  ...located(t),
}));

/** A registered model. */
export const model = onchainTable("model", (t) => ({
  modelId: t.bigint().primaryKey(),
  registrant: t.hex().notNull(),
  weightsHash: t.hex().notNull(),
  name: t.text().notNull(),
  params: t.bigint().notNull(),
  trainingFlop: t.bigint().notNull(),
  uri: t.text().notNull(),
  openWeights: t.boolean().notNull(),
  ...located(t),
}));

/** A model's tier (small or large) in each threshold epoch from its registration on. */
export const modelTier = onchainTable(
  "model_tier",
  (t) => ({
    id: t.text().primaryKey(),
    modelId: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    tier: t.text().notNull(),
  }),
  (table) => ({ modelIndex: index().on(table.modelId), epochIndex: index().on(table.epoch) }),
);

/** A challenge of a node: open, answered (fresh attestation) or resolved (node slashed). */
export const challenge = onchainTable(
  "challenge",
  (t) => ({
    id: t.text().primaryKey(),
    nodeId: t.bigint().notNull(),
    challenger: t.hex().notNull(),
    deposit: t.bigint().notNull(),
    deadline: t.bigint().notNull(),
    status: t.text().notNull(),
    answerAttesterId: t.integer(),
    answerAttestationUid: t.hex(),
    toChallenger: t.bigint(),
    burned: t.bigint(),
    closedBlock: t.bigint(),
    ...located(t),
  }),
  (table) => ({ nodeIndex: index().on(table.nodeId) }),
);

/** Attesters added to and removed from the attester set. */
export const attester = onchainTable("attester", (t) => ({
  attesterId: t.integer().primaryKey(),
  address: t.hex().notNull(),
  active: t.boolean().notNull(),
  addedBlock: t.bigint().notNull(),
  removedBlock: t.bigint(),
}));

/** A node's standing threshold ballot, as its latest event left it (`active` false once withdrawn, removed or expired). */
export const ballot = onchainTable(
  "ballot",
  (t) => ({
    nodeId: t.bigint().primaryKey(),
    owner: t.hex().notNull(),
    maxSmallParams: t.bigint().notNull(),
    maxSmallTrainingFlop: t.bigint().notNull(),
    /** The first epoch the ballot no longer counts in. */
    expiryEpoch: t.integer().notNull(),
    active: t.boolean().notNull(),
    /** Why it left: withdrawn, nodeLeft or expired (null while active). */
    removal: t.text(),
    lastEventBlock: t.bigint().notNull(),
  }),
  (table) => ({ ownerIndex: index().on(table.owner), activeIndex: index().on(table.active) }),
);

/** Every ballot event: cast (or changed) and removed. */
export const ballotEvent = onchainTable(
  "ballot_event",
  (t) => ({
    id: t.text().primaryKey(),
    nodeId: t.bigint().notNull(),
    /** cast or removed. */
    kind: t.text().notNull(),
    owner: t.hex(),
    maxSmallParams: t.bigint(),
    maxSmallTrainingFlop: t.bigint(),
    expiryEpoch: t.integer(),
    removal: t.text(),
    ...located(t),
  }),
  (table) => ({ nodeIndex: index().on(table.nodeId) }),
);

/** Every settlement of the ballots: the epoch, the ballots counted, the medians, the thresholds after. */
export const settlement = onchainTable("settlement", (t) => ({
  epoch: t.bigint().primaryKey(),
  liveBallots: t.bigint().notNull(),
  medianParams: t.bigint().notNull(),
  medianFlop: t.bigint().notNull(),
  maxSmallParams: t.bigint().notNull(),
  maxSmallTrainingFlop: t.bigint().notNull(),
  ...located(t),
}));

/** Every handover of the thresholds between the governor and the ballots. */
export const authorityChange = onchainTable("authority_change", (t) => ({
  id: t.text().primaryKey(),
  ballotsInCharge: t.boolean().notNull(),
  ...located(t),
}));

export const ballotRelations = relations(ballot, ({ many }) => ({ events: many(ballotEvent) }));
export const ballotEventRelations = relations(ballotEvent, ({ one }) => ({
  ballot: one(ballot, { fields: [ballotEvent.nodeId], references: [ballot.nodeId] }),
}));

export const nodeRelations = relations(node, ({ many }) => ({
  events: many(nodeEvent),
  challenges: many(challenge),
}));
export const nodeEventRelations = relations(nodeEvent, ({ one }) => ({
  node: one(node, { fields: [nodeEvent.nodeId], references: [node.nodeId] }),
}));
export const challengeRelations = relations(challenge, ({ one }) => ({
  node: one(node, { fields: [challenge.nodeId], references: [node.nodeId] }),
}));
export const proposalRelations = relations(proposal, ({ many }) => ({
  votes: many(vote),
  events: many(proposalEvent),
}));
export const voteRelations = relations(vote, ({ one }) => ({
  proposal: one(proposal, { fields: [vote.proposalId], references: [proposal.proposalId] }),
}));
export const proposalEventRelations = relations(proposalEvent, ({ one }) => ({
  proposal: one(proposal, { fields: [proposalEvent.proposalId], references: [proposal.proposalId] }),
}));
export const modelRelations = relations(model, ({ many }) => ({ tiers: many(modelTier) }));
export const modelTierRelations = relations(modelTier, ({ one }) => ({
  model: one(model, { fields: [modelTier.modelId], references: [model.modelId] }),
  thresholds: one(thresholdEpoch, { fields: [modelTier.epoch], references: [thresholdEpoch.epoch] }),
}));
