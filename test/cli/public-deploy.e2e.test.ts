/**
 * `commons deploy` to a public network, simulated: a `hardhat node` with Base Sepolia's chain id (84532) and
 * the OP chain type, on which the CLI and the SDK behave as on the real one (no dev accounts by index, the
 * public Ignition module on a canonical EAS, the network's parameter file). EAS is deployed there first from
 * its package's artifacts, standing in for the canonical one (passed with --eas). Refusals send nothing; the
 * deployment gets the public timings of base-sepolia.json and the attester named on the command line, who
 * attests a rig that then registers. Then the deployment is published the way a real one is: its id listed,
 * scripts/gen-addresses.ts run (into test-output/, not src/abi/), and the generated per-chain maps imported.
 */
import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  toHex,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import baseSepolia from "../../ignition/parameters/base-sepolia.json" with { type: "json" };
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { forgetNetworkInstance, ROOT, startHardhatNode, stopHardhatNode } from "../../scripts/lib/hardhatNode.js";
import { computeRegistryAbi } from "../../src/abi/generated.js";
import { DEV_MNEMONIC } from "../../src/connection.js";
import { publishedDeployment } from "../../src/deployments.js";
import { loadDeployment } from "../../src/node.js";
import { run, runFailing } from "../utils/run.js";
import { attestWithCli, commons, expectFailure, parsed, type Run } from "./helpers.js";

