/** Decoding nodes as the registry and the lens return them. */
import { getAddress, type Address } from "viem";
import { NODE_STATUSES } from "../domain.js";
import type { Node } from "../types.js";

const mask = (bits: bigint) => (1n << bits) - 1n;

/**
 * Unpacks one node of `ComputeRegistry.packedNodes` (two words, layout documented on the interface).
 */
export function unpackNode(id: bigint, word1: bigint, word2: bigint, metadataURI: string): Node {
  const lineCount = Number((word1 >> 200n) & mask(8n));
  const devices: Node["devices"] = [];
  for (let i = 0; i < lineCount; i++) {
    const line = word2 >> BigInt(112 + 24 * i);
    devices.push({ skuId: Number(line & mask(16n)), count: Number((line >> 16n) & mask(8n)) });
  }
  return {
    id,
    owner: getAddress(`0x${(word1 & mask(160n)).toString(16).padStart(40, "0")}`),
    status: NODE_STATUSES[Number((word1 >> 192n) & mask(8n))] ?? "None",
    memoryMiB: Number((word1 >> 160n) & mask(32n)),
    bond: (word2 & mask(64n)) * 1_000_000_000n,
    unlockAt: Number((word2 >> 64n) & mask(48n)),
    devices,
    metadataURI,
  };
}

/** A node as `ComputeRegistry.node` and `CommonsLens.nodesOf` return it. */
export type RawNode = {
  id: bigint;
  owner: Address;
  status: number;
  memoryMiB: number;
  bond: bigint;
  unlockAt: number;
  devices: readonly { skuId: number; count: number }[];
  metadataURI: string;
};

export function toNode(raw: RawNode): Node {
  return {
    id: raw.id,
    owner: raw.owner,
    status: NODE_STATUSES[raw.status] ?? "None",
    memoryMiB: raw.memoryMiB,
    bond: raw.bond,
    unlockAt: raw.unlockAt,
    devices: raw.devices.map((d) => ({ skuId: d.skuId, count: d.count })),
    metadataURI: raw.metadataURI,
  };
}
