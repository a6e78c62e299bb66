import { JsonRpcProvider } from "ethers";
import { describe, expect, it } from "vitest";
import { ContractErrors, createCommonsEthersReader } from "../../src/ethers/index.js";
import { deployment, rpcUrl } from "../utils/chain.js";
import { countedReader } from "./helpers.js";

describe("compute-commons/ethers", () => {
  it("should return the same reads as the viem entry", async () => {
    const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
    const viaEthers = createCommonsEthersReader({ provider, deployment });
    const { commons } = countedReader();
    expect(await viaEthers.readGovernanceState()).toEqual(await commons.readGovernanceState());
    expect(await viaEthers.listNodes({ pageSize: 7 })).toEqual(await commons.listNodes());
    expect(await viaEthers.listSkus()).toEqual(await commons.listSkus());
    expect(await viaEthers.listModels()).toEqual(await commons.listModels());
    expect(await viaEthers.listProposals()).toEqual(await commons.listProposals());
    expect(await viaEthers.classify({ params: 8_030_000_000n, trainingFlop: 10n ** 24n })).toBe("Small");
    expect(await viaEthers.getThresholds()).toEqual(await commons.getThresholds());
    provider.destroy();
  });

  it("should decode reverts into the same typed errors", async () => {
    const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
    const viaEthers = createCommonsEthersReader({ provider, deployment });
    await expect(viaEthers.getNode({ nodeId: 999_999n })).rejects.toBeInstanceOf(
      ContractErrors.ComputeRegistryUnknownNode,
    );
    await expect(viaEthers.getModel({ modelId: 999_999n })).rejects.toThrow(/unknown model 999999/);
    provider.destroy();
  });
});
