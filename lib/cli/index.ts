/**
 * `npm run gatehouse -- <command>`: the operator's CLI, on the app's own engine, config and
 * database. `npm run gatehouse -- --help` lists the commands.
 *
 * How TypeScript runs here: Node 20 cannot execute .ts files, so the npm script runs
 * lib/cli/run.mjs, which loads this file through jiti's API: jiti compiles each of our modules on
 * first use and caches the result under node_modules/.cache/jiti. jiti is plain JavaScript with
 * no dependencies and no install script, so it installs wherever npm does (unlike esbuild/tsx,
 * whose native binary must match the platform, which breaks when node_modules is copied between
 * machines), and it needs no build step that could go stale next to the sources. It is a
 * runtime dependency because the CLI is meant for production machines (`doctor`, `db migrate`).
 *
 * The commands themselves run in run-gatehouse-cli.ts, on the I/O given (here the process's),
 * so that tests can run them in-process; this file is what only the real process does: the .env
 * files, closing the database connections, and the exit.
 */
import { loadEnvConfig } from "@next/env";
import { envFilesIgnored } from "../env-files.mjs";
import type { CliInput } from "./cli-io";

// The same .env files, in the same order, as `next dev` / `next start` read, before any module
// that reads the environment at import time (lib/config) is loaded; none under
// GATEHOUSE_ENV_FILES=ignore (a test's pinned environment).
if (!envFilesIgnored()) loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });

const [{ runGatehouseCli }, { disconnectAllPrismaClients }] = await Promise.all([import("./run-gatehouse-cli"), import("../store")]);

const exitCode = await runGatehouseCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin as CliInput,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
await disconnectAllPrismaClients().catch(() => {});
// A pipe is written asynchronously: what a slow reader has not taken yet is still queued in this
// process, and process.exit drops it (a `users list --all --json | less` ended at the pipe's
// 64 KiB). A reader that has gone (`| head`) fails the write, which ends the wait too.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
// Explicit: a driver's idle pool timer must not keep a finished command alive.
process.exit(exitCode);

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writableLength) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once("error", () => resolve());
    // Writes complete in order: this callback runs once everything before it is out.
    stream.write("", () => resolve());
  });
}
