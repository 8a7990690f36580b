import { existsSync } from "node:fs";
import type { Command } from "commander";
import { publicSuffixProblem } from "../auth/cookie-domain-suffix";
import { checkSecret, deriveKeys, secretWeakness } from "../auth/secret";
import { checkKeyRow } from "../auth/session/signing-key-mac";
import { resolveGatehouseConfig } from "../gatehouse";
import { describeSmtpError } from "../email/transient";
import { resolveLogLevel } from "../log";
import { providerOf, redactUrl, resolveDatabaseUrl, sqlitePathOf } from "../store/database-url.mjs";
import { createPrismaStoresOn, getPrismaClient } from "../store";
import { matchesChecksum, readMigrations } from "../../scripts/db/migrations-dir.mjs";
import { migrationsDirOf } from "../../scripts/db/paths.mjs";
import { cliIo, setCliExitCode } from "./cli-io";
import { print, readAppSecret } from "./context";

type Outcome = { status: "ok" | "warn" | "fail"; detail: string };
const ok = (detail: string): Outcome => ({ status: "ok", detail });
const warn = (detail: string): Outcome => ({ status: "warn", detail });
const fail = (detail: string): Outcome => ({ status: "fail", detail });

/** Network checks give up after this long rather than hang the command. */
const TIMEOUT_MS = 10_000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from ${what} within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0];

function checkSecretOutcome(env: NodeJS.ProcessEnv): Outcome {
  const secret = readAppSecret(env);
  if (!secret) {
    return env.NODE_ENV === "production"
      ? fail("GATEHOUSE_SECRET is not set: the app will refuse to start. Generate one with `openssl rand -hex 32`.")
      : warn("GATEHOUSE_SECRET is not set: `npm run dev` will generate one into .env.local (development only).");
  }
  try {
    checkSecret(secret);
    const weakness = secretWeakness(secret);
    if (weakness) return warn(`GATEHOUSE_SECRET looks guessable: ${weakness}. Generate one with \`openssl rand -hex 32\`.`);
    return ok(`set (${Buffer.byteLength(secret)} bytes)${env.GATEHOUSE_SECRET ? "" : ", from .env.local"}`);
  } catch (error) {
    return fail(message(error));
  }
}

async function checkConfig(env: NodeJS.ProcessEnv): Promise<Outcome> {
  try {
    const config = resolveGatehouseConfig(env);
    const suffix = await publicSuffixProblem(config.session.cookieDomain);
    if (suffix) return fail(suffix);
    const level = resolveLogLevel(env.LOG_LEVEL);
    if (level.invalid !== undefined) return warn(`LOG_LEVEL "${level.invalid}" is not a level; "info" is used`);
    return ok(`app origin ${config.appOrigin}, API at ${config.apiBasePath}, log level ${level.level}`);
  } catch (error) {
    return fail(message(error));
  }
}

async function checkDatabase(url: string): Promise<{ connection: Outcome; migrations: Outcome }> {
  const where = redactUrl(url);
  const provider = providerOf(url);
  // Opening a missing SQLite file would create an empty one: say so instead.
  if (provider === "sqlite" && !existsSync(sqlitePathOf(url))) {
    return { connection: fail(`the SQLite file ${sqlitePathOf(url)} does not exist; run \`npm run db:migrate\``), migrations: fail("no database") };
  }
  let prisma;
  try {
    prisma = await getPrismaClient(url);
    await withTimeout(prisma.$queryRawUnsafe("SELECT 1"), where);
  } catch (error) {
    return { connection: fail(`cannot connect to ${where}: ${message(error)}`), migrations: fail("not checked: no connection") };
  }
  const files = await readMigrations(migrationsDirOf(provider));
  let applied: { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown }[];
  try {
    applied = await prisma.$queryRawUnsafe("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations");
  } catch {
    return {
      connection: ok(`${provider} at ${where}`),
      migrations: fail(`no migration has been applied: run \`npm run db:migrate\` (${files.length} pending)`),
    };
  }
  const live = applied.filter((row) => row.rolled_back_at === null);
  const failed = live.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  const byName = new Map(live.map((row) => [row.migration_name, row]));
  const edited = files.filter((f) => byName.has(f.name) && !matchesChecksum(f, byName.get(f.name)!.checksum)).map((f) => f.name);
  const pending = files.filter((f) => !byName.has(f.name)).map((f) => f.name);
  const migrations =
    failed.length > 0
      ? fail(`migration ${failed.join(", ")} failed and needs repair by hand (see prisma/README.md)`)
      : edited.length > 0
        ? fail(`migration ${edited.join(", ")} was edited after it was applied`)
        : pending.length > 0
          ? fail(`${pending.length} pending: ${pending.join(", ")}; run \`npm run db:migrate\``)
          : ok(`all ${files.length} applied`);
  return { connection: ok(`${provider} at ${where}`), migrations };
}

/** How many slugs a warning names before "and N more". */
const NAMED_ORGANIZATIONS = 3;

/**
 * An organization's required second factor stored while MFA was on (the admin API refuses it
 * while off) is enforced by nothing once the deployer turns MFA off. One query over the
 * organizations, none over the users.
 */
