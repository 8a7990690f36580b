/**
 * A session INSERT racing a user's deletion inside the deletion's transaction, on PostgreSQL and
 * MariaDB, from two instances with their own connections: the deletion has recorded the
 * revocations of the user's sessions and read them, and not yet deleted the user, when another
 * instance writes a session for that user. That write must wait for the deletion and then write
 * nothing (UserAdminStore.deleteUser locks the user's row first): unlocked, PostgreSQL lets it
 * commit at once, the cascade then deletes it, and nothing records its revocation.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { GatehousePrismaClient } from "./prisma-client";
import { describeOnEachDatabase } from "./testing/each-database";
import { hold, separateInstances } from "./testing/separate-instances";
import { sessionRowFor } from "./testing/session-row";

const T0 = new Date("2031-05-06T07:08:09.123Z");
/** How long the deletion stays open once the other write is under way: long enough for it to reach the database. */
const DELETION_HELD_MS = 1_000;

describeOnEachDatabase((provider, url) => {
  const instances = separateInstances(url);

  // SQLite's writers take turns, so there is no race to lose there; and in one process, better-sqlite3
  // waits for a lock synchronously, so the deletion could never commit while the write waits.
  it.skipIf(provider === "sqlite")(`${provider}: a session written mid-deletion waits for it and writes nothing`, async () => {
    const [deleterClient, signer] = await instances.open(2);
    const signerStores = instances.storesOn(signer);
    const userId = randomUUID();
    expect(
      (await signerStores.users.createEmailPasswordUser({ id: userId, email: `lock-${userId}@example.com`, passwordHash: "h", timeJoined: T0 }))
        .status,
    ).toBe("OK");
    const row = sessionRowFor(userId, T0);

    // The deletion's read of the sessions it revoked is the last step before the user's row goes:
    // the other instance's write starts there, and the deletion waits before going on.
    let written: Promise<boolean> | undefined;
    const deleter = deleterClient.$extends({
      query: {
        session: {
          async findMany({ args, query }) {
            const result = await query(args);
            if (!written) {
              written = signerStores.sessions.createSession(row);
              await hold(DELETION_HELD_MS);
            }
            return result;
          },
        },
      },
    }) as unknown as GatehousePrismaClient;
    const deleterStores = instances.storesOn(deleter);

    const deleted = await deleterStores.userAdmin.deleteUser(userId, { revokedAt: T0, expiresAt: new Date(T0.getTime() + 3_600_000) });
    expect(deleted).toEqual({ didUserExist: true, revokedSessionHandles: [] });
    expect(written).toBeDefined();
    // Either way the session's access token must not outlive the user unrecorded.
    const wasWritten = await written!;
    const revoked = await signerStores.revocations.hasRevocation(row.sessionHandle, T0);
    expect({ wasWritten, revoked }).toEqual({ wasWritten: false, revoked: false });
    expect(await signerStores.sessions.getSession(row.sessionHandle)).toBeNull();
  });
});
