/**
 * As an attester, signs an attestation of an owner's devices into a file (nothing is sent), as `commons attest`.
 *   OWNER=0x7099… DEVICES=2:2 OUT=rig.json ACCOUNT=9 npx hardhat run scripts/attest.ts --network localhost
 * Env: OWNER    the node owner's address
 *      DEVICES  comma-separated <skuId>[:<count>] (e.g. "2:2" for two RTX 3090s; `commons catalog list` for ids)
 *      OUT      the attestation file to write (not replaced if it exists)
 *      ACCOUNT  index of the attester's account (default 0; the dev attester of local.json is 9)
 *      RIG      names the rig for the development device ids (default "rig"); EXPIRES_IN seconds; DEPLOYMENT_ID.
 * Device ids are the development ids (`devDeviceIds`): a stand-in for ids read from the hardware.
 */
import { existsSync, writeFileSync } from "node:fs";
import { devDeviceIds, InvalidInputError, parseDeviceSpec, serializeAttestation } from "../src/index.js";
import { toAddress } from "../src/internal/validate.js";
import { toDeviceLines } from "../src/utils/devices.js";
import { connectCommons, env, runScript } from "./lib/connect.js";

await runScript(
  async () => {
    const recipient = toAddress(env("OWNER"), "recipient");
    const devices = toDeviceLines(
      env("DEVICES")
        .split(",")
        .map((line) => parseDeviceSpec(line)),
    );
    const out = env("OUT");
    if (existsSync(out)) throw new InvalidInputError("OUT", `${out} exists already`);
    const { commons, account } = await connectCommons();
    const signed = await commons.createHardwareAttestation({
      recipient,
      devices,
      deviceIds: devDeviceIds({ owner: recipient, devices, rig: process.env.RIG || undefined }),
      ...(process.env.EXPIRES_IN ? { expiresIn: process.env.EXPIRES_IN } : {}),
    });
    writeFileSync(out, serializeAttestation(signed, commons.deployment.chainId));
    console.log(`attestation ${signed.uid} of ${recipient}'s devices, signed by ${account}, written to ${out}`);
  },
  { recipient: "OWNER", devices: "DEVICES", deviceIds: "DEVICES", expiresIn: "EXPIRES_IN", attester: "ACCOUNT" },
);
