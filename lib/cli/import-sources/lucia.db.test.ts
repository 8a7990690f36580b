/**
 * `gatehouse import lucia` from a Lucia v3 app's user table on SQLite, PostgreSQL and MariaDB,
 * through the real CLI, with the hashes each Lucia version wrote: v3 / oslo `Scrypt` (hex salt,
 * r=16), v2 (`s2:`), v1 (16-character salt, r=8, what `LegacyScrypt` verifies), bcrypt and
 * argon2. Users sign in with the same passwords; a user without a hash, an unknown hash and an
 * email Gatehouse already has are reported mid-batch; a dry run writes nothing, a re-run updates.
 * OAuth users come with the provider ids of the columns the app names (`--provider-column`).
 */
import { randomInt, scryptSync } from "node:crypto";
import { hash as argon2Hash } from "@node-rs/argon2";
import { hash as bcryptHash } from "@node-rs/bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../../scripts/test-db.mjs";
import { signIn } from "../../auth/emailpassword/sign-in";
import { signUp } from "../../auth/emailpassword/sign-up";
import { GATEHOUSE_HASH_PREFIX } from "../../auth/imported-hashes/stored-hash-format";
import { betterAuthScrypt } from "../../auth/testing/import-fixtures";
import { TEST_SECRET, createTestEngine } from "../../auth/testing/test-engine";
import { createPrismaStores, disconnectPrismaClient } from "../../store";
import { rawQuery } from "../../store/testing/raw-query.mjs";
import { runCli } from "../testing/run-cli";
import { LUCIA_OPTIONS, LUCIA_TABLES } from "./testing/lucia-schema";

const cli = (args: string[], env: Record<string, string>) => runCli(args, { env });
const sql = (value: string | null) => (value === null ? "NULL" : `'${value.replace(/'/g, "''")}'`);
const statuses = (stdout: string) =>
  stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => (JSON.parse(l) as { status: string }).status);

/** Lucia v1/v2's salt: 16 characters of a-z0-9 (generateRandomString(16)). */
const luciaSalt = () => Array.from({ length: 16 }, () => "abcdefghijklmnopqrstuvwxyz1234567890"[randomInt(36)]).join("");
/** Lucia v1 and v2's scrypt: N=16384, p=1, 64-byte key as hex, the salt string fed as text. */
const luciaKey = (password: string, salt: string, r: number) =>
  scryptSync(password.normalize("NFKC"), salt, 64, { N: 16384, r, p: 1, maxmem: 64 * 1024 * 1024 }).toString("hex");

