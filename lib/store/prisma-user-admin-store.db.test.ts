/**
 * User administration and API keys on SQLite, PostgreSQL and MariaDB: the two store contracts,
 * plus what only a real database can show: deleteUser leaves no row behind in any table that
 * references the user (the cascade, read back with raw SQL).
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeOnEachDatabase } from "./testing/each-database";
import { runApiKeyStoreContract } from "./api-key-store.contract";
import { createPrismaStores, getPrismaClient } from ".";
import { rawQuery } from "./testing/raw-query.mjs";
import { runUserAdminStoreContract } from "./user-admin-store.contract";

const T0 = new Date("2031-05-06T07:08:09.123Z");
/** The times of the revocations a user deletion records. */
const REVOKED = { revokedAt: T0, expiresAt: new Date(T0.getTime() + 3_600_000) };
/** Every table with a user_id column; a new one must be added here (and cascade). */
const USER_TABLES = [
  "email_password_accounts",
  "third_party_accounts",
  "sessions",
  "email_verification_tokens",
  "password_reset_tokens",
  "user_roles",
];

describeOnEachDatabase((provider, url) => {
  runUserAdminStoreContract(provider, () => createPrismaStores(url()));
  runApiKeyStoreContract(provider, () => createPrismaStores(url()));

  it("deleteUser leaves no row of the user in any table (checked with raw SQL)", async () => {
    const prisma = await getPrismaClient(url());
    const stores = createPrismaStores(url());
    const id = randomUUID();
    const role = `cascade-${id.slice(0, 8)}`;
    const token = () => ({ tokenHash: randomUUID(), email: `${id}@example.com`, expiresAt: T0, createdAt: T0 });
    await prisma.role.create({ data: { name: role } });
    await prisma.user.create({
      data: {
        id,
        email: `${id}@example.com`,
        timeJoined: T0,
        emailPasswordAccount: { create: { email: `${id}@example.com`, passwordHash: "h" } },
        thirdPartyAccounts: { create: { id: randomUUID(), thirdPartyId: "google", thirdPartyUserId: id, email: `${id}@example.com` } },
        sessions: {
          create: {
            sessionHandle: randomUUID(),
            sessionData: "{}",
            jwtPayload: "{}",
            refreshTokenHash: randomUUID(),
            createdAt: T0,
            expiresAt: T0,
            absoluteExpiresAt: T0,
            lastActiveAt: T0,
          },
        },
        emailVerificationTokens: { create: token() },
        passwordResetTokens: { create: token() },
        roles: { create: { role } },
      },
    });
    const counts = async () => {
      const result: Record<string, number> = {};
      for (const table of [...USER_TABLES, "users"]) {
        const column = table === "users" ? "id" : "user_id";
        const [row] = await rawQuery(url(), `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = '${id}'`);
        result[table] = Number(row.n);
      }
      return result;
    };
    expect(Object.values(await counts())).toEqual(Array(USER_TABLES.length + 1).fill(1));
    expect((await stores.userAdmin.deleteUser(id, REVOKED)).didUserExist).toBe(true);
    expect(Object.values(await counts())).toEqual(Array(USER_TABLES.length + 1).fill(0));
    // The role itself stays: only the grant belonged to the user.
    expect(await stores.roles.getPermissionsForRole(role)).toEqual([]);
  });
});
