/**
 * Attestations for the benchmarks: what an attester does (src/actions/attestations/createHardwareAttestation.ts),
 * without its reads: EAS off-chain attestations (version 2) of the hardware schema, signed locally with a
 * Hardhat dev key for the deployment's EAS domain, so that thousands of them cost no JSON-RPC round trips.
 * Device ids are derived from a rig name, so every rig the bench attests has its own.
 */
import { encodePacked, keccak256, type Address, type Hex, type LocalAccount } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { DEV_MNEMONIC } from "../src/connection.js";
import type { DeviceLine, OffchainAttestation, SignedAttestation } from "../src/types.js";
import {
  attestationTypedData,
  attestationUid,
  EAS_OFFCHAIN_DOMAIN_NAME,
  encodeDeviceData,
  OFFCHAIN_VERSION,
  sortDeviceIds,
  type AttestationDomain,
} from "../src/utils/attestations.js";

/** Hardhat's dev account `index`, signing locally. */
export const devKey = (index: number): LocalAccount => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });

/** The dev attester of ignition/parameters/local.json (dev account 9), and the second one the bench adds (8). */
export const DEV_ATTESTER = 9;
export const SECOND_ATTESTER = 8;

/** 180 days, as the SDK's default. */
export const LIFETIME = 180n * 86_400n;

/** One id per device of `devices`, unique to `rig` (same rig, same ids: a second attester can attest it too). */
export function rigDeviceIds(rig: string, devices: readonly DeviceLine[]): Hex[] {
  return sortDeviceIds(
    devices.flatMap((line) =>
      Array.from({ length: line.count }, (_, position) =>
        keccak256(encodePacked(["string", "string", "uint16", "uint16"], ["bench-device", rig, line.skuId, position])),
      ),
    ),
  );
}

/** Memory of a device list in MiB, from the seed catalog's sizes. */
export function memoryOf(devices: readonly DeviceLine[], skuMemoryMiB: readonly number[]): bigint {
  return BigInt(devices.reduce((sum, line) => sum + skuMemoryMiB[line.skuId - 1]! * line.count, 0));
}

export type Attester = {
  /** Signs an attestation of `devices` (ids of `rig`) for `recipient`, dated `now`. */
  attest(
    recipient: Address,
    devices: readonly DeviceLine[],
    rig: string,
    now: bigint,
    lifetime?: bigint,
  ): Promise<SignedAttestation>;
};

/**
 * An attester on one deployment: the EAS domain ("EAS Attestation", EAS's `version()`, the chain, EAS's
 * address) and the schema UID, read once by the caller.
 */
export function attesterFor(account: LocalAccount, domain: AttestationDomain, schema: Hex): Attester {
  return {
    async attest(recipient, devices, rig, now, lifetime = LIFETIME) {
      const attestation: OffchainAttestation = {
        version: OFFCHAIN_VERSION,
        schema,
        recipient,
        time: now,
        expirationTime: now + lifetime,
        revocable: true,
        refUID: `0x${"0".repeat(64)}`,
        data: encodeDeviceData(devices, rigDeviceIds(rig, devices), `0x${"0".repeat(64)}`),
        salt: keccak256(encodePacked(["string", "uint64"], [rig, now])),
      };
      const signature = await account.signTypedData(attestationTypedData(attestation, domain));
      return { attestation, attester: account.address, signature, uid: attestationUid(attestation) };
    },
  };
}

/** The EAS EIP-712 domain of a deployment whose EAS answers `version`. */
export function easDomain(version: string, chainId: number, eas: Address): AttestationDomain {
  return { name: EAS_OFFCHAIN_DOMAIN_NAME, version, chainId, verifyingContract: eas };
}
