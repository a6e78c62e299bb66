/**
 * Gasless delegation through the SDK against the run's `hardhat node`: an owner signs an EIP-712 delegation
 * (domain from the registry's `eip712Domain()`), a relayer submits it and pays; a replay, an expired
 * signature and a tampered delegation are refused, the last before anything is sent. The CLI's
 * `commons delegate --sign-only` and `commons relay` are in test/cli/delegation.e2e.test.ts.
 */
import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import { ContractErrors, InvalidInputError } from "../../src/index.js";
import {
  advanceTime,
  commonsContracts,
  devAccount,
  freshChain,
  loadFixture,
  publicClient,
  useChainSnapshot,
} from "../utils/chain.js";
import { expectError } from "./expect.js";
import { commonsFor, countedWriter, registerActive } from "./helpers.js";

useChainSnapshot();

const OWNER = 1;
const DELEGATEE = 2;
const RELAYER = 5;

/** Owner 1 with an active node (its vote self-delegated). */
async function withNode() {
  await loadFixture(freshChain);
  await registerActive([{ owner: OWNER, devices: [{ skuId: SEED_SKU.RTX_4090, count: 1 }] }]);
}

const votesOf = (index: number) => commonsContracts().registry.read.getVotes([devAccount(index).address]);

describe("delegation by signature", () => {
  it("should move the votes when a relayer submits the owner's signed delegation, the owner paying nothing", async () => {
    await loadFixture(withNode);
    expect(await votesOf(OWNER)).toBe(1n);
    const signed = await commonsFor(OWNER).signDelegation({ delegatee: devAccount(DELEGATEE).address });
    expect(signed).toMatchObject({ delegator: devAccount(OWNER).address, delegatee: devAccount(DELEGATEE).address });
    const before = await publicClient.getBalance({ address: devAccount(OWNER).address });
    const { events } = await commonsFor(RELAYER).submitDelegation(signed);
    expect(events[0]!.args).toMatchObject({
      delegator: devAccount(OWNER).address,
      toDelegate: devAccount(DELEGATEE).address,
    });
    expect(await votesOf(OWNER)).toBe(0n);
    expect(await votesOf(DELEGATEE)).toBe(1n);
    expect(await publicClient.getBalance({ address: devAccount(OWNER).address })).toBe(before);

    // One signature, one use: the registry consumed the nonce.
    await expectError(commonsFor(RELAYER).submitDelegation(signed), ContractErrors.InvalidAccountNonce);
  });

  it("should sign and submit in one call through the relayer option", async () => {
    await loadFixture(withNode);
    const relayer = commonsFor(RELAYER);
    const r = await commonsFor(OWNER).delegateBySig({ delegatee: devAccount(DELEGATEE).address, relayer });
    const tx = await publicClient.getTransaction({ hash: r.hash });
    expect(getAddress(tx.from)).toBe(devAccount(RELAYER).address);
    expect(await votesOf(DELEGATEE)).toBe(1n);
  });

  it("should refuse an expired signature", async () => {
    await loadFixture(withNode);
    const signed = await commonsFor(OWNER).signDelegation({ delegatee: devAccount(DELEGATEE).address, expiresIn: 60 });
    await advanceTime(61);
    await expectError(commonsFor(RELAYER).submitDelegation(signed), ContractErrors.VotesExpiredSignature);
    expect(await votesOf(OWNER)).toBe(1n);
  });

  it("should refuse a tampered delegation before sending: it would move another account's votes", async () => {
    await loadFixture(withNode);
    const signed = await commonsFor(OWNER).signDelegation({ delegatee: devAccount(DELEGATEE).address });
    const { commons, counter } = countedWriter(RELAYER);
    await expectError(
      commons.submitDelegation({ ...signed, delegatee: devAccount(RELAYER).address }),
      InvalidInputError,
      new RegExp(`not by the delegator ${devAccount(OWNER).address}`),
    );
    await expectError(commons.submitDelegation({ ...signed, signature: "0x1234" }), InvalidInputError, /65-byte/);
    expect(counter.methods).not.toContain("eth_sendRawTransaction");
    expect(counter.methods).not.toContain("eth_sendTransaction");
    expect(await votesOf(OWNER)).toBe(1n);
  });

  it("should refuse a lifetime of zero or beyond a year", async () => {
    await loadFixture(withNode);
    const delegatee = devAccount(DELEGATEE).address;
    await expectError(commonsFor(OWNER).signDelegation({ delegatee, expiresIn: 0 }), InvalidInputError, /expiresIn/);
    await expectError(
      commonsFor(OWNER).signDelegation({ delegatee, expiresIn: 366 * 86_400 }),
      InvalidInputError,
      /expiresIn/,
    );
  });
});
