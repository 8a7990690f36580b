/**
 * Two recovery-code sets written at once for one user from two sessions of theirs
 * (MfaStore.replaceRecoveryCodes with `whileSession`), on each database: the second waits for
 * the first and replaces its set, so exactly one set works afterwards. Locking only each
 * session's row did not order them: on PostgreSQL (read committed) the second's DELETE waited on
 * the rows the first deleted, then skipped them, and did not see the first's new rows, which
 * were committed after its statement began; both sets stayed valid.
 *
 * PostgreSQL and MariaDB run the two writes on clients of their own; SQLite on the one shared
 * client (as recovery-codes-session-lock.db.test.ts explains).
 */
import { createHash, randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { createPrismaStoresOn, getPrismaClient, openPrismaClient } from ".";
import { providerOf } from "./database-url.mjs";
import type { GatehousePrismaClient } from "./prisma-client";
import { describeOnEachDatabase } from "./testing/each-database";
import { sessionRowFor } from "./testing/session-row";

const T0 = new Date("2031-05-06T07:08:09.123Z");
/** How long the first write holds its transaction open once the second is under way. */
const HELD_MS = 1_000;
const hex = () => createHash("sha256").update(randomUUID()).digest("hex");

describeOnEachDatabase((provider, url) => {
  const opened: GatehousePrismaClient[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((client) => client.$disconnect()));
  });

  it(`${provider}: of two sets written at once from two sessions, only the later one works`, async () => {
    const [first, second] =
      provider === "sqlite"
        ? [await getPrismaClient(url()), await getPrismaClient(url())]
        : await Promise.all([openPrismaClient(url()), openPrismaClient(url())]);
    if (provider !== "sqlite") opened.push(first, second);
    const stores = createPrismaStoresOn(() => Promise.resolve(second), providerOf(url()));
    const userId = randomUUID();
    const made = await stores.users.createEmailPasswordUser({ id: userId, email: `two-${userId}@example.com`, passwordHash: "h", timeJoined: T0 });
    expect(made.status).toBe("OK");
    const [laptop, phone] = [sessionRowFor(userId, T0), sessionRowFor(userId, T0)];
    expect(await stores.sessions.createSession(laptop)).toBe(true);
    expect(await stores.sessions.createSession(phone)).toBe(true);
    const old = [hex(), hex()];
    await stores.mfa.replaceRecoveryCodes(userId, old, T0);

    const laptopSet = [hex(), hex()];
    const phoneSet = [hex(), hex()];
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
    expect(await laptopStores.mfa.replaceRecoveryCodes(userId, laptopSet, T0, { sessionHandle: laptop.sessionHandle, liveAt: T0 })).toBe(true);
    expect(phoneWrite).toBeDefined();
    expect(await phoneWrite).toBe(true);
    expect(settledWhileHeld).toBe(false);

    // Whatever is left, only the phone's set (written last) redeems.
    const redeemed = async (hashes: string[]) => {
      const results = [];
      for (const hash of hashes) results.push(await stores.mfa.consumeRecoveryCode(userId, hash));
      return results;
    };
    expect({ old: await redeemed(old), laptop: await redeemed(laptopSet), phone: await redeemed(phoneSet) }).toEqual({
      old: [false, false],
      laptop: [false, false],
      phone: [true, true],
    });
  });
});
