/**
 * Finding 9 of issue 15 on every database: someone who can write to `signing_keys` (but does not
 * know GATEHOUSE_SECRET) cannot get a key of theirs used, nor bring a retired key back. The rows
 * are written with raw SQL, as such a writer would, bypassing Gatehouse entirely.
 */
import { describe, expect, it } from "vitest";
import { SignJWT, exportJWK, generateKeyPair, decodeProtectedHeader } from "jose";
import { createNewSession, getSession } from "../auth/session/session";
import { rotateSigningKeys } from "../auth/session/session-info";
import { createTestClock, createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "./index";
import { describeOnEachDatabase } from "./testing/each-database";
import { rawQuery } from "./testing/raw-query.mjs";

const sqlText = (value: string) => `'${value.replace(/'/g, "''")}'`;

describeOnEachDatabase((provider, url) => {
  function instance(clock: ReturnType<typeof createTestClock>) {
    return createTestEngine({}, { stores: createPrismaStores(url()), clock });
  }
  async function verdict(ctx: ReturnType<typeof instance>["ctx"], accessToken: string): Promise<string> {
    return getSession(ctx, { accessToken }).then(
      (r) => r.status,
      (e: { code?: string }) => e.code ?? String(e),
    );
  }

  describe(`signing-key integrity (${provider})`, () => {
    it("a verify-only row inserted with SQL is not used: a token signed with the inserted key is refused", async () => {
      const clock = createTestClock(new Date("2027-09-01T00:00:00Z"));
      const { ctx } = instance(clock);
      const user = await ctx.stores.users.createEmailPasswordUser({
        id: crypto.randomUUID(),
        email: `${crypto.randomUUID()}@example.com`,
        passwordHash: "h",
        timeJoined: clock.now(),
      });
      if (user.status !== "OK") throw new Error("user");
      const victim = await createNewSession(ctx, { userId: user.user.id });
      const realKid = decodeProtectedHeader(victim.accessToken).kid!;
      const kid = `evil-${provider}`;
      const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
      const jwk = JSON.stringify({ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" });
      await rawQuery(
        url(),
        `INSERT INTO signing_keys (kid, algorithm, public_jwk, sealed_private_key, created_at, sign_until, verify_until) ` +
          `SELECT ${sqlText(kid)}, algorithm, ${sqlText(jwk)}, '', created_at, sign_until, verify_until FROM signing_keys WHERE kid = ${sqlText(realKid)}`,
      );
      const forged = await new SignJWT({ ...victim.accessTokenClaims }).setProtectedHeader({ alg: "RS256", kid, typ: "JWT" }).sign(privateKey);
      const other = instance(clock);
      expect(await verdict(other.ctx, forged)).not.toBe("OK");
      expect(await verdict(other.ctx, victim.accessToken)).toBe("OK");
    });

    it("a retired key whose verify window is extended with SQL stays retired", async () => {
      const clock = createTestClock(new Date("2027-10-01T00:00:00Z"));
      const { ctx } = instance(clock);
      const user = await ctx.stores.users.createEmailPasswordUser({
        id: crypto.randomUUID(),
        email: `${crypto.randomUUID()}@example.com`,
        passwordHash: "h",
        timeJoined: clock.now(),
      });
      if (user.status !== "OK") throw new Error("user");
      const victim = await createNewSession(ctx, { userId: user.user.id });
      const oldKid = decodeProtectedHeader(victim.accessToken).kid!;
      const { kid: newKid } = await rotateSigningKeys(ctx, { retireOldKeys: true });
      expect(await verdict(ctx, victim.accessToken)).toBe("TRY_REFRESH_TOKEN_ERROR");
      // Copied from the live key (a derived table: MySQL refuses a subquery on the updated table).
      await rawQuery(
        url(),
        `UPDATE signing_keys SET verify_until = (SELECT v FROM (SELECT verify_until AS v FROM signing_keys WHERE kid = ${sqlText(newKid)}) AS live) WHERE kid = ${sqlText(oldKid)}`,
      );
      const other = instance(clock);
      expect(await verdict(other.ctx, victim.accessToken)).not.toBe("OK");
    });

    it("a changed algorithm is refused", async () => {
      const clock = createTestClock(new Date("2027-11-01T00:00:00Z"));
      const { ctx } = instance(clock);
      const user = await ctx.stores.users.createEmailPasswordUser({
        id: crypto.randomUUID(),
        email: `${crypto.randomUUID()}@example.com`,
        passwordHash: "h",
        timeJoined: clock.now(),
      });
      if (user.status !== "OK") throw new Error("user");
      const victim = await createNewSession(ctx, { userId: user.user.id });
      const kid = decodeProtectedHeader(victim.accessToken).kid!;
      await rotateSigningKeys(ctx); // a second, untouched key
      await rawQuery(url(), `UPDATE signing_keys SET algorithm = 'EdDSA' WHERE kid = ${sqlText(kid)}`);
      const other = instance(clock);
      expect(await verdict(other.ctx, victim.accessToken)).not.toBe("OK");
      const rows = await other.stores.signingKeys.listVerifyingKeys(clock.now());
      expect(rows.find((r) => r.kid === kid)?.algorithm).toBe("EdDSA");
    });
  });
});
