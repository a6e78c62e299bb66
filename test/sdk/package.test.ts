import { execFile } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { renderAbis } from "../../scripts/gen-abi.js";
import { deployment, rpcUrl } from "../utils/chain.js";

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

  it("should keep the core browser-safe: no node: imports outside the Node entry and the CLI", () => {
    const core = files(join(ROOT, "src")).filter(
      (f) => f.endsWith(".ts") && !f.endsWith("src/node.ts") && !relative(ROOT, f).startsWith("src/cli"),
    );
    for (const file of core) expect(readFileSync(file, "utf8"), file).not.toMatch(/from "node:|require\(/);
  });

  it("should build with tsc and be importable from dist through its exports", { timeout: 180_000 }, async () => {
    await promisify(execFile)(join(ROOT, "node_modules/.bin/node"), [
      join(ROOT, "node_modules/typescript/bin/tsc"),
      "-p",
      join(ROOT, "tsconfig.build.json"),
    ]);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const load = (entry: string) => import(join(ROOT, pkg.exports[entry].import));
    const [main, nodeEntry, ethersEntry, abi] = await Promise.all([
      load("."),
      load("./node"),
      load("./ethers"),
      load("./abi"),
    ]);
    expect(typeof main.createCommonsClient).toBe("function");
    expect(typeof nodeEntry.loadDeployment).toBe("function");
    expect(typeof ethersEntry.createCommonsEthersReader).toBe("function");
    expect(Array.isArray(abi.computeRegistryAbi)).toBe(true);
    for (const entry of Object.values(pkg.exports) as { types: string }[]) {
      expect(statSync(join(ROOT, entry.types)).isFile()).toBe(true);
    }
    // The built client reads the live chain.
    const { http } = await import("viem");
    const commons = main.createCommonsClient({ transport: http(rpcUrl), deployment });
    expect((await commons.readGovernanceState()).skuCount).toBe(9n);
  });
});
