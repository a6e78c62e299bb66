/**
 * One deployment of the system on a fresh in-process network connection, as the tests deploy it: the local
 * Ignition module (EAS from its npm package's artifacts, then the system) with ignition/parameters/local.json,
 * optionally with other attesters. Around it, what every benchmark needs: a clock of its own (every block's
 * timestamp is set, so that figures do not depend on the wall clock), transactions measured in execution gas,
 * attested registrations, owners beyond the dev accounts, and a BatchRegistrar that fills the registry.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodeFunctionData, getAddress, keccak256, numberToHex, toHex, type Address, type Hex } from "viem";
import ComputeCommonsLocal from "../ignition/modules/ComputeCommonsLocal.js";
import { SEED_DEVICES } from "../ignition/modules/seedDevices.js";
import type { DeviceLine, SignedAttestation } from "../src/types.js";
import { attesterFor, DEV_ATTESTER, devKey, easDomain, memoryOf, type Attester } from "./attest.js";
import { executionGas } from "./common.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const LOCAL = (
  JSON.parse(readFileSync(path.join(ROOT, "ignition/parameters/local.json"), "utf8")) as {
    ComputeCommons: Record<string, number> & { attesters: string[] };
  }
).ComputeCommons;

/** Hardhat's runtime environment and contracts deployed by name (the anchors have no generated ABIs): loosely typed. */
type Any = any;

/** Where every bench clock starts (well after any wall-clock time a deployment's blocks got). */
const T0 = 4_000_000_000n;
/** The per-transaction gas cap (EIP-7825), under which batches are sized. */
export const BATCH_GAS = 16_700_000n;

const SKU_MEMORY_MIB = SEED_DEVICES.map((d) => d.memoryMiB);
export const memoryMiBOf = (devices: readonly DeviceLine[]) => memoryOf(devices, SKU_MEMORY_MIB);

export type System = Awaited<ReturnType<typeof deploySystem>>;

/**
 * Deploys the system on a new connection to `network` (default the in-process `hardhat`). `attesters`: dev
 * account indexes of the attesters (default local.json's, the dev attester 9).
 */
