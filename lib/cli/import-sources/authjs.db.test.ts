/**
 * `gatehouse import authjs` from Auth.js's Prisma adapter tables on SQLite, PostgreSQL and
 * MariaDB, through the real CLI: users with credentials hashes (bcrypt, argon2) in the app's own
 * `password` column and OAuth/OIDC accounts sign in to Gatehouse with the same password and the
 * same GitHub or Google identity; an email-link user, a user with nothing to sign in with, an
 * unknown hash and an email Gatehouse already has are reported mid-batch while the rest imports;
 * a dry run writes nothing and a re-run updates.
 */
import { hash as argon2Hash } from "@node-rs/argon2";
import { hash as bcryptHash } from "@node-rs/bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../../scripts/test-db.mjs";
import { signIn } from "../../auth/emailpassword/sign-in";
import { signUp } from "../../auth/emailpassword/sign-up";
import { GATEHOUSE_HASH_PREFIX } from "../../auth/imported-hashes/stored-hash-format";
import { TEST_SECRET, createTestEngine } from "../../auth/testing/test-engine";
import { signInUpWithProfile } from "../../auth/thirdparty/sign-in-up";
import { createPrismaStores, disconnectPrismaClient } from "../../store";
import { rawQuery } from "../../store/testing/raw-query.mjs";
import { runCli } from "../testing/run-cli";

const cli = (args: string[], env: Record<string, string>) => runCli(args, { env });
import { AUTHJS_TABLES } from "./testing/authjs-schema";

const sql = (value: string | null) => (value === null ? "NULL" : `'${value.replace(/'/g, "''")}'`);
const statuses = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => (JSON.parse(l) as { status: string }).status);

