/**
 * Attestations through the SDK against the run's `hardhat node` and its EAS (deployed by the Ignition module
 * for local chains): the attester's side (`createHardwareAttestation`, `revokeAttestation`), the UID and
 * digest the SDK computes equal to the contract's `uidOf` / `digestOf`, the file format, and the checks made
 * before anything is signed or sent.
 */
import { getAddress, keccak256, recoverTypedDataAddress, toHex, zeroHash } from "viem";
import { describe, expect, it } from "vitest";
import { SEED_SKU } from "../../ignition/modules/seedDevices.js";
import {
  attestationDigest,
  attestationTypedData,
  attestationUid,
  ContractErrors,
  decodeDeviceData,
  devDeviceIds,
  HARDWARE_SCHEMA,
  InvalidInputError,
  MAX_ATTESTATION_LIFETIME,
  parseAttestation,
  serializeAttestation,
  toSignedAttestation,
} from "../../src/index.js";
import {
  commonsContracts,
  deployment,
  devAccount,
  freshChain,
  latestTimestamp,
  loadFixture,
  useChainSnapshot,
} from "../utils/chain.js";
import { expectError } from "./expect.js";
import { attestFor, commonsFor, countedWriter, DEV_ATTESTER } from "./helpers.js";

useChainSnapshot();

const { RTX_3090, RTX_4090, M2_ULTRA_192GB } = SEED_SKU;
const OWNER = 1;
const owner = devAccount(OWNER).address;

describe("createHardwareAttestation", () => {
  it("should build an EAS v2 attestation whose UID and digest are the contract's uidOf and digestOf", async () => {
    await loadFixture(freshChain);
    const { attestations, eas } = commonsContracts();
    const devices = [
      { skuId: RTX_3090, count: 2 },
      { skuId: RTX_4090, count: 1 },
    ];
    const deviceIds = devDeviceIds({ owner, devices });
    const signed = await commonsFor(DEV_ATTESTER).createHardwareAttestation({
      recipient: owner,
      devices,
      deviceIds: [...deviceIds].reverse(), // any order: sorted as the contract requires
      evidenceHash: keccak256(toHex("photos of the rig")),
    });
    const a = signed.attestation;
    expect(a).toMatchObject({ version: 2, recipient: owner, revocable: true, refUID: zeroHash });
    expect(a.schema).toBe(await attestations.read.schemaUID());
    expect(a.schema).toBe(keccak256(`${toHex(HARDWARE_SCHEMA)}${"00".repeat(20)}01` as `0x${string}`));
    expect(a.time).toBe(await latestTimestamp());
    expect(a.expirationTime - a.time).toBe(180n * 86_400n);
    expect(decodeDeviceData(a.data)).toEqual({
      devices,
      deviceIds,
      evidenceHash: keccak256(toHex("photos of the rig")),
    });

    // The SDK's UID and digest are the contract's, and the domain is EAS's on this chain.
    expect(signed.uid).toBe(await attestations.read.uidOf([a]));
    expect(signed.uid).toBe(attestationUid(a));
    expect(signed.digest).toBe(await attestations.read.digestOf([a]));
    expect(signed.domain).toEqual({
      name: "EAS Attestation",
      version: await eas.read.version(),
      chainId: 31337,
      verifyingContract: getAddress(deployment.eas!),
    });
    expect(attestationDigest(a, signed.domain)).toBe(signed.digest);
    const signer = await recoverTypedDataAddress({
      ...attestationTypedData(a, signed.domain),
      signature: signed.signature,
    });
    expect(signer).toBe(devAccount(DEV_ATTESTER).address);
    expect(signed.attester).toBe(devAccount(DEV_ATTESTER).address);
  });

  it("should match uidOf and digestOf on many attestations", async () => {
    await loadFixture(freshChain);
    const { attestations } = commonsContracts();
    for (let i = 0; i < 12; i++) {
      const devices = [{ skuId: 1 + (i % 9), count: 1 + (i % 4) }];
      const signed = await attestFor(OWNER, devices, { expiresIn: BigInt(3_600 + i * 86_400) });
      const a = signed.attestation;
      expect(await attestations.read.uidOf([a]), `uid ${i}`).toBe(signed.uid);
      expect(await attestations.read.digestOf([a]), `digest ${i}`).toBe(signed.digest);
    }
  });

  it("should refuse bad devices, ids and expiries, and a signer that is not an attester, before signing", async () => {
    await loadFixture(freshChain);
    const { commons, counter } = countedWriter(DEV_ATTESTER);
    const devices = [{ skuId: RTX_3090, count: 2 }];
    const deviceIds = devDeviceIds({ owner, devices });
    const attest = (overrides: Record<string, unknown>) =>
      commons.createHardwareAttestation({ recipient: owner, devices, deviceIds, ...overrides });
    await expectError(attest({ deviceIds: deviceIds.slice(0, 1) }), InvalidInputError, /1 device id\(s\) for 2 device/);
    await expectError(attest({ deviceIds: [deviceIds[0], deviceIds[0]] }), InvalidInputError, /listed twice/);
    await expectError(attest({ deviceIds: [zeroHash, deviceIds[0]] }), InvalidInputError, /must not be zero/);
    await expectError(attest({ deviceIds: ["0x1234", deviceIds[0]] }), InvalidInputError, /not 32 bytes of hex/);
    await expectError(attest({ devices: [{ skuId: 99, count: 1 }] }), InvalidInputError, /unknown SKU 99/);
    await expectError(
      attest({
        devices: [{ skuId: M2_ULTRA_192GB, count: 6 }],
        deviceIds: devDeviceIds({ owner, devices: [{ skuId: M2_ULTRA_192GB, count: 6 }] }),
      }),
      InvalidInputError,
      /node memory 1179648 MiB is above the cap of 1048576 MiB/,
    );
    await expectError(
      attest({ expiresIn: MAX_ATTESTATION_LIFETIME + 1n }),
      InvalidInputError,
      /expiresIn: 34560001 is above the maximum 34560000/,
    );
    await expectError(
      attest({ recipient: "0x0000000000000000000000000000000000000000" }),
      InvalidInputError,
      /zero address/,
    );
    // Reads only: nothing was sent.
    expect(counter.methods.filter((m) => !["eth_call", "eth_chainId", "eth_getBlockByNumber"].includes(m))).toEqual([]);
    const notAttester = await expectError(
      commonsFor(2).createHardwareAttestation({ recipient: owner, devices, deviceIds }),
      InvalidInputError,
    );
    expect(notAttester.shortMessage).toContain(`${devAccount(2).address} is not an active attester`);
  });
});

