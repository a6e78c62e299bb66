/**
 * `commonsWalletActions(deployment)`: every write of the SDK as methods of a viem client with an account, in
 * viem's decorator shape (wevm/viem src/clients/decorators/wallet.ts). Each write checks the chain, simulates,
 * sends and waits, so the client's transport must answer reads too (any JSON-RPC endpoint or injected wallet
 * does).
 *
 *   const wallet = createWalletClient({ account, chain, transport: http() }).extend(commonsWalletActions(deployment))
 *   const { nodeId } = await wallet.registerNode({ ...signedAttestation, metadataURI: "ipfs://my-rig" })
 */
import type { Account, Chain, Client, Transport } from "viem";
import type { WriteOptions } from "../../types.js";
import {
  createHardwareAttestation,
  type CreateHardwareAttestationParameters,
  type CreateHardwareAttestationReturnType,
} from "../../actions/attestations/createHardwareAttestation.js";
import {
  revokeAttestation,
  type RevokeAttestationParameters,
  type RevokeAttestationReturnType,
} from "../../actions/attestations/revokeAttestation.js";
import { castBallot, type CastBallotParameters, type CastBallotReturnType } from "../../actions/ballots/castBallot.js";
import {
  pruneBallots,
  type PruneBallotsParameters,
  type PruneBallotsReturnType,
} from "../../actions/ballots/pruneBallots.js";
import { settle, type SettleParameters, type SettleReturnType } from "../../actions/ballots/settle.js";
import {
  withdrawBallot,
  type WithdrawBallotParameters,
  type WithdrawBallotReturnType,
} from "../../actions/ballots/withdrawBallot.js";
import {
  answerChallenge,
  type AnswerChallengeParameters,
  type AnswerChallengeReturnType,
} from "../../actions/challenges/answerChallenge.js";
import {
  challengeNode,
  type ChallengeNodeParameters,
  type ChallengeNodeReturnType,
} from "../../actions/challenges/challengeNode.js";
import {
  claimCredit,
  type ClaimCreditParameters,
  type ClaimCreditReturnType,
} from "../../actions/challenges/claimCredit.js";
import {
  resolveChallenge,
  type ResolveChallengeParameters,
  type ResolveChallengeReturnType,
} from "../../actions/challenges/resolveChallenge.js";
import {
  raiseToFloor,
  type RaiseToFloorParameters,
  type RaiseToFloorReturnType,
} from "../../actions/classifier/raiseToFloor.js";
import {
  registerModel,
  type RegisterModelParameters,
  type RegisterModelReturnType,
} from "../../actions/classifier/registerModel.js";
import {
  cancelProposal,
  type CancelProposalParameters,
  type CancelProposalReturnType,
} from "../../actions/governance/cancelProposal.js";
import { castVote, type CastVoteParameters, type CastVoteReturnType } from "../../actions/governance/castVote.js";
import {
  castVoteBySig,
  type CastVoteBySigParameters,
  type CastVoteBySigReturnType,
} from "../../actions/governance/castVoteBySig.js";
import {
  executeProposal,
  type ExecuteProposalParameters,
  type ExecuteProposalReturnType,
} from "../../actions/governance/executeProposal.js";
import { propose, type ProposeParameters, type ProposeReturnType } from "../../actions/governance/propose.js";
import {
  proposeThresholds,
  type ProposeThresholdsParameters,
  type ProposeThresholdsReturnType,
} from "../../actions/governance/proposeThresholds.js";
import {
  proposeThresholdAuthority,
  type ProposeThresholdAuthorityParameters,
  type ProposeThresholdAuthorityReturnType,
} from "../../actions/governance/proposeThresholdAuthority.js";
import {
  queueProposal,
  type QueueProposalParameters,
  type QueueProposalReturnType,
} from "../../actions/governance/queueProposal.js";
import {
  vetoProposal,
  type VetoProposalParameters,
  type VetoProposalReturnType,
} from "../../actions/governance/vetoProposal.js";
import {
  activateNode,
  type ActivateNodeParameters,
  type ActivateNodeReturnType,
} from "../../actions/registry/activateNode.js";
import { delegate, type DelegateParameters, type DelegateReturnType } from "../../actions/registry/delegate.js";
import {
  delegateBySig,
  signDelegation,
  submitDelegation,
  type DelegateBySigParameters,
  type DelegateBySigReturnType,
  type SignDelegationParameters,
  type SignedDelegation,
  type SubmitDelegationReturnType,
} from "../../actions/registry/delegateBySig.js";
import { exitNode, type ExitNodeParameters, type ExitNodeReturnType } from "../../actions/registry/exitNode.js";
import { lapseNode, type LapseNodeParameters, type LapseNodeReturnType } from "../../actions/registry/lapseNode.js";
import { lapseNodes, type LapseNodesParameters, type LapseNodesReturnType } from "../../actions/registry/lapseNodes.js";
import {
  registerNode,
  type RegisterNodeParameters,
  type RegisterNodeReturnType,
} from "../../actions/registry/registerNode.js";
import { updateNode, type UpdateNodeParameters, type UpdateNodeReturnType } from "../../actions/registry/updateNode.js";
import {
  withdrawBond,
  type WithdrawBondParameters,
  type WithdrawBondReturnType,
} from "../../actions/registry/withdrawBond.js";
import type { CommonsDeployment } from "../../deployments.js";
import { withDeployment } from "./public.js";