const CHAIN_ID = 84532;
const chain = defineChain({
  id: CHAIN_ID,
  name: "Base Sepolia (simulated)",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [] } },
});
const account = (index: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
const keyOf = (index: number) => toHex(account(index).getHdKey().privateKey!);
const require = createRequire(import.meta.url);
const artifact = (name: string) =>
  require(`@ethereum-attestation-service/eas-contracts/artifacts/contracts/${name}.sol/${name}.json`) as {
    abi: Abi;
    bytecode: Hex;
  };

describe("commons deploy on a public network (Base Sepolia, simulated)", () => {
  let node: { child: ChildProcess; rpcUrl: string };
  let eas: Address;
  let deploymentId: string;
  const created: string[] = [];

  /** `commons` on the simulated network, signing (when it signs) with dev account `signer`'s key. */
  const onPublic = (args: string[], signer = 0): Promise<Run> =>
    commons([...args, "--rpc-url", node.rpcUrl], { COMMONS_PRIVATE_KEY: keyOf(signer) });
  const blockNumber = () => createPublicClient({ transport: http(node.rpcUrl) }).getBlockNumber({ cacheTime: 0 });

  beforeAll(async () => {
    node = await startHardhatNode(path.join(ROOT, "test-output/hardhat-node-base-sepolia.log"), () => {}, {
      chainId: CHAIN_ID,
      chainType: "op",
    });
    deploymentId = `base-sepolia-${new URL(node.rpcUrl).port}`;
    created.push(deploymentId);
    // The stand-in for the canonical EAS: SchemaRegistry and EAS from the package's artifacts.
    const wallet = createWalletClient({ account: account(0), transport: http(node.rpcUrl), chain });
    const reader = createPublicClient({ transport: http(node.rpcUrl) });
    const deploy = async (name: string, args: unknown[]) => {
      const { abi, bytecode } = artifact(name);
      const hash = await wallet.deployContract({ abi, bytecode, args, chain });
      return (await reader.waitForTransactionReceipt({ hash })).contractAddress!;
    };
    eas = await deploy("EAS", [await deploy("SchemaRegistry", [])]);
  });

  afterAll(async () => {
    if (node) await stopHardhatNode(node.child);
    for (const id of created) {
      rmSync(path.join(ROOT, "ignition/deployments", id), { recursive: true, force: true });
      forgetNetworkInstance(id);
    }
  });

  it("should refuse before sending: dev accounts by index, no --yes, no attester", async () => {
    const before = await blockNumber();
    const common = ["deploy", "--deployment-id", deploymentId, "--eas", eas];
    expectFailure(
      await commons([...common, "--rpc-url", node.rpcUrl, "--account", "0"]),
      1,
      /--account uses the public dev mnemonic and is only allowed on local chains \(31337, 1337\); this is chain 84532/,
    );
    expectFailure(await onPublic(common), 1, /chain 84532 is not a local chain: deploying spends real ETH; pass --yes/);
    expectFailure(
      await onPublic([...common, "--yes"]),
      1,
      /chain 84532 needs at least one attester: pass --attester <address>/,
    );
    expectFailure(
      await onPublic([...common, "--attester", "0x1234", "--yes"]),
      1,
      /--attester "0x1234" is not an address/,
    );
    expect(await blockNumber(), "nothing was sent").toBe(before);
  });

  it("should deploy the public module with the network's timings and the named attester, who attests a rig", async () => {
    const attester = account(9).address;
    const deployed = await onPublic([
      "deploy",
      "--deployment-id",
      deploymentId,
      "--eas",
      eas,
      "--attester",
      attester,
      "--yes",
      "--json",
    ]);
    const out = parsed(deployed, "deploy");
    expect(deployed.stderr).toContain(
      `add "${deploymentId}" to ignition/published-deployments.json's deploymentIds, then run npm run gen:addresses`,
    );
    expect(out.chainId).toBe(CHAIN_ID);
    const addresses = JSON.parse(
      readFileSync(path.join(ROOT, "ignition/deployments", deploymentId, "deployed_addresses.json"), "utf8"),
    );
    expect(addresses["ComputeCommons#EAS"], "the public module deploys no EAS of its own").toBeUndefined();

    const at = ["--deployment", `ignition/deployments/${deploymentId}`];
    const status = parsed(await onPublic(["status", ...at, "--json"]), "status");
    expect(status.governor).toMatchObject({
      votingDelay: String(baseSepolia.ComputeCommons.votingDelay),
      votingPeriod: String(baseSepolia.ComputeCommons.votingPeriod),
    });
    expect(parsed(await onPublic(["attesters", ...at, "--json"]), "attesters").map((a: any) => a.address)).toEqual([
      attester,
    ]);

    const onDeployment = (signer: number) => (args: string[]) => onPublic([...args, ...at], signer);
    const file = await attestWithCli(onDeployment(9), account(1).address, [`${SEED_SKU.RTX_4090}`], { byIndex: false });
    const registered = parsed(
      await onPublic(["node", "register", "--attestation", file, ...at, "--json"], 1),
      "register",
    );
    expect(registered.owner).toBe(account(1).address);
  });

  it("should publish the deployment in generated per-chain address maps, as the SDK resolves it", async () => {
    const dir = path.join(ROOT, "test-output", `maps-${deploymentId}`);
    mkdirSync(dir, { recursive: true });
    const list = path.join(dir, "published-deployments.json");
    const out = path.join(dir, "addresses.ts");
    const generate = (ids: string[]) => {
      writeFileSync(list, JSON.stringify({ deploymentIds: ids }));
      const args = [
        "--import",
        "./scripts/lib/source-hooks.js",
        "scripts/gen-addresses.ts",
        "--list",
        list,
        "--out",
        out,
      ];
      return [process.execPath, args, ROOT] as const;
    };
    try {
      const refused = await runFailing(...generate(["no-such-deployment"]));
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr.trim()).toMatch(/^gen-addresses: deployment no-such-deployment: .* has no journal\.jsonl/);

      await run(...generate([deploymentId]));
      const maps = await import(out);
      const resolved = loadDeployment({ chainId: CHAIN_ID, deploymentId });
      expect(resolved.deployBlock).toBeGreaterThan(0);
      expect(Object.keys(maps.commonsDeployments)).toEqual([String(CHAIN_ID)]);
      expect(maps.commonsDeployments[CHAIN_ID]).toEqual(resolved);
      expect(publishedDeployment(CHAIN_ID, maps.commonsDeployments)).toEqual(resolved);
      expect(maps.computeRegistryAddress).toEqual({ [CHAIN_ID]: resolved.registry });
      expect(maps.computeGovernorAddress).toEqual({ [CHAIN_ID]: resolved.governor });
      expect(maps.timelockControllerAddress).toEqual({ [CHAIN_ID]: resolved.timelock });
      expect(maps.computeRegistryConfig).toEqual({
        address: { [CHAIN_ID]: resolved.registry },
        abi: computeRegistryAbi,
      });
      // The deployment block is the chain's: the catalog has no code before it, and has it from then on.
      const reader = createPublicClient({ transport: http(node.rpcUrl) });
      const at = (block: number) => reader.getCode({ address: resolved.catalog, blockNumber: BigInt(block) });
      expect(await at(resolved.deployBlock! - 1)).toBeUndefined();
      expect(await at(Number(await blockNumber()))).toMatch(/^0x[0-9a-f]+$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
