/**
 * Clients, dev accounts, contracts, clock helpers and fixtures for tests against the run's `hardhat node`
 * (started and deployed by `test/setup/hardhatNode.ts`).
 *
 * Each test starts from a fixture, `loadFixture(fixture)`, as in ens-contracts (Hardhat's network-helpers):
 * the fixture runs once, the chain is snapshotted after it, and later tests revert to that snapshot instead
 * of running it again; what a test changes is undone after it. Tests do not depend on each other's order.
 */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  getContract,
  http,
  type Account,
  type Hash,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import {
  commonsLensAbi,
  computeGovernorAbi,
  computeRegistryAbi,
  easAbi,
  hardwareAttestationsAbi,
  hardwareCatalogAbi,
  modelClassifierAbi,
  nodeChallengesAbi,
  nodeVetoAbi,
  thresholdBallotsAbi,
  timelockControllerAbi,
} from "../../src/abi/generated.js";
import { DEV_MNEMONIC } from "../../src/connection.js";

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
    attestations: getContract({ address: deployment.attestations, abi: hardwareAttestationsAbi, client }),
    challenges: getContract({ address: deployment.challenges, abi: nodeChallengesAbi, client }),
    veto: getContract({ address: deployment.veto, abi: nodeVetoAbi, client }),
    ballots: getContract({ address: deployment.ballots, abi: thresholdBallotsAbi, client }),
    lens: getContract({ address: deployment.lens, abi: commonsLensAbi, client }),
    eas: getContract({ address: deployment.eas!, abi: easAbi, client }),
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

// --------------------------------------------------------------------------------------------- fixtures

type Fixture<T> = () => Promise<T>;
type Snapshot = { fixture: Fixture<unknown>; id: Hex; result: unknown };

/**
 * Snapshots in the order they were taken. Reverting to one drops those after it, as the node does, so
 * fixtures that build on each other (each starts by loading its parent) keep theirs.
 */
const snapshots: Snapshot[] = [];
/** For each fixture running now, whether it has loaded its parent yet. */
const running: { loadedParent: boolean }[] = [];

/** The root of every fixture: the fresh deployment, as the file found it. */
export const freshChain: Fixture<void> = async () => {};

async function revertTo(index: number): Promise<unknown> {
  const entry = snapshots[index]!;
  await testClient.revert({ id: entry.id });
  entry.id = await testClient.snapshot();
  snapshots.splice(index + 1);
  return entry.result;
}

/**
 * The chain as `fixture` leaves it, built once: the first call runs it and snapshots, later calls revert to
 * that snapshot. A fixture starts by loading its parent (`freshChain` or another fixture), so it never
 * builds on whatever an earlier test left.
 */
export async function loadFixture<T>(fixture: Fixture<T>): Promise<T> {
  if (running.length > 0) running[running.length - 1]!.loadedParent = true;
  const index = snapshots.findIndex((s) => s.fixture === fixture);
  if (index !== -1) return (await revertTo(index)) as T;
  if (snapshots.length === 0) throw new Error("loadFixture needs useChainSnapshot() in the test file");
  const frame = { loadedParent: false };
  running.push(frame);
  let result: T;
  try {
    result = await fixture();
  } finally {
    running.pop();
  }
  if (!frame.loadedParent) {
    throw new Error(
      `fixture ${fixture.name || "(anonymous)"} must start with loadFixture(freshChain) or another fixture`,
    );
  }
  snapshots.push({ fixture, id: await testClient.snapshot(), result });
  return result;
}

/**
 * Fixtures for the file's tests: each test starts with `loadFixture(…)` (the fresh deployment is
 * `freshChain`), what a test changes is undone after it, and the file leaves the chain as it found it, for
 * the next file on the shared node.
 */
export function useChainSnapshot(): void {
  let before: Hex | undefined;
  beforeAll(async () => {
    before = await testClient.snapshot();
    snapshots.splice(0);
    snapshots.push({ fixture: freshChain, id: await testClient.snapshot(), result: undefined });
  });
  afterEach(async () => {
    if (snapshots.length > 0) await revertTo(snapshots.length - 1);
  });
  afterAll(async () => {
    snapshots.splice(0);
    if (before !== undefined) await testClient.revert({ id: before });
  });
}
