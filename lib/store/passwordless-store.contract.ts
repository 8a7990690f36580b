/**
 * The PasswordlessStore contract, run on memory (memory-passwordless-store.test.ts) and on
 * SQLite, PostgreSQL and MariaDB (prisma-passwordless-store.db.test.ts). One `Stores` serves the whole
 * suite, so each test works on its own devices, emails and numbers.
 */
import { createHash, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { PasswordlessCodeRow, PasswordlessDeviceRow } from "../auth/ports/passwordless-store";
import type { Stores } from "../auth/ports";

const T0 = new Date("2031-05-06T07:08:09.123Z");
/** The times of the revocations a user deletion records. */
const REVOKED = { revokedAt: T0, expiresAt: new Date(T0.getTime() + 3_600_000) };
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
const hex = () => createHash("sha256").update(randomUUID()).digest("hex");
const uniqueEmail = (tag: string) => `${tag}-${randomUUID()}@example.com`;
let phoneCounter = 0;
const uniquePhone = () => `+4917${String(Date.now() % 1e7).padStart(7, "0")}${String(phoneCounter++).padStart(3, "0")}`.slice(0, 16);

export function runPasswordlessStoreContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`passwordless store contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });

    const device = (overrides: Partial<PasswordlessDeviceRow> = {}): PasswordlessDeviceRow => ({
      preAuthSessionId: hex(),
      email: uniqueEmail("device"),
      phoneNumber: null,
      failedAttempts: 0,
      createdAt: T0,
      ...overrides,
    });
    const code = (preAuthSessionId: string, overrides: Partial<PasswordlessCodeRow> = {}): PasswordlessCodeRow => ({
      id: randomUUID(),
      preAuthSessionId,
      userInputCodeHash: hex(),
      linkCodeHash: hex(),
      createdAt: T0,
      expiresAt: at(900_000),
      ...overrides,
    });

    it("stores a device with its codes, every column intact, and finds a code by its link hash", async () => {
      const d = device();
      const first = code(d.preAuthSessionId);
      const second = code(d.preAuthSessionId, { createdAt: at(1000), expiresAt: at(901_000) });
      await stores.passwordless.createDevice(d, first);
      expect(await stores.passwordless.addCode(second)).toBe(true);
      const found = await stores.passwordless.getDevice(d.preAuthSessionId);
      expect(found?.device).toEqual(d);
      expect([...found!.codes].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())).toEqual([first, second]);
      expect(await stores.passwordless.findCodeByLinkCodeHash(second.linkCodeHash)).toEqual({ device: d, code: second });
      expect(await stores.passwordless.findCodeByLinkCodeHash(hex())).toBeNull();
      expect(await stores.passwordless.getDevice(hex())).toBeNull();
    });

    it("keeps a phone-number device", async () => {
      const d = device({ email: null, phoneNumber: uniquePhone() });
      await stores.passwordless.createDevice(d, code(d.preAuthSessionId));
      expect((await stores.passwordless.getDevice(d.preAuthSessionId))?.device).toEqual(d);
    });

    it("adds no code to a device that is gone", async () => {
      expect(await stores.passwordless.addCode(code(hex()))).toBe(false);
    });

    it("counts every one of concurrent tries, up to the limit and no further", async () => {
      const d = device();
      await stores.passwordless.createDevice(d, code(d.preAuthSessionId));
      const counts = await Promise.all(Array.from({ length: 8 }, () => stores.passwordless.countAttempt(d.preAuthSessionId, 5)));
      expect(counts.filter((c) => c !== null)).toHaveLength(5);
      expect(Math.max(...counts.map((c) => c ?? 0))).toBe(5);
      expect((await stores.passwordless.getDevice(d.preAuthSessionId))?.device.failedAttempts).toBe(5);
      expect(await stores.passwordless.countAttempt(d.preAuthSessionId, 5)).toBeNull();
      expect(await stores.passwordless.countAttempt(d.preAuthSessionId, 6)).toBe(6);
      expect(await stores.passwordless.countAttempt(hex(), 5)).toBeNull();
    });

    it("lets exactly one of ten concurrent deletes of a device have it, and its codes go with it", async () => {
      const d = device();
      const c = code(d.preAuthSessionId);
      await stores.passwordless.createDevice(d, c);
      const results = await Promise.all(Array.from({ length: 10 }, () => stores.passwordless.deleteDevice(d.preAuthSessionId)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await stores.passwordless.getDevice(d.preAuthSessionId)).toBeNull();
      expect(await stores.passwordless.findCodeByLinkCodeHash(c.linkCodeHash)).toBeNull();
    });

    it("deletes the devices of one address or number, and stale ones, and no others", async () => {
      const email = uniqueEmail("many");
      const phoneNumber = uniquePhone();
      const [a, b, other, phone, old] = [
        device({ email }),
        device({ email }),
        device(),
        device({ email: null, phoneNumber }),
        device({ createdAt: at(-86_400_000) }),
      ];
      for (const d of [a, b, other, phone, old]) await stores.passwordless.createDevice(d, code(d.preAuthSessionId));
      expect(await stores.passwordless.deleteDevicesFor({ email })).toBe(2);
      expect(await stores.passwordless.deleteDevicesFor({ phoneNumber })).toBe(1);
      expect(await stores.passwordless.getDevice(a.preAuthSessionId)).toBeNull();
      expect(await stores.passwordless.getDevice(other.preAuthSessionId)).not.toBeNull();
      expect(await stores.passwordless.deleteDevicesCreatedBefore(at(-1000))).toBeGreaterThanOrEqual(1);
      expect(await stores.passwordless.getDevice(old.preAuthSessionId)).toBeNull();
      expect(await stores.passwordless.getDevice(other.preAuthSessionId)).not.toBeNull();
    });

    it("creates a user with its passwordless account, by email or by number, once", async () => {
      const email = uniqueEmail("pl");
      const user = { id: randomUUID(), email, emailVerified: true, timeJoined: T0 };
      expect(await stores.passwordless.createPasswordlessUser({ user, account: { userId: user.id, email, phoneNumber: null } })).toEqual({
        status: "OK",
        user,
      });
      expect(await stores.passwordless.findAccount({ email })).toEqual({ account: { userId: user.id, email, phoneNumber: null }, user });
      expect(await stores.passwordless.getAccountByUserId(user.id)).toEqual({ userId: user.id, email, phoneNumber: null });
      const again = { ...user, id: randomUUID() };
      expect(await stores.passwordless.createPasswordlessUser({ user: again, account: { userId: again.id, email, phoneNumber: null } })).toEqual({
        status: "CONTACT_ALREADY_EXISTS",
      });
      expect(await stores.users.getUserById(again.id)).toBeNull();

      const phoneNumber = uniquePhone();
      const phoneUser = { id: randomUUID(), email: null, emailVerified: false, timeJoined: T0 };
      expect(
        await stores.passwordless.createPasswordlessUser({ user: phoneUser, account: { userId: phoneUser.id, email: null, phoneNumber } }),
      ).toEqual({ status: "OK", user: phoneUser });
      expect((await stores.passwordless.findAccount({ phoneNumber }))?.user).toEqual(phoneUser);
      expect(await stores.passwordless.findAccount({ phoneNumber: uniquePhone() })).toBeNull();
    });

    it("of concurrent sign-ups with one address makes exactly one user", async () => {
      const email = uniqueEmail("race");
      const results = await Promise.all(
        Array.from({ length: 6 }, () => {
          const user = { id: randomUUID(), email, emailVerified: true, timeJoined: T0 };
          return stores.passwordless.createPasswordlessUser({ user, account: { userId: user.id, email, phoneNumber: null } });
        }),
      );
      expect(results.filter((r) => r.status === "OK")).toHaveLength(1);
    });

    it("refuses a new user whose email another user holds", async () => {
      const email = uniqueEmail("held");
      const created = await stores.users.createEmailPasswordUser({ id: randomUUID(), email, passwordHash: "h", timeJoined: T0 });
      expect(created.status).toBe("OK");
      const user = { id: randomUUID(), email, emailVerified: true, timeJoined: T0 };
      expect(await stores.passwordless.createPasswordlessUser({ user, account: { userId: user.id, email, phoneNumber: null } })).toEqual({
        status: "CONTACT_ALREADY_EXISTS",
      });
    });

    it("links an email to a user only while that user holds it verified", async () => {
      const email = uniqueEmail("link");
      const id = randomUUID();
      await stores.users.createEmailPasswordUser({ id, email, passwordHash: "h", timeJoined: T0 });
      expect(await stores.passwordless.linkEmailToVerifiedUser({ userId: id, email })).toEqual({ status: "USER_NOT_ELIGIBLE" });
      expect(await stores.passwordless.getAccountByUserId(id)).toBeNull();
      await stores.users.markEmailVerified(id, email);
      expect(await stores.passwordless.linkEmailToVerifiedUser({ userId: id, email: uniqueEmail("other") })).toEqual({ status: "USER_NOT_ELIGIBLE" });
      expect(await stores.passwordless.linkEmailToVerifiedUser({ userId: id, email })).toEqual({ status: "OK" });
      expect(await stores.passwordless.linkEmailToVerifiedUser({ userId: id, email })).toEqual({ status: "OK" });
      expect((await stores.passwordless.findAccount({ email }))?.user.id).toBe(id);
      expect(await stores.passwordless.linkEmailToVerifiedUser({ userId: randomUUID(), email: uniqueEmail("nobody") })).toEqual({
        status: "USER_NOT_ELIGIBLE",
      });
    });

    it("an email change takes the passwordless account's email along, and leaves a number alone", async () => {
      const email = uniqueEmail("moving");
      const phoneNumber = uniquePhone();
      const user = { id: randomUUID(), email, emailVerified: true, timeJoined: T0 };
      await stores.passwordless.createPasswordlessUser({ user, account: { userId: user.id, email, phoneNumber: null } });
      const next = uniqueEmail("moved");
      expect(await stores.users.updateEmail(user.id, next)).toEqual({ status: "OK" });
      expect(await stores.passwordless.findAccount({ email })).toBeNull();
      expect(await stores.passwordless.getAccountByUserId(user.id)).toEqual({ userId: user.id, email: next, phoneNumber: null });
      const phoneUser = { id: randomUUID(), email: null, emailVerified: false, timeJoined: T0 };
      await stores.passwordless.createPasswordlessUser({ user: phoneUser, account: { userId: phoneUser.id, email: null, phoneNumber } });
      expect(await stores.users.updateEmail(phoneUser.id, uniqueEmail("phone"))).toEqual({ status: "OK" });
      expect(await stores.passwordless.getAccountByUserId(phoneUser.id)).toEqual({ userId: phoneUser.id, email: null, phoneNumber });
    });

    it("a deleted user takes its passwordless account with it", async () => {
      const email = uniqueEmail("gone");
      const user = { id: randomUUID(), email, emailVerified: true, timeJoined: T0 };
      await stores.passwordless.createPasswordlessUser({ user, account: { userId: user.id, email, phoneNumber: null } });
      expect((await stores.userAdmin.deleteUser(user.id, REVOKED)).didUserExist).toBe(true);
      expect(await stores.passwordless.findAccount({ email })).toBeNull();
      expect(await stores.passwordless.getAccountByUserId(user.id)).toBeNull();
    });

    it("removes a user's passwordless account and leaves the user, its number free again", async () => {
      const phoneNumber = uniquePhone();
      const user = { id: randomUUID(), email: null, emailVerified: false, timeJoined: T0 };
      await stores.passwordless.createPasswordlessUser({ user, account: { userId: user.id, email: null, phoneNumber } });
      expect(await stores.passwordless.deleteAccountForUser(user.id)).toBe(true);
      expect(await stores.passwordless.deleteAccountForUser(user.id)).toBe(false);
      expect(await stores.passwordless.findAccount({ phoneNumber })).toBeNull();
      expect(await stores.passwordless.getAccountByUserId(user.id)).toBeNull();
      expect(await stores.users.getUserById(user.id)).toEqual(user);
      const next = { id: randomUUID(), email: null, emailVerified: false, timeJoined: T0 };
      expect((await stores.passwordless.createPasswordlessUser({ user: next, account: { userId: next.id, email: null, phoneNumber } })).status).toBe(
        "OK",
      );
    });
  });
}
