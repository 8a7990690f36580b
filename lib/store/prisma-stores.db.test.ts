/**
 * The store contract on real databases: SQLite, PostgreSQL and MariaDB, each a fresh database
 * created for this run, migrated by scripts/db-migrate.mjs, and dropped afterwards. On MySQL
 * this is what proves the hand-written migration matches the schema.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeOnEachDatabase } from "./testing/each-database";
import { createPrismaStores, getPrismaClient } from ".";
import { runStoreContract } from "./stores.contract";

const T0 = new Date("2031-05-06T07:08:09.123Z");

describeOnEachDatabase((provider, url) => {
  runStoreContract(provider, () => createPrismaStores(url()));

  it("leaves no half-made user when the account insert fails", async () => {
    const prisma = await getPrismaClient(url());
    // An account whose email differs from its user's primary email: a new sign-up with
    // that email passes the users table and fails on the accounts table.
    const owner = randomUUID();
    const email = `taken-${owner}@example.com`;
    await prisma.user.create({
      data: {
        id: owner,
        email: `primary-${owner}@example.com`,
        timeJoined: T0,
        emailPasswordAccount: { create: { email, passwordHash: "h" } },
      },
    });
    const stores = createPrismaStores(url());
    const id = randomUUID();
    const result = await stores.users.createEmailPasswordUser({ id, email, passwordHash: "h2", timeJoined: T0 });
    expect(result).toEqual({ status: "EMAIL_ALREADY_EXISTS_ERROR" });
    expect(await stores.users.getUserById(id)).toBeNull();
  });

  it("reports a duplicate user id as an error, not as a taken email", async () => {
    const stores = createPrismaStores(url());
    const id = randomUUID();
    await stores.users.createEmailPasswordUser({ id, email: `first-${id}@example.com`, passwordHash: "h", timeJoined: T0 });
    await expect(
      stores.users.createEmailPasswordUser({ id, email: `second-${id}@example.com`, passwordHash: "h", timeJoined: T0 }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  it("cascades a user's deletion to its account and sessions", async () => {
    const prisma = await getPrismaClient(url());
    const stores = createPrismaStores(url());
    const id = randomUUID();
    const email = `cascade-${id}@example.com`;
    await stores.users.createEmailPasswordUser({ id, email, passwordHash: "h", timeJoined: T0 });
    const sessionHandle = randomUUID();
    await stores.sessions.createSession({
      sessionHandle,
      userId: id,
      sessionData: {},
      jwtPayload: {},
      refreshTokenHash: "a".repeat(64),
      previousRefreshTokenHash: null,
      rotatedAt: null,
      createdAt: T0,
      expiresAt: T0,
      absoluteExpiresAt: T0,
      lastActiveAt: T0,
      userAgent: null,
      ip: null,
    });
    await prisma.user.delete({ where: { id } });
    expect(await stores.users.findEmailPasswordAccountByEmail(email)).toBeNull();
    expect(await stores.sessions.getSession(sessionHandle)).toBeNull();
  });

  it("stores every other model, enforcing its keys (third-party, tokens, roles, API keys)", async () => {
    const prisma = await getPrismaClient(url());
    const userId = randomUUID();
    await prisma.user.create({ data: { id: userId, email: null, emailVerified: true, timeJoined: T0 } });
    expect((await prisma.user.findUnique({ where: { id: userId } }))?.email).toBeNull();

    const sub = `Sub-${randomUUID()}`;
    const thirdParty = { userId, thirdPartyId: "google", email: `tp-${userId}@example.com` };
    await prisma.thirdPartyAccount.create({ data: { id: randomUUID(), thirdPartyUserId: sub, ...thirdParty } });
    await expectUnique(prisma.thirdPartyAccount.create({ data: { id: randomUUID(), thirdPartyUserId: sub, ...thirdParty } }));
    // Provider user ids are case-sensitive on every database (binary collation on MySQL).
    await prisma.thirdPartyAccount.create({ data: { id: randomUUID(), thirdPartyUserId: sub.toLowerCase(), ...thirdParty } });
    const found = await prisma.thirdPartyAccount.findUnique({
      where: { thirdPartyId_thirdPartyUserId: { thirdPartyId: "google", thirdPartyUserId: sub } },
    });
    expect(found?.thirdPartyUserId).toBe(sub);

    for (const model of [prisma.emailVerificationToken, prisma.passwordResetToken] as const) {
      const token = { tokenHash: randomUUID(), userId, email: "ü@example.com", expiresAt: T0, createdAt: T0 };
      await (model as typeof prisma.emailVerificationToken).create({ data: token });
      await expectUnique((model as typeof prisma.emailVerificationToken).create({ data: token }));
      expect(await (model as typeof prisma.emailVerificationToken).findUnique({ where: { tokenHash: token.tokenHash } })).toEqual(token);
    }

    const role = `admin-${randomUUID()}`;
    await prisma.role.create({ data: { name: role, permissions: { create: [{ permission: "users:read" }, { permission: "users:write" }] } } });
    await expectUnique(prisma.role.create({ data: { name: role } }));
    await expectUnique(prisma.rolePermission.create({ data: { role, permission: "users:read" } }));
    await prisma.userRole.create({ data: { userId, role } });
    await expectUnique(prisma.userRole.create({ data: { userId, role } }));

    const apiKey = { name: "ci ✓", keyHash: randomUUID(), createdAt: T0, lastUsedAt: null, expiresAt: T0, revokedAt: null };
    await prisma.apiKey.create({ data: { id: randomUUID(), ...apiKey } });
    await expectUnique(prisma.apiKey.create({ data: { id: randomUUID(), ...apiKey } }));

    // Deleting the role or the user cascades to the join rows.
    await prisma.role.delete({ where: { name: role } });
    expect(await prisma.rolePermission.count({ where: { role } })).toBe(0);
    expect(await prisma.userRole.count({ where: { role } })).toBe(0);
    await prisma.user.delete({ where: { id: userId } });
    expect(await prisma.thirdPartyAccount.count({ where: { userId } })).toBe(0);
    expect(await prisma.emailVerificationToken.count({ where: { userId } })).toBe(0);
    expect(await prisma.passwordResetToken.count({ where: { userId } })).toBe(0);
  });
});

async function expectUnique(write: Promise<unknown>) {
  await expect(write).rejects.toMatchObject({ code: "P2002" });
}
