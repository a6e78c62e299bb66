/**
 * `commonsWalletActions(deployment)`: every write of the SDK as methods of a viem client with an account, in
 * viem's decorator shape (wevm/viem src/clients/decorators/wallet.ts). Each write checks the chain, simulates,
 * sends and waits, so the client's transport must answer reads too (any JSON-RPC endpoint or injected wallet
 * does).
 *
 *   const wallet = createWalletClient({ account, chain, transport: http() }).extend(commonsWalletActions(deployment))
 *   const { nodeId } = await wallet.registerNode({ devices: [{ skuId: 2, count: 2 }] })
 */
import type { Account, Chain, Client, Transport } from "viem";
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
import {
  proposeThresholds,
  type ProposeThresholdsParameters,
  type ProposeThresholdsReturnType,
} from "../../actions/governance/proposeThresholds.js";
import {
  queueProposal,
  type QueueProposalParameters,
  type QueueProposalReturnType,
} from "../../actions/governance/queueProposal.js";
import { delegate, type DelegateParameters, type DelegateReturnType } from "../../actions/registry/delegate.js";
import { exitNode, type ExitNodeParameters, type ExitNodeReturnType } from "../../actions/registry/exitNode.js";
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
  /** {@link registerNode}: registers a node with its bond (one vote). */
  registerNode: (parameters: RegisterNodeParameters) => Promise<RegisterNodeReturnType>;
  /** {@link updateNode}: replaces an active node's devices. */
  updateNode: (parameters: UpdateNodeParameters) => Promise<UpdateNodeReturnType>;
  /** {@link exitNode}: exits a node; its bond starts unbonding. */
  exitNode: (parameters: ExitNodeParameters) => Promise<ExitNodeReturnType>;
  /** {@link withdrawBond}: pays an exited node's bond back. */
  withdrawBond: (parameters: WithdrawBondParameters) => Promise<WithdrawBondReturnType>;
  /** {@link delegate}: delegates the account's votes. */
  delegate: (parameters: DelegateParameters) => Promise<DelegateReturnType>;
  /** {@link registerModel}: registers a model. */
  registerModel: (parameters: RegisterModelParameters) => Promise<RegisterModelReturnType>;
  /** {@link raiseToFloor}: lifts the Small threshold to the consumer floor. */
  raiseToFloor: (parameters?: RaiseToFloorParameters) => Promise<RaiseToFloorReturnType>;
  /** {@link proposeThresholds}: proposes new thresholds, checked against the guards first. */
  proposeThresholds: (parameters: ProposeThresholdsParameters) => Promise<ProposeThresholdsReturnType>;
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
      registerNode: (parameters) => registerNode(ctx, parameters),
      updateNode: (parameters) => updateNode(ctx, parameters),
      exitNode: (parameters) => exitNode(ctx, parameters),
      withdrawBond: (parameters) => withdrawBond(ctx, parameters),
      delegate: (parameters) => delegate(ctx, parameters),
      registerModel: (parameters) => registerModel(ctx, parameters),
      raiseToFloor: (parameters) => raiseToFloor(ctx, parameters),
      proposeThresholds: (parameters) => proposeThresholds(ctx, parameters),
      castVote: (parameters) => castVote(ctx, parameters),
      castVoteBySig: (parameters) => castVoteBySig(ctx, parameters),
      queueProposal: (parameters) => queueProposal(ctx, parameters),
      executeProposal: (parameters) => executeProposal(ctx, parameters),
      cancelProposal: (parameters) => cancelProposal(ctx, parameters),
    };
  };
}
