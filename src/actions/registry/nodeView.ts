import type { Address } from "viem";

export const NODE_STATUSES = ["None", "Active", "Exiting", "Withdrawn", "Slashed"] as const;
export type NodeStatusName = (typeof NODE_STATUSES)[number];

export type DeviceLine = { skuId: number; count: number };

export type Node = {
  id: bigint;
  owner: Address;
  status: NodeStatusName;
  memoryMiB: number;
  bond: bigint;
  unlockAt: number;
  devices: DeviceLine[];
  metadataURI: string;
};

type RawNode = {
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