export async function deploySystem(hre: Any, { network, attesters }: { network?: string; attesters?: number[] } = {}) {
  const conn = await hre.network.create(network === undefined ? undefined : { network });
  const { viem, ignition, networkHelpers } = conn;
  const pc = await viem.getPublicClient();
  const wallets: Any[] = await viem.getWalletClients();
  const deployer = wallets[0];
  const attesterIndexes = attesters ?? [DEV_ATTESTER];
  const parameters = { ...LOCAL, attesters: attesterIndexes.map((i) => devKey(i).address) };
  const sys: Any = await ignition.deploy(ComputeCommonsLocal, { parameters: { ComputeCommons: parameters } });

  // From here on the bench sets every block's timestamp: `clock` is the chain's time.
  let clock = T0;
  await networkHelpers.time.increaseTo(clock);
  const tick = async () => {
    clock += 1n;
    await networkHelpers.time.setNextBlockTimestamp(clock);
  };
  /** Moves the clock `seconds` on (the next transaction's block is one second after that). */
  const advance = async (seconds: bigint | number) => {
    clock += BigInt(seconds);
  };
  /** Mines a block at the clock, so that reads see it. */
  const mine = async () => {
    await tick();
    await networkHelpers.mine();
  };

  /** Execution gas of a transaction sent by `send` in a block of its own; throws when it reverted. */
  async function txGas(send: () => Promise<Hex>): Promise<number> {
    await tick();
    const hash = await send();
    const receipt = await pc.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
    const tx = await pc.getTransaction({ hash });
    return Number(executionGas(receipt.gasUsed, tx.input));
  }
  const wait = async (send: () => Promise<Hex>) => {
    await txGas(send);
  };
  /** Execution gas of an eth_call at the clock, by eth_estimateGas. */
  async function callGas(to: Address, data: Hex): Promise<number> {
    const estimate = await pc.estimateGas({ account: deployer.account.address, to, data });
    return Number(executionGas(estimate, data));
  }
  /** Deploys a contract by name in a block at the clock. */
  async function deploy(name: string, args: unknown[]): Promise<Any> {
    await tick();
    return viem.deployContract(name, args);
  }

  const [version, schema]: [string, Hex] = await Promise.all([
    sys.eas.read.version(),
    sys.attestations.read.schemaUID(),
  ]);
  const domain = easDomain(version, await pc.getChainId(), sys.eas.address);
  const attesterOf = new Map<number, Attester>(attesterIndexes.map((i) => [i, attesterFor(devKey(i), domain, schema)]));
  /** Signs an attestation of `devices` (those of `rig`) for `recipient`, dated now, by dev attester `by`. */
  const attest = (
    recipient: Address,
    devices: readonly DeviceLine[],
    rig: string,
    { by = attesterIndexes[0]!, lifetime }: { by?: number; lifetime?: bigint } = {},
  ): Promise<SignedAttestation> => attesterOf.get(by)!.attest(recipient, devices, rig, clock + 1n, lifetime);

  const bondFor = (devices: readonly DeviceLine[]): Promise<bigint> =>
    sys.registry.read.bondFor([memoryMiBOf(devices)]);

  /** Registers an attested node for `owner` (a wallet client); returns its id and the execution gas. */
  async function register(
    owner: Any,
    devices: readonly DeviceLine[],
    rig: string,
    { uri = "", lifetime }: { uri?: string; lifetime?: bigint } = {},
  ): Promise<{ nodeId: bigint; gas: number; signed: SignedAttestation }> {
    const recipient = getAddress(owner.account.address);
    const signed = await attest(recipient, devices, rig, lifetime === undefined ? {} : { lifetime });
    const value = await bondFor(devices);
    const gas = await txGas(() =>
      sys.registry.write.registerNode([signed.attestation, signed.attester, signed.signature, uri], {
        account: owner.account,
        value,
      }),
    );
    return { nodeId: await sys.registry.read.nodeCount(), gas, signed };
  }
  const warmup = async () => advance((await sys.registry.read.warmup()) + 1n);
  const activate = (nodeId: bigint) => txGas(() => sys.registry.write.activate([nodeId]));

  /**
   * A proposal open for votes: `proposer` (a wallet client whose vote is active) proposes a setThresholds
   * after the classifier's rate limit, and the clock moves past the voting delay. Returns the proposal id.
   */
  async function openProposal(proposer: Any, description = "Raise Small to 80B parameters"): Promise<bigint> {
    await advance(LOCAL.minChangeInterval);
    const targets = [sys.classifier.address as Address];
    const calldatas = [
      encodeFunctionData({
        abi: sys.classifier.abi,
        functionName: "setThresholds",
        args: [80_000_000_000n, 10n ** 25n],
      }),
    ];
    await wait(() =>
      sys.governor.write.propose([targets, [0n], calldatas, description], { account: proposer.account }),
    );
    const id: bigint = await sys.governor.read.getProposalId([targets, [0n], calldatas, keccak256(toHex(description))]);
    await advance(LOCAL.votingDelay + 1);
    return id;
  }
  /** The hash of the latest block's (first) transaction: the one `txGas` just measured. */
  const lastTransaction = async (): Promise<Hex> =>
    ((await pc.getBlock({ includeTransactions: false })).transactions as Hex[])[0]!;

  let synthetic = 0;
  /** A funded owner beyond the dev accounts (an impersonated address), as a wallet client. */
  async function owner(): Promise<Any> {
    const address = getAddress(numberToHex(0xbe0c0000n + BigInt(++synthetic), { size: 20 }));
    await networkHelpers.impersonateAccount(address);
    await networkHelpers.setBalance(address, 10n ** 22n);
    return viem.getWalletClient(address);
  }

  /** A BatchRegistrar for this registry, funded for many bonds. */
  async function registrar(): Promise<Any> {
    const batch: Any = await deploy("BatchRegistrar", [sys.registry.address]);
    await networkHelpers.setBalance(batch.address, 10n ** 25n);
    return batch;
  }
  /**
   * Registers nodes through `batch` until the registry holds `to` (node i has pattern i mod patterns), in
   * batches of `size`, then activates them after the warm-up.
   */
  async function fill(batch: Any, patterns: readonly (readonly DeviceLine[])[], uri: string, to: number, size: number) {
    const from = Number(await sys.registry.read.nodeCount());
    for (let have = from; have < to;) {
      const n = Math.min(size, to - have);
      const signed: SignedAttestation[] = [];
      const memory: bigint[] = [];
      for (let i = have; i < have + n; i++) {
        const devices = patterns[i % patterns.length]!;
        signed.push(await attest(batch.address, devices, `batch-${i}`));
        memory.push(memoryMiBOf(devices));
      }
      const args = [signed.map((s) => s.attestation), signed[0]!.attester, signed.map((s) => s.signature), memory, uri];
      // An explicit limit: estimating would run the batch again.
      await wait(() => batch.write.registerMany(args, { gas: BATCH_GAS }));
      have += n;
    }
    await warmup();
    for (let id = from + 1; id <= to; id += 150) {
      const n = Math.min(150, to - id + 1);
      await wait(() => batch.write.activateMany([BigInt(id), BigInt(n)], { gas: BATCH_GAS }));
    }
  }

  return {
    conn,
    viem,
    networkHelpers,
    pc,
    wallets,
    deployer,
    sys,
    now: () => clock,
    advance,
    mine,
    txGas,
    wait,
    callGas,
    deploy,
    attest,
    bondFor,
    register,
    warmup,
    activate,
    openProposal,
    lastTransaction,
    owner,
    registrar,
    fill,
    close: async () => conn.close?.(),
  };
}
