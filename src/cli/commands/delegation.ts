/**
 * Delegation: `commons delegate` sends it, or with `--sign-only` writes an EIP-712 signed delegation for a
 * relayer (nothing sent); `commons relay <file>` submits such a file from any account, paying the gas.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { getAddress, isAddress, isHex } from "viem";
import { getBlock } from "viem/actions";
import { dateWithRelative } from "../../domain.js";
import { InvalidInputError } from "../../errors/base.js";
import type { SignedDelegation } from "../../actions/registry/delegateBySig.js";
import { defineCommand } from "../command.js";
import { connect } from "../context.js";
import { UsageError } from "../errors.js";
import { output, toJson } from "../io.js";
import { parseDuration } from "../numbers.js";
import { send, txJson } from "./send.js";

/** What a signed-delegation file holds: the SDK's `SignedDelegation`, and where it is good. */
const KIND = "compute-commons/signed-delegation";

function readDelegationFile(file: string, chainId: number, registry: string): SignedDelegation {
  if (!existsSync(file)) throw new InvalidInputError("<file>", `${file} does not exist`);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (err) {
    throw new InvalidInputError("<file>", `${file} is not JSON (${(err as Error).message})`);
  }
  if (json.kind !== KIND)
    throw new InvalidInputError("<file>", `${file} is not a signed delegation (commons delegate --sign-only)`);
  if (
    json.chainId !== chainId ||
    typeof json.registry !== "string" ||
    getAddress(json.registry) !== getAddress(registry)
  ) {
    throw new InvalidInputError(
      "<file>",
      `${file} was signed for the registry ${String(json.registry)} on chain ${String(json.chainId)}, not this deployment's`,
    );
  }
  for (const field of ["delegator", "delegatee"] as const) {
    if (typeof json[field] !== "string" || !isAddress(json[field] as string, { strict: false })) {
      throw new InvalidInputError("<file>", `${file}: ${field} is not an address`);
    }
  }
  const whole = (field: "nonce" | "expiry") => {
    const value = json[field];
    if (typeof value !== "string" || !/^[0-9]{1,78}$/.test(value)) {
      throw new InvalidInputError("<file>", `${file}: ${field} is not a whole decimal number`);
    }
    return BigInt(value);
  };
  if (typeof json.signature !== "string" || !isHex(json.signature)) {
    throw new InvalidInputError("<file>", `${file}: signature is not hex`);
  }
  return {
    delegator: getAddress(json.delegator as string),
    delegatee: getAddress(json.delegatee as string),
    nonce: whole("nonce"),
    expiry: whole("expiry"),
    signature: json.signature,
  };
}

export const delegate = defineCommand({
  summary: "delegate your nodes' votes to an address; or sign the delegation for a relayer (--sign-only)",
  positionals: [{ name: "address", description: "who gets the votes", field: "delegatee" }],
  flags: {
    "sign-only": { type: "boolean", description: "sign an EIP-712 delegation into --out instead of sending (no gas)" },
    out: {
      type: "string",
      description: "the signed delegation file to write (with --sign-only)",
      placeholder: "<file>",
    },
    "expires-in": {
      type: "string",
      description: "how long the signature holds: seconds, or 90m, 12h, 7d (default 1d; at most 365d)",
      placeholder: "<duration>",
    },
    force: { type: "boolean", description: "replace --out if it exists" },
  },
  write: true,
  examples: [
    "commons delegate 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --account 1",
    "commons delegate 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --sign-only --out delegation.json --account 1",
  ],
  notes: ["A signed delegation is submitted by anyone with commons relay <file>, who pays the gas."],
  async run(input) {
    const { address } = input.args;
    const { flags, path } = input;
    if (!flags["sign-only"]) {
      if (flags.out !== undefined || flags["expires-in"] !== undefined) {
        throw new UsageError("--out and --expires-in go with --sign-only", path);
      }
      const session = await connect(input, true);
      const delegator = session.signer!.account.address;
      const r = await send(session, flags, `delegating to ${address}`, (o) =>
        session.commons.delegate({ delegatee: address, ...o }),
      );
      output(flags, () => `votes of ${delegator} delegated to ${address}`, {
        delegator,
        delegatee: address,
        ...txJson(r),
      });
      return;
    }
    if (flags.out === undefined) throw new UsageError("--sign-only needs --out <file>", path);
    if (existsSync(flags.out) && !flags.force) {
      throw new UsageError(`${flags.out} exists already: choose another --out, or pass --force to replace it`, path);
    }
    const expiresIn =
      flags["expires-in"] === undefined ? undefined : parseDuration(flags["expires-in"], "--expires-in");
    const session = await connect(input, true);
    const signed = await session.commons.signDelegation({
      delegatee: address,
      ...(expiresIn === undefined ? {} : { expiresIn }),
    });
    const { chainId, registry } = session.commons.deployment;
    writeFileSync(flags.out, `${toJson({ kind: KIND, chainId, registry, ...signed })}\n`);
    const clock = (await getBlock(session.commons, { blockTag: "latest" })).timestamp;
    output(
      flags,
      () =>
        `delegation of ${signed.delegator}'s votes to ${signed.delegatee} signed into ${flags.out} (nothing sent); ` +
        `good until ${dateWithRelative(signed.expiry, clock)}: anyone may submit it with commons relay ${flags.out}`,
      { file: flags.out, ...signed },
    );
  },
});

export const relay = defineCommand({
  summary: "submit someone's signed delegation (commons delegate --sign-only), paying the gas",
  positionals: [{ name: "file", description: "the signed delegation file" }],
  write: true,
  examples: ["commons relay delegation.json --account 5"],
  async run(input) {
    const session = await connect(input, true);
    const { chainId, registry } = session.commons.deployment;
    const signed = readDelegationFile(input.args.file, chainId, registry);
    const r = await send(session, input.flags, `relaying ${signed.delegator}'s delegation`, (o) =>
      session.commons.submitDelegation({ ...signed, ...o }),
    );
    output(
      input.flags,
      () =>
        `votes of ${signed.delegator} delegated to ${signed.delegatee} (relayed by ${session.signer!.account.address})`,
      { ...signed, relayer: session.signer!.account.address, ...txJson(r) },
    );
  },
});
