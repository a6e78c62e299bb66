/**
 * Hardware attestations: EAS off-chain attestations (version 2) of an owner's devices, as `HardwareAttestations`
 * verifies them. Their data encoding, their UID (the EAS SDK's `getOffchainUID`, exactly as `uidOf` computes
 * it), the EIP-712 typed data the attester signs, the development device ids, the checks on an attestation
 * given as input, and the JSON file format an attester hands an owner. Pure and browser-safe.
 */
import {
  bytesToHex,
  decodeAbiParameters,
  encodeAbiParameters,
  encodePacked,
  getAddress,
  hashTypedData,
  isAddress,
  keccak256,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import { InvalidInputError } from "../errors/base.js";
import { toInteger } from "../internal/validate.js";
import type { AttestedDevices, DeviceLine, OffchainAttestation, SignedAttestation } from "../types.js";

/** The hardware schema (`HardwareAttestations.SCHEMA`), registered in EAS's schema registry at deployment. */
export const HARDWARE_SCHEMA = "uint16[] skuIds,uint8[] counts,bytes32[] deviceIds,bytes32 evidenceHash";
/** The off-chain attestation version the registry accepts (EAS SDK `OffchainAttestationVersion.Version2`). */
export const OFFCHAIN_VERSION = 2;
/** Longest an attestation may live (`HardwareAttestations.MAX_LIFETIME`): 400 days. */
export const MAX_ATTESTATION_LIFETIME = 400n * 86_400n;
/** EAS's EIP-712 domain name for off-chain attestations (the version is the EAS contract's `version()`). */
export const EAS_OFFCHAIN_DOMAIN_NAME = "EAS Attestation";

/** The EIP-712 types of an EAS version 2 off-chain attestation (`HardwareAttestations._ATTEST_TYPEHASH`). */
export const ATTEST_TYPES = {
  Attest: [
    { name: "version", type: "uint16" },
    { name: "schema", type: "bytes32" },
    { name: "recipient", type: "address" },
    { name: "time", type: "uint64" },
    { name: "expirationTime", type: "uint64" },
    { name: "revocable", type: "bool" },
    { name: "refUID", type: "bytes32" },
    { name: "data", type: "bytes" },
    { name: "salt", type: "bytes32" },
  ],
} as const;

/** The EIP-712 domain of EAS off-chain attestations on one chain. */
export type AttestationDomain = { name: string; version: string; chainId: number; verifyingContract: Address };

const DEVICE_DATA = [
  { type: "uint16[]", name: "skuIds" },
  { type: "uint8[]", name: "counts" },
  { type: "bytes32[]", name: "deviceIds" },
  { type: "bytes32", name: "evidenceHash" },
] as const;

const ZERO_HASH = `0x${"0".repeat(64)}` as Hex;
const HASH = /^0x[0-9a-fA-F]{64}$/;

/** A 32-byte hex value, lower-cased. */
export function toBytes32(value: unknown, field: string): Hex {
  if (typeof value !== "string" || !HASH.test(value)) {
    throw new InvalidInputError(field, `${JSON.stringify(value)} is not 32 bytes of hex (0x + 64 digits)`);
  }
  return value.toLowerCase() as Hex;
}

/**
 * Device ids sorted ascending as the contract requires (strictly: no zero id, none twice).
 * @example sortDeviceIds(["0x…02", "0x…01"]) // ["0x…01", "0x…02"]
 */
export function sortDeviceIds(ids: readonly string[], field = "deviceIds"): Hex[] {
  const sorted = ids.map((id, i) => toBytes32(id, `${field}[${i}]`)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  sorted.forEach((id, i) => {
    if (id === ZERO_HASH) throw new InvalidInputError(field, "a device id must not be zero");
    if (i > 0 && sorted[i - 1] === id) throw new InvalidInputError(field, `device id ${id} is listed twice`);
  });
  return sorted;
}

/** `abi.encode(uint16[] skuIds, uint8[] counts, bytes32[] deviceIds, bytes32 evidenceHash)`, ids sorted. */
export function encodeDeviceData(devices: readonly DeviceLine[], deviceIds: readonly Hex[], evidenceHash: Hex): Hex {
  return encodeAbiParameters(DEVICE_DATA, [
    devices.map((d) => d.skuId),
    devices.map((d) => d.count),
    sortDeviceIds(deviceIds),
    toBytes32(evidenceHash, "evidenceHash"),
  ]);
}

/** What an attestation's data attests: the device lines, the device ids and the evidence hash. */
export function decodeDeviceData(data: Hex, field = "attestation.data"): AttestedDevices {
  let decoded: readonly [readonly number[], readonly number[], readonly Hex[], Hex];
  try {
    decoded = decodeAbiParameters(DEVICE_DATA, data);
  } catch {
    throw new InvalidInputError(
      field,
      "does not decode as (uint16[] skuIds, uint8[] counts, bytes32[] deviceIds, bytes32)",
    );
  }
  const [skuIds, counts, deviceIds, evidenceHash] = decoded;
  if (skuIds.length !== counts.length) throw new InvalidInputError(field, "has more SKUs than counts or fewer");
  return {
    devices: skuIds.map((skuId, i) => ({ skuId, count: counts[i]! })),
    deviceIds: [...deviceIds],
    evidenceHash,
  };
}

/**
 * The attestation's EAS off-chain UID, as the EAS SDK (`getOffchainUID`, version 2) and
 * `HardwareAttestations.uidOf` compute it: keccak256 of the packed fields, the schema UID packed as its
 * lower-case `0x…` hex text, a zero address where version 1 had none, and a zero `uint32` at the end.
 */
export function attestationUid(a: OffchainAttestation): Hex {
  return keccak256(
    encodePacked(
      ["uint16", "string", "address", "address", "uint64", "uint64", "bool", "bytes32", "bytes", "bytes32", "uint32"],
      [
        a.version,
        a.schema.toLowerCase(),
        a.recipient,
        zeroAddress,
        a.time,
        a.expirationTime,
        a.revocable,
        a.refUID,
        a.data,
        a.salt,
        0,
      ],
    ),
  );
}

/** The EIP-712 typed data an attester signs for `a` (what `HardwareAttestations.digestOf` hashes). */
export function attestationTypedData(a: OffchainAttestation, domain: AttestationDomain) {
  return { domain, types: ATTEST_TYPES, primaryType: "Attest" as const, message: a };
}

/** The EIP-712 digest of `a`: what `HardwareAttestations.digestOf` returns for it on the domain's chain. */
export const attestationDigest = (a: OffchainAttestation, domain: AttestationDomain): Hex =>
  hashTypedData(attestationTypedData(a, domain));

/**
 * Device ids for development and the demo: a stand-in for what a real attester reads from the hardware (a
 * hash of each GPU's UUID, or a Mac's serial). Each is keccak256 of `compute-commons/dev-device`, the owner,
 * a rig name, the SKU and the device's position among that SKU's devices: the same rig gets the same ids from
 * every attester (so a second attester can answer a challenge of it), two rigs of one owner differ by name.
 * @example devDeviceIds({ owner, devices: [{ skuId: 2, count: 2 }] }) // two ids, ascending
 */
export function devDeviceIds({
  owner,
  devices,
  rig = "rig",
}: {
  owner: Address;
  devices: readonly DeviceLine[];
  rig?: string | undefined;
}): Hex[] {
  const ids = devices.flatMap((line) =>
    Array.from({ length: line.count }, (_, position) =>
      keccak256(
        encodePacked(
          ["string", "address", "string", "uint16", "uint16"],
          ["compute-commons/dev-device", getAddress(owner), rig, line.skuId, position],
        ),
      ),
    ),
  );
  return sortDeviceIds(ids);
}

// ------------------------------------------------------------------------------------------- checking input

const KEYS = ["version", "schema", "recipient", "time", "expirationTime", "revocable", "refUID", "data", "salt"];

function objectWith(value: unknown, keys: readonly string[], field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidInputError(field, "must be an object");
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => !keys.includes(k));
  if (unknown.length > 0) throw new InvalidInputError(field, `has unknown field(s): ${unknown.join(", ")}`);
  for (const key of keys) {
    if (!(key in record)) throw new InvalidInputError(field, `has no ${key}`);
  }
  return record;
}

function toAttestationAddress(value: unknown, field: string): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false })) {
    throw new InvalidInputError(field, `${JSON.stringify(value)} is not an address`);
  }
  return getAddress(value);
}

