/**
 * The store contract for emailed tokens and the user-store writes that email verification
 * and password reset need. Runs inside runStoreContract (stores.contract.ts), so on memory,
 * SQLite, PostgreSQL and MariaDB alike.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { EmailTokenRow, EmailTokenStore, Stores, UserRow } from "../auth/ports";

const T0 = new Date("2031-05-06T07:08:09.123Z");
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
const hash = () => `${randomUUID().replaceAll("-", "")}${randomUUID().replaceAll("-", "")}`;

export function describeEmailTokenContract(getStores: () => Stores, createUser: (email?: string) => Promise<UserRow>): void {
  const tables: [string, (s: Stores) => EmailTokenStore][] = [
    ["email verification tokens", (s) => s.emailVerificationTokens],
    ["password reset tokens", (s) => s.passwordResetTokens],
    ["passkey recovery tokens", (s) => s.webauthnRecoverTokens],
  ];

  for (const [name, pick] of tables) {
    describe(name, () => {
      const row = (userId: string, overrides: Partial<EmailTokenRow> = {}): EmailTokenRow => ({
        tokenHash: hash(),
        userId,
        email: `Zoë-${randomUUID()}@exämple.com`,
        createdAt: T0,
        expiresAt: at(3_600_000),
        ...overrides,
      });

      it("stores a token and gives it back once, every column intact", async () => {
        const user = await createUser();
        const token = row(user.id);
        await pick(getStores()).replaceTokensForUser(token);
        expect(await pick(getStores()).consumeToken(token.tokenHash)).toEqual(token);
        expect(await pick(getStores()).consumeToken(token.tokenHash)).toBeNull();
        expect(await pick(getStores()).consumeToken(hash())).toBeNull();
      });

      it("shows a token without spending it", async () => {
        const user = await createUser();
        const token = row(user.id);
        await pick(getStores()).replaceTokensForUser(token);
        expect(await pick(getStores()).findToken(token.tokenHash)).toEqual(token);
        expect(await pick(getStores()).findToken(token.tokenHash.toUpperCase())).toBeNull();
        expect(await pick(getStores()).consumeToken(token.tokenHash)).toEqual(token);
        expect(await pick(getStores()).findToken(token.tokenHash)).toBeNull();
      });

      it("hands out an expired token too: expiry is the engine's to judge", async () => {
        const user = await createUser();
        const token = row(user.id, { expiresAt: at(-1) });
        await pick(getStores()).replaceTokensForUser(token);
        expect(await pick(getStores()).consumeToken(token.tokenHash)).toEqual(token);
      });

      it("a newer token replaces the user's older ones and no one else's", async () => {
        const [alice, bob] = [await createUser(), await createUser()];
        const [older, newer, bobs] = [row(alice.id), row(alice.id), row(bob.id)];
        for (const token of [older, bobs, newer]) await pick(getStores()).replaceTokensForUser(token);
        expect(await pick(getStores()).consumeToken(older.tokenHash)).toBeNull();
        expect(await pick(getStores()).consumeToken(newer.tokenHash)).toEqual(newer);
        expect(await pick(getStores()).consumeToken(bobs.tokenHash)).toEqual(bobs);
      });

      it("takes concurrent requests for one user's token (a form sent twice) without failing either", async () => {
        // InnoDB picked one of two such replacements as a deadlock's victim: a 503 for a resend.
        for (let round = 0; round < 3; round++) {
          const user = await createUser();
          const tokens = [row(user.id), row(user.id), row(user.id)];
          await Promise.all(tokens.map((token) => pick(getStores()).replaceTokensForUser(token)));
          const kept = await Promise.all(tokens.map((token) => pick(getStores()).findToken(token.tokenHash)));
          expect(kept.filter((t) => t !== null).length).toBeGreaterThan(0);
        }
      });

      it("lets exactly one of ten concurrent uses of one token have it", async () => {
        const user = await createUser();
        const token = row(user.id);
        await pick(getStores()).replaceTokensForUser(token);
        const results = await Promise.all(Array.from({ length: 10 }, () => pick(getStores()).consumeToken(token.tokenHash)));
        expect(results.filter((r) => r !== null)).toEqual([token]);
      });

      it("deletes every token of a user", async () => {
        const [carol, dave] = [await createUser(), await createUser()];
        const [carols, daves] = [row(carol.id), row(dave.id)];
        await pick(getStores()).replaceTokensForUser(carols);
        await pick(getStores()).replaceTokensForUser(daves);
        expect(await pick(getStores()).deleteTokensForUser(carol.id)).toBe(1);
        expect(await pick(getStores()).deleteTokensForUser(carol.id)).toBe(0);
        expect(await pick(getStores()).consumeToken(carols.tokenHash)).toBeNull();
        expect(await pick(getStores()).consumeToken(daves.tokenHash)).toEqual(daves);
      });
    });
  }

  describe("users: verification, password and email changes", () => {
    it("marks the email verified only while the given address is still the user's", async () => {
      const user = await createUser();
      const users = getStores().users;
      expect(await users.markEmailVerified(user.id, `other-${user.email}`)).toBe(false);
      expect((await users.getUserById(user.id))?.emailVerified).toBe(false);
      expect(await users.markEmailVerified(user.id, user.email!)).toBe(true);
      expect(await users.markEmailVerified(user.id, user.email!)).toBe(true);
      expect((await users.getUserById(user.id))?.emailVerified).toBe(true);
      expect(await users.markEmailVerified(randomUUID(), user.email!)).toBe(false);
    });

    it("replaces the password hash of the user's account", async () => {
      const user = await createUser();
      const users = getStores().users;
      expect(await users.updatePasswordHash(user.id, "argon2id$new")).toBe(true);
      expect((await users.findEmailPasswordAccountByEmail(user.email!))?.account.passwordHash).toBe("argon2id$new");
      expect(await users.updatePasswordHash(randomUUID(), "x")).toBe(false);
    });

    it("replaces the password hash only while it is the expected one; of two concurrent replacements one wins", async () => {
      const user = await createUser();
      const users = getStores().users;
      const current = (await users.findEmailPasswordAccountByEmail(user.email!))!.account.passwordHash;
      expect(await users.replacePasswordHash(user.id, "$2b$04$not-the-stored-hash", "argon2id$rehash")).toBe(false);
      expect((await users.findEmailPasswordAccountByEmail(user.email!))?.account.passwordHash).toBe(current);
      const outcomes = await Promise.all([
        users.replacePasswordHash(user.id, current, "argon2id$first"),
        users.replacePasswordHash(user.id, current, "argon2id$second"),
      ]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect((await users.findEmailPasswordAccountByEmail(user.email!))?.account.passwordHash).toBe(
        outcomes[0] ? "argon2id$first" : "argon2id$second",
      );
      expect(await users.replacePasswordHash(randomUUID(), current, "x")).toBe(false);
    });

    it("changes the email of the user and its account, unverifying a new address", async () => {
      const [user, taken] = [await createUser(), await createUser()];
      const users = getStores().users;
      await users.markEmailVerified(user.id, user.email!);
      expect(await users.updateEmail(user.id, user.email!)).toEqual({ status: "OK" });
      expect((await users.getUserById(user.id))?.emailVerified).toBe(true);

      const next = `moved-${randomUUID()}@example.com`;
      expect(await users.updateEmail(user.id, next)).toEqual({ status: "OK" });
      expect(await users.getUserById(user.id)).toMatchObject({ email: next, emailVerified: false });
      expect((await users.findEmailPasswordAccountByEmail(next))?.user.id).toBe(user.id);
      expect(await users.findEmailPasswordAccountByEmail(user.email!)).toBeNull();

      expect(await users.updateEmail(user.id, taken.email!)).toEqual({ status: "EMAIL_ALREADY_EXISTS_ERROR" });
      expect((await users.getUserById(user.id))?.email).toBe(next);
      expect(await users.updateEmail(randomUUID(), `x-${randomUUID()}@example.com`)).toEqual({ status: "UNKNOWN_USER_ID_ERROR" });
    });
  });
}
