/**
 * What `commons deploy --verify` reports: one result per deployed contract and explorer, from the Hardhat
 * script `verifyDeployment.ts` (hardhat-verify's `verifyContract`, run in the project by the CLI).
 */

/** The explorers hardhat-verify knows: Etherscan (API v2, one URL for every chain, `chainid` in the query), Blockscout and Sourcify. */
export const VERIFIERS = ["etherscan", "blockscout", "sourcify"] as const;
export type VerifierName = (typeof VERIFIERS)[number];

export type VerificationResult = {
  /** The fully qualified name, `<source>:<contract>`, as Ignition recorded it. */
  contract: string;
  address: string;
  provider: VerifierName | "all";
  ok: boolean;
  /** The first line of hardhat-verify's error, when `ok` is false. */
  error?: string;
};

/** `contracts/registry/ComputeRegistry.sol:ComputeRegistry` → `ComputeRegistry`. */
export const shortName = (fqn: string) => fqn.split(":").at(-1) ?? fqn;

/** The explorers to use: those named (each at most once, known ones only), or all three. */
export function verifiersFrom(named: readonly string[]): VerifierName[] | string {
  for (const name of named) {
    if (!(VERIFIERS as readonly string[]).includes(name))
      return `--verifier "${name}" is not one of ${VERIFIERS.join(", ")}`;
  }
  return named.length === 0 ? [...VERIFIERS] : VERIFIERS.filter((v) => named.includes(v));
}

/** One line per contract: where it verified, and a line per explorer that refused it. */
export function verificationLines(results: readonly VerificationResult[]): string[] {
  const byContract = new Map<string, VerificationResult[]>();
  for (const r of results)
    byContract.set(`${r.contract}@${r.address}`, [...(byContract.get(`${r.contract}@${r.address}`) ?? []), r]);
  const lines: string[] = [];
  for (const entries of byContract.values()) {
    const { contract, address } = entries[0]!;
    const ok = entries.filter((e) => e.ok).map((e) => e.provider);
    if (ok.length > 0) lines.push(`✓ verified ${shortName(contract)} at ${address} on ${ok.join(", ")}`);
    for (const e of entries.filter((x) => !x.ok))
      lines.push(
        `✗ ${shortName(contract)}${address ? ` at ${address}` : ""} not verified on ${e.provider}: ${e.error}`,
      );
  }
  return lines;
}