for (const provider of TEST_PROVIDERS) {
  describe(`import from Auth.js on ${provider}`, () => {
    let source: TestDatabase;
    let target: TestDatabase;
    beforeAll(async () => {
      [source, target] = await Promise.all([createTestDatabase(provider, { migrate: false }), createTestDatabase(provider)]);
      for (const statement of AUTHJS_TABLES[provider]) await rawQuery(source.url, statement);
    });
    afterAll(async () => {
      await disconnectPrismaClient(target.url);
      await Promise.all([source.drop(), target.drop()]);
    });

    it("users sign in with their credentials passwords and OAuth accounts; the rest is reported, not lost", async () => {
      const q = provider === "mysql" ? (n: string) => `\`${n}\`` : (n: string) => `"${n}"`;
      // Prisma writes a DateTime as epoch milliseconds on SQLite.
      const when = provider === "sqlite" ? "1714979289000" : "'2024-05-06 07:08:09'";
      const hasCreatedAt = provider !== "sqlite";
      const user = (id: string, email: string, verified: boolean, password: string | null, name: string | null = null) => {
        const columns = ["id", "email", "emailVerified", "name", "image", "password", ...(hasCreatedAt ? ["createdAt", "updatedAt"] : [])];
        const values = [sql(id), sql(email), verified ? when : "NULL", sql(name), sql(name && `https://img.example/${id}.png`), sql(password)];
        return `INSERT INTO ${q("User")} (${columns.map(q).join(", ")}) VALUES (${[...values, ...(hasCreatedAt ? [when, when] : [])].join(", ")})`;
      };
      const account = (userId: string, type: string, provider_: string, providerAccountId: string) => {
        const columns = [
          "userId",
          "type",
          "provider",
          "providerAccountId",
          ...(provider === "mysql" ? ["id"] : []),
          ...(hasCreatedAt ? ["updatedAt"] : []),
        ];
        const values = [userId, type, provider_, providerAccountId].map(sql);
        if (provider === "mysql") values.push(sql(`acc-${provider_}-${providerAccountId}`));
        if (hasCreatedAt) values.push(when);
        return `INSERT INTO ${q("Account")} (${columns.map(q).join(", ")}) VALUES (${values.join(", ")})`;
      };
      const seed = [
        user("cu01ana", "ana@example.com", true, await bcryptHash("ana's authjs password", 4), "Ana"),
        account("cu01ana", "oauth", "github", "4242"),
        // A credentials sign-in that an app recorded as an account: no secret in it, not an identity.
        account("cu01ana", "credentials", "credentials", "cu01ana"),
        user("cu02ben", "ben@example.com", false, null),
        account("cu02ben", "oidc", "google", "g-ben"),
        user("cu03cy", "cy@example.com", false, await argon2Hash("cy's argon2 password", { algorithm: 2, memoryCost: 4096, timeCost: 3 })),
        user("cu04dee", "dee@example.com", true, null),
        account("cu04dee", "email", "resend", "dee@example.com"),
        user("cu05eve", "eve@example.com", false, null),
        user("cu06fay", "fay@example.com", false, "5f4dcc3b5aa765d61d8327deb882cf99"),
        user("cu07gus", "gus@example.com", true, await bcryptHash("gus's password", 4)),
      ];
      for (const statement of seed) await rawQuery(source.url, statement);
      const { ctx, stores } = createTestEngine({}, { stores: createPrismaStores(target.url) });
      const fields = { email: "gus@example.com", password: "already here 1" };
      expect((await signUp(ctx, { ...fields, formFields: fields })).status).toBe("OK");

      const env = { DATABASE_URL: target.url, GATEHOUSE_SECRET: TEST_SECRET };
      const args = ["import", "authjs", "--from", source.url, "--password-column", "password", "--batch-size", "3"];
      const dry = await cli([...args, "--dry-run"], env);
      expect(dry.stdout).toMatch(/would be imported: 3\n/);
      expect(await stores.users.getUserById("cu01ana")).toBeNull();

      const real = await cli([...args, "--json"], env);
      expect(real.code).toBe(0);
      expect(statuses(real.stdout)).toEqual(["CREATED", "CREATED", "CREATED", "SKIPPED", "INVALID", "SKIPPED", "CONFLICT"]);
      expect(real.stdout).toContain("PASSWORDLESS_NOT_SUPPORTED");
      expect(real.stdout).toContain("cu05eve (eve@example.com): no password in password and no OAuth account");
      expect(real.stdout).toContain("UNKNOWN_HASH_FORMAT");
      expect(real.stdout).toContain("EMAIL_BELONGS_TO_ANOTHER_USER");
      const rerun = await cli([...args, "--json"], env);
      expect(statuses(rerun.stdout)).toEqual(["UPDATED", "UPDATED", "UPDATED", "SKIPPED", "INVALID", "SKIPPED", "CONFLICT"]);

      expect(await signIn(ctx, { email: "ana@example.com", password: "ana's authjs password", formFields: {} })).toMatchObject({
        status: "OK",
        user: { id: "cu01ana" },
      });
      expect((await signIn(ctx, { email: "cy@example.com", password: "cy's argon2 password", formFields: {} })).status).toBe("OK");
      expect((await stores.users.findEmailPasswordAccountByEmail("cy@example.com"))?.account.passwordHash.startsWith(GATEHOUSE_HASH_PREFIX)).toBe(
        true,
      );
      expect((await signIn(ctx, { email: "gus@example.com", password: "already here 1", formFields: {} })).status).toBe("OK");
      const ana = await stores.users.getUserById("cu01ana");
      expect(ana?.emailVerified).toBe(true);
      // No createdAt in the adapter's older schema: the user joined at the import.
      if (hasCreatedAt) expect(ana?.timeJoined).toEqual(new Date("2024-05-06T07:08:09.000Z"));
      else expect(Date.now() - ana!.timeJoined.getTime()).toBeLessThan(10 * 60_000);
      expect((await stores.users.getUserById("cu02ben"))?.emailVerified).toBe(false);
      expect((await stores.imports.findByExternalId("cu01ana"))[0]).toMatchObject({
        source: "authjs",
        metadata: { name: "Ana", image: "https://img.example/cu01ana.png" },
      });
      const github = await signInUpWithProfile(ctx, {
        thirdPartyId: "github",
        profile: { id: "4242", email: "ana@example.com", emailVerified: true },
        raw: {},
      });
      expect(github).toMatchObject({ status: "OK", createdNewRecipeUser: false, user: { id: "cu01ana" } });
      const google = await signInUpWithProfile(ctx, {
        thirdPartyId: "google",
        profile: { id: "g-ben", email: "ben@example.com", emailVerified: true },
        raw: {},
      });
      expect(google).toMatchObject({ status: "OK", createdNewRecipeUser: false, user: { id: "cu02ben" } });
    });

    it.runIf(provider === "sqlite")("refuses a column that is not there and an option meant for another source", async () => {
      const env = { DATABASE_URL: target.url, GATEHOUSE_SECRET: TEST_SECRET };
      const missing = await cli(["import", "authjs", "--from", source.url, "--password-column", "passwd"], env);
      expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/authjs: cannot read columns .*passwd of table User/) });
      const misplaced = await cli(["import", "authjs", "--from", source.url, "--email-column", "mail"], env);
      expect(misplaced).toMatchObject({ code: 2, stderr: expect.stringContaining("--email-column applies to lucia, not authjs") });
    });
  });
}
