/** The EAS contract a deployment's attestations use: `attestations.eas()`, checked against the deployment's. */
import { getAddress, type Address } from "viem";
import { hardwareAttestationsAbi } from "../abi/generated.js";
import { SigningDomainError } from "../errors/base.js";
import type { CommonsContext } from "../types.js";
import { readCommonsContract } from "./read.js";

/**
 * The EAS address, read from the attestations contract (one request), and refused when the deployment names
 * another (a deployment file of another system, or an edited one).
 */
export async function easOf(ctx: CommonsContext): Promise<Address> {
  const eas = await readCommonsContract(ctx, {
    address: ctx.deployment.attestations,
    abi: hardwareAttestationsAbi,
    functionName: "eas",
  });
  if (ctx.deployment.eas !== undefined && getAddress(ctx.deployment.eas) !== getAddress(eas)) {
    throw new SigningDomainError(
      `The deployment names EAS ${ctx.deployment.eas}, but its attestations contract uses ${eas}: refusing to act`,
    );
  }
  return eas;
}
