/**
 * The CLI as a test runs it: in the test's own process by default (runCli, milliseconds a run),
 * or as the real process (runCliProcess: `node lib/cli/run.mjs`, what `npm run gatehouse`
 * starts, about 2 s of CPU a run) for what only the process does: .env loading, jiti, the exit,
 * a piped stdin.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { hermeticEnv } from "../../../scripts/hermetic-env.mjs";
import type { CliInput, CliOutput } from "../cli-io";
import type { FakeTerminal } from "./fake-terminal";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** The settings the test pins, over NODE_ENV=production and LOG_LEVEL=warn. */
  env?: Record<string, string | undefined>;
  /** The run's stdin, whole (a pipe closed after it). */
  input?: string;
  /** In-process only: a terminal as stdin, which also sees stderr (testing/fake-terminal.ts); `input` is then unused. */
  terminal?: FakeTerminal;
  /** The working directory. @default the checkout */
  cwd?: string;
  /**
   * The real process only: its stdout is left unread this long (or until it exits), as a slow
   * reader of a pipe (`| less`, a busy `ssh`) leaves it. @default 0
   */
  readStdoutAfterMs?: number;
}

/**
 * Only the settings the test pins: no inherited app setting and no .env file (the checkout's
 * .env.local holds the secret `npm run dev` generated).
 */
const pinnedEnv = (options: CliRunOptions) => hermeticEnv({ NODE_ENV: "production", LOG_LEVEL: "warn", ...options.env });

/** A stream that keeps what is written to it, as a pipe to the test would. */
function collector(): CliOutput & { text: string } {
  return {
    text: "",
    write(chunk, callback) {
      this.text += chunk;
      callback?.();
      return true;
    },
  };
}

/**
 * Runs the CLI's commands in this process, on their own environment, stdin, stdout and stderr
 * (lib/cli/cli-io.ts). The database clients stay open: the test's own share them.
 */
export async function runCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const { runGatehouseCli } = await import("../run-gatehouse-cli");
  const stdout = collector();
  const stderr = collector();
  const { terminal } = options;
  if (terminal) {
    const write = stderr.write.bind(stderr);
    stderr.write = (chunk, callback) => (terminal.show(chunk), write(chunk, callback));
  }
  const stdin = terminal?.stdin ?? (Readable.from(options.input ? [Buffer.from(options.input)] : []) as Readable & CliInput);
  const code = await runGatehouseCli(args, { env: pinnedEnv(options), stdin, stdout, stderr, cwd: options.cwd ?? ROOT });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs the real CLI process, with the same pinned environment. `input` goes to its stdin. */
export function runCliProcess(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const env = pinnedEnv(options);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "lib/cli/run.mjs"), ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    let reading = false;
    const readStdout = () => {
      if (!reading) child.stdout.on("data", (d) => (stdout += d));
      reading = true;
    };
    if (options.readStdoutAfterMs) {
      const timer = setTimeout(readStdout, options.readStdoutAfterMs);
      child.on("exit", () => (clearTimeout(timer), readStdout()));
    } else readStdout();
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
