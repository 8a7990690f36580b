/**
 * One run of the CLI on the I/O it is given, returning its exit code: 0 success, 1 failure (the
 * message says what is wrong), 2 bad usage. The real process (index.ts) gives it `process.*` and
 * exits with the code; the tests give it their own streams and run many in one worker
 * (testing/run-cli.ts), so nothing here may touch `process` or outlive the run.
 */
import { Command, CommanderError } from "commander";
import { cliExitCode, withCliIo, type CliIo } from "./cli-io";
import { CliError, settleBackgroundWork } from "./context";
import { registerAdminCommands } from "./admin";
import { registerAuditCommands } from "./audit";
import { registerDoctorCommand } from "./doctor";
import { registerImportCommands } from "./import";
import { registerOrganizationCommands } from "./organizations";
import { registerSecretCommands } from "./secret";
import { registerUserCommands } from "./users";

/**
 * An unknown `--name=value` option without its value: the value may be the secret or password
 * the operator tried to pass (`--previous-secret=…`), and stderr often ends up in a log.
 */
const withoutOptionValue = (text: string) => text.replace(/(unknown option '--[^=\s']+=).*'/, "$1…'");

/**
 * A fresh program per run: commander keeps what it parsed (options, the command that ran) on its
 * Command objects, so a second run on the same program would see the first one's options.
 */
function buildProgram(io: CliIo): Command {
  const program = new Command("gatehouse")
    .description("Operate a Gatehouse app: users, sessions, roles, keys, the app secret, database, health checks")
    // Help and usage errors on the run's streams (subcommands inherit this when created); 80
    // columns is commander's own width when the stream is not a terminal.
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      outputError: (text, write) => write(withoutOptionValue(text)),
      getOutHelpWidth: () => (io.stdout.isTTY ? io.stdout.columns : undefined) ?? 80,
      getErrHelpWidth: () => (io.stderr.isTTY ? io.stderr.columns : undefined) ?? 80,
      // Our help text holds no colour codes, so there is nothing for commander to keep or strip.
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showHelpAfterError("(add --help for usage)")
    .exitOverride();
  registerUserCommands(program);
  registerAdminCommands(program);
  registerSecretCommands(program);
  registerDoctorCommand(program);
  registerAuditCommands(program);
  registerImportCommands(program);
  registerOrganizationCommands(program);
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  return program;
}

/** Runs `args` (what follows `gatehouse` on the command line) and resolves to the exit code. */
export function runGatehouseCli(args: string[], io: CliIo): Promise<number> {
  return withCliIo(io, async () => {
    let exitCode = 0;
    try {
      await buildProgram(io).parseAsync(args, { from: "user" });
      exitCode = cliExitCode() ?? 0;
    } catch (error) {
      if (error instanceof CommanderError) {
        // Help and version exit 0; anything commander refused is a usage error.
        exitCode = error.exitCode === 0 ? 0 : 2;
      } else if (error instanceof CliError) {
        io.stderr.write(`error: ${error.message}\n`);
        exitCode = error.exitCode;
      } else {
        const detail = io.env.DEBUG ? ((error as Error)?.stack ?? String(error)) : ((error as Error)?.message ?? String(error));
        io.stderr.write(`error: ${detail}\n`);
        exitCode = 1;
      }
    } finally {
      // The audit rows and notices of what the command did (role grants, a password set, …).
      await settleBackgroundWork();
    }
    return exitCode;
  });
}
