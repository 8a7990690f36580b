/** The real CLI (`node lib/cli/run.mjs`, what `npm run gatehouse` starts) as a test runs it. */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hermeticEnv } from "../../../scripts/hermetic-env.mjs";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI with only the settings the test pins: no inherited variable and no .env file (the
 * checkout's .env.local holds the secret `npm run dev` generated). `input` goes to its stdin.
 */
export function runCli(args: string[], options: { env?: Record<string, string | undefined>; input?: string; cwd?: string } = {}): Promise<CliRun> {
  const env = hermeticEnv({ NODE_ENV: "production", LOG_LEVEL: "warn", ...options.env });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "lib/cli/run.mjs"), ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
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
