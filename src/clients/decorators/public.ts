/**
 * `commonsPublicActions(deployment)`: every read of the SDK as methods of a viem client, in viem's decorator
 * shape (wevm/viem src/clients/decorators/public.ts). The actions stay plain functions, importable one by one.
 *
 *   const client = createPublicClient({ chain, transport: http() }).extend(commonsPublicActions(deployment))
 *   const state = await client.readGovernanceState()
 */
import type { Account, Chain, Client, Transport } from "viem";
import {
  getAttesters,
  type GetAttestersParameters,
  type GetAttestersReturnType,
} from "../../actions/attestations/getAttesters.js";
import { getBallot, type GetBallotParameters, type GetBallotReturnType } from "../../actions/ballots/getBallot.js";
import {
  getBallotState,
  type GetBallotStateParameters,
  type GetBallotStateReturnType,
} from "../../actions/ballots/getBallotState.js";
import { getSku, type GetSkuParameters, type GetSkuReturnType } from "../../actions/catalog/getSku.js";
import { listSkus, type ListSkusParameters, type ListSkusReturnType } from "../../actions/catalog/listSkus.js";
import { classify, type ClassifyParameters, type ClassifyReturnType } from "../../actions/classifier/classify.js";
import {
  classifyModel,
  type ClassifyModelParameters,
  type ClassifyModelReturnType,
} from "../../actions/classifier/classifyModel.js";
import {
  getConsumerFloor,
  type GetConsumerFloorParameters,
  type GetConsumerFloorReturnType,
} from "../../actions/classifier/getConsumerFloor.js";
import {
  getFloorRange,
  type GetFloorRangeParameters,
  type GetFloorRangeReturnType,
} from "../../actions/classifier/getFloorRange.js";
import { getModel, type GetModelParameters, type GetModelReturnType } from "../../actions/classifier/getModel.js";
import {
  getThresholds,
  type GetThresholdsParameters,
  type GetThresholdsReturnType,
} from "../../actions/classifier/getThresholds.js";
import {
  listModels,
  type ListModelsParameters,
  type ListModelsReturnType,
} from "../../actions/classifier/listModels.js";
import { getCredit, type GetCreditParameters, type GetCreditReturnType } from "../../actions/challenges/getCredit.js";
import { getBounds, type GetBoundsReturnType } from "../../actions/governance/getBounds.js";
import {
  getProposalActions,
  type GetProposalActionsParameters,
  type GetProposalActionsReturnType,
} from "../../actions/governance/getProposalActions.js";
import {
  getProposal,
  type GetProposalParameters,
  type GetProposalReturnType,
} from "../../actions/governance/getProposal.js";
import {
  listProposals,
  type ListProposalsParameters,
  type ListProposalsReturnType,
} from "../../actions/governance/listProposals.js";
import {
  readGovernanceState,
  type ReadGovernanceStateParameters,
  type ReadGovernanceStateReturnType,
} from "../../actions/governance/readGovernanceState.js";
import {
  getRegistrationHistory,
  type GetRegistrationHistoryParameters,
  type GetRegistrationHistoryReturnType,
} from "../../actions/history/getRegistrationHistory.js";
import {
  getThresholdHistory,
  type GetThresholdHistoryParameters,
  type GetThresholdHistoryReturnType,
} from "../../actions/history/getThresholdHistory.js";
import {
  getVoteHistory,
  type GetVoteHistoryParameters,
  type GetVoteHistoryReturnType,
} from "../../actions/history/getVoteHistory.js";
import {
  checkDevices,
  type CheckDevicesParameters,
  type CheckDevicesReturnType,
} from "../../actions/registry/checkDevices.js";
import {
  getHistogram,
  type GetHistogramParameters,
  type GetHistogramReturnType,
} from "../../actions/registry/getHistogram.js";
import { getNode, type GetNodeParameters, type GetNodeReturnType } from "../../actions/registry/getNode.js";
import { getVotes, type GetVotesParameters, type GetVotesReturnType } from "../../actions/registry/getVotes.js";
import { listNodes, type ListNodesParameters, type ListNodesReturnType } from "../../actions/registry/listNodes.js";
import type { CommonsDeployment } from "../../deployments.js";
import { checkRpcUrl } from "../../connection.js";
import type { CommonsContext, IndexerConfig } from "../../types.js";

