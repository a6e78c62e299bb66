// Browser-safe entry: no Node-only imports here or below.
export {
  createCommonsClient,
  type CommonsClient,
  type CreateCommonsClientParameters,
} from "./clients/createCommonsClient.js";
export {
  commonsPublicActions,
  type CommonsPublicActions,
  type CommonsReadOptions,
} from "./clients/decorators/public.js";
export { commonsWalletActions, type CommonsWalletActions } from "./clients/decorators/wallet.js";
export type {
  Attester,
  AttestedDevices,
  Ballot,
  BallotBucket,
  BallotState,
  CommonsContext,
  IndexerConfig,
  ConsumerFloor,
  DeviceLine,
  FloorRange,
  Model,
  Node,
  NodeChallenge,
  OffchainAttestation,
  ProposalAction,
  ProposalActionSummary,
  ProposalSummary,
  SignedAttestation,
  Sku,
  Thresholds,
  WriteOptions,
  WriteResult,
} from "./types.js";
export { commonsDeployments } from "./abi/addresses.js";
export {
  chainIdFromJournal,
  defineDeployment,
  deployBlockFromJournal,
  deploymentFromIgnition,
  publishedDeployment,
  IGNITION_IDS,
  REQUIRED_CONTRACTS,
  type CommonsDeployment,
  type ContractName,
} from "./deployments.js";
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
export * from "./errors/indexer.js";
export {
  ContractErrors,
  ContractRevertError,
  decodeRevertData,
  ERRORS_WITH_MESSAGES,
  toCommonsError,
} from "./errors/contract.js";
export { toInteger, type IntegerInput } from "./internal/validate.js";
export type { PageParameters } from "./internal/paging.js";
export type { HistoryParameters, EventRecord } from "./internal/events.js";
export { isRangeRefusal } from "./internal/events.js";
export { DEFAULT_STALL_TIMEOUT_MS } from "./internal/write.js";
export {
  ATTESTATION_FILE_FORMAT,
  attestationDigest,
  attestationTypedData,
  attestationUid,
  decodeDeviceData,
  devDeviceIds,
  EAS_OFFCHAIN_DOMAIN_NAME,
  encodeDeviceData,
  HARDWARE_SCHEMA,
  MAX_ATTESTATION_LIFETIME,
  OFFCHAIN_VERSION,
  parseAttestation,
  serializeAttestation,
  sortDeviceIds,
  toSignedAttestation,
  type AttestationDomain,
} from "./utils/attestations.js";
export { MAX_DEVICE_LINES, parseDeviceSpec, type DeviceLineInput } from "./utils/devices.js";
export { describeActionSummary, toProposalId } from "./utils/proposals.js";
export { describeSelector } from "./utils/selectors.js";
export { checkThresholdChange } from "./utils/thresholds.js";
export { BALLOT_BOUNDS, BALLOT_STEP, toBallotValue } from "./utils/ballots.js";
export { MAX_BALLOT_NODES } from "./internal/ballots.js";
export { SUPPORT, toSupport, type Support, type SupportName } from "./utils/votes.js";

export * from "./actions/attestations/createHardwareAttestation.js";
export * from "./actions/attestations/getAttesters.js";
export * from "./actions/ballots/castBallot.js";
export * from "./actions/ballots/getBallot.js";
export * from "./actions/ballots/getBallotState.js";
export * from "./actions/ballots/pruneBallots.js";
export * from "./actions/ballots/settle.js";
export * from "./actions/ballots/withdrawBallot.js";
export * from "./actions/attestations/revokeAttestation.js";
export * from "./actions/catalog/getSku.js";
export * from "./actions/catalog/listSkus.js";
export * from "./actions/classifier/classify.js";
export * from "./actions/classifier/classifyModel.js";
export * from "./actions/classifier/getConsumerFloor.js";
export * from "./actions/classifier/getFloorRange.js";
export * from "./actions/classifier/getModel.js";
export * from "./actions/classifier/getThresholds.js";
export * from "./actions/classifier/listModels.js";
export * from "./actions/classifier/raiseToFloor.js";
export * from "./actions/classifier/registerModel.js";
export * from "./actions/challenges/answerChallenge.js";
export * from "./actions/challenges/challengeNode.js";
export * from "./actions/challenges/claimCredit.js";
export * from "./actions/challenges/getCredit.js";
export * from "./actions/challenges/resolveChallenge.js";
export * from "./actions/governance/cancelProposal.js";
export * from "./actions/governance/castVote.js";
export * from "./actions/governance/castVoteBySig.js";
export * from "./actions/governance/executeProposal.js";
export * from "./actions/governance/getBounds.js";
export * from "./actions/governance/getProposal.js";
export * from "./actions/governance/getProposalActions.js";
export * from "./actions/governance/listProposals.js";
export * from "./actions/governance/propose.js";
export * from "./actions/governance/proposeThresholdAuthority.js";
export * from "./actions/governance/proposeThresholds.js";
export * from "./actions/governance/queueProposal.js";
export * from "./actions/governance/readGovernanceState.js";
export * from "./actions/governance/vetoProposal.js";
export * from "./actions/history/getRegistrationHistory.js";
export * from "./actions/history/getThresholdHistory.js";
export * from "./actions/history/getVoteHistory.js";
export * from "./actions/registry/activateNode.js";
export * from "./actions/registry/checkDevices.js";
export * from "./actions/registry/delegate.js";
export * from "./actions/registry/delegateBySig.js";
export * from "./actions/registry/exitNode.js";
export * from "./actions/registry/getHistogram.js";
export * from "./actions/registry/getNode.js";
export * from "./actions/registry/getVotes.js";
export * from "./actions/registry/lapseNode.js";
export * from "./actions/registry/lapseNodes.js";
export * from "./actions/registry/listNodes.js";
export * from "./actions/registry/registerNode.js";
export * from "./actions/registry/updateNode.js";
export * from "./actions/registry/withdrawBond.js";
