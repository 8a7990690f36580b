/**
 * Signing-key rotation between two independent instances (two database clients, two key
 * rings) on each real database: they never create competing keys, and a manual retirement
 * made on one reaches the other.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeProtectedHeader } from "jose";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../scripts/test-db.mjs";
import { createNewSession, getSession } from "../auth/session/session";
import { resetSigningKeys, rotateSigningKeys } from "../auth/session/session-info";
import { refreshSession } from "../auth/session/refresh-session";
import { createTestClock, createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStoresOn, openPrismaClient, type GatehousePrismaClient } from "./index";

for (const provider of TEST_PROVIDERS) {
  describe(`key rotation across instances (${provider})`, () => {
    let db: TestDatabase;
    const clients: GatehousePrismaClient[] = [];
    beforeAll(async () => {
      db = await createTestDatabase(provider);
    });
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.$disconnect()));
      await db?.drop();
    });

    async function instance(clock: ReturnType<typeof createTestClock>) {
      const client = await openPrismaClient(db.url);
      clients.push(client);
      return createTestEngine({ session: { keyRotationIntervalSeconds: 3600 } }, { stores: createPrismaStoresOn(async () => client), clock });
    }

    it("two instances rotating at once produce one key, and both sign with it", async () => {
      const clock = createTestClock(new Date("2027-03-01T00:00:00Z"));
      const [a, b] = [await instance(clock), await instance(clock)];
      for (let round = 0; round < 3; round++) {
        const user = await a.stores.users.createEmailPasswordUser({
          id: crypto.randomUUID(),
          email: `${crypto.randomUUID()}@example.com`,
          passwordHash: "h",
          timeJoined: clock.now(),
        });
        if (user.status !== "OK") throw new Error("user");
        const [ta, tb] = await Promise.all([createNewSession(a.ctx, { userId: user.user.id }), createNewSession(b.ctx, { userId: user.user.id })]);
        expect(decodeProtectedHeader(ta.accessToken).kid).toBe(decodeProtectedHeader(tb.accessToken).kid);
        expect((await getSession(b.ctx, { accessToken: ta.accessToken })).status).toBe("OK");
        const live = await a.stores.signingKeys.listVerifyingKeys(clock.now());
        expect(live.filter((k) => k.signUntil.getTime() > clock.now().getTime())).toHaveLength(1);
        clock.advanceSeconds(3600); // the next rotation slot
      }
    });

    it("a retirement made on one instance reaches the other; a refresh recovers", async () => {
      const clock = createTestClock(new Date("2027-06-01T00:00:00Z"));
      const [a, b] = [await instance(clock), await instance(clock)];
      const user = await a.stores.users.createEmailPasswordUser({
        id: crypto.randomUUID(),
        email: `${crypto.randomUUID()}@example.com`,
        passwordHash: "h",
        timeJoined: clock.now(),
      });
      if (user.status !== "OK") throw new Error("user");
      const tokens = await createNewSession(b.ctx, { userId: user.user.id });
      await rotateSigningKeys(a.ctx, { retireOldKeys: true });
      clock.advanceSeconds(61);
      expect((await getSession(b.ctx, { accessToken: tokens.accessToken })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
      const refreshed = await refreshSession(b.ctx, { refreshToken: tokens.refreshToken });
      if (refreshed.status !== "OK") throw new Error("refresh failed");
      expect((await getSession(a.ctx, { accessToken: refreshed.tokens.accessToken })).status).toBe("OK");
    });

    it("a reset after a change of GATEHOUSE_SECRET removes every key, whatever its window, and starts one under the new secret", async () => {
      const clock = createTestClock(new Date("2027-09-01T00:00:00Z"));
      const a = await instance(clock);
      await a.ctx.keyRing.getSigningKey(clock.now()); // the slot's scheduled key
      await rotateSigningKeys(a.ctx); // and a manual one
      const client = await openPrismaClient(db.url);
      clients.push(client);
      const changed = createTestEngine(
        { session: { keyRotationIntervalSeconds: 3600 } },
        { stores: createPrismaStoresOn(async () => client), clock, secret: "a-new-app-secret-".repeat(4) },
      );
      const reset = await resetSigningKeys(changed.ctx);
      expect(reset.removed).toBeGreaterThanOrEqual(2);
      expect((await changed.stores.signingKeys.listVerifyingKeys(clock.now())).map((k) => k.kid)).toEqual([reset.kid]);
    });
  });
}
