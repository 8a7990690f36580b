/**
 * The WebauthnStore contract, run on memory (memory-webauthn-store.test.ts) and on SQLite,
 * PostgreSQL and MariaDB (prisma-webauthn-store.db.test.ts). One `Stores` serves the whole suite,
 * so each test works on its own ids and emails.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Stores, UserRow } from "../auth/ports";
import type { WebauthnCredentialRow, WebauthnOptionsRow } from "../auth/ports/webauthn-store";

const T0 = new Date("2031-05-06T07:08:09.123Z");
/** The times of the revocations a user deletion records. */
const REVOKED = { revokedAt: T0, expiresAt: new Date(T0.getTime() + 3_600_000) };
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
const b64url = () => randomBytes(32).toString("base64url");

export function runWebauthnStoreContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`webauthn store contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });

    const options = (overrides: Partial<WebauthnOptionsRow> = {}): WebauthnOptionsRow => ({
      id: randomBytes(32).toString("hex"),
      kind: "register",
      challenge: b64url(),
      rpId: "localhost",
      email: `${randomUUID()}@example.com`,
      userHandle: b64url(),
      userId: null,
      createdAt: T0,
      expiresAt: at(300_000),
      ...overrides,
    });
    const credential = (userId: string, overrides: Partial<WebauthnCredentialRow> = {}): WebauthnCredentialRow => {
      const credentialId = b64url();
      return {
        id: createHash("sha256").update(credentialId).digest("hex"),
        credentialId,
        userId,
        userHandle: b64url(),
        publicKey: randomBytes(77).toString("base64url"),
        counter: 0,
        transports: ["internal", "hybrid"],
        rpId: "localhost",
        name: "Passkey",
        createdAt: T0,
        lastUsedAt: null,
        ...overrides,
      };
    };
    const newUser = (email: string | null = `${randomUUID()}@example.com`): UserRow => ({
      id: randomUUID(),
      email,
      emailVerified: false,
      timeJoined: T0,
    });
    async function userWithPasskey() {
      const user = newUser();
      const cred = credential(user.id);
      expect(await stores.webauthn.createWebauthnUser({ user, credential: cred })).toEqual({ status: "OK", user });
      return { user, cred };
    }

    it("gives options back once, and of ten concurrent consumers to exactly one", async () => {
      const row = options();
      await stores.webauthn.saveOptions(row);
      const results = await Promise.all(Array.from({ length: 10 }, () => stores.webauthn.consumeOptions(row.id)));
      expect(results.filter((r) => r !== null)).toEqual([row]);
      expect(await stores.webauthn.consumeOptions(row.id)).toBeNull();
    });

    it("keeps sign-in options without email or handle, and sweeps only expired ones", async () => {
      const old = options({ kind: "signin", email: null, userHandle: null, expiresAt: at(-1) });
      const fresh = options({ kind: "signin", email: null, userHandle: null, expiresAt: at(1) });
      await stores.webauthn.saveOptions(old);
      await stores.webauthn.saveOptions(fresh);
      expect(await stores.webauthn.deleteOptionsExpiredBefore(T0)).toBeGreaterThanOrEqual(1);
      expect(await stores.webauthn.consumeOptions(old.id)).toBeNull();
      expect(await stores.webauthn.consumeOptions(fresh.id)).toEqual(fresh);
    });

    it("creates a user with a passkey; finds it by id; an option id of another case is not it", async () => {
      const { user, cred } = await userWithPasskey();
      expect(await stores.webauthn.findCredential(cred.id)).toEqual({ credential: cred, user });
      expect(await stores.webauthn.findCredential(cred.id.toUpperCase())).toBeNull();
      expect(await stores.webauthn.listCredentials(user.id)).toEqual([cred]);
    });

    it("refuses a second user with a taken email (passkey or password) and a taken credential", async () => {
      const { user, cred } = await userWithPasskey();
      expect(await stores.webauthn.createWebauthnUser({ user: newUser(user.email), credential: credential(randomUUID()) })).toEqual({
        status: "EMAIL_ALREADY_EXISTS",
      });
      const passwordUser = await stores.users.createEmailPasswordUser({
        id: randomUUID(),
        email: `${randomUUID()}@example.com`,
        passwordHash: "x",
        timeJoined: T0,
      });
      if (passwordUser.status !== "OK") throw new Error("setup");
      const again = newUser(passwordUser.user.email);
      expect(await stores.webauthn.createWebauthnUser({ user: again, credential: credential(again.id) })).toEqual({ status: "EMAIL_ALREADY_EXISTS" });
      const other = newUser();
      expect(await stores.webauthn.createWebauthnUser({ user: other, credential: { ...cred, userId: other.id } })).toEqual({
        status: "CREDENTIAL_ALREADY_EXISTS",
      });
      // Nothing half-made: the refused user does not exist.
      expect(await stores.users.getUserById(other.id)).toBeNull();
    });

    it("adds, renames and deletes passkeys of their own user only", async () => {
      const { user, cred } = await userWithPasskey();
      const second = credential(user.id, { createdAt: at(1000), name: "Phone" });
      expect(await stores.webauthn.addCredential(second)).toEqual({ status: "OK" });
      expect(await stores.webauthn.addCredential(second)).toEqual({ status: "CREDENTIAL_ALREADY_EXISTS" });
      expect(await stores.webauthn.addCredential(credential(randomUUID()))).toEqual({ status: "USER_NOT_FOUND" });
      expect((await stores.webauthn.listCredentials(user.id)).map((c) => c.name)).toEqual(["Passkey", "Phone"]);
      expect(await stores.webauthn.renameCredential({ id: second.id, userId: randomUUID(), name: "Stolen" })).toBe(false);
      expect(await stores.webauthn.renameCredential({ id: second.id, userId: user.id, name: "Work phone" })).toBe(true);
      expect(await stores.webauthn.deleteCredential({ id: cred.id, userId: randomUUID() })).toBe(false);
      expect(await stores.webauthn.deleteCredential({ id: cred.id, userId: user.id })).toBe(true);
      expect(await stores.webauthn.deleteCredential({ id: cred.id, userId: user.id })).toBe(false);
      expect((await stores.webauthn.listCredentials(user.id)).map((c) => c.name)).toEqual(["Work phone"]);
    });

    it("records a use only while the counter is the one read, one of concurrent uses landing", async () => {
      const { cred } = await userWithPasskey();
      const uses = await Promise.all(
        Array.from({ length: 5 }, () => stores.webauthn.recordUse({ id: cred.id, expectedCounter: 0, counter: 7, usedAt: at(5) })),
      );
      expect(uses.filter(Boolean)).toHaveLength(1);
      const found = await stores.webauthn.findCredential(cred.id);
      expect(found?.credential).toMatchObject({ counter: 7, lastUsedAt: at(5) });
      // Counters are 32-bit unsigned: the top of the range survives the column.
      expect(await stores.webauthn.recordUse({ id: cred.id, expectedCounter: 7, counter: 4_294_967_295, usedAt: at(6) })).toBe(true);
      expect((await stores.webauthn.findCredential(cred.id))?.credential.counter).toBe(4_294_967_295);
    });

    it("loses a user's passkeys with the user", async () => {
      const { user, cred } = await userWithPasskey();
      expect((await stores.userAdmin.deleteUser(user.id, REVOKED)).didUserExist).toBe(true);
      expect(await stores.webauthn.findCredential(cred.id)).toBeNull();
      expect(await stores.webauthn.listCredentials(user.id)).toEqual([]);
    });
  });
}
