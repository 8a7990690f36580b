/**
 * The CLI on what it needs before any command: `db migrate`, `doctor` (database file,
 * migrations, secret, SMTP) in this process; the developer's .env files that must not reach it
 * under test, read from its working directory, a piped stdin, jiti, the exit code and the output
 * a slow reader takes whole in the real process (`node lib/cli/run.mjs`); and the
 * `npm run gatehouse` script. Commands on data: cli.db.test.ts.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SMTPServer } from "smtp-server";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../scripts/test-db.mjs";
import { freePort, runCli, runCliProcess, type CliRun } from "./testing/run-cli";
import { sqliteForCli } from "./testing/cli-database";
import { verifyPassword } from "../auth/emailpassword/password-hash";
import { TEST_SECRET } from "../auth/testing/test-engine";
import { createPrismaStores, disconnectPrismaClient } from "../store";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MIGRATIONS = readdirSync(path.join(ROOT, "prisma/sqlite/migrations"))
  .filter((n) => /^\d/.test(n))
  .sort();

const cli = runCli;

describe("gatehouse CLI set-up on SQLite", () => {
  const database = sqliteForCli();

  it("db migrate and doctor: missing file, pending migrations, healthy, SMTP up and down", async () => {
    const file = path.join(os.tmpdir(), "gatehouse-tests", `gh_test_${process.pid}_cli${randomUUID().slice(0, 6)}.db`);
    const fresh = { DATABASE_URL: `file:${file}`, GATEHOUSE_SECRET: TEST_SECRET };
    const missing = await cli(["doctor"], { env: fresh });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/FAIL {2}database {3}the SQLite file .* does not exist/);

    const unmigrated = await createTestDatabase("sqlite", { migrate: false });
    const firstMigration = await firstMigrationOnly();
    try {
      await (await import("../../scripts/db-migrate.mjs")).migrate(unmigrated.url, { log: () => {}, migrationsDir: firstMigration });
      const pending = await cli(["doctor"], { env: { ...fresh, DATABASE_URL: unmigrated.url } });
      expect(pending.stdout).toContain(
        `FAIL  migrations ${MIGRATIONS.length - 1} pending: ${MIGRATIONS.slice(1).join(", ")}; run \`npm run db:migrate\``,
      );
    } finally {
      // The in-process doctor opened a client on it, which stays cached in this worker.
      await disconnectPrismaClient(unmigrated.url);
      await unmigrated.drop();
      rmSync(firstMigration, { recursive: true, force: true });
    }

    expect(await cli(["db", "migrate"], { env: fresh })).toMatchObject({ code: 0, stdout: `applied ${MIGRATIONS.length} migration(s)\n` });
    // A secret of the right length that is a short piece repeated: a warning, not a failure.
    const guessable = await cli(["doctor"], { env: { ...fresh, GATEHOUSE_SECRET: "ab".repeat(32) } });
    expect(guessable.stdout).toContain(
      "warn  secret     GATEHOUSE_SECRET looks guessable: it is 2 characters repeated. Generate one with `openssl rand -hex 32`.",
    );
    expect(guessable.code).toBe(0);
    const smtp = new SMTPServer({ authOptional: true, disabledCommands: ["STARTTLS"] });
    const port = await freePort();
    await new Promise<void>((r) => smtp.listen(port, "127.0.0.1", r));
    try {
      const healthy = await cli(["doctor"], { env: { ...fresh, SMTP_URL: `smtp://127.0.0.1:${port}` } });
      expect(healthy.stdout).toContain(`ok    migrations all ${MIGRATIONS.length} applied`);
      expect(healthy.stdout).toMatch(/ok {4}smtp {7}127\.0\.0\.1:\d+ accepts connections/);
      expect(healthy).toMatchObject({ code: 0, stdout: expect.stringContaining("No problems found.") });
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
    const down = await cli(["doctor"], { env: { ...fresh, SMTP_URL: `smtp://127.0.0.1:${await freePort()}` } });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/FAIL {2}smtp {7}127\.0\.0\.1:\d+: /);
    await disconnectPrismaClient(fresh.DATABASE_URL);
    await (await import("./../../scripts/test-db.mjs")).dropTestDatabase(`file:${file}`);
  });

  it("a developer's .env files (what `npm run dev` writes, and more) do not reach the CLI under test", async () => {
    // The CLI loads .env files from its working directory, as the app does: a checkout where
    // `npm run dev` ran holds a .env.local with another secret, and maybe other settings.
    const checkout = mkdtempSync(path.join(os.tmpdir(), "gatehouse-dotenv-"));
    try {
      const hostile = [
        `GATEHOUSE_SECRET=${"d".repeat(64)}`,
        "DATABASE_URL=file:/nonexistent/developer.db",
        "GATEHOUSE_EMAIL_VERIFICATION=REQUIRED",
        "",
      ].join("\n");
      for (const name of [".env", ".env.local", ".env.production", ".env.production.local", ".env.development.local"])
        writeFileSync(path.join(checkout, name), hostile);
      const withoutSecret = await runCliProcess(["keys", "rotate"], { env: { DATABASE_URL: database.db.url }, cwd: checkout });
      expect(withoutSecret).toMatchObject({ code: 1, stderr: expect.stringContaining("GATEHOUSE_SECRET is not set") });
      const doctor = await runCliProcess(["doctor"], { env: { DATABASE_URL: database.db.url, NODE_ENV: "development" }, cwd: checkout });
      expect(doctor.stdout).toMatch(/secret +GATEHOUSE_SECRET is not set/);
      expect(doctor.stdout).not.toContain("from .env.local");
      expect((await runCliProcess(["keys", "rotate"], { env: database.env, cwd: checkout })).code).toBe(0);
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });

  it("the real process: a password piped into its stdin, Prisma's errors recognised under jiti, its exit codes", async () => {
    const real = (args: string[], input?: string) => runCliProcess(args, { env: database.env, input });
    const created = await real(["users", "create", "piped@example.com", "--password-stdin"], "piped-Password1\n");
    expect(created).toMatchObject({ code: 0, stderr: "" });
    const id = created.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The password as piped, first line only.
    const found = await createPrismaStores(database.db.url).users.findEmailPasswordAccountByEmail("piped@example.com");
    expect(found?.user.id).toBe(id);
    expect(await verifyPassword(found!.account.passwordHash, "piped-Password1")).toBe(true);
    // A taken email is a clear refusal: Prisma's unique-violation error is recognised under jiti too.
    const duplicate = await real(["users", "create", "PIPED@example.com", "--password-stdin"], "other-Password2\n");
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/^error: .*already/i);
    expect((await real(["users", "frobnicate"])).code).toBe(2);
  });

  it("the real process: a listing bigger than the pipe reaches a slow reader whole before the exit", async () => {
    // About 200 bytes a line: 2,000 lines are several times what a pipe and the reader buffer.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "gatehouse-slow-reader-")), "users.jsonl");
    const line = (i: number) => ({
      externalUserId: `slow-${i}`,
      loginMethods: [
        { recipeId: "thirdparty", thirdPartyId: "google", thirdPartyUserId: `slow-${i}`, email: `slow-${i}@example.com`, isVerified: true },
      ],
    });
    writeFileSync(file, Array.from({ length: 2000 }, (_, i) => `${JSON.stringify(line(i))}\n`).join(""));
    try {
      expect((await cli(["import", "json", "--from", file], { env: database.env })).code).toBe(0);
    } finally {
      rmSync(path.dirname(file), { recursive: true, force: true });
    }
    const listed = await runCliProcess(["users", "list", "--all", "--json", "--limit", "500", "--email", "slow-"], {
      env: database.env,
      readStdoutAfterMs: 3000,
    });
    expect(listed.code).toBe(0);
    expect(listed.stdout.split("\n").filter(Boolean)).toHaveLength(2000);
  });

  it("npm run gatehouse is wired to the same CLI", async () => {
    const help = await new Promise<CliRun>((resolve) => {
      const child = spawn("npm", ["run", "--silent", "gatehouse", "--", "--help"], { cwd: ROOT });
      let stdout = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.on("close", (code) => resolve({ code, stdout, stderr: "" }));
    });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: gatehouse/);
    expect(help.stdout).toMatch(/doctor/);
  });
});

/** A migrations folder holding only the first (init) migration, so one is pending. */
async function firstMigrationOnly(): Promise<string> {
  const source = path.join(ROOT, "prisma/sqlite/migrations");
  const target = mkdtempSync(path.join(os.tmpdir(), "gatehouse-migrations-"));
  cpSync(path.join(source, MIGRATIONS[0]), path.join(target, MIGRATIONS[0]), { recursive: true });
  cpSync(path.join(source, "migration_lock.toml"), path.join(target, "migration_lock.toml"));
  return target;
}