for (const provider of TEST_PROVIDERS) {
  describe(`import from Lucia on ${provider}`, () => {
    let source: TestDatabase;
    let target: TestDatabase;
    beforeAll(async () => {
      [source, target] = await Promise.all([createTestDatabase(provider, { migrate: false }), createTestDatabase(provider)]);
      for (const statement of LUCIA_TABLES[provider]) await rawQuery(source.url, statement);
    });
    afterAll(async () => {
      await disconnectPrismaClient(target.url);
      await Promise.all([source.drop(), target.drop()]);
    });

    it("users sign in with the passwords every Lucia version hashed; the rest is reported, not lost", async () => {
      const table = provider === "postgresql" ? "auth_user" : provider === "mysql" ? "`user`" : `"user"`;
      const hashColumn = provider === "mysql" ? "password_hash" : "hashed_password";
      const [yes, no] = provider === "sqlite" ? ["1", "0"] : ["TRUE", "FALSE"];
      const user = (id: string, email: string, hash: string | null, verified = false) =>
        `INSERT INTO ${table} (id, email, ${hashColumn}, email_verified) VALUES (${sql(id)}, ${sql(email)}, ${sql(hash)}, ${verified ? yes : no})`;
      const [v2Salt, v1Salt] = [luciaSalt(), luciaSalt()];
      const passwords = {
        ana: "ana's v3 scrypt ﬁ",
        ben: "ben's v2 scrypt",
        cy: "cy's v1 scrypt",
        dee: "dee's bcrypt",
        fay: "fay's argon2",
      };
      const seed = [
        user("a1ana0000000000", "ana@example.com", betterAuthScrypt(passwords.ana), true),
        user("b2ben0000000000", "ben@example.com", `s2:${v2Salt}:${luciaKey(passwords.ben, v2Salt, 16)}`),
        user("c3cy00000000000", "cy@example.com", `${v1Salt}:${luciaKey(passwords.cy, v1Salt, 8)}`),
        user("d4dee0000000000", "dee@example.com", await bcryptHash(passwords.dee, 4)),
        // Signed up through OAuth: no password to bring.
        user("e5eve0000000000", "eve@example.com", null),
        user("f6fay0000000000", "fay@example.com", await argon2Hash(passwords.fay, { algorithm: 2, memoryCost: 4096, timeCost: 3 })),
        user("g7gus0000000000", "gus@example.com", await bcryptHash("gus's lucia password", 4)),
        user("h8hal0000000000", "hal@example.com", "5f4dcc3b5aa765d61d8327deb882cf99"),
      ];
      for (const statement of seed) await rawQuery(source.url, statement);
      const { ctx, stores } = createTestEngine({}, { stores: createPrismaStores(target.url) });
      const fields = { email: "gus@example.com", password: "already here 1" };
      expect((await signUp(ctx, { ...fields, formFields: fields })).status).toBe("OK");

      const env = { DATABASE_URL: target.url, GATEHOUSE_SECRET: TEST_SECRET };
      const args = ["import", "lucia", "--from", source.url, ...LUCIA_OPTIONS[provider], "--batch-size", "3"];
      const dry = await cli([...args, "--dry-run"], env);
      expect(dry.stdout).toMatch(/would be imported: 5\n/);
      expect(await stores.users.getUserById("a1ana0000000000")).toBeNull();

      const real = await cli([...args, "--json"], env);
      expect(real.code).toBe(0);
      expect(statuses(real.stdout)).toEqual(["CREATED", "CREATED", "CREATED", "CREATED", "INVALID", "CREATED", "CONFLICT", "SKIPPED"]);
      expect(real.stdout).toContain(`Lucia user e5eve0000000000 (eve@example.com): no ${hashColumn} to sign in with`);
      expect(real.stdout).toContain("EMAIL_BELONGS_TO_ANOTHER_USER");
      expect(real.stdout).toContain("UNKNOWN_HASH_FORMAT");
      const rerun = await cli([...args, "--json"], env);
      expect(statuses(rerun.stdout)).toEqual(["UPDATED", "UPDATED", "UPDATED", "UPDATED", "INVALID", "UPDATED", "CONFLICT", "SKIPPED"]);

      for (const [name, password] of Object.entries(passwords)) {
        const email = `${name}@example.com`;
        expect({ email, status: (await signIn(ctx, { email, password, formFields: {} })).status }).toEqual({ email, status: "OK" });
        expect((await stores.users.findEmailPasswordAccountByEmail(email))?.account.passwordHash.startsWith(GATEHOUSE_HASH_PREFIX)).toBe(true);
      }
      expect((await signIn(ctx, { email: "cy@example.com", password: "cy's v1 scrypT", formFields: {} })).status).toBe("WRONG_CREDENTIALS_ERROR");
      expect((await signIn(ctx, { email: "gus@example.com", password: "already here 1", formFields: {} })).status).toBe("OK");
      expect((await stores.users.getUserById("a1ana0000000000"))?.emailVerified).toBe(true);
      expect((await stores.users.getUserById("b2ben0000000000"))?.emailVerified).toBe(false);
      expect((await stores.imports.findByExternalId("c3cy00000000000"))[0]).toMatchObject({ source: "lucia" });
    });

    it("brings the provider ids of the app's own columns as identities, even without an email or password column", async () => {
      // Lucia's GitHub and Google guides: the provider's user id in a column of the user table, no password.
      const table = `oauth_user_${provider}`;
      const text = provider === "mysql" ? "VARCHAR(255)" : "TEXT";
      await rawQuery(source.url, `CREATE TABLE ${table} (id ${text} PRIMARY KEY, username ${text}, github_id INTEGER UNIQUE, google_id ${text})`);
      const row = (id: string, github: number | null, google: string | null) =>
        `INSERT INTO ${table} (id, username, github_id, google_id) VALUES (${sql(id)}, ${sql(id)}, ${github ?? "NULL"}, ${sql(google)})`;
      for (const statement of [row("gh-only", 583231, null), row("both", 9001, "g-109"), row("nothing", null, null)])
        await rawQuery(source.url, statement);
      const { stores } = createTestEngine({}, { stores: createPrismaStores(target.url) });
      const env = { DATABASE_URL: target.url, GATEHOUSE_SECRET: TEST_SECRET };
      const args = ["import", "lucia", "--from", source.url, "--users-table", table, "--provider-column", "github_id=github"];
      const real = await cli([...args, "--provider-column", "google_id=google", "--json"], env);
      expect(real.code, real.stderr).toBe(0);
      expect(statuses(real.stdout)).toEqual(["CREATED", "CREATED", "INVALID"]);
      expect(real.stdout).toContain("Lucia user nothing: no email or github_id or google_id to sign in with");

      expect(await stores.thirdParty.findAccount("github", "583231")).toMatchObject({ user: { id: "gh-only", email: null } });
      expect(await stores.thirdParty.findAccount("github", "9001")).toMatchObject({ user: { id: "both" } });
      expect(await stores.thirdParty.findAccount("google", "g-109")).toMatchObject({ user: { id: "both" } });

      const usage = await cli([...args, "--provider-column", "google_id"], env);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain("--provider-column google_id: a column and the provider id it holds");
      const missing = await cli([...args, "--provider-column", "apple_id=apple"], env);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain("apple_id");
    });
  });
}
