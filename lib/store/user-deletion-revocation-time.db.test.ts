/**
 * The time a user's deletion stamps on the revocations of their sessions, on PostgreSQL and
 * MariaDB. Other instances sync revocations incrementally, from a little before the newest
 * `revokedAt` they have seen (revocation-set.ts, a margin of seconds): a revocation that commits
 * long after its stamp can fall behind that watermark and never reach them, so they accept the
 * deleted user's access tokens until those expire. The deletion waits for the user's row lock
 * (another transaction holding it: a sign-in, a recovery-code write) before it writes them, so
 * the stamp must be taken once the lock is held, not before the wait.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createTestClock, createTestEngine } from "../auth/testing/test-engine";
import { deleteUser } from "../auth/users/users";
import { raw, sql } from "./sql-statements";
import { describeOnEachDatabase } from "./testing/each-database";
import { hold, separateInstances } from "./testing/separate-instances";
import { sessionRowFor } from "./testing/session-row";

/** Longer than the sync's margin (RevocationSet.SKEW_MARGIN_MS). */
const WAIT_SECONDS = 30;

describeOnEachDatabase((provider, url) => {
  const instances = separateInstances(url);

  // SQLite's writers take turns in one process synchronously: no lock to wait for there.
  it.skipIf(provider === "sqlite")(`${provider}: revocations are stamped after the wait for the user's row, not before it`, async () => {
    const [deleterClient, holderClient] = await instances.open(2);
    const clock = createTestClock();
    const { ctx } = createTestEngine({}, { stores: instances.storesOn(deleterClient), clock });
    const holderStores = instances.storesOn(holderClient);
    const userId = randomUUID();
    const created = await holderStores.users.createEmailPasswordUser({
      id: userId,
      email: `stamp-${userId}@example.com`,
      passwordHash: "h",
      timeJoined: clock.now(),
    });
    expect(created.status).toBe("OK");
    const row = sessionRowFor(userId, clock.now());
    expect(await holderStores.sessions.createSession(row)).toBe(true);

    // Another transaction holds the user's row; the deletion starts meanwhile and waits for it.
    let deletion: Promise<unknown> | undefined;
    await holderClient.$transaction(
      async (tx) => {
        const lock = provider === "postgresql" ? raw("FOR NO KEY UPDATE") : raw("FOR UPDATE");
        await tx.$queryRaw(sql`SELECT id FROM users WHERE id = ${userId} ${lock}`);
        deletion = deleteUser(ctx, userId);
        await hold(1_000);
        clock.advanceSeconds(WAIT_SECONDS);
      },
      { timeout: 20_000 },
    );
    expect(await deletion).toEqual({ status: "OK", didUserExist: true });
    const [revocation] = await holderStores.revocations.listRevocations(undefined, clock.now());
    expect(revocation?.sessionHandle).toBe(row.sessionHandle);
    expect(revocation!.revokedAt.getTime()).toBeGreaterThanOrEqual(clock.now().getTime());
  });
});
