/**
 * What one CLI run reads and writes: its environment, stdin, stdout, stderr, working directory,
 * exit code, and the engines and background work it started. The real process has one run and
 * gives it `process.*` (lib/cli/index.ts); a test runs many in one worker (testing/run-cli.ts),
 * each with its own, so they are carried by an AsyncLocalStorage rather than read from `process`:
 * two runs in flight must not see each other's environment, input or output.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { EngineContext } from "../auth/context";

/** A stream the CLI writes to; `isTTY`/`columns` as a terminal's (absent on a pipe). */
export interface CliOutput {
  write(chunk: string, callback?: (error?: Error | null) => void): boolean;
  isTTY?: boolean;
  columns?: number;
}

/** The CLI's stdin: read whole or line by line; a terminal's raw mode for the hidden prompt. */
export type CliInput = AsyncIterable<Buffer | string> & {
  isTTY?: boolean;
  setRawMode?: (raw: boolean) => unknown;
  setEncoding(encoding: BufferEncoding): unknown;
  resume(): unknown;
  pause(): unknown;
  /** True once the input has ended and all of it was read (a prompt must not wait for more). */
  readableEnded?: boolean;
  on(event: "data", listener: (chunk: string) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  off(event: "data", listener: (chunk: string) => void): unknown;
  off(event: "end", listener: () => void): unknown;
};

export interface CliIo {
  /** The run's whole environment: nothing else is read (no `process.env`). */
  env: Record<string, string | undefined>;
  stdin: CliInput;
  stdout: CliOutput;
  stderr: CliOutput;
  /** Where `.env.local` is looked for (outside production, unless .env files are ignored). */
  cwd: string;
}

interface CliRun {
  io: CliIo;
  /** Set by a command that finished but failed (doctor found a problem, an import had failures). */
  exitCode?: number;
  engines: EngineContext[];
  background: Promise<unknown>[];
}

const runs = new AsyncLocalStorage<CliRun>();

const processIo = (): CliIo => ({
  env: process.env,
  stdin: process.stdin as CliInput,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});

/**
 * Outside any run (a unit test calling `print`, a command's helper used elsewhere): the process's
 * own streams, looked up at each call so that a test's spy on `process.stdout.write` sees it.
 */
let outside: CliRun | undefined;
function current(): CliRun {
  const run = runs.getStore();
  if (run) return run;
  outside ??= { io: processIo(), engines: [], background: [] };
  outside.io = processIo();
  return outside;
}

/** The I/O of the run in progress. */
export const cliIo = (): CliIo => current().io;

/** Marks the run failed without stopping it: its exit code, once the command returns. */
export function setCliExitCode(code: number): void {
  current().exitCode = code;
}

/** The engines and background work of the run in progress, for context.ts to settle. */
export const cliRunState = (): Pick<CliRun, "engines" | "background"> => current();

/** The exit code a command of the run in progress set, if any. */
export const cliExitCode = (): number | undefined => current().exitCode;

/** Runs `work` as one CLI run with `io`: everything it starts, awaited or not, sees that run. */
export function withCliIo<T>(io: CliIo, work: () => Promise<T>): Promise<T> {
  return runs.run({ io, engines: [], background: [] }, work);
}
