/**
 * What every CLI command shares: the engine on the app's own database and config, the user
 * lookup, and output. Data goes to stdout (tables, or JSON with --json); progress, warnings and
 * the engine's JSON log lines go to stderr, so that `… --json | jq` keeps working.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pino from "pino";
import { createEngineContext, type EngineContext } from "../auth/context";
import { resolveConfig } from "../auth/resolve-config";
import { checkSecret } from "../auth/secret";
import type { UserSummaryRow } from "../auth/users/user-admin-store";
import { getUser } from "../auth/users/users";
import { gatehouseConfig } from "../config";
import { envFilesIgnored } from "../env-files.mjs";
import { createLogger } from "../log";
import { createPrismaStores, createRateLimitStore } from "../store";

/** A failure the operator can act on: printed as `error: <message>`, exit code 1. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = "CliError";
  }
}

export const print = (line = "") => process.stdout.write(`${line}\n`);
export const progress = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The app secret as the app would read it: GATEHOUSE_SECRET (the .env files are loaded by
 * lib/cli/index.ts), or outside production the `.env.local` value that `npm run dev`
 * generates (not under GATEHOUSE_ENV_FILES=ignore). Unlike the dev server, the CLI never
 * generates one: a secret the app does not share would seal signing keys the app cannot open.
 */
export function readAppSecret(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.GATEHOUSE_SECRET) return env.GATEHOUSE_SECRET;
  if (env.NODE_ENV === "production" || envFilesIgnored(env)) return null;
  const file = join(process.cwd(), ".env.local");
  return existsSync(file) ? (/^GATEHOUSE_SECRET=(.+)$/m.exec(readFileSync(file, "utf8"))?.[1]?.trim() ?? null) : null;
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
  const config = resolveConfig(gatehouseConfig, process.env);
  const ctx = createEngineContext({
    config,
    stores: createPrismaStores(process.env.DATABASE_URL),
    // Unused by the commands, but GATEHOUSE_RATE_LIMIT_STORE=database must not stop the CLI.
    rateLimitStore: createRateLimitStore(config.rateLimits.store, process.env.DATABASE_URL),
    secret: secret && Buffer.byteLength(secret) >= 32 ? secret : randomBytes(32).toString("hex"),
    // Auth events (role grants, key creation, …) as JSON on stderr, quiet unless asked.
    log: createLogger({ level: process.env.LOG_LEVEL || "warn", destination: pino.destination({ dest: 2, sync: true }) }),
  });
  engines.push(ctx);
  return ctx;
}

const engines: EngineContext[] = [];

/** Waits for the audit rows of every engine this run made (written in the background). */
export async function settleAuditWrites(): Promise<void> {
  await Promise.all(engines.map((ctx) => ctx.audit.settled()));
}

/** A user named by id or by email (exact, after normalisation). */
export async function findUser(ctx: EngineContext, ref: string): Promise<UserSummaryRow> {
  if (ref.includes("@")) {
    const email = ref.trim().toLowerCase();
    const page = await ctx.stores.userAdmin.listUsers({ order: "oldest", limit: 10, emailPrefix: email });
    const user = page.find((u) => u.email === email);
    if (user) return user;
  } else {
    const user = await getUser(ctx, ref);
    if (user) return user;
  }
  throw new CliError(`no user ${ref}`);
}

/** Plain left-aligned columns, header first. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  print(line(headers));
  rows.forEach((r) => print(line(r)));
}

export const isoOrDash = (date: Date | null | undefined) => (date ? date.toISOString() : "-");

/**
 * A password, never from the command line (where `ps` and shell history would show it):
 * piped into stdin (`printf '%s' "$PW" | … --password-stdin`, first line only), or typed at a
 * hidden prompt when stdin is a terminal.
 */
export async function readPassword(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const password = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
    if (!password) throw new CliError("no password on stdin");
    return password;
  }
  const first = await promptHidden("New password: ");
  if ((await promptHidden("Again: ")) !== first) throw new CliError("the two passwords differ");
  return first;
}

function promptHidden(question: string): Promise<string> {
  process.stderr.write(question);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  let value = "";
  return new Promise((resolve, reject) => {
    const done = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    function onData(chunk: string) {
      for (const c of chunk) {
        if (c === "\r" || c === "\n") return done(), resolve(value);
        if (c === "\u0003") return done(), reject(new CliError("cancelled", 130));
        value = c === "\u007f" || c === "\b" ? value.slice(0, -1) : value + c;
      }
    }
    stdin.on("data", onData);
  });
}
