/** SDK clients for the run's hardhat node, with a transport that counts JSON-RPC requests; attested nodes. */
import { createPublicClient, createWalletClient, encodeFunctionData, http } from "viem";
import { hardhat } from "viem/chains";
import localParameters from "../../ignition/parameters/local.json" with { type: "json" };
import { hardwareAttestationsAbi } from "../../src/abi/generated.js";
import {
  commonsPublicActions,
  commonsWalletActions,
  createCommonsClient,
  devDeviceIds,
  type DeviceLine,
} from "../../src/index.js";
import { advanceTime, advanceTo, commonsContracts, deployment, devAccount, rpcUrl } from "../utils/chain.js";

/** An http transport that counts the HTTP requests it sends (batched or not, one POST is one request). */
export function countingTransport() {
  const counter = { requests: 0, methods: [] as string[], calls: [] as { method: string; params: unknown[] }[] };
  const transport = http(rpcUrl, {
    onFetchRequest: async (request) => {
      counter.requests += 1;
      const body = JSON.parse(await request.clone().text());
      for (const call of Array.isArray(body) ? body : [body]) {
        counter.methods.push(call.method);
        counter.calls.push({ method: call.method, params: call.params ?? [] });
      }
    },
  });
  return { transport, counter };
}

/** A public client with the SDK's reads, whose requests are counted. */
export function countedReader() {
  const { transport, counter } = countingTransport();
  const commons = createPublicClient({ chain: hardhat, transport, pollingInterval: 50 }).extend(
    commonsPublicActions(deployment),
  );
  return { commons, counter };
}

/** A wallet client with the SDK's reads and writes, signing as dev account `index`, its requests counted. */
export function countedWriter(index: number) {
  const { transport, counter } = countingTransport();
  const commons = createWalletClient({ account: devAccount(index), chain: hardhat, transport, pollingInterval: 50 })
    .extend(commonsPublicActions(deployment))
    .extend(commonsWalletActions(deployment));
  return { commons, counter };
}

/** The SDK's client (`createCommonsClient`), signing as dev account `index`. */
export function commonsFor(index: number) {
  return createCommonsClient({
    chain: hardhat,
    transport: http(rpcUrl),
    account: devAccount(index),
    deployment,
    pollingInterval: 50,
  });
}

/** The dev attester of `ignition/parameters/local.json`: dev account 9, the one attester of a fresh deployment. */
export const DEV_ATTESTER = 9;
if (devAccount(DEV_ATTESTER).address !== localParameters.ComputeCommons.attesters[0]) {
  throw new Error("local.json's attester is not dev account 9");
}

let rigs = 0;

/**
 * An attestation of `devices` for dev account `owner`, signed by dev account `attester` (default the dev
 * attester), with the development device ids of `rig` (default a new rig each call, so ids never collide).
 */
export async function attestFor(
  owner: number,
  devices: readonly DeviceLine[],
  {
    rig = `rig-${++rigs}`,
    attester = DEV_ATTESTER,
    expiresIn,
  }: { rig?: string; attester?: number; expiresIn?: bigint } = {},
) {
  const recipient = devAccount(owner).address;
  return commonsFor(attester).createHardwareAttestation({
    recipient,
    devices,
    deviceIds: devDeviceIds({ owner: recipient, devices, rig }),
    ...(expiresIn === undefined ? {} : { expiresIn }),
  });
}

/** Registers a node for dev account `owner` from the dev attester's attestation of `devices`: Pending. */
export async function registerAttested(
  owner: number,
  devices: readonly DeviceLine[],
  { rig, metadataURI }: { rig?: string; metadataURI?: string } = {},
) {
  const signed = await attestFor(owner, devices, rig === undefined ? {} : { rig });
  return commonsFor(owner).registerNode({ ...signed, ...(metadataURI === undefined ? {} : { metadataURI }) });
}

/** Waits out the warm-up (moving the clock) and activates the nodes (anyone may: dev account 0 does). */
export async function activateAll(nodeIds: readonly bigint[]): Promise<void> {
  await advanceTime((await commonsContracts().registry.read.warmup()) + 1n);
  const keeper = commonsFor(0);
  for (const nodeId of nodeIds) await keeper.activateNode({ nodeId });
}

/** Registers attested nodes (owner and devices each) and activates them after the warm-up: Active, voting. */
export async function registerActive(rigsToRegister: readonly { owner: number; devices: readonly DeviceLine[] }[]) {
  const ids: bigint[] = [];
  for (const { owner, devices } of rigsToRegister) ids.push((await registerAttested(owner, devices)).nodeId);
  await activateAll(ids);
  return ids;
}

/** Votes `proposal` through: the voters vote for after the voting delay, then it is queued after the period. */
export async function passAndQueue(proposal: bigint, voters: readonly number[]): Promise<void> {
  const reader = commonsFor(0);
  await advanceTo((await reader.getProposal({ proposal })).snapshot + 1n);
  for (const voter of voters) await commonsFor(voter).castVote({ proposal, support: "for" });
  await advanceTo((await reader.getProposal({ proposal })).deadline + 1n);
  await reader.queueProposal({ proposal });
}

/** Executes a queued proposal once its timelock delay is over. */
export async function executeWhenReady(proposal: bigint): Promise<void> {
  const reader = commonsFor(0);
  await advanceTo((await reader.getProposal({ proposal })).eta + 1n);
  await reader.executeProposal({ proposal });
}

/** A governed change to the attester set: proposed by `proposer`, passed by `voters`, executed. */
export async function changeAttesters(
  change: "addAttester" | "removeAttester",
  attester: number,
  proposer: number,
  voters: readonly number[],
): Promise<bigint> {
  const data = encodeFunctionData({
    abi: hardwareAttestationsAbi,
    functionName: change,
    args: [devAccount(attester).address],
  });
  const { proposalId } = await commonsFor(proposer).propose({
    actions: [{ target: deployment.attestations, data }],
    description: `${change} ${devAccount(attester).address}`,
  });
  await passAndQueue(proposalId, voters);
  await executeWhenReady(proposalId);
  return proposalId;
}
