/**
 * The register form's attestation: the file `commons attest` writes (`serializeAttestation`), read with the
 * SDK's own parser (`parseAttestation`, which `src/cli/attestationFile.ts` wraps for files on disk), and what
 * it attests in words, with the bond it will cost.
 */
import {
  bondFor,
  decodeDeviceData,
  ether,
  gib,
  InvalidInputError,
  parseAttestation,
  type BondParameters,
  type SignedAttestation,
  type Sku,
} from "../../src/index.js";

export type ReadAttestation = { ok: true; signed: SignedAttestation } | { ok: false; error: string };

/** Parses the pasted or loaded file for this chain; a bad file gives a message for a person. */
export function readAttestation(text: string, chainId: number): ReadAttestation {
  if (text.trim() === "") {
    return {
      ok: false,
      error: "No attestation: load or paste the file an attester gave you (commons attest --out <file>).",
    };
  }
  try {
    return { ok: true, signed: parseAttestation(text, { chainId, field: "attestation file" }).signed };
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return { ok: false, error: `This is not a usable attestation: the ${error.field} ${error.reason}.` };
  }
}

/** `"2× GeForce RTX 5090 32 GB, 64 GiB, bond 0.042 ETH"`: the attested devices, their memory and the bond. */
export function attestationSummary(signed: SignedAttestation, skus: readonly Sku[], params: BondParameters): string {
  const { devices } = decodeDeviceData(signed.attestation.data);
  let memoryMiB = 0;
  const names = devices.map((line) => {
    const sku = skus[line.skuId - 1];
    memoryMiB += (sku?.memoryMiB ?? 0) * line.count;
    return `${line.count}× ${sku?.name ?? `SKU ${line.skuId}`}`;
  });
  return `${names.join(", ")}, ${gib(memoryMiB)}, bond ${ether(bondFor(params, memoryMiB))}`;
}
