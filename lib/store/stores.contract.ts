/**
 * The storage contract: what every implementation of the ports in lib/auth/ports/ must do, written once
 * and run against each (SQLite, PostgreSQL, MariaDB in prisma-stores.db.test.ts; memory in
 * memory-stores.test.ts).
 *
 * One `Stores` serves the whole suite, so each test works on its own users, emails and
 * handles and never assumes an empty database.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { StoredSessionRow, Stores } from "../auth/ports";
import { describeEmailTokenContract } from "./email-token-store.contract";
import { describeSessionClaimFactsContract } from "./session-claim-facts.contract";
import { describeSessionLargeValuesContract } from "./session-large-values.contract";
import { describeSessionPasswordHoldContract } from "./session-password-hold.contract";
import { describeSigningKeyContract } from "./signing-key-store.contract";
import { describeUserIdsContract } from "./user-ids.contract";
import { describeUserStoreContract } from "./user-store.contract";

/** A fixed clock: far from "now" so that real time never matters, with milliseconds set. */
const T0 = new Date("2031-05-06T07:08:09.123Z");
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
const HOUR = 3_600_000;

/** Payloads that catch encoding bugs: non-ASCII, astral emoji, ZWJ sequences, nesting. */
const UNICODE_DATA = {
  name: "Zoë Ångström — 東京",
  emoji: "🚀👩‍💻",
  nested: { list: [1, "二", null, true, { deep: "ü" }], empty: {} },
  quote: `it's "quoted" \\ back\nslash`,
};

const hex = () => randomUUID().replaceAll("-", "").padEnd(64, "0");
const uniqueEmail = (tag: string) => `${tag}-${randomUUID()}@example.com`;

