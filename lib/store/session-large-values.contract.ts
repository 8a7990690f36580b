/**
 * The store contract for large session JSON: a session's data and payload are kept whole however
 * long they are, up to the engine's caps (session-data-size.ts; the payload goes into every
 * access token, within session.maxAccessTokenBytes). A TEXT column holds 64 KiB on MySQL and
 * MariaDB; SQLite and PostgreSQL had no such limit, so a session with more failed to be written
 * on MySQL alone. Runs inside runStoreContract (stores.contract.ts): memory, SQLite, PostgreSQL
 * and MariaDB alike.
 */
import { describe, expect, it } from "vitest";
import type { StoredSessionRow, Stores, UserRow } from "../auth/ports";

/** Over 64 KiB of JSON as UTF-8 (the accented letters are two bytes each), and over 64 Ki characters too. */
const large = (tag: string) => ({ tag, accents: "é".repeat(40_000), plain: "x".repeat(70_000), list: Array.from({ length: 500 }, (_, i) => i) });

export function describeSessionLargeValuesContract(
  getStores: () => Stores,
  createUser: (email?: string) => Promise<UserRow>,
  sessionFor: (userId: string, overrides?: Partial<StoredSessionRow>) => StoredSessionRow,
): void {
  describe("session data and payload beyond 64 KiB", () => {
    it("are written and read back whole by createSession, getSession and listSessionsForUser", async () => {
      const stores = getStores();
      const user = await createUser();
      const row = sessionFor(user.id, { sessionData: large("data"), jwtPayload: large("payload") });
      expect(await stores.sessions.createSession(row)).toBe(true);
      expect(await stores.sessions.getSession(row.sessionHandle)).toEqual(row);
      expect(await stores.sessions.listSessionsForUser(user.id, row.createdAt)).toEqual([row]);
    });

    it("are written whole while the password holds (the sign-in's guarded INSERT)", async () => {
      const stores = getStores();
      const user = await createUser();
      const hash = (await stores.users.findEmailPasswordAccountByEmail(user.email!))!.account.passwordHash;
      const row = sessionFor(user.id, { sessionData: large("held data"), jwtPayload: large("held payload") });
      expect(await stores.sessions.createSession(row, undefined, hash)).toBe(true);
      expect(await stores.sessions.getSession(row.sessionHandle)).toEqual(row);
    });

    it("replace a session's data (updateSession) and payload (replaceJwtPayload) whole", async () => {
      const stores = getStores();
      const user = await createUser();
      const row = sessionFor(user.id);
      await stores.sessions.createSession(row);
      const sessionData = large("new data");
      expect(await stores.sessions.updateSession(row.sessionHandle, { sessionData })).toBe(true);
      const jwtPayload = large("new payload");
      expect(await stores.sessions.replaceJwtPayload(row.sessionHandle, 0, jwtPayload)).toBe(true);
      expect(await stores.sessions.getSession(row.sessionHandle)).toEqual({ ...row, sessionData, jwtPayload, payloadVersion: 1 });
      const source = await stores.sessions.getSessionForAccessToken(row.sessionHandle);
      expect(source?.jwtPayload).toEqual(jwtPayload);
    });
  });
}
