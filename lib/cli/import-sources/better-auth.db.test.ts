/**
 * `gatehouse import better-auth` from better-auth's `user` and `account` tables (the columns its
 * CLI generates) on SQLite, PostgreSQL and MariaDB: a password user with better-auth's own
 * scrypt hash and a GitHub account, and a user with a bcrypt hash from a custom hasher; they sign
 * in to Gatehouse with the same password and the same GitHub identity.
 */
import { randomUUID } from "node:crypto";
import { hash as bcryptHash } from "@node-rs/bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../../scripts/test-db.mjs";
import { signIn } from "../../auth/emailpassword/sign-in";
import { importUserBatch, type ImportInputLine } from "../../auth/import/import-users";
import { GATEHOUSE_HASH_PREFIX } from "../../auth/imported-hashes/stored-hash-format";
import { betterAuthScrypt } from "../../auth/testing/import-fixtures";
import { createTestEngine } from "../../auth/testing/test-engine";
import { signInUpWithProfile } from "../../auth/thirdparty/sign-in-up";
import { createPrismaStores, disconnectPrismaClient } from "../../store";
import { rawQuery } from "../../store/testing/raw-query.mjs";
import { betterAuthSource } from "./better-auth";

// better-auth's schema as its CLI generates it for each database.
const SCHEMA = {
  postgresql: [
    `create table "user" ("id" text not null primary key, "name" text not null, "email" text not null unique, "emailVerified" boolean not null, "image" text, "createdAt" timestamp not null, "updatedAt" timestamp not null)`,
    `create table "account" ("id" text not null primary key, "accountId" text not null, "providerId" text not null, "userId" text not null references "user" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamp, "refreshTokenExpiresAt" timestamp, "scope" text, "password" text, "createdAt" timestamp not null, "updatedAt" timestamp not null)`,
  ],
  mysql: [
    "create table `user` (`id` varchar(36) not null primary key, `name` text not null, `email` varchar(255) not null unique, `emailVerified` boolean not null, `image` text, `createdAt` datetime(3) not null, `updatedAt` datetime(3) not null)",
    "create table `account` (`id` varchar(36) not null primary key, `accountId` text not null, `providerId` text not null, `userId` varchar(36) not null references `user` (`id`) on delete cascade, `accessToken` text, `refreshToken` text, `idToken` text, `accessTokenExpiresAt` datetime(3), `refreshTokenExpiresAt` datetime(3), `scope` text, `password` text, `createdAt` datetime(3) not null, `updatedAt` datetime(3) not null)",
  ],
  sqlite: [
    `create table "user" ("id" text not null primary key, "name" text not null, "email" text not null unique, "emailVerified" integer not null, "image" text, "createdAt" date not null, "updatedAt" date not null)`,
    `create table "account" ("id" text not null primary key, "accountId" text not null, "providerId" text not null, "userId" text not null references "user" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" date, "refreshTokenExpiresAt" date, "scope" text, "password" text, "createdAt" date not null, "updatedAt" date not null)`,
  ],
};

const sql = (value: string) => `'${value.replace(/'/g, "''")}'`;

for (const provider of TEST_PROVIDERS) {
  describe(`import from better-auth on ${provider}`, () => {
    let source: TestDatabase;
    let target: TestDatabase;
    beforeAll(async () => {
      [source, target] = await Promise.all([createTestDatabase(provider, { migrate: false }), createTestDatabase(provider)]);
      for (const statement of SCHEMA[provider]) await rawQuery(source.url, statement);
    });
    afterAll(async () => {
      await disconnectPrismaClient(target.url);
      await Promise.all([source.drop(), target.drop()]);
    });

    it("users sign in with their better-auth passwords and GitHub accounts", async () => {
      const q = provider === "mysql" ? (n: string) => `\`${n}\`` : (n: string) => `"${n}"`;
      const when = provider === "sqlite" ? "'2024-05-06T07:08:09.000Z'" : "'2024-05-06 07:08:09'";
      const yes = provider === "sqlite" ? "1" : "true";
      const no = provider === "sqlite" ? "0" : "false";
      const [ana, ben] = [`ba${randomUUID().slice(0, 20)}`, `ba${randomUUID().slice(0, 20)}`];
      const user = (id: string, email: string, verified: string) =>
        `insert into ${q("user")} (${["id", "name", "email", "emailVerified", "createdAt", "updatedAt"].map(q).join(", ")}) values (${sql(id)}, 'N', ${sql(email)}, ${verified}, ${when}, ${when})`;
      const account = (userId: string, providerId: string, accountId: string, password: string | null) =>
        `insert into ${q("account")} (${["id", "accountId", "providerId", "userId", "password", "createdAt", "updatedAt"].map(q).join(", ")}) values (${sql(randomUUID())}, ${sql(accountId)}, ${sql(providerId)}, ${sql(userId)}, ${password === null ? "null" : sql(password)}, ${when}, ${when})`;
      for (const statement of [
        user(ana, "ana@example.com", yes),
        user(ben, "ben@example.com", no),
        account(ana, "credential", ana, betterAuthScrypt("ana's better password")),
        account(ana, "github", "4242", null),
        account(ben, "credential", ben, await bcryptHash("ben's bcrypt password", 4)),
      ])
        await rawQuery(source.url, statement);

      const reader = betterAuthSource(source.url);
      const lines: ImportInputLine[] = [];
      try {
        expect(await reader.count()).toBe(2);
        for await (const line of reader.lines()) lines.push(line);
      } finally {
        await reader.close();
      }
      const { ctx, stores } = createTestEngine({}, { stores: createPrismaStores(target.url) });
      const reports = await importUserBatch(ctx, lines, { source: "better-auth", dryRun: false });
      expect(reports.map((r) => r.status)).toEqual(["CREATED", "CREATED"]);

      expect(await signIn(ctx, { email: "ana@example.com", password: "ana's better password", formFields: {} })).toMatchObject({
        status: "OK",
        user: { id: ana },
      });
      expect((await signIn(ctx, { email: "ben@example.com", password: "ben's bcrypt password", formFields: {} })).status).toBe("OK");
      expect((await stores.users.findEmailPasswordAccountByEmail("ana@example.com"))?.account.passwordHash.startsWith(GATEHOUSE_HASH_PREFIX)).toBe(
        true,
      );
      const anaRow = await stores.users.getUserById(ana);
      expect(anaRow).toMatchObject({ emailVerified: true, timeJoined: new Date("2024-05-06T07:08:09.000Z") });
      expect((await stores.users.getUserById(ben))?.emailVerified).toBe(false);
      const github = await signInUpWithProfile(ctx, {
        thirdPartyId: "github",
        profile: { id: "4242", email: "ana@example.com", emailVerified: true },
        raw: {},
      });
      expect(github).toMatchObject({ status: "OK", createdNewRecipeUser: false, user: { id: ana } });
    });
  });
}