/** Where the history reads go: an indexer of the deployment instead of log scans. */
export type CommonsReadOptions = {
  /**
   * The base URL of an indexer of the deployment (`npm run indexer`, e.g. `http://127.0.0.1:42069`): the history
   * reads (`getThresholdHistory`, `getVoteHistory`, `getRegistrationHistory`) ask it in one GraphQL request per
   * 1,000 rows instead of scanning logs, with the same results. Its failures are `IndexerError`s, never a silent
   * fall-back to the chain. Unset: log scans.
   */
  indexerUrl?: string | undefined;
  /** The fetch for the indexer's requests (to count them, or add headers). Default `globalThis.fetch`. */
  indexerFetchFn?: typeof fetch | undefined;
};

/** The indexer configuration of read options, checked (http(s) only); undefined without `indexerUrl`. */
export function indexerOf({ indexerUrl, indexerFetchFn }: CommonsReadOptions = {}): IndexerConfig | undefined {
  if (indexerUrl === undefined) return undefined;
  return { url: checkRpcUrl(indexerUrl, "indexerUrl"), fetchFn: indexerFetchFn };
}

export type CommonsPublicActions = {
  /** The deployment the actions act on. */
  deployment: CommonsDeployment;
  /** The indexer the history reads ask (`indexerUrl`); undefined: log scans. */
  indexer: IndexerConfig | undefined;
  /** {@link readGovernanceState}: thresholds, guards, floor range, registry, attesters, governor and the latest proposals in one request. */
  readGovernanceState: (parameters?: ReadGovernanceStateParameters) => Promise<ReadGovernanceStateReturnType>;
  /** {@link getSku}: one catalog SKU. */
  getSku: (parameters: GetSkuParameters) => Promise<GetSkuReturnType>;
  /** {@link listSkus}: the whole catalog. */
  listSkus: (parameters?: ListSkusParameters) => Promise<ListSkusReturnType>;
  /** {@link getNode}: one node. */
  getNode: (parameters: GetNodeParameters) => Promise<GetNodeReturnType>;
  /** {@link listNodes}: every node, or one owner's. */
  listNodes: (parameters?: ListNodesParameters) => Promise<ListNodesReturnType>;
  /** {@link getHistogram}: the active nodes' memory in 1 GiB buckets and the floor, in one request. */
  getHistogram: (parameters?: GetHistogramParameters) => Promise<GetHistogramReturnType>;
  /** {@link getVotes}: an account's votes now. */
  getVotes: (parameters: GetVotesParameters) => Promise<GetVotesReturnType>;
  /** {@link checkDevices}: a device list checked against the catalog and the registry's limits, and its memory. */
  checkDevices: (parameters: CheckDevicesParameters) => Promise<CheckDevicesReturnType>;
  /** {@link getThresholds}: the thresholds now or at a past timepoint. */
  getThresholds: (parameters?: GetThresholdsParameters) => Promise<GetThresholdsReturnType>;
  /** {@link getConsumerFloor}: the consumer floor now. */
  getConsumerFloor: (parameters?: GetConsumerFloorParameters) => Promise<GetConsumerFloorReturnType>;
  /** {@link getFloorRange}: the floor now and its lowest and highest over the floor window. */
  getFloorRange: (parameters?: GetFloorRangeParameters) => Promise<GetFloorRangeReturnType>;
  /** {@link getBallotState}: who is in charge, the ballot distributions and medians, the next settlement. */
  getBallotState: (parameters?: GetBallotStateParameters) => Promise<GetBallotStateReturnType>;
  /** {@link getBallot}: one node's standing ballot and when it expires (undefined without one). */
  getBallot: (parameters: GetBallotParameters) => Promise<GetBallotReturnType>;
  /** {@link getAttesters}: the active attesters with their ids. */
  getAttesters: (parameters?: GetAttestersParameters) => Promise<GetAttestersReturnType>;
  /** {@link getCredit}: what challenges credited to an account. */
  getCredit: (parameters: GetCreditParameters) => Promise<GetCreditReturnType>;
  /** {@link getBounds}: the bounds of every governed value. */
  getBounds: () => Promise<GetBoundsReturnType>;
  /** {@link classify}: the tier of a model's figures. */
  classify: (parameters: ClassifyParameters) => Promise<ClassifyReturnType>;
  /** {@link classifyModel}: the tier of a registered model. */
  classifyModel: (parameters: ClassifyModelParameters) => Promise<ClassifyModelReturnType>;
  /** {@link getModel}: one registered model. */
  getModel: (parameters: GetModelParameters) => Promise<GetModelReturnType>;
  /** {@link listModels}: every registered model. */
  listModels: (parameters?: ListModelsParameters) => Promise<ListModelsReturnType>;
  /** {@link getProposal}: one proposal by id, its actions summarised. */
  getProposal: (parameters: GetProposalParameters) => Promise<GetProposalReturnType>;
  /** {@link getProposalActions}: a proposal's actions with their full calldata, decoded. */
  getProposalActions: (parameters: GetProposalActionsParameters) => Promise<GetProposalActionsReturnType>;
  /** {@link listProposals}: every proposal, oldest first. */
  listProposals: (parameters?: ListProposalsParameters) => Promise<ListProposalsReturnType>;
  /** {@link getThresholdHistory}: every threshold change from the events (or the indexer). */
  getThresholdHistory: (parameters?: GetThresholdHistoryParameters) => Promise<GetThresholdHistoryReturnType>;
  /** {@link getVoteHistory}: every vote cast from the events (or the indexer). */
  getVoteHistory: (parameters?: GetVoteHistoryParameters) => Promise<GetVoteHistoryReturnType>;
  /** {@link getRegistrationHistory}: every node registration from the events (or the indexer). */
  getRegistrationHistory: (parameters?: GetRegistrationHistoryParameters) => Promise<GetRegistrationHistoryReturnType>;
};

