/**
 * `commons deploy --verify`, offline: a simulated public chain (a `hardhat node` with Base Sepolia's chain id
 * and the OP chain type, EAS from its package's artifacts standing in for the canonical one) and a loopback
 * stub of Etherscan's, Blockscout's and Sourcify's APIs (test/cli/verifyFixtures.ts) that records what
 * hardhat-verify sends. Each contract the deployment made (not EAS) is submitted once per explorer with our
 * compiler version, its fully qualified name and the standard JSON input holding its source; the code on
 * chain is the build's, immutables aside. Local chains refuse --verify; a failing explorer or a missing
 * Etherscan key exit 2 with one error line, the key never printed.
 */
import type { ChildProcess } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createPublicClient, http, toHex, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { forgetNetworkInstance, ROOT, startHardhatNode, stopHardhatNode } from "../../scripts/lib/hardhatNode.js";
import { DEV_MNEMONIC } from "../../src/connection.js";
import {
  buildInfo,
  buildOutput,
  deployEas,
  maskImmutables,
  ownArtifact,
  startExplorerStub,
  type ExplorerStub,
  type StubRequest,
} from "./verifyFixtures.js";
import { commons, expectFailure, parsed, type Run } from "./helpers.js";

const CHAIN_ID = 84532;
const ETHERSCAN_KEY = "stub-etherscan-key-6d1f0c";
const ATTESTER = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 9 }).address;
const devKey = toHex(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 0 }).getHdKey().privateKey!);

