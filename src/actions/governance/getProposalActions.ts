import { encodeAbiParameters, hexToBigInt, keccak256, type Hex } from "viem";
import { computeGovernorAbi } from "../../abi/generated.js";
import type { CommonsError, InvalidInputError } from "../../errors/base.js";
import { aboutProposal } from "../../internal/proposals.js";
import { readCommonsContract } from "../../internal/read.js";
import type { IntegerInput } from "../../internal/validate.js";
import type { CommonsContext, ProposalAction } from "../../types.js";
import { decodeAction, toProposalId } from "../../utils/proposals.js";

export type GetProposalActionsParameters = {
  /** The proposal's id (1, 2, …). */
  proposal: IntegerInput;
};
export type GetProposalActionsReturnType = {
  proposalId: bigint;
  /** Each action with its full calldata, decoded against the system's ABIs when it matches one. */
  actions: ProposalAction[];
  descriptionHash: Hex;
  /** OpenZeppelin's `hashProposal` of these actions: equal to the summary's `proposalHash` (`getProposal`). */
  proposalHash: bigint;
};
/** `InvalidInputError` (field `proposal`) for an id the governor does not have. */
export type GetProposalActionsErrorType = InvalidInputError | CommonsError;

/** OpenZeppelin `Governor.hashProposal`: keccak256 of the ABI-encoded targets, values, calldatas and description hash. */
export function hashProposal(
  targets: readonly Hex[],
  values: readonly bigint[],
  calldatas: readonly Hex[],
  descriptionHash: Hex,
): bigint {
  return hexToBigInt(
    keccak256(
      encodeAbiParameters(
        [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
        [targets, values, calldatas, descriptionHash],
      ),
    ),
  );
}

/**
 * A proposal's actions with their full calldata (`proposalDetails`), decoded: what the lens's summaries leave
 * out so that a list of proposals costs the same whatever a proposer attached. One request; its size is the
 * proposal's calldata. Compare `proposalHash` with the summary's to know these are the actions voted on.
 * @example
 * const { actions } = await getProposalActions(client, { proposal: 1 })
 * // [{ contract: "classifier", functionName: "setThresholds", args: [100000000000n, 10n ** 25n], … }]
 */
export async function getProposalActions(
  ctx: CommonsContext,
  { proposal }: GetProposalActionsParameters,
): Promise<GetProposalActionsReturnType> {
  const id = toProposalId(proposal);
  const [targets, values, calldatas, descriptionHash] = await aboutProposal(ctx, id, "proposal", () =>
    readCommonsContract(ctx, {
      address: ctx.deployment.governor,
      abi: computeGovernorAbi,
      functionName: "proposalDetails",
      args: [id],
    }),
  );
  return {
    proposalId: id,
    actions: targets.map((target, i) => decodeAction(target, values[i] ?? 0n, calldatas[i] ?? "0x", ctx.deployment)),
    descriptionHash,
    proposalHash: hashProposal(targets, values, calldatas, descriptionHash),
  };
}
