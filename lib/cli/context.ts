/**
 * What every CLI command shares: the engine on the app's own database and config, the user
 * lookup, and output. Data goes to stdout (tables, or JSON with --json); progress, warnings and
 * the engine's JSON log lines go to stderr, so that `… --json | jq` keeps working.
 */
import { randomBytes } from "node:crypto";
import pino from "pino";
import { withRequestScope, type EngineContext } from "../auth/context";
import { normaliseEmail } from "../auth/emailpassword/credential-checks";
import { checkSecret } from "../auth/secret";
import type { UserSummaryRow } from "../auth/ports/user-admin-store";
import { getUser } from "../auth/users/users";
import { readAppSecret as readDevSecret } from "../dev-secret";
import { createGatehouse } from "../gatehouse";
import { createLogger } from "../log";
import { CliError } from "./cli-error";
import { cliIo, cliRunState, type CliOutput } from "./cli-io";
import { withHiddenPrompt } from "./hidden-prompt";

export { CliError };

/**
 * Control characters a terminal may act on (ESC, BEL, the C1 set's CSI…), written as `\u` escapes:
 * what the CLI prints may hold a client's user agent or an import file's text, which could
 * otherwise rewrite the operator's screen. Line breaks and tabs stay, except in table cells.
 * Valid inside JSON text too: only its strings can hold them (JSON.stringify leaves DEL and C1 raw).
 */
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const CELL_CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const escapeControl = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

export const print = (line = "") => cliIo().stdout.write(`${line.replace(TERMINAL_CONTROLS, escapeControl)}\n`);
export const progress = (line: string) => cliIo().stderr.write(`${line.replace(TERMINAL_CONTROLS, escapeControl)}\n`);

/** The app secret as the run's environment and working directory give it (doctor reads it too). */
export function readAppSecret(env = cliIo().env, cwd = cliIo().cwd): string | null {
  return readDevSecret(env, cwd);
}

/**
 * The engine for one CLI run. Commands that seal, sign or verify (`keys rotate`) need the app's
 * secret; the others only read and write rows, and run without one on a throwaway secret
 * (derived keys that are never used).
 */
export function cliEngine(options: { needsSecret?: boolean } = {}): EngineContext {
  const secret = readAppSecret();
  if (options.needsSecret) {
    try {
      checkSecret(secret ?? undefined);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
  }
  // The app's own composition root, so the CLI's engine is the app's (config, stores, claims),
  // with three differences that are the CLI's own.
  const io = cliIo();
  const { engines, background } = cliRunState();
  const ctx = createGatehouse({
    env: io.env,
    overrides: {
      secret: secret && Buffer.byteLength(secret) >= 32 ? secret : randomBytes(32).toString("hex"),
      // Auth events (role grants, key creation, …) as JSON on stderr, quiet unless asked.
      log: createLogger({ level: io.env.LOG_LEVEL || "warn", destination: logDestination(io.stderr) }),
      // The app's own mail (SMTP_URL): a password set here sends the user the same notice as one
      // set from the admin page. Work after the command (notices) is awaited before the exit.
      waitUntil: (task) => void background.push(task),
    },
  });
  // Every event of the run says the CLI acted (audit rows and log lines): it has no client.
  const cli = withRequestScope(ctx, { log: ctx.log.child({ actor: "cli" }), audit: ctx.audit.child({ actor: "cli" }) });
  engines.push(cli);
  return cli;
}

/**
 * The process's stderr written synchronously on its file descriptor, as pino does best (no line
 * lost at `process.exit`); any other stream (a test's in-process run) through its own `write`.
 */
function logDestination(stderr: CliOutput) {
  return stderr === process.stderr ? pino.destination({ dest: 2, sync: true }) : { write: (line: string) => void stderr.write(line) };
}

/** Waits for what every engine of this run left to finish: its audit rows and its emails. */
export async function settleBackgroundWork(): Promise<void> {
  const { engines, background } = cliRunState();
  await Promise.allSettled(background.splice(0));
  await Promise.all(engines.map((ctx) => ctx.audit.settled()));
}

/**
 * A user named by id, by the id it had before an import, or by email (exact, after
 * normalisation); null when there is none. An id may hold an `@` (an import keeps such ids), so a
 * ref with one is looked up both ways, and a ref that is one user's email and another's id is
 * refused rather than taken as either: a `users delete` must not pick one for the operator.
 */
export async function lookUpUser(ctx: EngineContext, ref: string): Promise<UserSummaryRow | null> {
  const byEmail = ref.includes("@") ? await userByEmail(ctx, ref) : null;
  const byId = await getUser(ctx, ref);
  if (byEmail && byId && byEmail.id !== byId.id) throw new CliError(`${ref} names two users: the email of ${byEmail.id} and the id of ${byId.id}`);
  // An import without an old id records the user's email as one: it names the user only when no
  // user has that email or id today.
  return byEmail ?? byId ?? (await userByOldId(ctx, ref));
}

/** lookUpUser, or a CliError when there is no such user. */
export async function findUser(ctx: EngineContext, ref: string): Promise<UserSummaryRow> {
  const user = await lookUpUser(ctx, ref);
  if (!user) throw new CliError(`no user ${ref}`);
  return user;
}

async function userByEmail(ctx: EngineContext, ref: string): Promise<UserSummaryRow | null> {
  // Found by the address itself: a page of addresses that merely begin with it may not hold it.
  const found = await ctx.stores.thirdParty.findUserByEmail(normaliseEmail(ref));
  return found && (await getUser(ctx, found.id));
}

/** The id an imported user had in the system it came from (docs/migrating.md). */
async function userByOldId(ctx: EngineContext, ref: string): Promise<UserSummaryRow | null> {
  const [imported] = await ctx.stores.imports.findByExternalId(ref);
  return imported ? await getUser(ctx, imported.userId) : null;
}

/** Plain left-aligned columns, header first. */
export function printTable(headers: string[], cells: string[][]): void {
  // A line break or tab in a cell would break the columns, or forge a row.
  const rows = cells.map((row) => row.map((cell) => cell.replace(CELL_CONTROLS, escapeControl)));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  print(line(headers));
  rows.forEach((r) => print(line(r)));
}

export const isoOrDash = (date: Date | null | undefined) => (date ? date.toISOString() : "-");

/**
 * A password, never from the command line (where `ps` and shell history would show it):
 * piped into stdin (`printf '%s' "$PW" | … --password-stdin`, first line only), or typed at a
 * hidden prompt when stdin is a terminal. A terminal gets the prompt with --password-stdin too:
 * read as a pipe, it would echo the password as typed (and wait for Ctrl-D without saying so).
 */
export async function readPassword(): Promise<string> {
  const stdin = cliIo().stdin;
  if (!stdin.isTTY) return readFirstLineOfStdin("password");
  // Both questions on one reading of the terminal: a paste of both lines answers both.
  return withHiddenPrompt({ stdin, stderr: cliIo().stderr }, async (ask) => {
    const first = await ask("New password: ");
    if ((await ask("Again: ")) !== first) throw new CliError("the two passwords differ");
    return first;
  });
}

/** The first line of stdin, read to its end (a pipe: `printf '%s' "$VALUE" | …`); `what` names it in the error. */
export async function readFirstLineOfStdin(what: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of cliIo().stdin) chunks.push(Buffer.from(chunk));
  const line = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
  if (!line) throw new CliError(`no ${what} on stdin`);
  return line;
}
