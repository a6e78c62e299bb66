/**
 * Read-path benchmark against a real `hardhat node` (started here on a free loopback port, deployed with the
 * local Ignition module and the local parameters, as test/setup/hardhatNode.ts does, and killed at the end):
 * listing every node with the SDK (packed registry pages) vs one `CommonsLens.node(id)` per node, and vs viem's
 * multicall of the same per-node reads through a locally deployed Multicall3. Nodes are attested by the dev
 * attester (signed here) and registered through BatchRegistrar. Requests are counted by a transport wrapper;
 * times are medians.
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import {
  createPublicClient,
  createWalletClient,
  encodeDeployData,
  encodeFunctionData,
  http,
  multicall3Abi,
  type Abi,
  type Address,
  type Hex,
  type Transport,
} from "viem";
import { hardhat } from "viem/chains";
import { commonsLensAbi, computeRegistryAbi, easAbi, hardwareAttestationsAbi } from "../src/abi/generated.js";
import { listNodes, NODES_PAGE_SIZE } from "../src/actions/registry/listNodes.js";
import { readGovernanceState } from "../src/actions/governance/readGovernanceState.js";
import { defineDeployment } from "../src/deployments.js";
import ComputeCommonsLocal from "../ignition/modules/ComputeCommonsLocal.js";
import { forgetNetworkInstance, ROOT, startHardhatNode, stopHardhatNode } from "../scripts/lib/hardhatNode.js";
import { attesterFor, DEV_ATTESTER, devKey, easDomain } from "./attest.js";
import { ETH_CALL_GAS_CAP, median, NODE_PATTERNS, TYPICAL_URI, type ReadEntry } from "./common.js";
import { BATCH_GAS, LOCAL, memoryMiBOf } from "./system.js";
import { multicall3Bytecode } from "../test/utils/multicall3.js";

/** Hardhat's runtime environment and the bench's ad-hoc contracts: loosely typed on purpose. */
type Any = any;

export type ReadOptions = {
  nodes: number;
  repetitions: number;
  /** Whether the timing goals count (not in the quick run). */
  assertTimings: boolean;
  log?: (message: string) => void;
};

export type ReadRun = {
  listAll: ReadEntry;
  stateRequests: number;
  /** Median wall time of readGovernanceState, in ms. */
  stateMs: number;
  typicalPageGas: number;
};

/** A transport that counts the JSON-RPC requests going through it (batched or not: viem's http is unbatched). */
function counting(inner: Transport): { transport: Transport; count: () => number; reset: () => void } {
  let n = 0;
  const transport: Transport = (options) => {
    const t = inner(options);
    return {
      ...t,
      request: (async (args: Parameters<typeof t.request>[0]) => {
        n += 1;
        return t.request(args);
      }) as typeof t.request,
    };
  };
  return { transport, count: () => n, reset: () => (n = 0) };
}

