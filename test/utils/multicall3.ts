/** Multicall3, as integrators find it on every public chain: at its canonical address. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Address, Hex } from "viem";
import { ROOT } from "../../scripts/lib/hardhatNode.js";

/** Multicall3's canonical address (the same on every chain it is deployed to). */
export const MULTICALL3: Address = "0xcA11bde05977b3631167028862bE2a173976CA11";

/** Multicall3's creation code as viem ships it (used by its deployless multicall). */
export function multicall3Bytecode(): Hex {
  const file = path.join(ROOT, "node_modules/viem/_esm/constants/contracts.js");
  const match = /export const multicall3Bytecode = '(0x[0-9a-f]+)'/.exec(readFileSync(file, "utf8"));
  if (!match) throw new Error("multicall3Bytecode not found in viem");
  return match[1] as Hex;
}
