/** Proposals by id: reading one, submitting one, and the governor's one-argument lifecycle steps. */
import { keccak256, toHex, type Address, type Hex } from "viem";
import { commonsLensAbi, computeGovernorAbi } from "../abi/generated.js";
import { InvalidInputError } from "../errors/base.js";
import { ContractRevertError } from "../errors/contract.js";
import type { CommonsContext, ProposalSummary, WriteOptions, WriteResult } from "../types.js";
import { toProposalId, toProposalSummary } from "../utils/proposals.js";
import { readCommonsContract } from "./read.js";
import type { IntegerInput } from "./validate.js";
import { requireAccount, writeCommonsContract } from "./write.js";

/** An unknown proposal id: "there is no proposal 7 (there are 3)". One request, made only on the way to the error. */
async function unknownProposal(ctx: CommonsContext, id: bigint, field: string): Promise<InvalidInputError> {
  const count = await readCommonsContract(ctx, {
    address: ctx.deployment.governor,
    abi: computeGovernorAbi,
    functionName: "proposalCount",
  });
  return new InvalidInputError(field, `there is no proposal ${id} (there are ${count})`);
}

const isNonexistent = (err: unknown) =>
  err instanceof ContractRevertError && err.errorName === "GovernorNonexistentProposal";

/**
 * Runs a read or write about proposal `id`; the governor's `GovernorNonexistentProposal` becomes an
 * `InvalidInputError` naming the field and how many proposals there are. Costs nothing on the way to success.
 */
export async function aboutProposal<T>(
  ctx: CommonsContext,
  id: bigint,
  field: string,
  request: () => Promise<T>,
): Promise<T> {
  try {
    return await request();
  } catch (err) {
    throw isNonexistent(err) ? await unknownProposal(ctx, id, field) : err;
  }
}

/** One proposal by its id: one `eth_call` (the lens). */
export async function proposalById(
  ctx: CommonsContext,
  value: IntegerInput,
  field = "proposal",
): Promise<ProposalSummary> {
  const id = toProposalId(value, field);
  const raw = await aboutProposal(ctx, id, field, () =>
    readCommonsContract(ctx, {
      address: ctx.deployment.lens,
      abi: commonsLensAbi,
      functionName: "proposal",
      args: [id],
    }),
  );
  return toProposalSummary(raw, ctx.deployment);
}

/** The governor's one-argument lifecycle steps. */
type ProposalStep = "queue" | "execute" | "cancel";

/**
 * Queues, executes or cancels a proposal by its id alone (the governor keeps each proposal's calls), reading
 * the step's event. `action` names the SDK action in a `MissingWalletError`.
 */
export async function writeProposalStep<eventName extends "ProposalQueued" | "ProposalExecuted" | "ProposalCanceled">(
  ctx: CommonsContext,
  action: string,
  step: { functionName: ProposalStep; eventName: eventName },
  { proposal, ...options }: WriteOptions & { proposal: IntegerInput },
): Promise<WriteResult<typeof computeGovernorAbi, eventName>> {
  const id = toProposalId(proposal);
  return aboutProposal(ctx, id, "proposal", () =>
    writeCommonsContract(
      ctx,
      action,
      { address: ctx.deployment.governor, abi: computeGovernorAbi, args: [id], ...step },
      options,
    ),
  );
}

/** What a proposal submitted through the governor returns. */
export type SubmittedProposal = WriteResult<typeof computeGovernorAbi, "ProposalCreated"> & {
  proposalId: bigint;
  /** The same as `proposalId`: ComputeGovernor numbers proposals 1, 2, 3, … */
  proposalNumber: bigint;
  /** The description as proposed, with the `#proposer=` suffix. */
  description: string;
  descriptionHash: Hex;
};

/**
 * Proposes `calls` (no ETH: the fence refuses any) with the description suffixed `#proposer=<address>`, so
 * that nobody can front-run the proposal with the same calldata (OpenZeppelin GHSA-5h3x-9wvq-w4m2).
 */
export async function submitProposal(
  ctx: CommonsContext,
  action: string,
  calls: readonly { target: Address; data: Hex }[],
  text: string,
  options: WriteOptions,
): Promise<SubmittedProposal> {
  const account = requireAccount(ctx, action);
  const suffix = `#proposer=${account.address}`;
  const description = text.endsWith(suffix) ? text : `${text}\n\n${suffix}`;
  const result = await writeCommonsContract(
    ctx,
    action,
    {
      address: ctx.deployment.governor,
      abi: computeGovernorAbi,
      functionName: "propose",
      args: [calls.map((c) => c.target), calls.map(() => 0n), calls.map((c) => c.data), description],
      eventName: "ProposalCreated",
    },
    options,
  );
  const proposalId = result.events[0]!.args.proposalId;
  return {
    ...result,
    proposalId,
    proposalNumber: proposalId,
    description,
    descriptionHash: keccak256(toHex(description)),
  };
}
