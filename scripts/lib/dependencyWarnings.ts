/**
 * A Hardhat 3 plugin that hides solc warnings located in installed packages (OpenZeppelin's sources under
 * `node_modules/`), which we cannot fix and newcomers read as errors, and prints one line counting them
 * instead. Warnings in our own files and every error are shown as Hardhat prints them.
 * `COMMONS_SOLC_DEPENDENCY_WARNINGS=1` shows the hidden ones too.
 *
 * It filters the list Hardhat prints through the `solidity.getCompilationJobErrors` hook, which may change
 * what is reported but not whether a compilation job succeeds.
 */
import type { HardhatPlugin } from "hardhat/types/plugins";
import type { CompilerOutputError } from "hardhat/types/solidity";

/** The file a solc diagnostic points at first (`--> path:line:col:` in its formatted message). */
function primaryFile(error: CompilerOutputError): string | undefined {
  return /-->\s+([^\s:]+):\d+/.exec(error.formattedMessage ?? "")?.[1];
}

/** A warning (or info) whose primary location is inside `node_modules/`; never an error. */
export function isDependencyWarning(error: CompilerOutputError): boolean {
  if (error.severity === "error") return false;
  const file = primaryFile(error);
  return file !== undefined && /(^|[/\\])node_modules[/\\]/.test(file);
}

/** The diagnostics to print, and one line about those hidden (undefined when none). */
export function splitDependencyWarnings(errors: CompilerOutputError[]): {
  shown: CompilerOutputError[];
  note: string | undefined;
} {
  if (process.env.COMMONS_SOLC_DEPENDENCY_WARNINGS === "1") return { shown: errors, note: undefined };
  const hidden = errors.filter(isDependencyWarning);
  if (hidden.length === 0) return { shown: errors, note: undefined };
  const packages = [
    ...new Set(
      hidden.map((e) => /node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(primaryFile(e) ?? "")?.[1] ?? "?"),
    ),
  ];
  return {
    shown: errors.filter((e) => !isDependencyWarning(e)),
    note:
      `(${hidden.length} solc warning${hidden.length === 1 ? "" : "s"} in ${packages.join(", ")} hidden: ` +
      `not our code; COMMONS_SOLC_DEPENDENCY_WARNINGS=1 shows them)`,
  };
}

const plugin: HardhatPlugin = {
  id: "compute-commons:dependency-warnings",
  hookHandlers: {
    solidity: async () => ({
      default: async () => ({
        async getCompilationJobErrors(context, compilationJob, compilerOutput, next) {
          const { shown, note } = splitDependencyWarnings(await next(context, compilationJob, compilerOutput));
          if (note !== undefined) console.log(note);
          return shown;
        },
      }),
    }),
  },
};

export default plugin;
