/**
 * Recovery codes written under a session (MfaStore.replaceRecoveryCodes with `whileSession`)
 * racing that session's revocation, or another session's write, on each database: whichever
 * comes first, the other waits for it. A revocation in flight (its DELETE not yet committed) makes the write wait and then
 * write nothing; a write in flight makes the revocation wait until the codes are committed, so
 * a takeover's removal of every code, which follows its revocations, removes them too. An
 * unlocked read would see the session still there on PostgreSQL (read committed) and on MariaDB
 * (a consistent read), and write under a session that is gone.
 *
 * PostgreSQL and MariaDB run the two sides on clients of their own. SQLite runs both on the one
 * shared client: in one process better-sqlite3 waits for another connection's lock synchronously,
 * and on one connection a transaction holds it to its end (sqlite-connection-lock.ts).
 */
import { createHash, randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import type { Stores } from "../auth/ports";
import { createPrismaStoresOn, getPrismaClient, openPrismaClient } from ".";
import { providerOf } from "./database-url.mjs";
import type { GatehousePrismaClient } from "./prisma-client";
import { describeOnEachDatabase } from "./testing/each-database";
import { sessionRowFor } from "./testing/session-row";

const T0 = new Date("2031-05-06T07:08:09.123Z");
/** How long one side holds its transaction open once the other is under way: long enough for it to reach the database. */
const HELD_MS = 1_000;
const hex = () => createHash("sha256").update(randomUUID()).digest("hex");

describeOnEachDatabase((provider, url) => {
  const opened: GatehousePrismaClient[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((client) => client.$disconnect()));
  });

  /** Two clients (one on SQLite, see above), stores on the second, a user with codes and a live session. */
  async function arrange() {
    const [first, second] =
      provider === "sqlite"
        ? [await getPrismaClient(url()), await getPrismaClient(url())]
        : await Promise.all([openPrismaClient(url()), openPrismaClient(url())]);
    if (provider !== "sqlite") opened.push(first, second);
    const stores = createPrismaStoresOn(() => Promise.resolve(second), providerOf(url()));
    const userId = randomUUID();
    const made = await stores.users.createEmailPasswordUser({ id: userId, email: `codes-${userId}@example.com`, passwordHash: "h", timeJoined: T0 });
    expect(made.status).toBe("OK");
    const row = sessionRowFor(userId, T0);
    expect(await stores.sessions.createSession(row)).toBe(true);
    const before = [hex(), hex()];
    await stores.mfa.replaceRecoveryCodes(userId, before, T0);
    return { first, second, stores, userId, sessionHandle: row.sessionHandle, before };
  }

  async function expectCodes(stores: Stores, userId: string, hashes: string[]) {
    expect(await stores.mfa.countRecoveryCodes(userId)).toBe(hashes.length);
    for (const hash of hashes) expect(await stores.mfa.consumeRecoveryCode(userId, hash)).toBe(true);
  }

  it(`${provider}: a write under a session whose revocation is in flight waits for it, then writes nothing`, async () => {
    const { first, stores, userId, sessionHandle, before } = await arrange();
    let written: Promise<boolean> | undefined;
    let settled = false;
    // Read at the end of the hold, before the commit: once it commits, the write goes on at once
    // and may settle before this side hears its own commit back.
    let settledWhileHeld: boolean | undefined;
    await first.$transaction(async (tx) => {
      await tx.session.deleteMany({ where: { sessionHandle } });
      written = stores.mfa.replaceRecoveryCodes(userId, [hex(), hex()], T0, { sessionHandle, liveAt: T0 });
      void written.then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, HELD_MS));
      settledWhileHeld = settled;
    });
    expect(settledWhileHeld).toBe(false);
    expect(await written).toBe(false);
    await expectCodes(stores, userId, before);
  });

  it(`${provider}: a revocation of a session whose write is in flight waits for the codes' commit`, async () => {
    const { first, second, userId, sessionHandle } = await arrange();
    const revoker = createPrismaStoresOn(() => Promise.resolve(first), providerOf(url()));
    // The write's delete of the old set comes after its read of the session: the revocation starts there.
    let revoked: Promise<boolean> | undefined;
    let settled = false;
    // Read at the end of the hold, before the write commits (as above).
    let settledWhileHeld: boolean | undefined;
    const writerClient = second.$extends({
      query: {
        mfaRecoveryCode: {
          async deleteMany({ args, query }) {
            if (!revoked) {
              revoked = revoker.sessions.deleteSession(sessionHandle);
              void revoked.then(() => (settled = true));
              await new Promise((resolve) => setTimeout(resolve, HELD_MS));
              settledWhileHeld = settled;
            }
            return query(args);
          },
        },
      },
    }) as unknown as GatehousePrismaClient;
    const writer = createPrismaStoresOn(() => Promise.resolve(writerClient), providerOf(url()));
    const fresh = [hex(), hex(), hex()];
    expect(await writer.mfa.replaceRecoveryCodes(userId, fresh, T0, { sessionHandle, liveAt: T0 })).toBe(true);
    expect(revoked).toBeDefined();
    expect(settledWhileHeld).toBe(false);
    expect(await revoked).toBe(true);
    await expectCodes(writer, userId, fresh);
  });

  it(`${provider}: of two sets written at once from two sessions, only the later one works`, async () => {
    // Locking only each session's row did not order them: on PostgreSQL (read committed) the
    // second's DELETE waited on the rows the first deleted, then skipped them, and did not see
    // the first's new rows, committed after its statement began; both sets stayed valid.
    const { first, stores, userId, sessionHandle: laptop, before } = await arrange();
    const phone = sessionRowFor(userId, T0);
    expect(await stores.sessions.createSession(phone)).toBe(true);
    const [laptopSet, phoneSet] = [
      [hex(), hex()],
      [hex(), hex()],
    ];
    // The laptop's write starts the phone's once it has deleted the old set, then holds its
    // transaction open before writing its own set.
    let phoneWrite: Promise<boolean> | undefined;
    let settled = false;
    let settledWhileHeld: boolean | undefined;
    const laptopClient = first.$extends({
      query: {
        mfaRecoveryCode: {
          async createMany({ args, query }) {
            if (!phoneWrite) {
              phoneWrite = stores.mfa.replaceRecoveryCodes(userId, phoneSet, T0, { sessionHandle: phone.sessionHandle, liveAt: T0 });
              void phoneWrite.then(() => (settled = true));
              await new Promise((resolve) => setTimeout(resolve, HELD_MS));
              settledWhileHeld = settled;
            }
            return query(args);
          },
        },
      },
    }) as unknown as GatehousePrismaClient;
    const laptopStores = createPrismaStoresOn(() => Promise.resolve(laptopClient), providerOf(url()));
    expect(await laptopStores.mfa.replaceRecoveryCodes(userId, laptopSet, T0, { sessionHandle: laptop, liveAt: T0 })).toBe(true);
    expect(await phoneWrite).toBe(true);
    expect(settledWhileHeld).toBe(false);
    // Whatever is left, only the phone's set (written last) redeems.
    const redeemed = async (hashes: string[]) => {
      const results = [];
      for (const hash of hashes) results.push(await stores.mfa.consumeRecoveryCode(userId, hash));
      return results;
    };
    expect({ before: await redeemed(before), laptop: await redeemed(laptopSet), phone: await redeemed(phoneSet) }).toEqual({
      before: [false, false],
      laptop: [false, false],
      phone: [true, true],
    });
  });
});
