/**
 * An emailed link (verification, password reset, passkey recovery) asked for a user whom an
 * operator deletes at that moment: the flow looked the user up, then the user went before the
 * token was stored. The token's foreign key refuses it; the store answers false and writes
 * nothing, rather than throwing (a 503, and for the password reset and passkey recovery an answer
 * that differs from an unknown address's). The memory store keeps no users, so this is here.
 */
import { createHash, randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { EmailTokenStore, Stores } from "../auth/ports";
import { createPrismaStores } from ".";
import { describeOnEachDatabase } from "./testing/each-database";

const tables: [string, (s: Stores) => EmailTokenStore][] = [
  ["email verification", (s) => s.emailVerificationTokens],
  ["password reset", (s) => s.passwordResetTokens],
  ["passkey recovery", (s) => s.webauthnRecoverTokens],
];

describeOnEachDatabase((provider, url) => {
  for (const [name, pick] of tables) {
    it(`${provider}: the ${name} token of a user deleted meanwhile is refused (false), not thrown`, async () => {
      const stores = createPrismaStores(url());
      const userId = randomUUID();
      const email = `${userId}@example.com`;
      expect((await stores.users.createEmailPasswordUser({ id: userId, email, passwordHash: "h", timeJoined: new Date() })).status).toBe("OK");
      expect((await stores.userAdmin.deleteUser(userId, { revokedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) })).didUserExist).toBe(
        true,
      );
      const tokenHash = createHash("sha256").update(randomUUID()).digest("hex");
      const now = new Date();
      const row = { tokenHash, userId, email, createdAt: now, expiresAt: new Date(now.getTime() + 3_600_000) };
      expect(await pick(stores).replaceTokensForUser(row)).toBe(false);
      expect(await pick(stores).findToken(tokenHash)).toBeNull();
    });
  }
});
