/**
 * Changes of one session's payload at the same time, on each database, from two instances with
 * their own connections (two `next start` processes on one database): every change lands, none
 * is written over by another's stale copy (SessionStore.replaceJwtPayload, update-jwt-payload.ts).
 */
import { afterAll, expect, it } from "vitest";
import { completeFactorInSession } from "../auth/mfa/complete-factor";
import { completedFactorsOf } from "../auth/mfa/mfa-claim";
import { createNewSession, getSession } from "../auth/session/session";
import { mergeIntoAccessTokenPayload } from "../auth/session/session-info";
import { createTestClock, createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores, createPrismaStoresOn, openPrismaClient } from ".";
import type { GatehousePrismaClient } from "./prisma-client";
import { describeOnEachDatabase } from "./testing/each-database";

const MERGES = 10;

describeOnEachDatabase((provider, url) => {
  const opened: GatehousePrismaClient[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((client) => client.$disconnect()));
  });

  it(`${MERGES} merges and an MFA factor on one session at once, over two instances: every change lands`, async () => {
    const clock = createTestClock(new Date());
    const a = createTestEngine({}, { stores: createPrismaStores(url()), clock });
    const second = openPrismaClient(url());
    void second.then((client) => opened.push(client));
    const b = createTestEngine({}, { stores: createPrismaStoresOn(() => second), clock });
    const created = await a.stores.users.createEmailPasswordUser({
      id: "payload-user",
      email: "payload@example.com",
      passwordHash: "not-a-hash",
      timeJoined: clock.now(),
    });
    expect(created.status).toBe("OK");
    const tokens = await createNewSession(a.ctx, { userId: "payload-user", jwtPayload: { role: "admin" } });
    const verified = await getSession(a.ctx, { accessToken: tokens.accessToken });
    if (verified.status !== "OK") throw new Error("the new session did not verify");

    const results = await Promise.all([
      ...Array.from({ length: MERGES }, (_, i) =>
        mergeIntoAccessTokenPayload((i % 2 ? a : b).ctx, tokens.sessionHandle, i === 0 ? { role: null } : { [`key${i}`]: i }),
      ),
      completeFactorInSession(b.ctx, verified.session, "totp"),
    ]);
    expect(
      results.map((r) => r.status),
      provider,
    ).toEqual(Array(MERGES + 1).fill("OK"));
    const row = await a.stores.sessions.getSession(tokens.sessionHandle);
    const { "st-mfa": _mfa, ...deployerKeys } = row!.jwtPayload;
    expect(deployerKeys, provider).toEqual(Object.fromEntries(Array.from({ length: MERGES - 1 }, (_, i) => [`key${i + 1}`, i + 1])));
    expect(Object.keys(completedFactorsOf(row!.jwtPayload))).toEqual(["totp"]);
    expect(row!.payloadVersion).toBe(MERGES + 1);
  });
});
