// Browser-safe entry: no Node-only imports here or below.
export {
  createCommonsClient,
  type CommonsClient,
  type CreateCommonsClientParameters,
} from "./clients/createCommonsClient.js";
export { commonsPublicActions, type CommonsPublicActions } from "./clients/decorators/public.js";
export { commonsWalletActions, type CommonsWalletActions } from "./clients/decorators/wallet.js";
export type {
  CommonsContext,
  ConsumerFloor,
  DeviceLine,
  Model,
  Node,
  ProposalAction,
  ProposalSummary,
  Sku,
  Thresholds,
  WriteOptions,
  WriteResult,
} from "./types.js";
export { defineDeployment, deploymentFromIgnition, IGNITION_IDS, type CommonsDeployment } from "./deployments.js";
export * from "./domain.js";
export {
  checkRpcUrl,
  DEFAULT_RPC_URL,
  DEV_MNEMONIC,
  isLoopbackUrl,
  LOCAL_CHAIN_IDS,
  pickRpcUrl,
  RPC_URL_VARIABLE,
  rpcLabel,
  rpcUrlFromEnv,
} from "./connection.js";
export * from "./errors/base.js";
export { ContractErrors, ContractRevertError, decodeRevertData, toCommonsError } from "./errors/contract.js";
export { toInteger, type IntegerInput } from "./internal/validate.js";
export type { PageParameters } from "./internal/paging.js";
export type { HistoryParameters, EventRecord } from "./internal/events.js";
export { DEFAULT_STALL_TIMEOUT_MS } from "./internal/write.js";
export { MAX_DEVICE_LINES, parseDeviceSpec, type DeviceLineInput } from "./utils/devices.js";
export { PROPOSAL_NUMBER_LIMIT, toProposalRef, type ProposalRef } from "./utils/proposals.js";
export { checkThresholdChange } from "./utils/thresholds.js";
export { SUPPORT, toSupport, type Support, type SupportName } from "./utils/votes.js";

export * from "./actions/catalog/getSku.js";
export * from "./actions/catalog/listSkus.js";
export * from "./actions/classifier/classify.js";
export * from "./actions/classifier/classifyModel.js";
export * from "./actions/classifier/getConsumerFloor.js";
export * from "./actions/classifier/getModel.js";
export * from "./actions/classifier/getThresholds.js";
export * from "./actions/classifier/listModels.js";
export * from "./actions/classifier/raiseToFloor.js";
export * from "./actions/classifier/registerModel.js";
export * from "./actions/governance/cancelProposal.js";
export * from "./actions/governance/castVote.js";
export * from "./actions/governance/castVoteBySig.js";
export * from "./actions/governance/executeProposal.js";
export * from "./actions/governance/getProposal.js";
export * from "./actions/governance/listProposals.js";
export * from "./actions/governance/proposeThresholds.js";
export * from "./actions/governance/queueProposal.js";
export * from "./actions/governance/readGovernanceState.js";
export * from "./actions/history/getRegistrationHistory.js";
export * from "./actions/history/getThresholdHistory.js";
export * from "./actions/history/getVoteHistory.js";
export * from "./actions/registry/checkDevices.js";
export * from "./actions/registry/delegate.js";
export * from "./actions/registry/exitNode.js";
export * from "./actions/registry/getNode.js";
export * from "./actions/registry/getVotes.js";
export * from "./actions/registry/listNodes.js";
export * from "./actions/registry/registerNode.js";
export * from "./actions/registry/updateNode.js";
export * from "./actions/registry/withdrawBond.js";
