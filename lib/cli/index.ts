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
 * Exit codes: 0 success, 1 failure (the message says what is wrong), 2 bad usage.
 */
import { loadEnvConfig } from "@next/env";
import { Command, CommanderError } from "commander";
import { envFilesIgnored } from "../env-files.mjs";

// The same .env files, in the same order, as `next dev` / `next start` read, before any module
// that reads the environment at import time (lib/config) is loaded; none under
// GATEHOUSE_ENV_FILES=ignore (a test's pinned environment).
if (!envFilesIgnored()) loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });

const [
  { CliError, settleBackgroundWork },
  { registerUserCommands },
  { registerAdminCommands },
  { registerDoctorCommand },
  { disconnectAllPrismaClients },
  { registerAuditCommands },
  { registerImportCommands },
  { registerOrganizationCommands },
] = await Promise.all([
  import("./context"),
  import("./users"),
  import("./admin"),
  import("./doctor"),
  import("../store"),
  import("./audit"),
  import("./import"),
  import("./organizations"),
]);

const program = new Command("gatehouse")
  .description("Operate a Gatehouse app: users, sessions, roles, keys, database, health checks")
  .showHelpAfterError("(add --help for usage)")
  .exitOverride();
registerUserCommands(program);
registerAdminCommands(program);
registerDoctorCommand(program);
registerAuditCommands(program);
registerImportCommands(program);
registerOrganizationCommands(program);
for (const command of program.commands) {
  command.exitOverride();
  for (const sub of command.commands) sub.exitOverride();
}

let exitCode = 0;
try {
  await program.parseAsync(process.argv);
  exitCode = Number(process.exitCode ?? 0);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; anything commander refused is a usage error.
    exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof CliError) {
    process.stderr.write(`error: ${error.message}\n`);
    exitCode = error.exitCode;
  } else {
    const detail = process.env.DEBUG ? ((error as Error)?.stack ?? String(error)) : ((error as Error)?.message ?? String(error));
    process.stderr.write(`error: ${detail}\n`);
    exitCode = 1;
  }
} finally {
  // The audit rows and notices of what the command did (role grants, a password set, …) before the connection closes.
  await settleBackgroundWork();
  await disconnectAllPrismaClients().catch(() => {});
}
// Explicit: a driver's idle pool timer must not keep a finished command alive.
process.exit(exitCode);
