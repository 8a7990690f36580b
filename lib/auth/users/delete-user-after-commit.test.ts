/**
 * A user's deletion has committed once the store's deleteUser returns: the user is gone and each
 * of their sessions is recorded as revoked, in that transaction. What follows (handing the
 * revocations to this instance's set and, on PostgreSQL, to the listening instances) must not
 * turn it into a failure: the caller would be told nothing was deleted, its retry would find no
 * user, and the deletion would never reach the log and the audit log.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { EngineLog } from "../log";
import { createMemoryStores } from "../testing/memory-stores";
import { createTestEngine } from "../testing/test-engine";
import { deleteUser } from "./users";

function eventLog(): { log: EngineLog; events: string[] } {
  const events: string[] = [];
  const keep = (fields: object) => {
    const event = (fields as { event?: unknown }).event;
    if (typeof event === "string") events.push(event);
  };
  const log: EngineLog = { debug: keep, info: keep, warn: keep, error: keep, child: () => log };
  return { log, events };
}

describe("deleteUser after its transaction committed", () => {
  it("answers OK and logs user.deleted though the database fails right after the commit", async () => {
    const stores = createMemoryStores();
    let committed = false;
    const deleteInStore = stores.userAdmin.deleteUser.bind(stores.userAdmin);
    stores.userAdmin.deleteUser = async (...args) => {
      const result = await deleteInStore(...args);
      committed = true;
      return result;
    };
    const record = stores.revocations.recordRevocations.bind(stores.revocations);
    stores.revocations.recordRevocations = async (rows) => {
      // The database goes away once the deletion has committed.
      if (committed) throw new Error("connection lost");
      return record(rows);
    };
    const { log, events } = eventLog();
    const { ctx } = createTestEngine({}, { stores, log });
    const userId = randomUUID();
    const created = await stores.users.createEmailPasswordUser({ id: userId, email: "ada@example.com", passwordHash: "x", timeJoined: ctx.now() });
    expect(created.status).toBe("OK");
    const session = await ctx.stores.sessions.createSession({
      sessionHandle: "h-1",
      userId,
      sessionData: {},
      jwtPayload: {},
      refreshTokenHash: "r",
      previousRefreshTokenHash: null,
      rotatedAt: null,
      createdAt: ctx.now(),
      expiresAt: new Date(ctx.now().getTime() + 3_600_000),
      absoluteExpiresAt: new Date(ctx.now().getTime() + 3_600_000),
      lastActiveAt: ctx.now(),
      userAgent: null,
      ip: null,
    });
    expect(session).toBe(true);

    expect(await deleteUser(ctx, userId)).toEqual({ status: "OK", didUserExist: true });
    expect(await stores.users.getUserById(userId)).toBeNull();
    expect(events).toContain("user.deleted");
    // The failure is said, not swallowed: the listening instances were not told at once (they
    // learn of the committed revocations at their next sync), and the database is failing.
    expect(events).toContain("revocations.hand_on_failed");
    // This instance refuses the session's access tokens at once all the same.
    expect(await ctx.revocations.isRevoked("h-1", ctx.now())).toBe(true);
  });
});