async function checkMfa(env: NodeJS.ProcessEnv, url: string): Promise<Outcome> {
  if (resolveGatehouseConfig(env).mfa.enabled) return ok("on");
  const organizations = createPrismaStoresOn(() => getPrismaClient(url)).organizations;
  const { ids, total } = await withTimeout(organizations.listOrganizationsRequiringSecondaryFactors(NAMED_ORGANIZATIONS), redactUrl(url));
  if (total === 0) return ok("off; no organization requires a second factor");
  const more = total > ids.length ? ` and ${total - ids.length} more` : "";
  return warn(
    `MFA is off in the configuration, yet ${total} organization(s) require a second factor (${ids.join(", ")}${more}): ` +
      "nothing enforces it; turn MFA on (mfa) or remove their requiredSecondaryFactors",
  );
}

/**
 * The signing keys as the app will see them under this secret. When rows exist and none passes
 * its integrity check, the app cannot sign (every sign-in and refresh answers 503): the secret is
 * not the one that made them, by mistake or by a change that still needs `keys reset`.
 */
async function checkSigningKeys(env: NodeJS.ProcessEnv, url: string): Promise<Outcome> {
  const secret = readAppSecret(env);
  if (!secret) return warn("not checked: GATEHOUSE_SECRET is not set");
  const { signingKeyMac: macKey, sealPassword } = deriveKeys(secret);
  const rows = await withTimeout(createPrismaStoresOn(() => getPrismaClient(url)).signingKeys.listVerifyingKeys(new Date()), redactUrl(url));
  if (rows.length === 0) return ok("none yet: the app makes one when it first signs");
  let authentic = 0;
  for (const row of rows) if ((await checkKeyRow(row, { macKey, sealPassword })).status !== "REJECTED") authentic++;
  if (authentic === 0) {
    return fail(
      `none of the ${rows.length} signing key(s) passes its integrity check under this GATEHOUSE_SECRET, so the app cannot sign: ` +
        "restore the secret that made them, or after a deliberate change run `keys reset --yes` (docs/security.md)",
    );
  }
  if (authentic < rows.length) return warn(`${rows.length - authentic} of ${rows.length} signing key(s) fail their integrity check and are ignored`);
  return ok(`${rows.length} verifying under this secret`);
}

async function checkSmtp(env: NodeJS.ProcessEnv): Promise<Outcome> {
  const url = env.SMTP_URL?.trim();
  if (!url) {
    // A warning, not a failure: an app may run without email, and then nothing is wrong.
    return env.NODE_ENV === "production"
      ? warn("SMTP_URL is not set: password-reset and verification emails cannot be sent")
      : warn("SMTP_URL is not set: emails are logged and kept at /dev/outbox (development only)");
  }
  const server = (() => {
    try {
      return new URL(url).host;
    } catch {
      return "(unparsable SMTP_URL)";
    }
  })();
  try {
    const { createTransport } = await import("nodemailer");
    const options = {
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
      ...resolveGatehouseConfig(env).email.smtp,
      url,
    };
    const transport = createTransport(options as Parameters<typeof createTransport>[0]);
    await withTimeout(transport.verify(), server);
    transport.close();
    return ok(`${server} accepts connections${url.includes("@") ? " and the login" : ""}`);
  } catch (error) {
    return fail(`${server}: ${describeSmtpError(error)}`);
  }
}

const MARK = { ok: "ok  ", warn: "warn", fail: "FAIL" } as const;

/** Runs every check, prints one line each, and returns whether none failed. */
export async function runDoctor(env = cliIo().env as NodeJS.ProcessEnv): Promise<boolean> {
  const report = (name: string, outcome: Outcome) => {
    print(`${MARK[outcome.status]}  ${name.padEnd(10)} ${outcome.detail}`);
    return outcome.status !== "fail";
  };
  const config = await checkConfig(env);
  const results = [report("secret", checkSecretOutcome(env)), report("config", config)];
  const databaseUrl = resolveDatabaseUrl(env.DATABASE_URL);
  const db = await checkDatabase(databaseUrl);
  results.push(report("database", db.connection), report("migrations", db.migrations));
  // Only on a migrated database, with a config that resolves (else its own line failed already).
  if (config.status !== "fail" && db.migrations.status === "ok") {
    const mfa = await checkMfa(env, databaseUrl).catch((error: unknown) => warn(`not checked: ${message(error)}`));
    results.push(report("mfa", mfa));
    if (checkSecretOutcome(env).status !== "fail") {
      const keys = await checkSigningKeys(env, databaseUrl).catch((error: unknown) => warn(`not checked: ${message(error)}`));
      results.push(report("keys", keys));
    }
  }
  results.push(report("smtp", await checkSmtp(env)));
  const healthy = results.every(Boolean);
  print(healthy ? "\nNo problems found." : "\nSome checks failed: see the lines marked FAIL.");
  return healthy;
}

export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description("check the secret, config, database connection, pending migrations, MFA, signing keys and SMTP")
    .action(async () => {
      if (!(await runDoctor())) setCliExitCode(1);
    });
}
