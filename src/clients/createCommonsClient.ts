import { getSku, listSkus } from "../actions/catalog/skus.js";
import { classify, classifyModel, type ClassifyModelParameters, type ClassifyParameters } from "../actions/classifier/classify.js";
import { getModel, listModels } from "../actions/classifier/models.js";
import { raiseToFloor } from "../actions/classifier/raiseToFloor.js";
import { registerModel, type RegisterModelParameters } from "../actions/classifier/registerModel.js";
import { getConsumerFloor, getThresholds } from "../actions/classifier/thresholds.js";
import { cancelProposal } from "../actions/governance/cancelProposal.js";
import { castVote, type CastVoteParameters } from "../actions/governance/castVote.js";
import { castVoteBySig, type CastVoteBySigParameters } from "../actions/governance/castVoteBySig.js";
import { executeProposal } from "../actions/governance/executeProposal.js";
import { listProposals } from "../actions/governance/listProposals.js";
import { proposeThresholds, type ProposeThresholdsParameters } from "../actions/governance/proposeThresholds.js";
import { queueProposal } from "../actions/governance/queueProposal.js";
import { readGovernanceState, type ReadGovernanceStateParameters } from "../actions/governance/readGovernanceState.js";
import {
  getRegistrationHistory,
  getThresholdHistory,
  getVoteHistory,
  type HistoryParameters,
} from "../actions/history/getEventHistory.js";
import { delegate, type DelegateParameters } from "../actions/registry/delegate.js";
import { exitNode, type ExitNodeParameters } from "../actions/registry/exitNode.js";
import { getNode } from "../actions/registry/getNode.js";
import { getVotes } from "../actions/registry/getVotes.js";
import { listNodes, type ListNodesParameters } from "../actions/registry/listNodes.js";
import { registerNode, type RegisterNodeParameters } from "../actions/registry/registerNode.js";
import { updateNode, type UpdateNodeParameters } from "../actions/registry/updateNode.js";
import { withdrawBond, type WithdrawBondParameters } from "../actions/registry/withdrawBond.js";
import { runnableParams } from "../capacity.js";
import type { PageParameters } from "../internal/paging.js";
import type { IntegerInput } from "../internal/validate.js";
import type { WriteOptions } from "./context.js";
import type { CommonsContext } from "./context.js";

export type CreateCommonsClientParameters = CommonsContext;

/**
 * The SDK's entry point: every action, grouped by contract, bound to one deployment.
 * @example
 * const publicClient = createPublicClient({ chain: hardhat, transport: http() })
 * const commons = createCommonsClient({ publicClient, deployment })
 * const state = await commons.readGovernanceState()
 */
export function createCommonsClient(parameters: CreateCommonsClientParameters) {
  const ctx: CommonsContext = { ...parameters };
  return {
    ...ctx,
    readGovernanceState: (p?: ReadGovernanceStateParameters) => readGovernanceState(ctx, p),
    runnableParams,
    catalog: {
      listSkus: (p?: PageParameters) => listSkus(ctx, p),
      getSku: (p: { skuId: IntegerInput }) => getSku(ctx, p),
    },
    registry: {
      getNode: (p: { nodeId: IntegerInput }) => getNode(ctx, p),
      listNodes: (p?: ListNodesParameters) => listNodes(ctx, p),
      getVotes: (p: { account: string }) => getVotes(ctx, p),
      registerNode: (p: RegisterNodeParameters) => registerNode(ctx, p),
      updateNode: (p: UpdateNodeParameters) => updateNode(ctx, p),
      exitNode: (p: ExitNodeParameters) => exitNode(ctx, p),
      withdrawBond: (p: WithdrawBondParameters) => withdrawBond(ctx, p),
      delegate: (p: DelegateParameters) => delegate(ctx, p),
    },
    classifier: {
      getThresholds: (p?: { timepoint?: IntegerInput }) => getThresholds(ctx, p),
      getConsumerFloor: () => getConsumerFloor(ctx),
      classify: (p: ClassifyParameters) => classify(ctx, p),
      classifyModel: (p: ClassifyModelParameters) => classifyModel(ctx, p),
      getModel: (p: { modelId: IntegerInput }) => getModel(ctx, p),
      listModels: (p?: PageParameters) => listModels(ctx, p),
      registerModel: (p: RegisterModelParameters) => registerModel(ctx, p),
      raiseToFloor: (p?: WriteOptions) => raiseToFloor(ctx, p),
    },
    governance: {
      readGovernanceState: (p?: ReadGovernanceStateParameters) => readGovernanceState(ctx, p),
      listProposals: (p?: PageParameters) => listProposals(ctx, p),
      proposeThresholds: (p: ProposeThresholdsParameters) => proposeThresholds(ctx, p),
      castVote: (p: CastVoteParameters) => castVote(ctx, p),
      castVoteBySig: (p: CastVoteBySigParameters) => castVoteBySig(ctx, p),
      queue: (p: WriteOptions & { proposalId: IntegerInput }) => queueProposal(ctx, p),
      execute: (p: WriteOptions & { proposalId: IntegerInput }) => executeProposal(ctx, p),
      cancel: (p: WriteOptions & { proposalId: IntegerInput }) => cancelProposal(ctx, p),
    },
    history: {
      thresholds: (p?: HistoryParameters) => getThresholdHistory(ctx, p),
      votes: (p?: HistoryParameters) => getVoteHistory(ctx, p),
      registrations: (p?: HistoryParameters) => getRegistrationHistory(ctx, p),
    },
  };
}

export type CommonsClient = ReturnType<typeof createCommonsClient>;
