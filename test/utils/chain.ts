/**
 * Clients, dev accounts, contracts and clock helpers for tests against the run's `hardhat node` (started
 * and deployed by `test/setup/hardhatNode.ts`).
 */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  getContract,
  http,
  type Account,
  type Hash,
  type TransactionReceipt,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, inject } from "vitest";
import {
  computeGovernorAbi,
  computeRegistryAbi,
  hardwareCatalogAbi,
  modelClassifierAbi,
  timelockControllerAbi,
} from "./abis.js";

/** The mnemonic behind `hardhat node`'s default accounts (each funded with 10 000 ETH). */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** The node's JSON-RPC URL and the Ignition deployment on it. */
export const rpcUrl = inject("rpcUrl");
export const deployment = inject("deployment");

// Automine answers at once: poll receipts quickly instead of viem's default 4 s.
const POLLING_MS = 50;

export const publicClient = createPublicClient({
  chain: hardhat,
  transport: http(rpcUrl),
  pollingInterval: POLLING_MS,
});

export const testClient = createTestClient({
  chain: hardhat,
  mode: "hardhat",
  transport: http(rpcUrl),
  pollingInterval: POLLING_MS,
});

/** The node's default account `index` (0 is the deployer Ignition used), signing locally. */
export function devAccount(index: number): Account {
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
}

/** A wallet client for the node's default account `index`. */
export function walletFor(index: number) {
  return createWalletClient({
    account: devAccount(index),
    chain: hardhat,
    transport: http(rpcUrl),
    pollingInterval: POLLING_MS,
  });
}

type Wallet = ReturnType<typeof walletFor>;
type ContractClient = typeof publicClient | { public: typeof publicClient; wallet: Wallet };

function contractsWith<const C extends ContractClient>(client: C) {
  return {
    catalog: getContract({ address: deployment.catalog, abi: hardwareCatalogAbi, client }),
    registry: getContract({ address: deployment.registry, abi: computeRegistryAbi, client }),
    classifier: getContract({ address: deployment.classifier, abi: modelClassifierAbi, client }),
    governor: getContract({ address: deployment.governor, abi: computeGovernorAbi, client }),
    timelock: getContract({ address: deployment.timelock, abi: timelockControllerAbi, client }),
  };
}

/** The deployed contracts, for reads (`.read`). */
export function commonsContracts() {
  return contractsWith(publicClient);
}

/** The deployed contracts, for reads and for writes (`.write`) signed by `wallet`. */
export function commonsContractsFor(wallet: Wallet) {
  return contractsWith({ public: publicClient, wallet });
}

/** Waits for a sent transaction and fails unless it succeeded. */
export async function mined(sent: Hash | Promise<Hash>): Promise<TransactionReceipt> {
  const hash = await sent;
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

/** Timestamp of the latest block (the contracts' ERC-6372 clock). */
export async function latestTimestamp(): Promise<bigint> {
  return (await publicClient.getBlock({ blockTag: "latest" })).timestamp;
}

/** Moves the clock forward by `seconds` and mines a block there. */
export async function advanceTime(seconds: bigint | number): Promise<void> {
  await testClient.increaseTime({ seconds: Number(seconds) });
  await testClient.mine({ blocks: 1 });
}

/** Mines a block at `timestamp` (when it is ahead of the latest block), else just one more block. */
export async function advanceTo(timestamp: bigint): Promise<void> {
  const now = await latestTimestamp();
  if (timestamp > now) await testClient.setNextBlockTimestamp({ timestamp });
  await testClient.mine({ blocks: 1 });
}

/**
 * Snapshots the chain before the file's tests and reverts to it after them, so test files that share the
 * node (they run one after another) each start from the fresh deployment.
 */
export function useChainSnapshot(): void {
  let id: `0x${string}` | undefined;
  beforeAll(async () => {
    id = await testClient.snapshot();
  });
  afterAll(async () => {
    if (id !== undefined) await testClient.revert({ id });
  });
}
