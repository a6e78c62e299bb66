import { existsSync, readFileSync } from "node:fs";
import { keccak256, type Hex } from "viem";
import { dateWithRelative, duration } from "../../domain.js";
import { InvalidInputError } from "../../errors/base.js";
import { toAddress } from "../../internal/validate.js";
import { devDeviceIds, parseAttestation } from "../../utils/attestations.js";
import { parseDeviceSpec, toDeviceLines } from "../../utils/devices.js";
import { writeAttestationFile } from "../attestationFile.js";
import { defineCommand, defineGroup } from "../command.js";
import { connect } from "../context.js";
import { UsageError } from "../errors.js";
import { output } from "../io.js";
import { parseDuration } from "../numbers.js";
import { deviceList } from "../render.js";
import { send, txJson } from "./send.js";

const create = defineCommand({
  summary: "as an attester, sign an attestation of an owner's devices into a file (nothing is sent)",
  flags: {
    owner: {
      type: "string",
      description: "the node owner whose devices you attest (only this address can register them)",
      placeholder: "<address>",
      field: "recipient",
    },
    device: {
      type: "string",
      description: "a device line: catalog SKU id and count (repeat per SKU; ids from commons catalog list)",
      placeholder: "<sku>[:<count>]",
      multiple: true,
      field: "devices",
    },
    "device-id": {
      type: "string",
      description: "one 32-byte id per device, e.g. a hash of the GPU's UUID (default: development ids, see below)",
      placeholder: "<0x…>",
      multiple: true,
      field: "deviceIds",
    },
    rig: {
      type: "string",
      description: 'names the rig for the development ids when one owner has several (default "rig")',
      placeholder: "<name>",
    },
    "expires-in": {
      type: "string",
      description: "how long it holds: seconds, or 90m, 12h, 180d, 2w (default 180d; at most 400d)",
      placeholder: "<duration>",
      field: "expiresIn",
    },
    evidence: {
      type: "string",
      description: "a file of what you examined (photos, a hardware report): its keccak256 goes in the attestation",
      placeholder: "<file>",
    },
    "evidence-hash": {
      type: "string",
      description: "or the evidence's 32-byte hash directly",
      placeholder: "<0x…>",
      field: "evidenceHash",
    },
    out: { type: "string", description: "the attestation file to write", placeholder: "<file>" },
    force: { type: "boolean", description: "replace --out if it exists" },
  },
  write: true,
  examples: [
    "commons attest --owner 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --device 2:2 --out rig.json --account 9",
    "commons attest --owner 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --device 4 --device-id 0x… --expires-in 90d --out 5090.json",
    "commons attest revoke rig.json --account 9",
  ],
  notes: [
    "Signs with your key as an attester of the deployment (commons attesters lists them; locally the dev attester is",
    "--account 9). The owner registers with the file: commons node register --attestation <file>.",
    "Without --device-id, each device gets a development id: keccak256 of compute-commons/dev-device, the owner,",
    "--rig, the SKU and the device's position. The same rig gets the same ids from every attester (so a second",
    "attester can answer a challenge of it); a real attester passes ids read from the hardware instead.",
  ],
  async run(input) {
    const { flags, path } = input;
    if (flags.owner === undefined) throw new UsageError("--owner <address> is required", path);
    if (flags.out === undefined) throw new UsageError("--out <file> is required", path);
    if (flags.device.length === 0) throw new UsageError("list the devices with --device <sku>[:<count>]", path);
    if (flags.evidence !== undefined && flags["evidence-hash"] !== undefined) {
      throw new UsageError("give --evidence or --evidence-hash, not both", path);
    }
    if (existsSync(flags.out) && !flags.force) {
      throw new UsageError(`${flags.out} exists already: choose another --out, or pass --force to replace it`, path);
    }
    const recipient = toAddress(flags.owner, "recipient");
    const devices = toDeviceLines(flags.device.map((spec) => parseDeviceSpec(spec)));
    const deviceIds: Hex[] | string[] =
      flags["device-id"].length > 0 ? flags["device-id"] : devDeviceIds({ owner: recipient, devices, rig: flags.rig });
    const expiresIn =
      flags["expires-in"] === undefined ? undefined : parseDuration(flags["expires-in"], "--expires-in");
    let evidenceHash: string | undefined = flags["evidence-hash"];
    if (flags.evidence !== undefined) {
      if (!existsSync(flags.evidence)) throw new InvalidInputError("--evidence", `${flags.evidence} does not exist`);
      evidenceHash = keccak256(readFileSync(flags.evidence));
    }
    const session = await connect(input, true);
    const signed = await session.commons.createHardwareAttestation({
      recipient,
      devices,
      deviceIds,
      ...(expiresIn === undefined ? {} : { expiresIn }),
      ...(evidenceHash === undefined ? {} : { evidenceHash }),
    });
    writeAttestationFile(flags.out, signed, session.chainId, { force: flags.force, command: path });
    const { time, expirationTime } = signed.attestation;
    const skus = await session.commons.listSkus();
    output(
      flags,
      () =>
        `attestation ${signed.uid} written to ${flags.out}: ${deviceList({ devices }, skus)} of ${recipient}, ` +
        `signed by ${signed.attester}; expires ${dateWithRelative(expirationTime, time)} ` +
        `(${duration(expirationTime - time)})`,
      {
        file: flags.out,
        uid: signed.uid,
        attester: signed.attester,
        recipient,
        devices,
        deviceIds: [...deviceIds],
        expirationTime,
      },
    );
  },
});

const UID = /^0x[0-9a-fA-F]{64}$/;

const revoke = defineCommand({
  summary: "revoke an attestation you signed (EAS revokeOffchain): its node can then be lapsed by anyone",
  positionals: [
    {
      name: "attestation",
      description: "the attestation's UID (0x + 64 hex digits, as commons node show prints it) or its file",
      field: "uid",
    },
  ],
  write: true,
  examples: ["commons attest revoke rig.json --account 9", "commons attest revoke 0x5f0c…e21a --account 9"],
  async run(input) {
    const { attestation } = input.args;
    let uid: string;
    if (UID.test(attestation)) {
      uid = attestation;
    } else if (existsSync(attestation)) {
      try {
        uid = parseAttestation(readFileSync(attestation, "utf8")).signed.uid;
      } catch (err) {
        if (!(err instanceof InvalidInputError)) throw err;
        throw new InvalidInputError("uid", `${attestation}: ${err.field} ${err.reason}`);
      }
    } else {
      throw new InvalidInputError(
        "uid",
        `"${attestation}" is neither an attestation UID (0x + 64 hex digits) nor a file`,
      );
    }
    const session = await connect(input, true);
    const r = await send(session, input.flags, `revoking attestation ${uid}`, (o) =>
      session.commons.revokeAttestation({ uid, ...o }),
    );
    const { revoker } = r.events[0]!.args;
    output(
      input.flags,
      () => `attestation ${uid} revoked by ${revoker}; anyone may now lapse its node (commons node lapse <id>)`,
      { uid, revoker, ...txJson(r) },
    );
  },
});

export const attestCommands = defineGroup("attestations (attesters): sign, revoke", { revoke }, create);
