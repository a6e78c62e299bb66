/** Why a vote would count zero, found out only when it would (no request on the way to a counted vote). */
import { getAddress, zeroAddress, type Address } from "viem";
import { computeGovernorAbi, computeRegistryAbi } from "../abi/generated.js";
import { utc } from "../domain.js";
import { NoVotesError } from "../errors/base.js";
import type { CommonsContext } from "../types.js";
import { readCommonsContract } from "./read.js";

/**
 * Refuses a vote whose simulated weight is zero, saying why: the voter has no node, delegated its votes, got
 * them after the proposal's snapshot (they count from the next proposal), or has no active node.
 */
export async function refuseZeroWeight(
  ctx: CommonsContext,
  voter: Address,
  proposalId: bigint,
  weight: unknown,
): Promise<void> {
  if (weight !== 0n) return;
  const registry = { address: ctx.deployment.registry, abi: computeRegistryAbi } as const;
  const [snapshot, votesNow, nodeCount, delegatee] = await Promise.all([
    readCommonsContract(ctx, {
      address: ctx.deployment.governor,
      abi: computeGovernorAbi,
      functionName: "proposalSnapshot",
      args: [proposalId],
    }),
    readCommonsContract(ctx, { ...registry, functionName: "getVotes", args: [voter] }),
    readCommonsContract(ctx, { ...registry, functionName: "nodeCountOf", args: [voter] }),
    readCommonsContract(ctx, { ...registry, functionName: "delegates", args: [voter] }),
  ]);
  let why: string;
  if (votesNow > 0n) {
    why = `its ${votesNow} vote(s) came after the proposal's snapshot (${utc(snapshot)}); they count in later proposals`;
  } else if (nodeCount === 0n) {
    why = "it has registered no node (each active node gives its owner one vote)";
  } else if (delegatee !== zeroAddress && getAddress(delegatee) !== getAddress(voter)) {
    why = `it delegated its votes to ${delegatee}`;
  } else {
    why = "none of its nodes is active (a node votes once activated after its warm-up, and until it exits or lapses)";
  }
  throw new NoVotesError(voter, proposalId, why);
}
