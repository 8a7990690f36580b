import { afterAll, describe, expect, it } from "vitest";
import { createNewSession } from "../auth/session/session";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";
import * as api from "./session-api";

describe("lib/next/session-api: the engine bound to the composition root", () => {
  const { ctx } = createTestEngine();
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));

  it("manages sessions by handle and by user", async () => {
    const a = await createNewSession(ctx, { userId: "u1", jwtPayload: { role: "user" } });
    const b = await createNewSession(ctx, { userId: "u1" });
    expect(await api.getAllSessionHandlesForUser("u1")).toEqual(expect.arrayContaining([a.sessionHandle, b.sessionHandle]));
    expect(await api.updateSessionData(a.sessionHandle, { cart: 3 })).toBe(true);
    expect(await api.mergeIntoAccessTokenPayload(a.sessionHandle, { role: "admin" })).toMatchObject({ status: "OK" });
    expect(await api.getSessionInformation(a.sessionHandle)).toMatchObject({ sessionData: { cart: 3 }, accessTokenPayload: { role: "admin" } });
    expect(await api.revokeSession(a.sessionHandle)).toBe(true);
    expect(await api.revokeAllSessionsForUser("u1")).toEqual([b.sessionHandle]);
    const rotated = await api.rotateSigningKeys();
    expect(rotated.kid).toMatch(/^m/);
  });

  it('records what the app\'s own server code did as such: the audit rows say actor "server", with no client', async () => {
    const a = await createNewSession(ctx, { userId: "u2" });
    const b = await createNewSession(ctx, { userId: "u2" });
    expect(await api.revokeSession(a.sessionHandle)).toBe(true);
    expect(await api.revokeAllSessionsForUser("u2")).toEqual([b.sessionHandle]);
    const rows = (await ctx.stores.audit.listEvents({ userId: "u2", limit: 10 })).filter((e) => e.type === "session.revoked");
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ ip: null, userAgent: null, detail: { actor: "server" } });
  });
});
