/**
 * Fixtures of test/cli/verify.e2e.test.ts: a stand-in for a chain's canonical EAS, our build's artifacts
 * and code, and a loopback stand-in for the block explorers hardhat-verify talks to, recording every request:
 *
 * - `/etherscan/api` and `/blockscout/api`: the Etherscan-compatible API (Etherscan's v2 and Blockscout's):
 *   `getsourcecode` answers "not verified", `verifysourcecode` a GUID, `checkverifystatus` "Pass - Verified"
 *   (or, with `failStatus`, "Fail - Unable to verify");
 * - `/sourcify`: Sourcify's v2 API: a lookup answers 404 (no match), `POST /v2/verify/<chain>/<address>` a
 *   verification id, its job a completed exact match.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createPublicClient, createWalletClient, defineChain, http, type Abi, type Address, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { ROOT } from "../../scripts/lib/hardhatNode.js";
import { DEV_MNEMONIC } from "../../src/connection.js";

export type StubRequest = {
  explorer: "etherscan" | "blockscout" | "sourcify";
  method: string;
  path: string;
  query: Record<string, string>;
  /** The form fields (Etherscan-compatible) or the JSON body (Sourcify), when there is a body. */
  body: Record<string, any> | undefined;
};

export type ExplorerStub = {
  url: string;
  requests: StubRequest[];
  /** Makes `checkverifystatus` fail from now on (both Etherscan-compatible explorers). */
  failStatus: boolean;
  close(): Promise<void>;
};

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });

function parseBody(req: IncomingMessage, text: string): Record<string, any> | undefined {
  if (text === "") return undefined;
  if (String(req.headers["content-type"]).includes("json")) return JSON.parse(text) as Record<string, any>;
  return Object.fromEntries(new URLSearchParams(text));
}

export async function startExplorerStub(): Promise<ExplorerStub> {
  let guids = 0;
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const stub: ExplorerStub = {
    url: "",
    requests: [],
    failStatus: false,
    close: () => new Promise((done) => server.close(() => done())),
  };

  function etherscanCompatible(res: ServerResponse, query: Record<string, string>) {
    const ok = (result: unknown) => send(res, 200, { status: "1", message: "OK", result });
    if (query.action === "getsourcecode") return ok([{ SourceCode: "", ContractName: "" }]);
    if (query.action === "verifysourcecode") return ok(`stub-guid-${++guids}`);
    if (query.action === "checkverifystatus") {
      if (stub.failStatus) return send(res, 200, { status: "0", message: "NOTOK", result: "Fail - Unable to verify" });
      return ok("Pass - Verified");
    }
    return send(res, 400, { status: "0", message: "NOTOK", result: `unknown action ${query.action}` });
  }

  function sourcify(req: IncomingMessage, res: ServerResponse, path: string) {
    const [, , kind, a, b] = path.split("/"); // "", "v2", "contract"|"verify", …
    if (req.method === "GET" && kind === "contract") {
      return send(res, 404, { match: null, creationMatch: null, runtimeMatch: null, chainId: a, address: b });
    }
    if (req.method === "POST" && kind === "verify") return send(res, 202, { verificationId: `stub-job-${++guids}` });
    if (req.method === "GET" && kind === "verify") {
      return send(res, 200, {
        isJobCompleted: true,
        verificationId: a,
        jobStartTime: new Date().toISOString(),
        contract: { match: "exact_match", creationMatch: "exact_match", runtimeMatch: "exact_match" },
      });
    }
    return send(res, 404, { customCode: "not_found", message: `no route ${path}`, errorId: "stub" });
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const [, explorer, ...rest] = url.pathname.split("/");
    const query = Object.fromEntries(url.searchParams);
    const body = parseBody(req, await readBody(req));
    const path = `/${rest.join("/")}`;
    if (explorer !== "etherscan" && explorer !== "blockscout" && explorer !== "sourcify") {
      return send(res, 404, { error: `no explorer ${explorer}` });
    }
    stub.requests.push({ explorer, method: req.method ?? "", path, query, body });
    if (explorer === "sourcify") return sourcify(req, res, path);
    return etherscanCompatible(res, query);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}

const require = createRequire(import.meta.url);

type Artifact = { abi: Abi; bytecode: Hex };
type OwnArtifact = { contractName: string; sourceName: string; inputSourceName: string; buildInfoId: string };
type DeployedBytecode = { object: string; immutableReferences?: Record<string, { start: number; length: number }[]> };

/** Deploys EAS (with its SchemaRegistry) from the package's artifacts: the chain's "canonical" EAS. */
export async function deployEas(rpcUrl: string, chainId: number): Promise<Address> {
  const chain = defineChain({
    id: chainId,
    name: "simulated",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 0 });
  const wallet = createWalletClient({ account, chain, transport: http(rpcUrl) });
  const reader = createPublicClient({ chain, transport: http(rpcUrl) });
  let previous: Address | undefined;
  for (const name of ["SchemaRegistry", "EAS"]) {
    const { abi, bytecode } = require(
      `@ethereum-attestation-service/eas-contracts/artifacts/contracts/${name}.sol/${name}.json`,
    ) as Artifact;
    const hash = await wallet.deployContract({ abi, bytecode, args: previous ? [previous] : [] });
    previous = (await reader.waitForTransactionReceipt({ hash })).contractAddress!;
  }
  return previous!;
}

/** Our artifact of a contract, by its input source name (`project/contracts/…`, or `npm/…`), from `artifacts/`. */
export function ownArtifact(source: string, name: string): OwnArtifact {
  const file = source.startsWith("npm/")
    ? path.join(ROOT, "artifacts", source.replace(/^npm\/(@[^/]+\/[^@/]+)@[^/]+/, "$1"), `${name}.json`)
    : path.join(ROOT, "artifacts", source.replace(/^project\//, ""), `${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as OwnArtifact;
}

export const buildInfo = (id: string) =>
  JSON.parse(readFileSync(path.join(ROOT, "artifacts/build-info", `${id}.json`), "utf8")) as {
    solcLongVersion: string;
    input: {
      sources: Record<string, { content: string }>;
      settings: { optimizer: { enabled: boolean; runs: number } };
    };
  };
export const buildOutput = (id: string) =>
  JSON.parse(readFileSync(path.join(ROOT, "artifacts/build-info", `${id}.output.json`), "utf8")) as {
    output: { contracts: Record<string, Record<string, { evm: { deployedBytecode: DeployedBytecode } }>> };
  };

/** Hex code with the immutables' byte ranges zeroed (they are filled in at deployment). */
export function maskImmutables(code: string, refs: DeployedBytecode["immutableReferences"]): string {
  const bytes = Buffer.from(code.replace(/^0x/, ""), "hex");
  for (const ranges of Object.values(refs ?? {}))
    for (const { start, length } of ranges) bytes.fill(0, start, start + length);
  return bytes.toString("hex");
}
