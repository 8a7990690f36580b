/**
 * The store contract for the reads and writes that keep a sign-in and a refresh to a few
 * statements (issue 20): the guarded compare-and-swap, the session read with the claims' facts,
 * and the account read with them. Runs inside runStoreContract (stores.contract.ts), so on
 * memory, SQLite, PostgreSQL and MariaDB alike.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newAuditEventId } from "../auth/audit/audit-recorder";
import type { AuditEventRow, SessionRow, StoredSessionRow, Stores, UserRow } from "../auth/ports";

const T0 = new Date("2031-05-06T07:08:09.123Z");
const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
/** Lifetimes longer than any row here was given: only the stored ends judge. */
const LONG_LIFETIMES = { refreshTokenTtlSeconds: 1000 * 86_400, absoluteSessionTtlSeconds: 1000 * 86_400 };
const hex = () => `${randomUUID().replaceAll("-", "")}${randomUUID().replaceAll("-", "")}`;

export function describeSessionClaimFactsContract(
  getStores: () => Stores,
  createUser: (email?: string) => Promise<UserRow>,
  sessionFor: (userId: string, overrides?: Partial<StoredSessionRow>) => StoredSessionRow,
): void {
  describe("session claim facts", () => {
    const next = (row: SessionRow) => ({
      refreshTokenHash: hex(),
      previousRefreshTokenHash: row.refreshTokenHash,
      rotatedAt: at(HOUR),
      expiresAt: at(48 * HOUR),
      lastActiveAt: at(HOUR),
    });

    it("a session written with its first event's audit row: both rows, or neither when that row is refused", async () => {
      const stores = getStores();
      const user = await createUser();
      const row = sessionFor(user.id);
      const event: AuditEventRow = {
        id: newAuditEventId(T0),
        time: T0,
        type: "auth.signin",
        userId: user.id,
        ip: "192.0.2.7",
        userAgent: "contract",
        detail: { method: "emailpassword", sessionHandle: row.sessionHandle },
      };
      await stores.sessions.createSession(row, event);
      expect(await stores.sessions.getSession(row.sessionHandle)).toEqual(row);
      expect(await stores.audit.listEvents({ userId: user.id, limit: 10 })).toEqual([event]);

      // The same event id again: the audit row is refused, and the session must not stay behind.
      const other = sessionFor(user.id);
      await expect(stores.sessions.createSession(other, event)).rejects.toThrow();
      expect(await stores.sessions.getSession(other.sessionHandle)).toBeNull();
      expect(await stores.audit.listEvents({ userId: user.id, limit: 10 })).toEqual([event]);
    });

    it("a guarded rotation swaps only a live session far enough from its cap", async () => {
      const stores = getStores();
      const user = await createUser();
      const row = sessionFor(user.id, { expiresAt: at(24 * HOUR), absoluteExpiresAt: at(48 * HOUR) });
      await stores.sessions.createSession(row);
      // Expired at liveAt (expiresAt must be after it), and too close to the cap: no swap, no change.
      expect(
        await stores.sessions.rotateRefreshToken(row.sessionHandle, row.refreshTokenHash, next(row), {
          liveAt: at(24 * HOUR),
          absoluteAtLeast: at(HOUR),
          lifetimes: LONG_LIFETIMES,
        }),
      ).toBe(false);
      expect(
        await stores.sessions.rotateRefreshToken(row.sessionHandle, row.refreshTokenHash, next(row), {
          liveAt: at(HOUR),
          absoluteAtLeast: at(48 * HOUR + 1),
          lifetimes: LONG_LIFETIMES,
        }),
      ).toBe(false);
      expect(await stores.sessions.getSession(row.sessionHandle)).toEqual(row);
      // At the cap exactly, and live: swapped.
      const swap = next(row);
      expect(
        await stores.sessions.rotateRefreshToken(row.sessionHandle, row.refreshTokenHash, swap, {
          liveAt: at(HOUR),
          absoluteAtLeast: at(48 * HOUR),
          lifetimes: LONG_LIFETIMES,
        }),
      ).toBe(true);
      expect(await stores.sessions.getSession(row.sessionHandle)).toEqual({ ...row, ...swap });
    });

    it("reads a session's owner, payload and the claims' facts in one call", async () => {
      const stores = getStores();
      const user = await createUser();
      const row = sessionFor(user.id, { jwtPayload: { plan: "pro", ünï: "🚀" } });
      await stores.sessions.createSession(row);
      expect(await stores.sessions.getSessionForAccessToken(row.sessionHandle)).toEqual({
        userId: user.id,
        jwtPayload: { plan: "pro", ünï: "🚀" },
        facts: { emailVerified: false, hasEmail: true, roles: [], permissions: [] },
        createdAt: row.createdAt,
      });

      const [a, b] = [`Zeta-${randomUUID()}`, `alpha-${randomUUID()}`];
      await stores.roles.createRoleOrAddPermissions(a, ["p:read", "p:write"]);
      await stores.roles.createRoleOrAddPermissions(b, ["p:read"]);
      await stores.roles.createRoleOrAddPermissions(`other-${randomUUID()}`, ["p:never"]);
      await stores.roles.addRoleToUser(user.id, a);
      await stores.roles.addRoleToUser(user.id, b);
      expect(await stores.users.markEmailVerified(user.id, user.email!)).toBe(true);
      const facts = { emailVerified: true, hasEmail: true, roles: [a, b], permissions: ["p:read", "p:write"] };
      expect((await stores.sessions.getSessionForAccessToken(row.sessionHandle))?.facts).toEqual(facts);
      // The same facts the role store answers one by one (which orders by the database's
      // collation, case-insensitive on MariaDB; the facts are in code-point order everywhere).
      expect((await stores.roles.getRolesForUser(user.id)).toSorted()).toEqual(facts.roles);
      expect((await stores.roles.getPermissionsForUser(user.id)).toSorted()).toEqual(facts.permissions);

      expect(await stores.sessions.getSessionForAccessToken(randomUUID())).toBeNull();
    });

    it("says whether the user has an address to verify: its own, or a provider's unproven one; a phone-only user has none", async () => {
      const stores = getStores();
      const hasEmailOf = async (userId: string) => {
        const row = sessionFor(userId);
        await stores.sessions.createSession(row);
        return (await stores.sessions.getSessionForAccessToken(row.sessionHandle))?.facts.hasEmail;
      };
      const user = (email: string | null): UserRow => ({
        id: randomUUID(),
        email,
        emailVerified: false,
        timeJoined: new Date("2031-01-01T00:00:00.000Z"),
      });
      const phoneOnly = user(null);
      const account = { userId: phoneOnly.id, email: null, phoneNumber: `+4915${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}` };
      expect(await stores.passwordless.createPasswordlessUser({ user: phoneOnly, account })).toMatchObject({ status: "OK" });
      expect(await hasEmailOf(phoneOnly.id)).toBe(false);
      const unproven = user(null);
      const identity = { id: randomUUID(), thirdPartyId: "discord", thirdPartyUserId: randomUUID(), email: `unproven-${randomUUID()}@example.com` };
      expect(await stores.thirdParty.createThirdPartyUser({ user: unproven, account: identity })).toMatchObject({ status: "OK" });
      expect(await hasEmailOf(unproven.id)).toBe(true);
      expect(await hasEmailOf((await createUser()).id)).toBe(true);
    });

    it("swaps and reads in one call: the owner, payload and facts of the swapped session, or null with nothing changed", async () => {
      const stores = getStores();
      const user = await createUser();
      const role = `swapper-${randomUUID()}`;
      await stores.roles.createRoleOrAddPermissions(role, ["p:swap"]);
      await stores.roles.addRoleToUser(user.id, role);
      const row = sessionFor(user.id, { jwtPayload: { plan: "pro" }, expiresAt: at(24 * HOUR), absoluteExpiresAt: at(48 * HOUR) });
      await stores.sessions.createSession(row);
      const guard = { liveAt: at(HOUR), absoluteAtLeast: at(48 * HOUR), lifetimes: LONG_LIFETIMES };
      // A stale hash, an expired session, one too close to its cap: null, and the row as it was.
      expect(await stores.sessions.rotateAndReadForAccessToken(row.sessionHandle, hex(), next(row), guard)).toBeNull();
      expect(
        await stores.sessions.rotateAndReadForAccessToken(row.sessionHandle, row.refreshTokenHash, next(row), { ...guard, liveAt: at(24 * HOUR) }),
      ).toBeNull();
      expect(
        await stores.sessions.rotateAndReadForAccessToken(row.sessionHandle, row.refreshTokenHash, next(row), {
          ...guard,
          absoluteAtLeast: at(48 * HOUR + 1),
        }),
      ).toBeNull();
      expect(await stores.sessions.rotateAndReadForAccessToken(randomUUID(), row.refreshTokenHash, next(row), guard)).toBeNull();
      expect(await stores.sessions.getSession(row.sessionHandle)).toEqual(row);

      // Ten concurrent swaps of the live hash: exactly one wins, and it reads what a new token needs.
      const candidates = Array.from({ length: 10 }, () => next(row));
      const outcomes = await Promise.all(
        candidates.map((change) => stores.sessions.rotateAndReadForAccessToken(row.sessionHandle, row.refreshTokenHash, change, guard)),
      );
      const winners = outcomes.filter((outcome) => outcome !== null);
      expect(winners).toEqual([
        {
          userId: user.id,
          jwtPayload: { plan: "pro" },
          facts: { emailVerified: false, hasEmail: true, roles: [role], permissions: ["p:swap"] },
          createdAt: row.createdAt,
        },
      ]);
      const winner = candidates[outcomes.findIndex((outcome) => outcome !== null)]!;
      expect(await stores.sessions.getSession(row.sessionHandle)).toEqual({ ...row, ...winner });
    });

    it("swaps and reads the same facts as the read alone: names JSON must escape, a role with no permission, a verified address, none at all", async () => {
      const stores = getStores();
      const user = await createUser();
      const tag = randomUUID();
      const [quoted, bare] = [`q"uo\\te\u00e9🚀-${tag}`, `bare-${tag}`];
      await stores.roles.createRoleOrAddPermissions(quoted, [`p:"x"\\${tag}`, `p:ünï-${tag}`]);
      await stores.roles.createRoleOrAddPermissions(bare, []);
      await stores.roles.addRoleToUser(user.id, quoted);
      await stores.roles.addRoleToUser(user.id, bare);
      expect(await stores.users.markEmailVerified(user.id, user.email!)).toBe(true);
      const guard = { liveAt: at(HOUR), absoluteAtLeast: at(48 * HOUR), lifetimes: LONG_LIFETIMES };
      const row = sessionFor(user.id, { jwtPayload: { 'a"b': "\\", ünï: "🚀" }, expiresAt: at(24 * HOUR), absoluteExpiresAt: at(48 * HOUR) });
      await stores.sessions.createSession(row);
      const read = await stores.sessions.getSessionForAccessToken(row.sessionHandle);
      const swapped = await stores.sessions.rotateAndReadForAccessToken(row.sessionHandle, row.refreshTokenHash, next(row), guard);
      expect(swapped).toEqual(read);
      expect(swapped?.facts).toEqual({
        emailVerified: true,
        hasEmail: true,
        roles: [bare, quoted].toSorted((a, b) => (a < b ? -1 : 1)),
        permissions: [`p:"x"\\${tag}`, `p:ünï-${tag}`].toSorted((a, b) => (a < b ? -1 : 1)),
      });
      expect(swapped?.jwtPayload).toEqual({ 'a"b': "\\", ünï: "🚀" });

      // A user with no address and no identity: nothing to verify.
      const phoneOnly: UserRow = { id: randomUUID(), email: null, emailVerified: false, timeJoined: new Date("2031-01-01T00:00:00.000Z") };
      const account = { userId: phoneOnly.id, email: null, phoneNumber: `+4916${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}` };
      expect(await stores.passwordless.createPasswordlessUser({ user: phoneOnly, account })).toMatchObject({ status: "OK" });
      const phoneRow = sessionFor(phoneOnly.id, { expiresAt: at(24 * HOUR), absoluteExpiresAt: at(48 * HOUR) });
      await stores.sessions.createSession(phoneRow);
      const phoneSwapped = await stores.sessions.rotateAndReadForAccessToken(
        phoneRow.sessionHandle,
        phoneRow.refreshTokenHash,
        next(phoneRow),
        guard,
      );
      expect(phoneSwapped?.facts).toEqual({ emailVerified: false, hasEmail: false, roles: [], permissions: [] });
    });

    it("reads an account with its user, and the claims' facts where the store can", async () => {
      const stores = getStores();
      const user = await createUser();
      const role = `reader-${randomUUID()}`;
      await stores.roles.createRoleOrAddPermissions(role, ["p:read"]);
      await stores.roles.addRoleToUser(user.id, role);
      const found = await stores.users.findEmailPasswordAccountByEmail(user.email!);
      expect(found?.user).toEqual(user);
      expect(found?.account).toEqual({ userId: user.id, email: user.email, passwordHash: `hash-${user.id}` });
      if (found?.facts) expect(found.facts).toEqual({ emailVerified: false, hasEmail: true, roles: [role], permissions: ["p:read"] });
    });
  });
}
