/**
 * The store contract for a password sign-in's session write (SessionStore.createSession with
 * `onlyWhilePasswordHash`): written only while the account holds the hash the sign-in verified,
 * its audit row only beside it. Runs inside runStoreContract (stores.contract.ts), so on memory,
 * SQLite, PostgreSQL and MariaDB alike; session-password-hold.db.test.ts adds the race on the
 * databases.
 */
import { describe, expect, it } from "vitest";
import { newAuditEventId } from "../auth/audit/audit-recorder";
import type { AuditEventRow, StoredSessionRow, Stores, UserRow } from "../auth/ports";

const T0 = new Date("2031-05-06T07:08:09.123Z");

export function describeSessionPasswordHoldContract(
  getStores: () => Stores,
  createUser: (email?: string) => Promise<UserRow>,
  sessionFor: (userId: string, overrides?: Partial<StoredSessionRow>) => StoredSessionRow,
): void {
  describe("a session written while the password holds", () => {
    const signInEvent = (row: StoredSessionRow): AuditEventRow => ({
      id: newAuditEventId(T0),
      time: T0,
      type: "auth.signin",
      userId: row.userId,
      ip: null,
      userAgent: null,
      detail: { method: "emailpassword", sessionHandle: row.sessionHandle },
    });

    it("is written, with its audit row, while the account holds the verified hash", async () => {
      const stores = getStores();
      const user = await createUser();
      const hash = (await stores.users.findEmailPasswordAccountByEmail(user.email!))!.account.passwordHash;
      const row = sessionFor(user.id);
      const event = signInEvent(row);
      expect(await stores.sessions.createSession(row, event, hash)).toBe(true);
      expect(await stores.sessions.getSession(row.sessionHandle)).toEqual(row);
      expect(await stores.audit.listEvents({ userId: user.id, limit: 10 })).toEqual([event]);

      const alone = sessionFor(user.id);
      expect(await stores.sessions.createSession(alone, undefined, hash)).toBe(true);
      expect(await stores.sessions.getSession(alone.sessionHandle)).toEqual(alone);
    });

    it("writes nothing, session or audit row, once the hash was changed", async () => {
      const stores = getStores();
      const user = await createUser();
      const old = (await stores.users.findEmailPasswordAccountByEmail(user.email!))!.account.passwordHash;
      expect(await stores.users.updatePasswordHash(user.id, `${old}-changed`)).toBe(true);

      const row = sessionFor(user.id);
      expect(await stores.sessions.createSession(row, signInEvent(row), old)).toBe(false);
      const alone = sessionFor(user.id);
      expect(await stores.sessions.createSession(alone, undefined, old)).toBe(false);
      expect(await stores.sessions.getSession(row.sessionHandle)).toBeNull();
      expect(await stores.sessions.getSession(alone.sessionHandle)).toBeNull();
      expect(await stores.audit.listEvents({ userId: user.id, limit: 10 })).toEqual([]);
    });

    it("writes nothing for another user's hash, and compares the hash exactly", async () => {
      const stores = getStores();
      const [user, other] = [await createUser(), await createUser()];
      const othersHash = (await stores.users.findEmailPasswordAccountByEmail(other.email!))!.account.passwordHash;
      const own = (await stores.users.findEmailPasswordAccountByEmail(user.email!))!.account.passwordHash;
      for (const hash of [othersHash, own.toUpperCase(), `${own} `, ""]) {
        const row = sessionFor(user.id);
        expect(await stores.sessions.createSession(row, undefined, hash), hash).toBe(false);
        expect(await stores.sessions.getSession(row.sessionHandle)).toBeNull();
      }
    });
  });
}
