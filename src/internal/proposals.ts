/** From a proposal reference (short number or full id) to what the governor needs. */
import { commonsLensAbi, computeGovernorAbi } from "../abi/generated.js";
import { InvalidInputError } from "../errors/base.js";
import { ContractRevertError } from "../errors/contract.js";
import type { CommonsContext, ProposalSummary, WriteOptions, WriteResult } from "../types.js";
import type { IntegerInput } from "./validate.js";
import { toProposalRef, toProposalSummary } from "../utils/proposals.js";
import { readCommonsContract } from "./read.js";
import { writeCommonsContract } from "./write.js";

/** An unknown proposal number: "there is no proposal 7 (there are 3)". */
async function unknownNumber(ctx: CommonsContext, number: bigint, field: string): Promise<InvalidInputError> {
  const count = await readCommonsContract(ctx, {
    address: ctx.deployment.governor,
    abi: computeGovernorAbi,
    functionName: "proposalCount",
  });
  return new InvalidInputError(field, `there is no proposal ${number} (there are ${count})`);
}

/** Reading past the end of GovernorStorage's list reverts with a panic (array out of bounds). */
const isOutOfRange = (err: unknown) => err instanceof ContractRevertError && err.errorName === "Panic";

/** One proposal by its number: one `eth_call` (the lens). */
export async function proposalByNumber(ctx: CommonsContext, number: bigint, field: string): Promise<ProposalSummary> {
  try {
    const raw = await readCommonsContract(ctx, {
      address: ctx.deployment.lens,
      abi: commonsLensAbi,
      functionName: "proposal",
      args: [number - 1n],
    });
    return toProposalSummary(raw);
  } catch (err) {
    throw isOutOfRange(err) ? await unknownNumber(ctx, number, field) : err;
  }
}

/** The governor's id for a proposal reference; a number costs one `eth_call`, an id none. */
export async function resolveProposalId(ctx: CommonsContext, value: IntegerInput, field = "proposal"): Promise<bigint> {
  const ref = toProposalRef(value, field);
  if (ref.id !== undefined) return ref.id;
  try {
    const [id] = await readCommonsContract(ctx, {
      address: ctx.deployment.governor,
      abi: computeGovernorAbi,
      functionName: "proposalDetailsAt",
      args: [ref.number - 1n],
    });
    return id;
  } catch (err) {
    throw isOutOfRange(err) ? await unknownNumber(ctx, ref.number, field) : err;
  }
}

/** The governor's one-argument lifecycle steps. */
type ProposalStep = "queue" | "execute" | "cancel";

/**
 * Queues, executes or cancels a proposal by its number or id alone (GovernorStorage keeps each proposal's
 * calls), reading the step's event. `action` names the SDK action in a `MissingWalletError`.
 */
export async function writeProposalStep<eventName extends "ProposalQueued" | "ProposalExecuted" | "ProposalCanceled">(
  ctx: CommonsContext,
  action: string,
  step: { functionName: ProposalStep; eventName: eventName },
  { proposal, ...options }: WriteOptions & { proposal: IntegerInput },
): Promise<WriteResult<typeof computeGovernorAbi, eventName>> {
  const id = await resolveProposalId(ctx, proposal);
  return writeCommonsContract(
    ctx,
    action,
    { address: ctx.deployment.governor, abi: computeGovernorAbi, args: [id], ...step },
    options,
  );
}
