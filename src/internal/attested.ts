/**
 * What the owner-side writes that take an attestation share (`registerNode`, `updateNode`, `answerChallenge`):
 * the attestation checked as input, its recipient the signing account, and its devices checked against the
 * catalog and the registry's limits as the contract will, so that the bond can be computed and a doomed
 * attestation is refused before anything is sent.
 */
import { getAddress, type Account, type Address, type Hex } from "viem";
import { listSkus } from "../actions/catalog/listSkus.js";
import { computeRegistryAbi } from "../abi/generated.js";
import { InvalidInputError } from "../errors/base.js";
import type { CommonsContext, DeviceLine, OffchainAttestation, SignedAttestation } from "../types.js";
import { decodeDeviceData, toSignedAttestation } from "../utils/attestations.js";
import { checkDeviceLimits, toDeviceLines } from "../utils/devices.js";
import { readCommonsContract } from "./read.js";
import { requireAccount } from "./write.js";

/** An attestation as the owner-side writes take it: `createHardwareAttestation`'s result spreads into it. */
export type AttestationInput = {
  /** The EAS off-chain attestation of the owner's devices. */
  attestation: OffchainAttestation;
  /** Who signed it: an active attester. */
  attester: Address | string;
  /** The attester's EIP-712 signature. */
  signature: Hex;
  /** Its UID; when given, it must be the attestation's (a file edited after signing is refused). */
  uid?: Hex | string | undefined;
};

/** The registry's governed parameters (`IComputeRegistry.Params`). */
export type RegistryParams = {
  bondBase: bigint;
  bondPerGiB: bigint;
  maxDevicesPerNode: number;
  maxNodeMemoryMiB: number;
  keeperFee: bigint;
  unbondingPeriod: number;
};

export type Attested = {
  signed: SignedAttestation;
  account: Account;
  devices: DeviceLine[];
  deviceIds: Hex[];
  memoryMiB: number;
  params: RegistryParams;
};

/**
 * An attestation checked as input, for the account that will submit it: its recipient must be that account
 * (else the contracts revert `HardwareAttestationsWrongRecipient`). No request.
 */
export function attestationFor(
  ctx: CommonsContext,
  action: string,
  input: AttestationInput,
): { signed: SignedAttestation; account: Account } {
  const signed = toSignedAttestation(input);
  const account = requireAccount(ctx, action);
  if (getAddress(signed.attestation.recipient) !== getAddress(account.address)) {
    throw new InvalidInputError(
      "attestation",
      `it attests devices of ${signed.attestation.recipient}, not of ${account.address} who would submit it`,
    );
  }
  return { signed, account };
}

/**
 * `attestationFor`, and its devices known to the catalog and within the registry's limits, as the registry
 * checks them; their memory prices the bond. Reads the catalog and the parameters (two requests in parallel).
 */
export async function attestedForAccount(
  ctx: CommonsContext,
  action: string,
  input: AttestationInput,
): Promise<Attested> {
  const { signed, account } = attestationFor(ctx, action, input);
  const { devices, deviceIds } = decodeDeviceData(signed.attestation.data);
  const lines = toDeviceLines(devices);
  const [skus, params] = await Promise.all([
    listSkus(ctx),
    readCommonsContract(ctx, { address: ctx.deployment.registry, abi: computeRegistryAbi, functionName: "parameters" }),
  ]);
  const memoryMiB = checkDeviceLimits(lines, skus, params);
  return { signed, account, devices: lines, deviceIds, memoryMiB, params };
}