export type CommonsWalletActions = {
  /** The deployment the actions act on. */
  deployment: CommonsDeployment;
  /** {@link createHardwareAttestation}: as an attester, signs an attestation of an owner's devices (nothing sent). */
  createHardwareAttestation: (
    parameters: CreateHardwareAttestationParameters,
  ) => Promise<CreateHardwareAttestationReturnType>;
  /** {@link revokeAttestation}: as its attester, revokes an attestation (EAS `revokeOffchain`). */
  revokeAttestation: (parameters: RevokeAttestationParameters) => Promise<RevokeAttestationReturnType>;
  /** {@link registerNode}: registers a node from an attestation, with its bond (Pending until activated). */
  registerNode: (parameters: RegisterNodeParameters) => Promise<RegisterNodeReturnType>;
  /** {@link activateNode}: ends a node's warm-up: its vote and floor weight start. */
  activateNode: (parameters: ActivateNodeParameters) => Promise<ActivateNodeReturnType>;
  /** {@link updateNode}: gives a node a new attestation (it warms up again). */
  updateNode: (parameters: UpdateNodeParameters) => Promise<UpdateNodeReturnType>;
  /** {@link exitNode}: exits a node; its bond starts unbonding. */
  exitNode: (parameters: ExitNodeParameters) => Promise<ExitNodeReturnType>;
  /** {@link lapseNode}: lapses a node whose attestation no longer holds, for the keeper fee. */
  lapseNode: (parameters: LapseNodeParameters) => Promise<LapseNodeReturnType>;
  /** {@link lapseNodes}: lapses many nodes in one transaction. */
  lapseNodes: (parameters: LapseNodesParameters) => Promise<LapseNodesReturnType>;
  /** {@link challengeNode}: challenges a node, paying the deposit. */
  challengeNode: (parameters: ChallengeNodeParameters) => Promise<ChallengeNodeReturnType>;
  /** {@link answerChallenge}: answers a challenge of the wallet's node with another attester's attestation. */
  answerChallenge: (parameters: AnswerChallengeParameters) => Promise<AnswerChallengeReturnType>;
  /** {@link resolveChallenge}: slashes a node whose challenge went unanswered. */
  resolveChallenge: (parameters: ResolveChallengeParameters) => Promise<ResolveChallengeReturnType>;
  /** {@link claimCredit}: pays out what challenges credited to the wallet. */
  claimCredit: (parameters?: ClaimCreditParameters) => Promise<ClaimCreditReturnType>;
  /** {@link withdrawBond}: pays an exited node's bond back. */
  withdrawBond: (parameters: WithdrawBondParameters) => Promise<WithdrawBondReturnType>;
  /** {@link delegate}: delegates the account's votes. */
  delegate: (parameters: DelegateParameters) => Promise<DelegateReturnType>;
  /** {@link signDelegation}: signs a delegation for a relayer (EIP-712, domain from the registry); sends nothing. */
  signDelegation: (parameters: SignDelegationParameters) => Promise<SignedDelegation>;
  /** {@link submitDelegation}: submits someone's signed delegation, paying the gas. */
  submitDelegation: (parameters: SignedDelegation & WriteOptions) => Promise<SubmitDelegationReturnType>;
  /** {@link delegateBySig}: signs a delegation, submitted by a relayer or the signer. */
  delegateBySig: (parameters: DelegateBySigParameters) => Promise<DelegateBySigReturnType>;
  /** {@link registerModel}: registers a model. */
  registerModel: (parameters: RegisterModelParameters) => Promise<RegisterModelReturnType>;
  /** {@link raiseToFloor}: lifts the Small threshold to the consumer floor. */
  raiseToFloor: (parameters?: RaiseToFloorParameters) => Promise<RaiseToFloorReturnType>;
  /** {@link proposeThresholds}: proposes new thresholds, checked against the guards first. */
  proposeThresholds: (parameters: ProposeThresholdsParameters) => Promise<ProposeThresholdsReturnType>;
  /** {@link proposeThresholdAuthority}: proposes handing the thresholds to the ballots, or back to the governor. */
  proposeThresholdAuthority: (
    parameters: ProposeThresholdAuthorityParameters,
  ) => Promise<ProposeThresholdAuthorityReturnType>;
  /** {@link castBallot}: states the thresholds the wallet's nodes want (one ballot per node). */
  castBallot: (parameters: CastBallotParameters) => Promise<CastBallotReturnType>;
  /** {@link withdrawBallot}: withdraws a node's ballot. */
  withdrawBallot: (parameters: WithdrawBallotParameters) => Promise<WithdrawBallotReturnType>;
  /** {@link pruneBallots}: removes expired ballots from the distributions (anyone may). */
  pruneBallots: (parameters: PruneBallotsParameters) => Promise<PruneBallotsReturnType>;
  /** {@link settle}: moves the thresholds one step toward the ballots' medians, expired ballots pruned first. */
  settle: (parameters?: SettleParameters) => Promise<SettleReturnType>;
  /** {@link propose}: proposes calls to the system's contracts, checked against the governor's fence first. */
  propose: (parameters: ProposeParameters) => Promise<ProposeReturnType>;
  /** {@link castVote}: votes on a proposal. */
  castVote: (parameters: CastVoteParameters) => Promise<CastVoteReturnType>;
  /** {@link castVoteBySig}: signs a ballot, submitted by a relayer or the signer. */
  castVoteBySig: (parameters: CastVoteBySigParameters) => Promise<CastVoteBySigReturnType>;
  /** {@link queueProposal}: queues a succeeded proposal in the timelock. */
  queueProposal: (parameters: QueueProposalParameters) => Promise<QueueProposalReturnType>;
  /** {@link executeProposal}: executes a queued proposal. */
  executeProposal: (parameters: ExecuteProposalParameters) => Promise<ExecuteProposalReturnType>;
  /** {@link cancelProposal}: cancels a pending proposal. */
  cancelProposal: (parameters: CancelProposalParameters) => Promise<CancelProposalReturnType>;
  /** {@link vetoProposal}: vetoes a queued proposal with the wallet's snapshot votes. */
  vetoProposal: (parameters: VetoProposalParameters) => Promise<VetoProposalReturnType>;
};

