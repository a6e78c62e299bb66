import { afterEach, describe, expect, it } from "vitest";
import type { CompilerOutputError } from "hardhat/types/solidity";
import { isDependencyWarning, splitDependencyWarnings } from "../../scripts/lib/dependencyWarnings.js";

/** A diagnostic as Hardhat hands it to the hook: the `-->` path already shortened to the file system. */
function diagnostic(
  severity: CompilerOutputError["severity"],
  file: string,
  message = "a message",
): CompilerOutputError {
  const type = severity === "error" ? "TypeError" : "Warning";
  return {
    type,
    component: "general",
    severity,
    message,
    formattedMessage: `${type}: ${message}\n   --> ${file}:125:29:\n    |\n125 |         code\n    |         ^^^^\n`,
  };
}

const ozWarning = diagnostic("warning", "./node_modules/@openzeppelin/contracts/utils/cryptography/ECDSA.sol");
const ourWarning = diagnostic("warning", "contracts/registry/ComputeRegistry.sol", "Unused local variable.");
const ozError = diagnostic("error", "./node_modules/@openzeppelin/contracts/governance/Governor.sol");

describe("solc warnings from dependencies (scripts/lib/dependencyWarnings.ts)", () => {
  afterEach(() => {
    delete process.env.COMMONS_SOLC_DEPENDENCY_WARNINGS;
  });

  it("should hide warnings located in node_modules and keep ours and every error", () => {
    expect(isDependencyWarning(ozWarning)).toBe(true);
    expect(isDependencyWarning(ourWarning)).toBe(false);
    expect(isDependencyWarning(ozError)).toBe(false);
    expect(isDependencyWarning(diagnostic("warning", "/home/me/project/node_modules/solady/src/Lib.sol"))).toBe(true);
    // A project file whose name merely mentions node_modules is ours.
    expect(isDependencyWarning(diagnostic("warning", "contracts/node_modules_notes.sol"))).toBe(false);

    const { shown, note } = splitDependencyWarnings([ozWarning, ourWarning, ozWarning, ozError]);
    expect(shown).toEqual([ourWarning, ozError]);
    expect(note).toBe(
      "(2 solc warnings in @openzeppelin/contracts hidden: not our code; COMMONS_SOLC_DEPENDENCY_WARNINGS=1 shows them)",
    );
  });

  it("should say nothing when there is nothing to hide, and hide nothing when asked to show all", () => {
    expect(splitDependencyWarnings([ourWarning])).toEqual({ shown: [ourWarning], note: undefined });
    process.env.COMMONS_SOLC_DEPENDENCY_WARNINGS = "1";
    expect(splitDependencyWarnings([ozWarning, ourWarning])).toEqual({
      shown: [ozWarning, ourWarning],
      note: undefined,
    });
  });
});
