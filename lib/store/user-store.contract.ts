/**
 * The store contract for email+password users: creating, reading and the one account per email.
 * Runs inside runStoreContract (stores.contract.ts), so on memory, SQLite, PostgreSQL and
 * MariaDB alike.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Stores, UserRow } from "../auth/ports";

const T0 = new Date("2031-05-06T07:08:09.123Z");
const uniqueEmail = (tag: string) => `${tag}-${randomUUID()}@example.com`;

export function describeUserStoreContract(getStores: () => Stores, createUser: (email?: string) => Promise<UserRow>): void {
  describe("users", () => {
    it("creates an email+password user and finds it by id and by email", async () => {
      const email = uniqueEmail("create");
      const id = randomUUID();
      const result = await getStores().users.createEmailPasswordUser({ id, email, passwordHash: "argon2id$x", timeJoined: T0 });
      const user = { id, email, emailVerified: false, timeJoined: T0 };
      expect(result).toEqual({ status: "OK", user });
      expect(await getStores().users.getUserById(id)).toEqual(user);
      // `facts` too on some stores: session-claim-facts.contract.ts checks them.
      const found = await getStores().users.findEmailPasswordAccountByEmail(email);
      expect(found?.user).toEqual(user);
      expect(found?.account).toEqual({ userId: id, email, passwordHash: "argon2id$x" });
    });

    it("reads many users by id at once: the ones that exist, each once", async () => {
      const users = await Promise.all(Array.from({ length: 3 }, () => createUser()));
      const ids = [users[0]!.id, randomUUID(), users[1]!.id, users[0]!.id, users[2]!.id];
      const found = await getStores().users.getUsersByIds(ids);
      expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual([...users].sort((a, b) => a.id.localeCompare(b.id)));
      expect(await getStores().users.getUsersByIds([])).toEqual([]);
    });

    it("returns null for unknown ids and emails", async () => {
      expect(await getStores().users.getUserById(randomUUID())).toBeNull();
      expect(await getStores().users.findEmailPasswordAccountByEmail(uniqueEmail("nobody"))).toBeNull();
    });

    it("refuses a second account with the same email and keeps the first intact", async () => {
      const first = await createUser();
      const secondId = randomUUID();
      const result = await getStores().users.createEmailPasswordUser({
        id: secondId,
        email: first.email!,
        passwordHash: "other",
        timeJoined: T0,
      });
      expect(result).toEqual({ status: "EMAIL_ALREADY_EXISTS_ERROR" });
      expect(await getStores().users.getUserById(secondId)).toBeNull();
      const found = await getStores().users.findEmailPasswordAccountByEmail(first.email!);
      expect(found?.account).toEqual({ userId: first.id, email: first.email, passwordHash: `hash-${first.id}` });
    });

    it("lets exactly one of ten concurrent sign-ups with one email succeed", async () => {
      const email = uniqueEmail("race");
      const ids = Array.from({ length: 10 }, () => randomUUID());
      const results = await Promise.all(
        ids.map((id) => getStores().users.createEmailPasswordUser({ id, email, passwordHash: `h-${id}`, timeJoined: T0 })),
      );
      const winners = results.filter((r) => r.status === "OK");
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r.status === "EMAIL_ALREADY_EXISTS_ERROR")).toHaveLength(9);
      const winnerId = winners[0]!.status === "OK" ? winners[0]!.user.id : "";
      const existing = await Promise.all(ids.map((id) => getStores().users.getUserById(id)));
      expect(existing.filter(Boolean).map((u) => u!.id)).toEqual([winnerId]);
      expect((await getStores().users.findEmailPasswordAccountByEmail(email))?.account.userId).toBe(winnerId);
    });

    it("treats distinct normalised emails as distinct accounts", async () => {
      const base = randomUUID();
      const a = await createUser(`${base}+a@example.com`);
      const b = await createUser(`${base}+b@example.com`);
      expect(a.id).not.toBe(b.id);
      expect((await getStores().users.findEmailPasswordAccountByEmail(`${base}+b@example.com`))?.user.id).toBe(b.id);
    });
  });
}