function toUint64(value: unknown, field: string): bigint {
  if (typeof value !== "bigint" && typeof value !== "number" && typeof value !== "string") {
    throw new InvalidInputError(field, "must be a whole number");
  }
  return toInteger(value, field, 0n, (1n << 64n) - 1n);
}

/**
 * An off-chain attestation given as input (an object, or one parsed from JSON with its numbers as decimal
 * strings), checked field by field: no unknown fields, every value of its Solidity type.
 */
export function toOffchainAttestation(value: unknown, field = "attestation"): OffchainAttestation {
  const r = objectWith(value, KEYS, field);
  const version = Number(toInteger(r.version as never, `${field}.version`, 0n, 65_535n));
  if (typeof r.revocable !== "boolean") throw new InvalidInputError(`${field}.revocable`, "must be true or false");
  if (typeof r.data !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(r.data)) {
    throw new InvalidInputError(`${field}.data`, "must be hex bytes (0x…)");
  }
  return {
    version,
    schema: toBytes32(r.schema, `${field}.schema`),
    recipient: toAttestationAddress(r.recipient, `${field}.recipient`),
    time: toUint64(r.time, `${field}.time`),
    expirationTime: toUint64(r.expirationTime, `${field}.expirationTime`),
    revocable: r.revocable,
    refUID: toBytes32(r.refUID, `${field}.refUID`),
    data: r.data.toLowerCase() as Hex,
    salt: toBytes32(r.salt, `${field}.salt`),
  };
}

