// An access token never outlives its session: its `exp` is at most the session's expiry (the
// sliding one, within the absolute cap), so getSession without a database read refuses it once
// the session is over, as checkDatabase does, instead of for up to one access-token lifetime more.
import { describe, expect, it } from "vitest";
import { createTestEngine, T0 } from "../testing/test-engine";
import { createNewSession, getSession } from "./session";
import { refreshSession } from "./refresh-session";

const HOUR = 3600;

describe("an access token never outlives its session", () => {
  it("a refresh near the absolute cap mints a token that expires with it", async () => {
    const { ctx, clock } = createTestEngine({ session: { absoluteSessionTtlSeconds: 2 * HOUR } });
    const created = await createNewSession(ctx, { userId: "u1" });
    clock.advanceSeconds(2 * HOUR - 600);
    const refreshed = await refreshSession(ctx, { refreshToken: created.refreshToken, fromCookie: false });
    if (refreshed.status !== "OK") throw new Error(refreshed.status);
    expect(refreshed.tokens.accessTokenClaims.exp).toBe(T0.getTime() / 1000 + 2 * HOUR);
    clock.advanceSeconds(600);
    const accessToken = refreshed.tokens.accessToken;
    expect((await getSession(ctx, { accessToken })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
    // And the refresh that follows ends it.
    const after = await refreshSession(ctx, { refreshToken: refreshed.tokens.refreshToken, fromCookie: false });
    expect(after.status).toBe("UNAUTHORISED");
  });

  it("a new session shorter than one access-token lifetime gets a token that ends with it", async () => {
    const { ctx, clock } = createTestEngine({ session: { absoluteSessionTtlSeconds: 600 } });
    const created = await createNewSession(ctx, { userId: "u1" });
    expect(created.accessTokenClaims.exp).toBe(T0.getTime() / 1000 + 600);
    clock.advanceSeconds(600);
    expect((await getSession(ctx, { accessToken: created.accessToken })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
  });

  it("a sliding expiry shorter than an access-token lifetime bounds the token too", async () => {
    const { ctx, clock } = createTestEngine({ session: { refreshTokenTtlSeconds: 900 } });
    const created = await createNewSession(ctx, { userId: "u1" });
    expect(created.accessTokenClaims.exp).toBe(T0.getTime() / 1000 + 900);
    clock.advanceSeconds(600);
    const refreshed = await refreshSession(ctx, { refreshToken: created.refreshToken, fromCookie: false });
    if (refreshed.status !== "OK") throw new Error(refreshed.status);
    expect(refreshed.tokens.accessTokenClaims.exp).toBe(T0.getTime() / 1000 + 600 + 900);
    // The immediate parent again, in the grace window: the same bound.
    const again = await refreshSession(ctx, { refreshToken: created.refreshToken, fromCookie: false });
    if (again.status !== "OK") throw new Error(again.status);
    expect(again.tokens.accessTokenClaims.exp).toBe(T0.getTime() / 1000 + 600 + 900);
  });

  it("with the defaults nothing changes: a token lives one access-token lifetime", async () => {
    const { ctx } = createTestEngine();
    const created = await createNewSession(ctx, { userId: "u1" });
    expect(created.accessTokenClaims.exp).toBe(T0.getTime() / 1000 + HOUR);
  });
});