/** The client an action runs on: the decorated client's own fields, plus the deployment (and indexer). */
export const withDeployment = <chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  deployment: CommonsDeployment,
  indexer?: IndexerConfig,
): CommonsContext<chain, account> => ({ ...client, deployment, ...(indexer === undefined ? {} : { indexer }) });

/**
 * The SDK's reads for one deployment, for viem's `client.extend()`; with `indexerUrl`, the history reads ask
 * that indexer instead of scanning logs.
 * @example
 * import { createPublicClient, http } from "viem"
 * import { hardhat } from "viem/chains"
 * import { commonsPublicActions } from "compute-commons"
 *
 * const client = createPublicClient({ chain: hardhat, transport: http() }).extend(commonsPublicActions(deployment))
 * const nodes = await client.listNodes()
 */
export function commonsPublicActions(deployment: CommonsDeployment, options: CommonsReadOptions = {}) {
  const indexer = indexerOf(options);
  return <chain extends Chain | undefined, account extends Account | undefined>(
    client: Client<Transport, chain, account>,
  ): CommonsPublicActions => {
    const ctx = withDeployment(client, deployment, indexer);
    return {
      deployment,
      indexer,
      readGovernanceState: (parameters) => readGovernanceState(ctx, parameters),
      getSku: (parameters) => getSku(ctx, parameters),
      listSkus: (parameters) => listSkus(ctx, parameters),
      getNode: (parameters) => getNode(ctx, parameters),
      listNodes: (parameters) => listNodes(ctx, parameters),
      getHistogram: (parameters) => getHistogram(ctx, parameters),
      getVotes: (parameters) => getVotes(ctx, parameters),
      checkDevices: (parameters) => checkDevices(ctx, parameters),
      getThresholds: (parameters) => getThresholds(ctx, parameters),
      getConsumerFloor: (parameters) => getConsumerFloor(ctx, parameters),
      getFloorRange: (parameters) => getFloorRange(ctx, parameters),
      getBallotState: (parameters) => getBallotState(ctx, parameters),
      getBallot: (parameters) => getBallot(ctx, parameters),
      getAttesters: (parameters) => getAttesters(ctx, parameters),
      getCredit: (parameters) => getCredit(ctx, parameters),
      getBounds: () => getBounds(ctx),
      classify: (parameters) => classify(ctx, parameters),
      classifyModel: (parameters) => classifyModel(ctx, parameters),
      getModel: (parameters) => getModel(ctx, parameters),
      listModels: (parameters) => listModels(ctx, parameters),
      getProposal: (parameters) => getProposal(ctx, parameters),
      getProposalActions: (parameters) => getProposalActions(ctx, parameters),
      listProposals: (parameters) => listProposals(ctx, parameters),
      getThresholdHistory: (parameters) => getThresholdHistory(ctx, parameters),
      getVoteHistory: (parameters) => getVoteHistory(ctx, parameters),
      getRegistrationHistory: (parameters) => getRegistrationHistory(ctx, parameters),
    };
  };
}