function artifact(name: string): { abi: Abi; bytecode: Hex } {
  const file = path.join(ROOT, "artifacts/contracts/anchors", `${name}.sol`, `${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as { abi: Abi; bytecode: Hex };
}

export async function measureReads(hre: Any, options: ReadOptions): Promise<ReadRun> {
  const log = options.log ?? (() => {});
  mkdirSync(path.join(ROOT, "test-output"), { recursive: true });
  const logFile = path.join(ROOT, "test-output/bench-hardhat-node.log");
  const { child, rpcUrl, port } = await startHardhatNode(logFile, log);
  const deploymentId = `bench-${port}`;
  const deploymentDir = path.join(ROOT, "ignition/deployments", deploymentId);
  const killOnExit = () => {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone
      }
    }
  };
  process.once("exit", killOnExit);
  try {
    log(`hardhat node at ${rpcUrl} (pid ${child.pid}); deploying with the Ignition module`);
    // Ignition in this process, over HTTP to the node (a `hardhat ignition deploy` child would build again).
    const conn = await hre.network.create({ network: "localhost", override: { url: rpcUrl } });
    const sys = await conn.ignition.deploy(ComputeCommonsLocal, {
      parameters: { ComputeCommons: LOCAL },
      deploymentId,
    });
    const deployment = defineDeployment({
      chainId: 31337,
      ...Object.fromEntries(Object.entries(sys).map(([k, v]) => [k, (v as { address: string }).address])),
    });

    const counter = counting(http(rpcUrl, { timeout: 120_000 }));
    const publicClient = createPublicClient({ chain: hardhat, transport: counter.transport });
    const [account] = (await publicClient.request({ method: "eth_accounts" } as never)) as Address[];
    const wallet = createWalletClient({ chain: hardhat, transport: http(rpcUrl), account: account! });
    const send = async (data: Hex, to?: Address) => {
      const hash = await wallet.sendTransaction({
        data,
        to: to ?? null,
        account: account!,
        chain: hardhat,
        gas: BATCH_GAS,
      });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
      return receipt;
    };

    // Nodes: the ten rig patterns in turn, each with a typical metadata URI, attested by the dev attester for
    // the BatchRegistrar (their recipient and owner) and registered in batches.
    log(`registering ${options.nodes} nodes`);
    const registrarArtifact = artifact("BatchRegistrar");
    const registrar = (await send(encodeDeployData({ ...registrarArtifact, args: [deployment.registry] })))
      .contractAddress!;
    await publicClient.request({
      method: "hardhat_setBalance",
      params: [registrar, "0x" + (10n ** 25n).toString(16)],
    } as never);
    const [version, schema] = await Promise.all([
      publicClient.readContract({ address: deployment.eas!, abi: easAbi, functionName: "version" }),
      publicClient.readContract({
        address: deployment.attestations,
        abi: hardwareAttestationsAbi,
        functionName: "schemaUID",
      }),
    ]);
    const attester = attesterFor(devKey(DEV_ATTESTER), easDomain(version, hardhat.id, deployment.eas!), schema);
    for (let have = 0; have < options.nodes;) {
      const n = Math.min(40, options.nodes - have);
      const now = (await publicClient.getBlock()).timestamp;
      const patterns = Array.from({ length: n }, (_, i) => NODE_PATTERNS[(have + i) % NODE_PATTERNS.length]!);
      const signed = await Promise.all(patterns.map((d, i) => attester.attest(registrar, d, `read-${have + i}`, now)));
      const data = encodeFunctionData({
        abi: registrarArtifact.abi,
        functionName: "registerMany",
        args: [
          signed.map((x) => x.attestation),
          signed[0]!.attester,
          signed.map((x) => x.signature),
          patterns.map(memoryMiBOf),
          TYPICAL_URI,
        ],
      });
      await send(data, registrar);
      have += n;
    }
    const multicallAddress = (await send(multicall3Bytecode())).contractAddress!;

    const ctx = { ...publicClient, deployment };
    const ids = Array.from({ length: options.nodes }, (_, i) => BigInt(i + 1));
    const contracts = ids.map(
      (id) => ({ address: deployment.lens, abi: commonsLensAbi, functionName: "node", args: [id] }) as const,
    );

    const ways = {
      ours: () => listNodes(ctx),
      naive: async () => {
        const out = [];
        for (const id of ids)
          out.push(
            await publicClient.readContract({
              address: deployment.lens,
              abi: commonsLensAbi,
              functionName: "node",
              args: [id],
            }),
          );
        return out;
      },
      multicall: () => publicClient.multicall({ contracts, multicallAddress, allowFailure: false }),
    };
    const times: Record<keyof typeof ways, number[]> = { ours: [], naive: [], multicall: [] };
    const requests: Record<keyof typeof ways, number> = { ours: 0, naive: 0, multicall: 0 };
    // One warm-up round, then the repetitions, interleaved so that drift hits all three alike.
    for (let rep = -1; rep < options.repetitions; rep++) {
      for (const key of Object.keys(ways) as (keyof typeof ways)[]) {
        counter.reset();
        const t0 = performance.now();
        const result = await ways[key]();
        const ms = performance.now() - t0;
        if (result.length !== options.nodes)
          throw new Error(`${key} returned ${result.length} nodes, not ${options.nodes}`);
        if (rep >= 0) times[key].push(ms);
        requests[key] = counter.count();
      }
      log(`round ${rep < 0 ? "warm-up" : rep + 1}: ours ${times.ours.at(-1)?.toFixed(0) ?? "-"} ms`);
    }
    // The lists agree.
    const [a, b] = await Promise.all([ways.ours(), ways.naive()]);
    for (let i = 0; i < a.length; i++) {
      const [x, y] = [a[i]!, b[i]!];
      if (x.id !== y.id || x.memoryMiB !== Number(y.memoryMiB) || x.metadataURI !== y.metadataURI) {
        throw new Error(`listNodes and CommonsLens.node disagree at node ${i + 1}`);
      }
    }

    counter.reset();
    await readGovernanceState(ctx);
    const stateRequests = counter.count();
    const stateTimes: number[] = [];
    for (let rep = 0; rep < options.repetitions; rep++) {
      const t0 = performance.now();
      await readGovernanceState(ctx);
      stateTimes.push(performance.now() - t0);
    }
    const stateMs = Math.round(median(stateTimes) * 10) / 10;

    const pageData = encodeFunctionData({
      abi: computeRegistryAbi,
      functionName: "packedNodes",
      args: [0n, BigInt(NODES_PAGE_SIZE)],
    });
    const typicalPageGas = Number(
      await publicClient.estimateGas({ account: account!, to: deployment.registry, data: pageData }),
    );

    const oursMs = median(times.ours);
    const naiveMs = median(times.naive);
    const multicallMs = median(times.multicall);
    const expectedRequests = Math.max(1, Math.ceil(options.nodes / NODES_PAGE_SIZE));
    const ratioNaive = Math.round((naiveMs / oursMs) * 10) / 10;
    const ratioMulticall = Math.round((multicallMs / oursMs) * 10) / 10;
    const countsMet = requests.ours === expectedRequests && stateRequests === 1;
    return {
      listAll: {
        n: options.nodes,
        pageSize: NODES_PAGE_SIZE,
        oursMs: Math.round(oursMs * 10) / 10,
        naiveMs: Math.round(naiveMs * 10) / 10,
        multicallMs: Math.round(multicallMs * 10) / 10,
        ratioNaive,
        ratioMulticall,
        requests: requests.ours,
        expectedRequests,
        naiveRequests: requests.naive,
        multicallRequests: requests.multicall,
        goal: `>= 13x naive, >= 2x multicall, ${expectedRequests} requests`,
        met: options.assertTimings ? countsMet && ratioNaive >= 13 && ratioMulticall >= 2 : null,
      },
      stateRequests,
      stateMs,
      typicalPageGas,
    };
  } finally {
    await stopHardhatNode(child);
    process.removeListener("exit", killOnExit);
    rmSync(deploymentDir, { recursive: true, force: true });
    forgetNetworkInstance(deploymentId);
  }
}

export { ETH_CALL_GAS_CAP };
