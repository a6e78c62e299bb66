import { toPositive, type IntegerInput } from "../../internal/validate.js";

/** Proposal ids are uint256 hashes: accept them as bigint or decimal string. */
export const toProposalId = (value: IntegerInput) => toPositive(value, "proposalId");
