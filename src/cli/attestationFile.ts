/**
 * Attestation files on disk: what `commons attest` writes and `commons node register | update | answer
 * --attestation <file>` read. The format is the SDK's (`serializeAttestation` / `parseAttestation`): the
 * signed attestation, its attester, signature and UID, and the chain it was signed for.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { InvalidInputError } from "../errors/base.js";
import type { SignedAttestation } from "../types.js";
import { parseAttestation, serializeAttestation } from "../utils/attestations.js";
import { UsageError } from "./errors.js";

/** Reads and checks an attestation file; a file signed for another chain is refused. Errors name the flag. */
export function readAttestationFile(file: string, flag: string, chainId: number): SignedAttestation {
  if (!existsSync(file)) throw new InvalidInputError(flag, `${file} does not exist`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new InvalidInputError(flag, `cannot read ${file} (${(err as Error).message})`);
  }
  try {
    return parseAttestation(text, { chainId }).signed;
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    throw new InvalidInputError(flag, `${file}: ${err.field} ${err.reason}`);
  }
}

/** Writes an attestation file, never over an existing file unless `force`. */
export function writeAttestationFile(
  file: string,
  signed: SignedAttestation,
  chainId: number,
  { force, command }: { force: boolean; command: string },
): void {
  if (existsSync(file) && !force) {
    throw new UsageError(`${file} exists already: choose another --out, or pass --force to replace it`, command);
  }
  writeFileSync(file, serializeAttestation(signed, chainId));
}
