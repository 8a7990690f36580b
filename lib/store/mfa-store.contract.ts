/**
 * The MfaStore contract, run on memory (memory-mfa-store.test.ts) and on SQLite, PostgreSQL and
 * MariaDB (prisma-mfa-store.db.test.ts). One `Stores` serves the whole suite, so each test makes
 * its own users.
 */
import { createHash, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { RecoveryCodesSession, SessionRow, Stores, TotpDeviceRow } from "../auth/ports";
import { sessionRowFor } from "./testing/session-row";

const T0 = new Date("2031-05-06T07:08:09.123Z");
/** The times of the revocations a user deletion records. */
const REVOKED = { revokedAt: T0, expiresAt: new Date(T0.getTime() + 3_600_000) };
const hex = () => createHash("sha256").update(randomUUID()).digest("hex");
const HOUR = 3_600_000;
const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);

export function runMfaStoreContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`mfa store contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });

    async function newUser(): Promise<string> {
      const id = randomUUID();
      const result = await stores.users.createEmailPasswordUser({ id, email: `mfa-${id}@example.com`, passwordHash: "x", timeJoined: T0 });
      expect(result.status).toBe("OK");
      return id;
    }
    const device = (userId: string, overrides: Partial<TotpDeviceRow> = {}): TotpDeviceRow => ({
      id: randomUUID(),
      userId,
      name: "Phone",
      sealedSecret: `sealed-${hex()}`,
      period: 30,
      skew: 1,
      verified: false,
      lastUsedStep: null,
      createdAt: T0,
      ...overrides,
    });

    it("stores devices with every column intact, oldest first, and refuses a second one of the same name", async () => {
      const userId = await newUser();
      const first = device(userId);
      const second = device(userId, { name: "Laptop", period: 60, skew: 0, createdAt: new Date(T0.getTime() + 1000) });
      expect(await stores.mfa.createTotpDevice(second)).toEqual({ status: "OK" });
      expect(await stores.mfa.createTotpDevice(first)).toEqual({ status: "OK" });
      expect(await stores.mfa.createTotpDevice(device(userId))).toEqual({ status: "DEVICE_ALREADY_EXISTS_ERROR" });
      expect(await stores.mfa.listTotpDevices(userId)).toEqual([first, second]);
      // Another user may use the same name.
      const other = await newUser();
      expect(await stores.mfa.createTotpDevice(device(other))).toEqual({ status: "OK" });
      // Names are compared exactly: another case or accent is another device, on every database.
      const alike = [device(userId, { name: "phone" }), device(userId, { name: "Phoné" })];
      for (const d of alike) expect(await stores.mfa.createTotpDevice(d)).toEqual({ status: "OK" });
      expect((await stores.mfa.listTotpDevices(userId)).map((d) => d.name).sort()).toEqual(["Laptop", "Phone", "Phoné", "phone"]);
    });

    it("moves the time step only forward, verifying the device (replay refusal)", async () => {
      const userId = await newUser();
      const d = device(userId);
      await stores.mfa.createTotpDevice(d);
      expect(await stores.mfa.recordTotpStep(d.id, 65_000_000)).toBe(true);
      expect(await stores.mfa.recordTotpStep(d.id, 65_000_000)).toBe(false);
      expect(await stores.mfa.recordTotpStep(d.id, 64_999_999)).toBe(false);
      const [stored] = await stores.mfa.listTotpDevices(userId);
      expect(stored).toMatchObject({ verified: true, lastUsedStep: 65_000_000 });
      expect(await stores.mfa.recordTotpStep(d.id, 65_000_001)).toBe(true);
      expect(await stores.mfa.recordTotpStep(randomUUID(), 1)).toBe(false);
    });

    it("lets exactly one of concurrent requests with one time step through", async () => {
      const userId = await newUser();
      const d = device(userId);
      await stores.mfa.createTotpDevice(d);
      const results = await Promise.all(Array.from({ length: 8 }, () => stores.mfa.recordTotpStep(d.id, 70_000_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("deletes a device by name, and all of a user's devices", async () => {
      const userId = await newUser();
      for (const [i, name] of ["A", "B", "C"].entries()) {
        await stores.mfa.createTotpDevice(device(userId, { name, createdAt: new Date(T0.getTime() + i) }));
      }
      expect(await stores.mfa.deleteTotpDevice(userId, "A")).toBe(true);
      expect(await stores.mfa.deleteTotpDevice(userId, "A")).toBe(false);
      expect(await stores.mfa.deleteTotpDevice(await newUser(), "B")).toBe(false);
      expect((await stores.mfa.listTotpDevices(userId)).map((d) => d.name)).toEqual(["B", "C"]);
      expect(await stores.mfa.deleteTotpDevicesForUser(userId)).toBe(2);
      expect(await stores.mfa.listTotpDevices(userId)).toEqual([]);
    });

    it("deletes a device by id, not another made since under its name, nor another user's", async () => {
      const userId = await newUser();
      const first = device(userId);
      await stores.mfa.createTotpDevice(first);
      expect(await stores.mfa.deleteTotpDeviceById(await newUser(), first.id)).toBe(false);
      expect(await stores.mfa.deleteTotpDeviceById(userId, first.id)).toBe(true);
      const second = device(userId);
      await stores.mfa.createTotpDevice(second);
      expect(await stores.mfa.deleteTotpDeviceById(userId, first.id)).toBe(false);
      expect(await stores.mfa.listTotpDevices(userId)).toEqual([second]);
    });

    it("deletes a user's unverified devices made before a time, and no other", async () => {
      const userId = await newUser();
      const other = await newUser();
      const at = (ms: number) => new Date(T0.getTime() + ms);
      await stores.mfa.createTotpDevice(device(userId, { name: "old unverified", createdAt: at(0) }));
      await stores.mfa.createTotpDevice(device(userId, { name: "old verified", createdAt: at(1), verified: true, lastUsedStep: 1 }));
      await stores.mfa.createTotpDevice(device(userId, { name: "new unverified", createdAt: at(5_000) }));
      await stores.mfa.createTotpDevice(device(other, { name: "other's", createdAt: at(0) }));
      expect(await stores.mfa.deleteUnverifiedTotpDevicesCreatedBefore(userId, at(5_000))).toBe(1);
      expect((await stores.mfa.listTotpDevices(userId)).map((d) => d.name)).toEqual(["old verified", "new unverified"]);
      expect(await stores.mfa.listTotpDevices(other)).toHaveLength(1);
      expect(await stores.mfa.deleteUnverifiedTotpDevicesCreatedBefore(userId, at(5_000))).toBe(0);
    });

    it("replaces recovery codes as a set, and uses each once", async () => {
      const userId = await newUser();
      const old = [hex(), hex()];
      await stores.mfa.replaceRecoveryCodes(userId, old, T0);
      const fresh = [hex(), hex(), hex()];
      await stores.mfa.replaceRecoveryCodes(userId, fresh, T0);
      expect(await stores.mfa.countRecoveryCodes(userId)).toBe(3);
      expect(await stores.mfa.consumeRecoveryCode(userId, old[0])).toBe(false);
      expect(await stores.mfa.consumeRecoveryCode(await newUser(), fresh[0])).toBe(false);
      expect(await stores.mfa.consumeRecoveryCode(userId, fresh[0])).toBe(true);
      expect(await stores.mfa.consumeRecoveryCode(userId, fresh[0])).toBe(false);
      expect(await stores.mfa.countRecoveryCodes(userId)).toBe(2);
      expect(await stores.mfa.deleteRecoveryCodesForUser(userId)).toBe(2);
      expect(await stores.mfa.countRecoveryCodes(userId)).toBe(0);
    });

    /** A session of the user, live from T0 for an hour (its cap a day), stored. */
    async function newSession(userId: string, overrides: Partial<SessionRow> = {}): Promise<string> {
      const row = sessionRowFor(userId, T0, { absoluteExpiresAt: at(24 * HOUR), ...overrides });
      expect(await stores.sessions.createSession(row)).toBe(true);
      return row.sessionHandle;
    }
    /** That the user's codes are exactly `hashes` (uses them up). */
    async function expectCodes(userId: string, hashes: string[]): Promise<void> {
      expect(await stores.mfa.countRecoveryCodes(userId)).toBe(hashes.length);
      for (const hash of hashes) expect(await stores.mfa.consumeRecoveryCode(userId, hash), hash).toBe(true);
    }

    it("replaces recovery codes while the user's session is live, and answers true", async () => {
      const userId = await newUser();
      const sessionHandle = await newSession(userId);
      await stores.mfa.replaceRecoveryCodes(userId, [hex(), hex()], T0);
      const fresh = [hex(), hex(), hex()];
      expect(await stores.mfa.replaceRecoveryCodes(userId, fresh, T0, { sessionHandle, liveAt: at(HOUR - 1) })).toBe(true);
      await expectCodes(userId, fresh);
    });

    it("changes nothing and answers false for a session that is gone, another user's, expired or past its cap", async () => {
      const userId = await newUser();
      const other = await newUser();
      const owners = [hex(), hex()];
      await stores.mfa.replaceRecoveryCodes(userId, owners, T0);
      const live = await newSession(userId);
      const refused: [string, { sessionHandle: string; liveAt: Date }][] = [
        ["no such session", { sessionHandle: randomUUID(), liveAt: T0 }],
        ["another user's session", { sessionHandle: await newSession(other), liveAt: T0 }],
        ["revoked", { sessionHandle: await newSession(userId), liveAt: T0 }],
        ["expired", { sessionHandle: live, liveAt: at(HOUR) }],
        ["past its cap", { sessionHandle: await newSession(userId, { expiresAt: at(48 * HOUR), absoluteExpiresAt: at(HOUR) }), liveAt: at(HOUR) }],
      ];
      expect(await stores.sessions.deleteSession(refused[2][1].sessionHandle)).toBe(true);
      for (const [why, whileSession] of refused) {
        expect(await stores.mfa.replaceRecoveryCodes(userId, [hex(), hex(), hex()], T0, whileSession), why).toBe(false);
        expect(await stores.mfa.countRecoveryCodes(userId), why).toBe(owners.length);
      }
      // Nor does another user's live session write that user's codes onto this one.
      expect(await stores.mfa.countRecoveryCodes(other)).toBe(0);
      await expectCodes(userId, owners);
    });

    it("judges the session by the lifetimes configured now too: idle past the refresh lifetime, or older than the absolute one", async () => {
      const userId = await newUser();
      const owners = [hex(), hex()];
      await stores.mfa.replaceRecoveryCodes(userId, owners, T0);
      // Rows that stored long ends: a day's sliding expiry, a year's cap; 40 minutes on.
      const long = { expiresAt: at(24 * HOUR), absoluteExpiresAt: at(365 * 24 * HOUR) };
      const idle = await newSession(userId, long);
      const refreshed = await newSession(userId, { ...long, rotatedAt: at(30 * MINUTE) });
      const liveAt = at(40 * MINUTE);
      const halfHour = { refreshTokenTtlSeconds: 1800, absoluteSessionTtlSeconds: 365 * 86_400 };
      const refused: [string, RecoveryCodesSession][] = [
        ["idle since its creation past the refresh lifetime", { sessionHandle: idle, liveAt, lifetimes: halfHour }],
        ["older than the absolute lifetime", { sessionHandle: refreshed, liveAt, lifetimes: { ...halfHour, absoluteSessionTtlSeconds: 1800 } }],
      ];
      for (const [why, whileSession] of refused) {
        expect(await stores.mfa.replaceRecoveryCodes(userId, [hex(), hex(), hex()], T0, whileSession), why).toBe(false);
        expect(await stores.mfa.countRecoveryCodes(userId), why).toBe(owners.length);
      }
      // Refreshed 10 minutes ago: within the half hour, counted from that refresh.
      const fresh = [hex(), hex(), hex()];
      expect(await stores.mfa.replaceRecoveryCodes(userId, fresh, T0, { sessionHandle: refreshed, liveAt, lifetimes: halfHour })).toBe(true);
      await expectCodes(userId, fresh);
      // A refresh 10 minutes ago that the release before undid (rotatedAt written back as null,
      // lastActiveAt kept): counted from that refresh too, not from the creation 40 minutes ago.
      const undone = await newSession(userId, { ...long, lastActiveAt: at(30 * MINUTE) });
      const again = [hex(), hex(), hex()];
      expect(await stores.mfa.replaceRecoveryCodes(userId, again, T0, { sessionHandle: undone, liveAt, lifetimes: halfHour })).toBe(true);
      await expectCodes(userId, again);
    });

    it("lets exactly one of concurrent uses of a recovery code through", async () => {
      const userId = await newUser();
      const code = hex();
      await stores.mfa.replaceRecoveryCodes(userId, [code, hex()], T0);
      const results = await Promise.all(Array.from({ length: 8 }, () => stores.mfa.consumeRecoveryCode(userId, code)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await stores.mfa.countRecoveryCodes(userId)).toBe(1);
    });

    it("loses a deleted user's devices and codes with the user", async () => {
      const userId = await newUser();
      await stores.mfa.createTotpDevice(device(userId));
      await stores.mfa.replaceRecoveryCodes(userId, [hex()], T0);
      await stores.userAdmin.deleteUser(userId, REVOKED);
      expect(await stores.mfa.listTotpDevices(userId)).toEqual([]);
      expect(await stores.mfa.countRecoveryCodes(userId)).toBe(0);
    });

    it("answers USER_NOT_FOUND for a device of a user deleted meanwhile (a set-up racing the deletion), writing nothing", async () => {
      const userId = await newUser();
      await stores.userAdmin.deleteUser(userId, REVOKED);
      expect(await stores.mfa.createTotpDevice(device(userId))).toEqual({ status: "USER_NOT_FOUND" });
      expect(await stores.mfa.listTotpDevices(userId)).toEqual([]);
    });
  });
}
