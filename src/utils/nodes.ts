/** Decoding nodes as the registry and the lens return them. */
import { getAddress, numberToHex, zeroAddress, type Address, type Hex } from "viem";
import { NODE_STATUSES, type NodeStatusName } from "../domain.js";
import type { Node } from "../types.js";

const mask = (bits: bigint) => (1n << bits) - 1n;
const statusName = (value: number): NodeStatusName => NODE_STATUSES[value] ?? "None";

/**
 * Unpacks one node of `ComputeRegistry.packedNodes` (three words a node; the layout is `NodeWords.sol`'s).
 * Word 1: owner, memory, status, line count, attester id, attestation expiry. Word 2: bond in gwei, device
 * generation, activatableAt or unlockAt, device lines. Word 3: the attestation's UID. Packed pages carry no
 * challenges: `challenge` stays undefined.
 */
export function unpackNode(id: bigint, word1: bigint, word2: bigint, word3: bigint, metadataURI: string): Node {
  const lineCount = Number((word1 >> 200n) & mask(8n));
  const devices: Node["devices"] = [];
  for (let i = 0; i < lineCount; i++) {
    const line = word2 >> BigInt(112 + 24 * i);
    devices.push({ skuId: Number(line & mask(16n)), count: Number((line >> 16n) & mask(8n)) });
  }
  const status = statusName(Number((word1 >> 192n) & mask(8n)));
  const readyAt = Number((word2 >> 64n) & mask(48n));
  return {
    id,
    owner: getAddress(`0x${(word1 & mask(160n)).toString(16).padStart(40, "0")}`),
    status,
    memoryMiB: Number((word1 >> 160n) & mask(32n)),
    bond: (word2 & mask(48n)) * 1_000_000_000n,
    // The same word holds either; the lens shows each only in its status, and so do we.
    activatableAt: status === "Pending" ? readyAt : 0,
    unlockAt: status === "Exiting" ? readyAt : 0,
    attesterId: Number((word1 >> 208n) & mask(16n)),
    attestationUid: numberToHex(word3, { size: 32 }),
    attestationExpiry: Number((word1 >> 224n) & mask(32n)),
    devices,
    metadataURI,
  };
}

/** A node as `CommonsLens.node`, `nodes` and `nodesOf` return it (`IComputeRegistry.NodeView`). */
export type RawNode = {
  id: bigint;
  owner: Address;
  status: number;
  memoryMiB: number;
  bond: bigint;
  activatableAt: number;
  unlockAt: number;
  attesterId: number;
  attestationUid: Hex;
  attestationExpiry: bigint;
  devices: readonly { skuId: number; count: number }[];
  challenger: Address;
  challengeDeadline: number;
  metadataURI: string;
};

/** The lens's node view, with its open challenge (`null` when none). */
export function toNode(raw: RawNode): Node {
  return {
    id: raw.id,
    owner: raw.owner,
    status: statusName(raw.status),
    memoryMiB: raw.memoryMiB,
    bond: raw.bond,
    activatableAt: raw.activatableAt,
    unlockAt: raw.unlockAt,
    attesterId: raw.attesterId,
    attestationUid: raw.attestationUid,
    attestationExpiry: Number(raw.attestationExpiry),
    devices: raw.devices.map((d) => ({ skuId: d.skuId, count: d.count })),
    metadataURI: raw.metadataURI,
    challenge: raw.challenger === zeroAddress ? null : { challenger: raw.challenger, deadline: raw.challengeDeadline },
  };
}