/**
 * The SDK's writes for one deployment, for viem's `client.extend()`.
 * @example
 * import { createWalletClient, http } from "viem"
 * import { privateKeyToAccount } from "viem/accounts"
 * import { hardhat } from "viem/chains"
 * import { commonsWalletActions } from "compute-commons"
 *
 * const wallet = createWalletClient({ account: privateKeyToAccount(key), chain: hardhat, transport: http() })
 *   .extend(commonsWalletActions(deployment))
 * await wallet.castVote({ proposal: 1, support: "for" })
 */
export function commonsWalletActions(deployment: CommonsDeployment) {
  return <chain extends Chain | undefined, account extends Account | undefined>(
    client: Client<Transport, chain, account>,
  ): CommonsWalletActions => {
    const ctx = withDeployment(client, deployment);
    return {
      deployment,
      createHardwareAttestation: (parameters) => createHardwareAttestation(ctx, parameters),
      revokeAttestation: (parameters) => revokeAttestation(ctx, parameters),
      registerNode: (parameters) => registerNode(ctx, parameters),
      activateNode: (parameters) => activateNode(ctx, parameters),
      updateNode: (parameters) => updateNode(ctx, parameters),
      exitNode: (parameters) => exitNode(ctx, parameters),
      lapseNode: (parameters) => lapseNode(ctx, parameters),
      lapseNodes: (parameters) => lapseNodes(ctx, parameters),
      challengeNode: (parameters) => challengeNode(ctx, parameters),
      answerChallenge: (parameters) => answerChallenge(ctx, parameters),
      resolveChallenge: (parameters) => resolveChallenge(ctx, parameters),
      claimCredit: (parameters) => claimCredit(ctx, parameters),
      withdrawBond: (parameters) => withdrawBond(ctx, parameters),
      delegate: (parameters) => delegate(ctx, parameters),
      signDelegation: (parameters) => signDelegation(ctx, parameters),
      submitDelegation: (parameters) => submitDelegation(ctx, parameters),
      delegateBySig: (parameters) => delegateBySig(ctx, parameters),
      registerModel: (parameters) => registerModel(ctx, parameters),
      raiseToFloor: (parameters) => raiseToFloor(ctx, parameters),
      proposeThresholds: (parameters) => proposeThresholds(ctx, parameters),
      proposeThresholdAuthority: (parameters) => proposeThresholdAuthority(ctx, parameters),
      castBallot: (parameters) => castBallot(ctx, parameters),
      withdrawBallot: (parameters) => withdrawBallot(ctx, parameters),
      pruneBallots: (parameters) => pruneBallots(ctx, parameters),
      settle: (parameters) => settle(ctx, parameters),
      propose: (parameters) => propose(ctx, parameters),
      castVote: (parameters) => castVote(ctx, parameters),
      castVoteBySig: (parameters) => castVoteBySig(ctx, parameters),
      queueProposal: (parameters) => queueProposal(ctx, parameters),
      executeProposal: (parameters) => executeProposal(ctx, parameters),
      cancelProposal: (parameters) => cancelProposal(ctx, parameters),
      vetoProposal: (parameters) => vetoProposal(ctx, parameters),
    };
  };
}