export function runStoreContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`store contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });

    async function createUser(email = uniqueEmail("user")) {
      const id = randomUUID();
      const result = await stores.users.createEmailPasswordUser({ id, email, passwordHash: `hash-${id}`, timeJoined: T0 });
      if (result.status !== "OK") throw new Error(`could not create ${email}`);
      return result.user;
    }

    /** A new session as the store reads it back: its payload not yet replaced (version 0). */
    function sessionFor(userId: string, overrides: Partial<StoredSessionRow> = {}): StoredSessionRow {
      return {
        sessionHandle: randomUUID(),
        userId,
        sessionData: { role: "member" },
        jwtPayload: { plan: "free" },
        refreshTokenHash: hex(),
        previousRefreshTokenHash: null,
        rotatedAt: null,
        createdAt: T0,
        expiresAt: at(24 * HOUR),
        absoluteExpiresAt: at(100 * 24 * HOUR),
        lastActiveAt: T0,
        userAgent: "Mozilla/5.0 (contract)",
        ip: "2001:db8::1",
        payloadVersion: 0,
        ...overrides,
      };
    }

    describe("sessions", () => {
      it("round-trips every column, including unicode JSON", async () => {
        const user = await createUser();
        const row = sessionFor(user.id, {
          sessionData: UNICODE_DATA,
          jwtPayload: { ...UNICODE_DATA, big: "x".repeat(10_000) },
          previousRefreshTokenHash: hex(),
          rotatedAt: at(1),
          userAgent: "Agent/1.0 (ünïcode; 🚀)",
        });
        await stores.sessions.createSession(row);
        expect(await stores.sessions.getSession(row.sessionHandle)).toEqual(row);
      });

      it("keeps null optionals null", async () => {
        const user = await createUser();
        const row = sessionFor(user.id, { userAgent: null, ip: null, sessionData: {}, jwtPayload: {} });
        await stores.sessions.createSession(row);
        expect(await stores.sessions.getSession(row.sessionHandle)).toEqual(row);
      });

      it("returns null for an unknown handle", async () => {
        expect(await stores.sessions.getSession(randomUUID())).toBeNull();
      });

      it("rotates the refresh token only when the expected hash matches", async () => {
        const user = await createUser();
        const row = sessionFor(user.id);
        await stores.sessions.createSession(row);
        const next = {
          refreshTokenHash: hex(),
          previousRefreshTokenHash: row.refreshTokenHash,
          rotatedAt: at(HOUR),
          expiresAt: at(48 * HOUR),
          lastActiveAt: at(HOUR),
        };
        expect(await stores.sessions.rotateRefreshToken(row.sessionHandle, hex(), next)).toBe(false);
        expect(await stores.sessions.getSession(row.sessionHandle)).toEqual(row);

        expect(await stores.sessions.rotateRefreshToken(row.sessionHandle, row.refreshTokenHash, next)).toBe(true);
        expect(await stores.sessions.getSession(row.sessionHandle)).toEqual({ ...row, ...next });

        // The old token is spent.
        expect(await stores.sessions.rotateRefreshToken(row.sessionHandle, row.refreshTokenHash, next)).toBe(false);
        expect(await stores.sessions.rotateRefreshToken(randomUUID(), row.refreshTokenHash, next)).toBe(false);
      });

      it("lets exactly one of ten concurrent rotations with one expected hash win", async () => {
        const user = await createUser();
        const row = sessionFor(user.id);
        await stores.sessions.createSession(row);
        const candidates = Array.from({ length: 10 }, (_, i) => ({
          refreshTokenHash: hex(),
          previousRefreshTokenHash: row.refreshTokenHash,
          rotatedAt: at(i + 1),
          expiresAt: at(48 * HOUR),
          lastActiveAt: at(i + 1),
        }));
        const outcomes = await Promise.all(
          candidates.map((next) => stores.sessions.rotateRefreshToken(row.sessionHandle, row.refreshTokenHash, next)),
        );
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        const winner = candidates[outcomes.indexOf(true)]!;
        expect(await stores.sessions.getSession(row.sessionHandle)).toEqual({ ...row, ...winner });
      });

      it("updates session data and activity independently", async () => {
        const user = await createUser();
        const row = sessionFor(user.id);
        await stores.sessions.createSession(row);

        expect(await stores.sessions.updateSession(row.sessionHandle, { sessionData: UNICODE_DATA })).toBe(true);
        expect(await stores.sessions.getSession(row.sessionHandle)).toEqual({ ...row, sessionData: UNICODE_DATA });

        expect(await stores.sessions.updateSession(row.sessionHandle, { lastActiveAt: at(5) })).toBe(true);
        expect(await stores.sessions.getSession(row.sessionHandle)).toEqual({ ...row, sessionData: UNICODE_DATA, lastActiveAt: at(5) });

        // Writing the values it already holds still reports the session as present.
        expect(await stores.sessions.updateSession(row.sessionHandle, { lastActiveAt: at(5) })).toBe(true);
        expect(await stores.sessions.updateSession(row.sessionHandle, {})).toBe(true);
        expect(await stores.sessions.updateSession(randomUUID(), { lastActiveAt: at(5) })).toBe(false);
        expect(await stores.sessions.updateSession(randomUUID(), {})).toBe(false);
      });

      it("updates a session and replaces its payload under `liveAt` only while it is live then", async () => {
        const user = await createUser();
        // Past its sliding expiry; and past its absolute cap with a sliding expiry still ahead.
        const slid = sessionFor(user.id, { expiresAt: at(10), absoluteExpiresAt: at(100) });
        const capped = sessionFor(user.id, { expiresAt: at(100), absoluteExpiresAt: at(10) });
        for (const row of [slid, capped]) {
          await stores.sessions.createSession(row);
          expect(await stores.sessions.updateSession(row.sessionHandle, { sessionData: { n: 1 } }, at(9))).toBe(true);
          for (const late of [at(10), at(11)]) {
            expect(await stores.sessions.updateSession(row.sessionHandle, { sessionData: { n: 2 } }, late)).toBe(false);
            expect(await stores.sessions.updateSession(row.sessionHandle, {}, late)).toBe(false);
            expect(await stores.sessions.replaceJwtPayload(row.sessionHandle, 0, { plan: "pro" }, late)).toBe(false);
          }
          expect(await stores.sessions.getSession(row.sessionHandle)).toEqual({ ...row, sessionData: { n: 1 } });
          expect(await stores.sessions.replaceJwtPayload(row.sessionHandle, 0, { plan: "pro" }, at(9))).toBe(true);
        }
      });

      it("replaces the payload only over the version it was read at, and counts the version up", async () => {
        const user = await createUser();
        const row = sessionFor(user.id);
        await stores.sessions.createSession(row);

        const pro = { plan: "pro", roles: ["admin"], name: "Zoë 🦊" };
        expect(await stores.sessions.replaceJwtPayload(row.sessionHandle, 0, pro)).toBe(true);
        expect(await stores.sessions.getSession(row.sessionHandle)).toEqual({ ...row, jwtPayload: pro, payloadVersion: 1 });

        // A writer that read version 0 lost to the change above: refused, nothing written.
        expect(await stores.sessions.replaceJwtPayload(row.sessionHandle, 0, { plan: "free" })).toBe(false);
        // The same payload again is still a change: the version moves, so a reader of 1 is refused after it.
        expect(await stores.sessions.replaceJwtPayload(row.sessionHandle, 1, pro)).toBe(true);
        expect(await stores.sessions.getSession(row.sessionHandle)).toEqual({ ...row, jwtPayload: pro, payloadVersion: 2 });
        expect(await stores.sessions.replaceJwtPayload(randomUUID(), 0, pro)).toBe(false);
      });

      it("lets exactly one of ten concurrent payload replacements from one version win", async () => {
        const user = await createUser();
        const row = sessionFor(user.id);
        await stores.sessions.createSession(row);
        const payloads = Array.from({ length: 10 }, (_, i) => ({ plan: `plan-${i}` }));
        const outcomes = await Promise.all(payloads.map((payload) => stores.sessions.replaceJwtPayload(row.sessionHandle, 0, payload)));
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        const winner = payloads[outcomes.indexOf(true)]!;
        expect(await stores.sessions.getSession(row.sessionHandle)).toEqual({ ...row, jwtPayload: winner, payloadVersion: 1 });
      });

      it("deletes one session and reports whether it existed", async () => {
        const user = await createUser();
        const row = sessionFor(user.id);
        await stores.sessions.createSession(row);
        expect(await stores.sessions.deleteSession(row.sessionHandle)).toBe(true);
        expect(await stores.sessions.getSession(row.sessionHandle)).toBeNull();
        expect(await stores.sessions.deleteSession(row.sessionHandle)).toBe(false);
      });

      it("deletes every session of one user and returns their handles", async () => {
        const [alice, bob] = [await createUser(), await createUser()];
        const aliceRows = [sessionFor(alice.id), sessionFor(alice.id), sessionFor(alice.id, { expiresAt: at(-HOUR) })];
        const bobRow = sessionFor(bob.id);
        for (const row of [...aliceRows, bobRow]) await stores.sessions.createSession(row);

        const deleted = await stores.sessions.deleteSessionsForUser(alice.id);
        expect([...deleted].sort()).toEqual(aliceRows.map((r) => r.sessionHandle).sort());
        for (const row of aliceRows) expect(await stores.sessions.getSession(row.sessionHandle)).toBeNull();
        expect(await stores.sessions.getSession(bobRow.sessionHandle)).toEqual(bobRow);
        expect(await stores.sessions.deleteSessionsForUser(alice.id)).toEqual([]);
      });

      it("deletes the sessions it is given, of any users, and no other", async () => {
        const [erin, frank] = [await createUser(), await createUser()];
        const rows = [sessionFor(erin.id), sessionFor(erin.id), sessionFor(frank.id), sessionFor(frank.id)];
        for (const row of rows) await stores.sessions.createSession(row);
        const gone = [rows[0]!.sessionHandle, rows[2]!.sessionHandle, randomUUID()];
        expect([...(await stores.sessions.deleteSessions(gone))].sort()).toEqual([...gone].sort());
        for (const handle of gone) expect(await stores.sessions.getSession(handle)).toBeNull();
        expect(await stores.sessions.getSession(rows[1]!.sessionHandle)).toEqual(rows[1]);
        expect(await stores.sessions.getSession(rows[3]!.sessionHandle)).toEqual(rows[3]);
        expect(await stores.sessions.deleteSessions([])).toEqual([]);
      });

      it("deletes the sessions whose expiry is at or before a time, and no other", async () => {
        const [gina, hank] = [await createUser(), await createUser()];
        const expired = [sessionFor(gina.id, { expiresAt: at(-2 * HOUR) }), sessionFor(hank.id, { expiresAt: at(-HOUR) })];
        const live = [sessionFor(gina.id, { expiresAt: at(-HOUR + 1) }), sessionFor(hank.id)];
        for (const row of [...expired, ...live]) await stores.sessions.createSession(row);

        // Other tests' rows may go too (one store serves the suite): at least these two.
        expect(await stores.sessions.deleteSessionsExpiredBefore(at(-HOUR))).toBeGreaterThanOrEqual(2);
        for (const row of expired) expect(await stores.sessions.getSession(row.sessionHandle)).toBeNull();
        for (const row of live) expect(await stores.sessions.getSession(row.sessionHandle)).toEqual(row);
      });

      it("lists the handles of a user's unexpired sessions only", async () => {
        const [carol, dave] = [await createUser(), await createUser()];
        const live = [sessionFor(carol.id, { expiresAt: at(1) }), sessionFor(carol.id, { expiresAt: at(HOUR) })];
        const expired = [sessionFor(carol.id, { expiresAt: at(-1) }), sessionFor(carol.id, { expiresAt: T0 })];
        for (const row of [...live, ...expired, sessionFor(dave.id)]) await stores.sessions.createSession(row);

        const handles = await stores.sessions.listSessionHandlesForUser(carol.id, T0);
        expect([...handles].sort()).toEqual(live.map((r) => r.sessionHandle).sort());
        expect(await stores.sessions.listSessionHandlesForUser(randomUUID(), T0)).toEqual([]);
      });

      it("lists a user's unexpired sessions with every column, oldest first", async () => {
        const [erin, frank] = [await createUser(), await createUser()];
        const older = sessionFor(erin.id, { createdAt: at(-2 * HOUR), expiresAt: at(HOUR), userAgent: "Firefox", ip: "192.0.2.1" });
        const newer = sessionFor(erin.id, { createdAt: at(-HOUR), expiresAt: at(HOUR) });
        const expired = sessionFor(erin.id, { expiresAt: at(-1) });
        for (const row of [newer, expired, older, sessionFor(frank.id)]) await stores.sessions.createSession(row);
        expect(await stores.sessions.listSessionsForUser(erin.id, T0)).toEqual([older, newer]);
        expect(await stores.sessions.listSessionsForUser(randomUUID(), T0)).toEqual([]);
      });
    });

    describeUserStoreContract(() => stores, createUser);
    describeSigningKeyContract(() => stores);
    describeEmailTokenContract(() => stores, createUser);
    describeSessionClaimFactsContract(() => stores, createUser, sessionFor);
    describeSessionPasswordHoldContract(() => stores, createUser, sessionFor);
    describeSessionLargeValuesContract(() => stores, createUser, sessionFor);
    describeUserIdsContract(() => stores, createUser);
  });
}