/** A signature as the registry takes it: 65 bytes (r, s, v), or longer for an ERC-1271 attester. */
export function toSignature(value: unknown, field = "signature"): Hex {
  if (typeof value !== "string" || !/^0x([0-9a-fA-F]{2})+$/.test(value) || value.length < 2 + 130) {
    throw new InvalidInputError(field, "must be a signature of at least 65 bytes of hex (0x…)");
  }
  return value.toLowerCase() as Hex;
}

/**
 * A signed attestation given as input: the attestation checked, the attester an address, the signature hex;
 * the UID is recomputed, and one given that differs is refused (a file edited after signing).
 */
export function toSignedAttestation(
  input: { attestation: unknown; attester: unknown; signature: unknown; uid?: unknown },
  field = "attestation",
): SignedAttestation {
  const attestation = toOffchainAttestation(input.attestation, field);
  const uid = attestationUid(attestation);
  if (input.uid !== undefined && toBytes32(input.uid, "uid") !== uid) {
    throw new InvalidInputError(
      field,
      `its uid ${String(input.uid)} is not the attestation's (${uid}): it was altered`,
    );
  }
  return {
    attestation,
    attester: toAttestationAddress(input.attester, "attester"),
    signature: toSignature(input.signature),
    uid,
  };
}

// ------------------------------------------------------------------------------------------- the file format

/** The `format` of an attestation file. */
export const ATTESTATION_FILE_FORMAT = "compute-commons/hardware-attestation@1";

const FILE_KEYS = ["format", "chainId", "attestation", "attester", "signature", "uid"];

/**
 * An attestation file: the signed attestation as JSON (numbers as decimal strings), with its format and the
 * chain whose EAS domain it was signed for. What `commons attest` writes and `commons node register
 * --attestation` reads.
 * @example serializeAttestation(signed, 31337) // '{ "format": "compute-commons/hardware-attestation@1", … }'
 */
export function serializeAttestation(signed: SignedAttestation, chainId: number): string {
  const a = signed.attestation;
  const file = {
    format: ATTESTATION_FILE_FORMAT,
    chainId,
    attestation: { ...a, time: a.time.toString(), expirationTime: a.expirationTime.toString() },
    attester: signed.attester,
    signature: signed.signature,
    uid: signed.uid,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads an attestation file (`serializeAttestation`'s output): valid JSON, the right format, no unknown
 * fields, every value checked, the UID recomputed; with `chainId`, a file signed for another chain is
 * refused.
 */
export function parseAttestation(
  text: string,
  { chainId, field = "attestation" }: { chainId?: number; field?: string } = {},
): {
  signed: SignedAttestation;
  chainId: number;
} {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InvalidInputError(field, `is not JSON (${(err as Error).message})`);
  }
  const r = objectWith(json, FILE_KEYS, field);
  if (r.format !== ATTESTATION_FILE_FORMAT) {
    throw new InvalidInputError(
      field,
      `is not an attestation file (format ${JSON.stringify(r.format)}, expected ${ATTESTATION_FILE_FORMAT})`,
    );
  }
  const fileChainId = Number(r.chainId);
  if (!Number.isSafeInteger(fileChainId) || fileChainId <= 0)
    throw new InvalidInputError(field, "has no valid chainId");
  if (chainId !== undefined && fileChainId !== chainId) {
    throw new InvalidInputError(field, `was signed for chain ${fileChainId}, not this chain (${chainId})`);
  }
  const signed = toSignedAttestation(
    { attestation: r.attestation, attester: r.attester, signature: r.signature, uid: r.uid },
    field,
  );
  return { signed, chainId: fileChainId };
}

/** A random 32-byte salt (Web Crypto: the browser's and Node's). */
export function randomSalt(): Hex {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToHex(bytes);
}