describe("commons deploy --verify (simulated Base Sepolia, loopback explorers)", () => {
  let node: { child: ChildProcess; rpcUrl: string };
  let stub: ExplorerStub;
  let eas: Address;
  let deploymentId: string;
  let addresses: Record<string, Address>;

  /** `commons deploy --verify` on the simulated chain, the explorers pointed at the stub. */
  const deployVerified = (extra: string[], env: Record<string, string> = {}): Promise<Run> =>
    commons(
      [
        "deploy",
        ...["--deployment-id", deploymentId, "--eas", eas, "--attester", ATTESTER, "--yes", "--verify"],
        ...extra,
        ...["--rpc-url", node.rpcUrl],
      ],
      {
        COMMONS_PRIVATE_KEY: devKey,
        ETHERSCAN_API_KEY: ETHERSCAN_KEY,
        COMMONS_ETHERSCAN_API_URL: `${stub.url}/etherscan/api`,
        COMMONS_BLOCKSCOUT_API_URL: `${stub.url}/blockscout/api`,
        COMMONS_SOURCIFY_URL: `${stub.url}/sourcify`,
        ...env,
      },
    );
  const submissions = (explorer: StubRequest["explorer"]) =>
    stub.requests.filter(
      (r) =>
        r.explorer === explorer &&
        (explorer === "sourcify" ? r.method === "POST" : r.query.action === "verifysourcecode"),
    );

  beforeAll(async () => {
    stub = await startExplorerStub();
    node = await startHardhatNode(path.join(ROOT, "test-output/hardhat-node-verify.log"), () => {}, {
      chainId: CHAIN_ID,
      chainType: "op",
    });
    deploymentId = `verify-${new URL(node.rpcUrl).port}`;
    eas = await deployEas(node.rpcUrl, CHAIN_ID);
  });

  afterAll(async () => {
    if (node) await stopHardhatNode(node.child);
    if (stub) {
      await stub.close();
      // What the explorers were sent (standard JSON inputs cut short), for a look when a test fails.
      const short = (v: unknown) => (typeof v === "string" && v.length > 200 ? `${v.slice(0, 200)}…` : v);
      const requests = stub.requests.map((r) => ({
        ...r,
        body:
          r.body &&
          Object.fromEntries(
            Object.entries(r.body).map(([k, v]) => [k, short(typeof v === "string" ? v : JSON.stringify(v))]),
          ),
      }));
      writeFileSync(path.join(ROOT, "test-output/verify-stub-requests.json"), JSON.stringify(requests, null, 2));
    }
    if (deploymentId) {
      rmSync(path.join(ROOT, "ignition/deployments", deploymentId), { recursive: true, force: true });
      forgetNetworkInstance(deploymentId);
    }
  });

  it("should refuse --verify on a local chain, and unknown explorers, before sending anything", async () => {
    const local = ["deploy", "--rpc-url", inject("rpcUrl"), "--account", "0", "--deployment-id", "never"];
    expectFailure(
      await commons([...local, "--verify"]),
      1,
      /--verify is for public chains: chain 31337 is a local one, with no explorer to verify on/,
    );
    expectFailure(await commons([...local, "--verifier", "sourcify"]), 1, /--verifier goes with --verify/);
    expectFailure(
      await commons([...local, "--verify", "--verifier", "polygonscan"]),
      1,
      /--verifier "polygonscan" is not one of etherscan, blockscout, sourcify/,
    );
    expect(stub.requests).toEqual([]);
  });

  it("should deploy, then submit every contract it deployed to each explorer with our compiler and sources", async () => {
    const run = await deployVerified(["--json"]);
    const out = parsed(run, "deploy --verify");
    addresses = JSON.parse(
      readFileSync(path.join(ROOT, "ignition/deployments", deploymentId, "deployed_addresses.json"), "utf8"),
    ) as Record<string, Address>;
    const ours = Object.values(addresses).map((a) => a.toLowerCase());
    expect(ours).not.toContain(eas.toLowerCase());
    expect(ours.length).toBeGreaterThanOrEqual(9);

    // The CLI's results: every contract verified on all three explorers, one line per contract.
    expect(out.verification).toHaveLength(ours.length * 3);
    expect(out.verification.every((r: any) => r.ok)).toBe(true);
    const lines = run.stderr.split("\n").filter((l) => l.startsWith("✓ verified "));
    expect(lines, run.stderr).toHaveLength(ours.length);
    for (const line of lines)
      expect(line).toMatch(/^✓ verified \w+ at 0x[0-9a-fA-F]{40} on etherscan, blockscout, sourcify$/);

    for (const explorer of ["etherscan", "blockscout"] as const) {
      const sent = submissions(explorer);
      expect(sent.map((r) => r.body!.contractaddress.toLowerCase()).sort(), explorer).toEqual([...ours].sort());
      for (const r of sent) {
        expect(r.query.module).toBe("contract");
        // Etherscan's API v2 is one URL for every chain: the chain and the key go in the query. Blockscout's API is
        // the chain's own, and needs no key.
        if (explorer === "etherscan")
          expect(r.query).toMatchObject({ chainid: String(CHAIN_ID), apikey: ETHERSCAN_KEY });
        else expect(r.query).toEqual({ module: "contract", action: "verifysourcecode" });
        expect(r.body!.codeformat).toBe("solidity-standard-json-input");
        const [source, name] = (r.body!.contractname as string).split(":") as [string, string];
        // hardhat-verify sends the build's input source name: project/contracts/… (ours) or npm/… (OpenZeppelin's).
        expect(source).toMatch(/^(project\/contracts\/.+\.sol|npm\/@openzeppelin\/contracts@[\d.]+\/.+\.sol)$/);
        const artifact = ownArtifact(source, name);
        expect(artifact.contractName).toBe(name);
        const { solcLongVersion } = buildInfo(artifact.buildInfoId);
        expect(solcLongVersion).toMatch(/^0\.8\.37\+commit\.[0-9a-f]{8}$/);
        expect(r.body!.compilerversion).toBe(`v${solcLongVersion}`);
        const input = JSON.parse(r.body!.sourceCode as string);
        expect(input.language).toBe("Solidity");
        // The build's own settings: 200 runs, the registry 100 (hardhat.config.ts overrides it to fit EIP-170).
        expect(input.settings.optimizer).toEqual(buildInfo(artifact.buildInfoId).input.settings.optimizer);
        expect(input.settings.optimizer).toEqual({ enabled: true, runs: name === "ComputeRegistry" ? 100 : 200 });
        expect(input.settings.evmVersion).toBe("cancun");
        const onDisk = source.startsWith("project/")
          ? readFileSync(path.join(ROOT, artifact.sourceName), "utf8")
          : buildInfo(artifact.buildInfoId).input.sources[source]!.content;
        expect(input.sources[source].content).toBe(onDisk);
      }
      // Each one asked first whether it was verified, and polled its GUID once.
      const actions = stub.requests.filter((r) => r.explorer === explorer).map((r) => r.query.action);
      expect(actions.filter((a) => a === "getsourcecode")).toHaveLength(ours.length);
      expect(actions.filter((a) => a === "checkverifystatus")).toHaveLength(ours.length);
    }

    const sourcify = submissions("sourcify");
    expect(sourcify.map((r) => r.path.split("/")[4]!.toLowerCase()).sort()).toEqual([...ours].sort());
    for (const r of sourcify) {
      expect(r.path).toMatch(new RegExp(`^/v2/verify/${CHAIN_ID}/0x[0-9a-fA-F]{40}$`));
      expect(r.body!.compilerVersion).toMatch(/^v0\.8\.37\+commit\.[0-9a-f]{8}$/);
      expect(r.body!.contractIdentifier).toMatch(/^(project|npm)\/.+\.sol:\w+$/);
      expect(r.body!.creationTransactionHash).toMatch(/^0x[0-9a-f]{64}$/);
      const [source] = (r.body!.contractIdentifier as string).split(":") as [string];
      expect(Object.keys(r.body!.stdJsonInput.sources)).toContain(source);
    }

    const printed = `${run.stdout}\n${run.stderr}`;
    expect(printed).not.toContain(ETHERSCAN_KEY);
    expect(printed).not.toContain(devKey.slice(2));
  });

  it("should hold the build's runtime bytecode at every deployed address, immutables aside", async () => {
    const client = createPublicClient({ transport: http(node.rpcUrl) });
    const fqns = new Map(
      submissions("etherscan").map((r) => [r.body!.contractaddress.toLowerCase(), r.body!.contractname as string]),
    );
    for (const address of Object.values(addresses)) {
      const fqn = fqns.get(address.toLowerCase())!;
      const [source, name] = fqn.split(":") as [string, string];
      const artifact = ownArtifact(source, name);
      const { deployedBytecode } = buildOutput(artifact.buildInfoId).output.contracts[artifact.inputSourceName]![name]!
        .evm;
      const onChain = (await client.getCode({ address }))!;
      expect(onChain.length, fqn).toBe(deployedBytecode.object.length + 2);
      expect(maskImmutables(onChain, deployedBytecode.immutableReferences), fqn).toBe(
        maskImmutables(deployedBytecode.object, deployedBytecode.immutableReferences),
      );
    }
  });

  it("should exit 2 with one error line when an explorer refuses, or Etherscan has no key, and never print the key", async () => {
    stub.failStatus = true;
    const before = stub.requests.length;
    const refused = await deployVerified(["--verifier", "etherscan"]);
    stub.failStatus = false;
    expectFailure(
      refused,
      2,
      /but \d+ of \d+ verifications failed \(first: .+ on etherscan: .*Fail - Unable to verify/,
    );
    expect(refused.stderr).toMatch(/^✗ \w+ at 0x[0-9a-fA-F]{40} not verified on etherscan: /m);
    expect(`${refused.stdout}${refused.stderr}`).not.toContain(ETHERSCAN_KEY);
    expect(
      stub.requests.slice(before).every((r) => r.explorer === "etherscan"),
      "--verifier etherscan asks no other explorer",
    ).toBe(true);

    const sent = stub.requests.length;
    const keyless = await deployVerified(["--verifier", "etherscan", "--json"], { ETHERSCAN_API_KEY: "" });
    expectFailure(keyless, 2, /on etherscan: .*(ETHERSCAN_API_KEY|API key)/);
    expect(JSON.parse(keyless.stdout).error.code).toBe("DeploymentError");
    expect(stub.requests.length, "nothing sent without a key").toBe(sent);
  });
});
