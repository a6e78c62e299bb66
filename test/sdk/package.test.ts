import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { renderAbis } from "../../scripts/gen-abi.js";
import { LIST, OUT, publishedDeployments, readList, renderAddresses } from "../../scripts/gen-addresses.js";
import { deployment, rpcUrl } from "../utils/chain.js";
import { npm, run, runFailing } from "../utils/run.js";

const ROOT = join(import.meta.dirname, "../..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe("the package", () => {
  it("should have generated ABIs in step with the artifacts (npm run gen)", () => {
    expect(readFileSync(join(ROOT, "src/abi/generated.ts"), "utf8")).toBe(renderAbis());
  });

  it("should have per-chain address maps in step with the published deployments (npm run gen:addresses)", () => {
    expect(readFileSync(OUT, "utf8")).toBe(renderAddresses(publishedDeployments(ROOT, readList(LIST))));
  });

  it("should keep the core browser-safe: no node: imports outside the Node entry and the CLI", () => {
    const core = files(join(ROOT, "src")).filter(
      (f) => f.endsWith(".ts") && !f.endsWith("src/node.ts") && !relative(ROOT, f).startsWith("src/cli"),
    );
    for (const file of core) expect(readFileSync(file, "utf8"), file).not.toMatch(/from "node:|require\(/);
  });

  it("should pack, install into an empty project, and work there under plain Node", { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "commons-pack-"));
    try {
      // npm pack runs `prepack` (npm run build: dist/ from scratch) as npm publish does.
      const [packed] = JSON.parse(await npm(["pack", "--json", "--pack-destination", dir], ROOT)) as {
        filename: string;
        size: number;
        files: { path: string }[];
      }[];
      const shipped = packed!.files.map((f) => f.path);
      for (const path of [
        "bin/commons.js",
        "dist/index.js",
        "dist/index.d.ts",
        "dist/cli/main.js",
        "ignition/modules/ComputeCommons.ts",
      ]) {
        expect(shipped, path).toContain(path);
      }
      for (const prefix of [
        "src/",
        "test/",
        "scripts/",
        "bench/",
        "app/",
        "contracts/anchors/",
        "ignition/deployments/",
      ]) {
        expect(
          shipped.filter((f) => f.startsWith(prefix)),
          prefix,
        ).toEqual([]);
      }
      expect(shipped.filter((f) => f.endsWith(".map"))).toEqual([]);
      const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
      // Nothing runs when a consumer installs it (npm runs `prepare` only in the repository).
      expect(Object.keys(pkg.scripts).filter((s) => /^(pre|post)?install$/.test(s))).toEqual([]);

      // An empty project installs the tarball; npm adds the required peer (viem), not the optional ones.
      const project = join(dir, "project");
      mkdirSync(project);
      writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
      await npm(["install", join(dir, packed!.filename)], project);
      const installed = (name: string) => existsSync(join(project, "node_modules", name, "package.json"));
      expect([installed("compute-commons"), installed("viem"), installed("ethers"), installed("hardhat")]).toEqual([
        true,
        true,
        false,
        false,
      ]);

      // Every `exports` entry imports under each plain Node on the machine, and the built client reads the chain.
      const entries = Object.keys(pkg.exports).map((e: string) =>
        e === "." ? "compute-commons" : `compute-commons/${e.slice(2)}`,
      );
      expect(entries).toEqual([
        "compute-commons",
        "compute-commons/node",
        "compute-commons/ethers",
        "compute-commons/abi",
        "compute-commons/package.json",
      ]);
      const importAll = `
        const [main, nodeEntry, ethersEntry, abi, meta] = await Promise.all([
          import("compute-commons"), import("compute-commons/node"), import("compute-commons/ethers"),
          import("compute-commons/abi"), import("compute-commons/package.json", { with: { type: "json" } }),
        ]);
        const { http } = await import("viem");
        const commons = main.createCommonsClient({
          transport: http(process.env.RPC_URL),
          deployment: JSON.parse(process.env.DEPLOYMENT),
        });
        const state = await commons.readGovernanceState();
        console.log(JSON.stringify([typeof main.createCommonsClient, typeof nodeEntry.loadDeployment,
          typeof ethersEntry.createCommonsEthersReader, Array.isArray(abi.computeRegistryAbi), meta.default.name,
          String(state.skuCount), abi.computeRegistryConfig.abi === abi.computeRegistryAbi,
          main.commonsDeployments === abi.commonsDeployments]));`;
      const env = { RPC_URL: rpcUrl, DEPLOYMENT: JSON.stringify(deployment) };
      const deploymentDir = join(ROOT, "ignition/deployments", deployment.deploymentId);
      const nodes = plainNodes();
      expect(nodes.length).toBeGreaterThanOrEqual(1);
      for (const node of nodes) {
        const out = await run(node, ["--input-type=module", "-e", importAll], project, env);
        expect(JSON.parse(out), node).toEqual([
          "function",
          "function",
          "function",
          true,
          "compute-commons",
          "9",
          true,
          true,
        ]);

        // The installed CLI runs the built JavaScript (the package has no src/), with this Node first on PATH.
        const path = `${dirname(node)}${delimiter}${process.env.PATH}`;
        const commons = join(project, "node_modules/.bin/commons");
        expect(await run(commons, ["--help"], project, { PATH: path }), node).toMatch(/^commons: Compute Commons/);
        const status = await run(
          commons,
          ["status", "--json", "--rpc-url", rpcUrl, "--deployment", deploymentDir],
          project,
          { PATH: path },
        );
        expect(JSON.parse(status).skuCount, node).toBe("9");
      }

      // Keystores need the optional ethers peer: without it, a clear error and a non-zero exit.
      writeFileSync(join(project, "key.json"), "{}");
      const refused = await runFailing(
        join(project, "node_modules/.bin/commons"),
        [
          "node",
          "register",
          "--attestation",
          "rig.json",
          "--keystore",
          "key.json",
          "--rpc-url",
          rpcUrl,
          "--deployment",
          deploymentDir,
        ],
        project,
        { COMMONS_KEYSTORE_PASSWORD: "pw" },
      );
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr).toMatch(/--keystore needs the ethers package: npm install ethers@6/);

      // With ethers installed, the ./ethers entry reads the chain over an ethers provider.
      await npm(["install", "ethers@6"], project);
      const overEthers = `
        const { JsonRpcProvider } = await import("ethers");
        const { createCommonsEthersReader } = await import("compute-commons/ethers");
        const reader = createCommonsEthersReader({ provider: new JsonRpcProvider(process.env.RPC_URL), deployment: JSON.parse(process.env.DEPLOYMENT) });
        console.log(String((await reader.readGovernanceState()).skuCount));`;
      expect((await run(process.execPath, ["--input-type=module", "-e", overEthers], project, env)).trim()).toBe("9");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The Nodes a consumer would run: this one, and the first `node` on PATH outside any node_modules (the
 * machine's own, e.g. Node 20 where the repository's npm scripts run Node 22), when it is another version.
 */
function plainNodes(): string[] {
  const nodes = [process.execPath];
  const onPath = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((d) => d !== "" && !d.split(/[\\/]/).includes("node_modules"))
    .map((d) => join(d, "node"))
    .find((f) => existsSync(f));
  if (onPath !== undefined) {
    const version = execFileSync(onPath, ["--version"], { encoding: "utf8" }).trim();
    if (version !== process.version) nodes.push(onPath);
  }
  return nodes;
}
