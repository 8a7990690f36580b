/**
 * A password sign-in's session write racing a password change, on each database, from two
 * instances with their own connections: the change's new hash is written and not yet committed
 * when the sign-in, which verified the old hash, writes its session. The write must wait for the
 * change and then write nothing (SessionStore.createSession with `onlyWhilePasswordHash`): read
 * without a lock, PostgreSQL and MariaDB would still see the old hash and let the session in
 * after the change's revocation of "every other session" had run.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeOnEachDatabase } from "./testing/each-database";
import { hold, separateInstances } from "./testing/separate-instances";
import { sessionRowFor } from "./testing/session-row";

const T0 = new Date("2031-05-06T07:08:09.123Z");
/** How long the change stays open once the sign-in's write is under way: long enough for it to reach the database. */
const CHANGE_HELD_MS = 1_000;

describeOnEachDatabase((provider, url) => {
  const instances = separateInstances(url);

  // SQLite's writers take turns, so there is no race to lose there; and in one process, better-sqlite3
  // waits for a lock synchronously, so the change could never commit while the write waits.
  it.skipIf(provider === "sqlite")(`${provider}: a session write under the old hash waits for the change and writes nothing`, async () => {
    const [changer, signer] = await instances.open(2);
    const stores = instances.storesOn(signer);
    const userId = randomUUID();
    const created = await stores.users.createEmailPasswordUser({
      id: userId,
      email: `hold-${userId}@example.com`,
      passwordHash: "old-hash",
      timeJoined: T0,
    });
    expect(created.status).toBe("OK");
    const row = sessionRowFor(userId, T0);

    let written: Promise<boolean> | undefined;
    await changer.$transaction(
      async (tx) => {
        await tx.emailPasswordAccount.update({ where: { userId }, data: { passwordHash: "new-hash" } });
        written = stores.sessions.createSession(row, undefined, "old-hash");
        await hold(CHANGE_HELD_MS);
      },
      { timeout: 30_000 },
    );
    expect(await written).toBe(false);
    expect(await stores.sessions.getSession(row.sessionHandle)).toBeNull();
  });
});
