/** Child processes for the tests that drive the repository's own commands (npm, the CLI, Hardhat scripts). */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export type RunFailure = Error & { exitCode: number | undefined; stdout: string; stderr: string };

/** Runs a program to completion; rejects with its exit code and output when it exits non-zero. */
export async function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(file, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "", code } = error as { stdout?: string; stderr?: string; code?: number | string };
    const failure = new Error(`${file} ${args.join(" ")} exited ${code}:\n${stdout}${stderr}`) as RunFailure;
    failure.exitCode = typeof code === "number" ? code : undefined;
    failure.stdout = stdout;
    failure.stderr = stderr;
    throw failure;
  }
}

/** Runs a program expected to fail; resolves with its failure (rejects when it exits 0). */
export async function runFailing(
  file: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunFailure> {
  const stdout = await run(file, args, cwd, env).catch((error: RunFailure) => error);
  if (typeof stdout === "string") throw new Error(`${file} ${args.join(" ")} exited 0:\n${stdout}`);
  return stdout;
}

/** The npm command line: npm's own CLI under this Node when npm started us, else `npm` from PATH. */
export function npmCommand(): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli !== undefined && /npm-cli\.js$/.test(cli) ? [process.execPath, [cli]] : ["npm", []];
}

/** npm, offline when the cache has what is needed (the registry mirror otherwise). */
export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const [file, prefix] = npmCommand();
  return run(file, [...prefix, ...args, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], cwd, env);
}

/**
 * Node's arguments to run a repository script on the TypeScript sources, as package.json's scripts do:
 * `node --import ./scripts/lib/source-hooks.js <script> <args>` (cwd: the repository).
 */
export const onSources = (script: string, ...args: string[]): string[] => [
  "--import",
  "./scripts/lib/source-hooks.js",
  script,
  ...args,
];
