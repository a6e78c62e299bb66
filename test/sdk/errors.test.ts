import { encodeErrorResult, type AbiParameter } from "viem";
import { describe, expect, it } from "vitest";
import { commonsErrorsAbi } from "../../src/abi/generated.js";
import {
  CommonsError,
  ContractErrors,
  ContractRevertError,
  decodeRevertData,
  ERRORS_WITH_MESSAGES,
} from "../../src/index.js";

function sample(param: AbiParameter): unknown {
  if (param.type === "address") return "0x00000000000000000000000000000000000000A1";
  if (param.type === "bool") return true;
  if (param.type === "string") return "x";
  if (param.type.startsWith("bytes"))
    return `0x${"ab".repeat(param.type === "bytes" ? 2 : Number(param.type.slice(5)))}`;
  // viem decodes integers of up to 48 bits as numbers, wider ones as bigints.
  const bits = Number(param.type.replace(/^u?int/, "") || 256);
  if (param.type.startsWith("uint")) return bits <= 48 ? 7 : 7n;
  if (param.type.startsWith("int")) return bits <= 48 ? -7 : -7n;
  throw new Error(`no sample for ${param.type}`);
}

describe("typed contract errors", () => {
  it("should decode every custom error of the system into its own CommonsError subclass", () => {
    expect(commonsErrorsAbi.length).toBeGreaterThan(80);
    for (const item of commonsErrorsAbi) {
      const args = item.inputs.map(sample);
      const data = encodeErrorResult({ abi: [item], errorName: item.name, args } as never);
      const err = decodeRevertData(data);
      expect(err, item.name).toBeInstanceOf(
        (ContractErrors as unknown as Record<string, typeof ContractRevertError>)[item.name],
      );
      expect(err).toBeInstanceOf(ContractRevertError);
      expect(err).toBeInstanceOf(CommonsError);
      expect(err!.errorName).toBe(item.name);
      expect(err!.name).toBe(item.name);
      expect(err!.args).toEqual(args);
      expect(err!.shortMessage.startsWith(`${item.name}: `)).toBe(true);
      // Every error the system can revert with has a written human message, never the generic fallback.
      expect(err!.shortMessage, item.name).not.toContain("reverted with");
    }
  });

  it("should have no message for an error the contracts no longer have", () => {
    const names = new Set<string>(commonsErrorsAbi.map((e) => e.name));
    expect(ERRORS_WITH_MESSAGES.filter((name) => !names.has(name))).toEqual([]);
  });

  it("should write messages that name the values", () => {
    const cases: [string, unknown[], string][] = [
      ["ComputeRegistryWrongValue", [10n ** 15n, 10n ** 16n], "sent 0.001 ETH, need exactly 0.01 ETH"],
      [
        "HardwareAttestationsMemoryAboveCap",
        [1_179_648n, 1_048_576n],
        "node memory 1152 GiB is above the cap of 1024 GiB",
      ],
      ["HardwareAttestationsTooManyDevices", [9n, 8n], "9 devices; a node holds at most 8"],
      ["ComputeRegistryWrongNodeStatus", [3n, 6], "node 3 is Lapsed"],
      ["ComputeRegistryAttestationLapsed", [3n, 2], "node 3's attestation no longer holds (Revoked)"],
      ["NodeVetoNotOpen", [2n, 7], "proposal 2 is Executed: a veto is open only while it is Queued"],
      [
        "ComputeGovernorSettingOutOfBounds",
        ["0x79051887", 0n, 3_600n, 1_209_600n],
        "voting delay 0 s is outside 1 h..14 days",
      ],
      [
        "ComputeGovernorCallNotAllowed",
        [0n, "0x00000000000000000000000000000000000000A1", "0x2f2ff15d"],
        "action 0: proposals may not call grantRole(bytes32,address) on 0x00000000000000000000000000000000000000A1",
      ],
      ["NodeChallengesSameAttester", [4n, 1], "node 4 was attested by attester 1: the answer needs another attester"],
      ["HardwareCatalogUnknownSku", [99n], "unknown SKU 99"],
      [
        "ModelClassifierBelowConsumerFloor",
        [40_000_000_000n, 46_385_646_796n],
        "maxSmallParams 40000000000 is below the consumer floor of 46385646796 parameters",
      ],
      ["ModelClassifierParamsChangeTooLarge", [70n, 150n], "maxSmallParams may move at most 2x: 70 -> 150"],
      ["ModelClassifierChangeTooSoon", [0n], "thresholds may change again at 1970-01-01 00:00:00 UTC"],
      ["GovernorInvalidVoteType", [], "support must be 0 (against), 1 (for) or 2 (abstain)"],
      ["AlreadyRevokedOffchain", [], "this attestation was revoked already (EAS revokeOffchain)"],
    ];
    for (const [name, args, message] of cases) {
      const item = commonsErrorsAbi.find((e) => e.name === name)!;
      const err = decodeRevertData(encodeErrorResult({ abi: [item], errorName: name, args } as never))!;
      expect(err.shortMessage).toContain(`${name}: ${message}`);
    }
  });

  it("should leave unknown revert data undecoded", () => {
    expect(decodeRevertData("0xdeadbeef")).toBeUndefined();
  });
});