describe("the attestation file", () => {
  it("should round-trip through serializeAttestation and parseAttestation, refusing edits and other chains", async () => {
    await loadFixture(freshChain);
    const signed = await attestFor(OWNER, [{ skuId: RTX_4090, count: 1 }]);
    const text = serializeAttestation(signed, 31337);
    const back = parseAttestation(text, { chainId: 31337 });
    expect(back).toEqual({
      chainId: 31337,
      signed: {
        attestation: signed.attestation,
        attester: signed.attester,
        signature: signed.signature,
        uid: signed.uid,
      },
    });
    const file = JSON.parse(text);
    expect(Object.keys(file)).toEqual(["format", "chainId", "attestation", "attester", "signature", "uid"]);
    expect(file.attestation.time).toBe(signed.attestation.time.toString());

    expect(() => parseAttestation(text, { chainId: 1 })).toThrow(/was signed for chain 31337, not this chain \(1\)/);
    const edited = JSON.stringify({ ...file, attestation: { ...file.attestation, expirationTime: "99999999999" } });
    expect(() => parseAttestation(edited)).toThrow(/was altered/);
    expect(() => parseAttestation(JSON.stringify({ ...file, extra: 1 }))).toThrow(/unknown field\(s\): extra/);
    expect(() => parseAttestation("{")).toThrow(/is not JSON/);
    expect(() => parseAttestation(JSON.stringify({ ...file, format: "x" }))).toThrow(/is not an attestation file/);
    expect(() => toSignedAttestation({ ...signed, signature: "0x12" })).toThrow(/at least 65 bytes/);
  });
});

describe("revokeAttestation", () => {
  it("should revoke through EAS revokeOffchain, once", async () => {
    await loadFixture(freshChain);
    const { eas } = commonsContracts();
    const signed = await attestFor(OWNER, [{ skuId: RTX_4090, count: 1 }]);
    const attester = commonsFor(DEV_ATTESTER);
    const { events } = await attester.revokeAttestation({ uid: signed.uid });
    expect(events[0]!.args).toMatchObject({ revoker: attester.account.address, data: signed.uid });
    expect(await eas.read.getRevokeOffchain([attester.account.address, signed.uid])).toBeGreaterThan(0n);
    await expectError(
      attester.revokeAttestation({ uid: signed.uid }),
      ContractErrors.AlreadyRevokedOffchain,
      /revoked already/,
    );
    await expectError(attester.revokeAttestation({ uid: "0x12" }), InvalidInputError, /uid/);
  });
});
