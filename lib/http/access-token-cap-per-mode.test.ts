// The access-token size cap follows the request's transfer mode. A cookie must fit what a
// browser keeps (name=value ≤ 4096 bytes, access-token-cookie-size.test.ts); a token in the
// st-access-token header has no such limit, only session.maxAccessTokenBytes (8192 by default).
// With one cap for both, header-mode clients (mobile apps) lost their 4–8 KB tokens: such a
// session's token was refused and every refresh failed with CONFIG_INVALID.
import { describe, expect, it } from "vitest";
import { withRequestScope } from "../auth/context";
import { issueAccessToken } from "../auth/session/session";
import { mergeIntoAccessTokenPayload } from "../auth/session/session-info";
import { createTestEngine } from "../auth/testing/test-engine";
import { createRequestSession } from "./request-session";
import { handleAuthRequest } from "./routes";
import { accessTokenCookieBytes } from "./session-transport";
import { credentials, ORIGIN } from "./testing/client";
import { verifyRequestSession } from "./verify-request";

type Ctx = ReturnType<typeof createTestEngine>["ctx"];

/** About 6 KB once encoded in the token: over any cookie, under the default 8192. */
const sixKilobytes = { catalogue: "c".repeat(4400) };

const post = (ctx: Ctx, path: string, headers: Record<string, string>, body?: unknown) =>
  handleAuthRequest(
    ctx,
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: "POST",
      headers: { origin: ORIGIN, rid: "emailpassword", "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );

const signUp = (ctx: Ctx, headers: Record<string, string> = {}) =>
  post(ctx, "/signup", headers, credentials("cap-per-mode@example.com", "Quiet-Lantern-58"));

describe("the access-token cap per transfer mode", () => {
  it("the default maxAccessTokenBytes is 8192 again", () => {
    expect(createTestEngine().ctx.config.session.maxAccessTokenBytes).toBe(8192);
  });

  it("header mode: a ~6 KB payload signs in and refreshes under the default cap", async () => {
    const { ctx } = createTestEngine({ setJwtPayload: () => sixKilobytes });
    const up = await signUp(ctx, { "st-auth-mode": "header" });
    expect(up.status).toBe(200);
    const accessToken = up.headers.get("st-access-token")!;
    expect(accessToken.length).toBeGreaterThan(4096);
    expect(accessToken.length).toBeLessThanOrEqual(8192);
    const refreshed = await post(ctx, "/session/refresh", {
      "st-auth-mode": "header",
      authorization: `Bearer ${up.headers.get("st-refresh-token")}`,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get("st-access-token")!.length).toBeGreaterThan(4096);
  });

  it("cookie mode: the same payload is refused at sign-in with CONFIG_INVALID, and no cookie is set", async () => {
    const { ctx } = createTestEngine({ setJwtPayload: () => sixKilobytes });
    const up = await signUp(ctx);
    expect(up.status).toBe(500);
    expect(await up.json()).toMatchObject({ code: "CONFIG_INVALID" });
    expect(up.headers.getSetCookie()).toEqual([]);
  });

  it("cookie mode: a refresh whose token would not fit the cookie fails with CONFIG_INVALID and sets no access cookie", async () => {
    const { ctx } = createTestEngine({ setJwtPayload: () => sixKilobytes });
    const up = await signUp(ctx, { "st-auth-mode": "header" });
    const cookie = `${ctx.config.session.refreshTokenCookieName}=${up.headers.get("st-refresh-token")}`;
    const refreshed = await post(ctx, "/session/refresh", { cookie });
    expect(refreshed.status).toBe(500);
    expect(await refreshed.json()).toMatchObject({ code: "CONFIG_INVALID" });
    expect(refreshed.headers.getSetCookie().filter((line) => line.startsWith(`${ctx.config.session.accessTokenCookieName}=ey`))).toEqual([]);
  });

  it("the engine's refusal for a cookie names the cookie and header transfer, not an option that would not help", async () => {
    const { ctx } = createTestEngine();
    const up = await signUp(ctx, { "st-auth-mode": "header" });
    const verified = await verifyRequestSession(
      ctx,
      new Request(ORIGIN, { headers: { authorization: `Bearer ${up.headers.get("st-access-token")}` } }),
    );
    if (!verified.ok) throw new Error("no session");
    const { userId, sessionHandle } = verified.session;
    const cookieMode = withRequestScope(ctx, { accessTokenCookieBytes: accessTokenCookieBytes(ctx.config) });
    const refusal = { code: "CONFIG_INVALID", message: expect.stringContaining("st-auth-mode: header") };
    // The payload alone too long (checked before it is stored), and the token with its claims too long (at the mint).
    await expect(mergeIntoAccessTokenPayload(cookieMode, sessionHandle, sixKilobytes)).rejects.toMatchObject(refusal);
    const almost = { catalogue: "c".repeat(2950) };
    await expect(issueAccessToken(cookieMode, { userId, sessionHandle, jwtPayload: almost })).rejects.toMatchObject(refusal);
    expect((await issueAccessToken(ctx, { userId, sessionHandle, jwtPayload: sixKilobytes })).accessToken.length).toBeGreaterThan(4096);
  });

  /** A route handler of the app merging `patch` into its session's payload (withSession). */
  const mergeInHandler = async (ctx: Ctx, headers: Record<string, string>, patch: Record<string, unknown>) => {
    const request = new Request(`${ORIGIN}/api/app/grow`, { method: "POST", headers: { origin: ORIGIN, ...headers } });
    const verified = await verifyRequestSession(ctx, request);
    if (!verified.ok) throw new Error("no session");
    const { session, finish } = createRequestSession(ctx, request, verified.session);
    await session.mergeIntoAccessTokenPayload(patch);
    return finish(Response.json({ ok: true }));
  };

  it("a payload update in a request: refused unwritten in cookie mode, issued in header mode", async () => {
    const { ctx } = createTestEngine();
    const up = await signUp(ctx, { "st-auth-mode": "header" });
    const authorization = `Bearer ${up.headers.get("st-access-token")}`;
    const verified = await verifyRequestSession(ctx, new Request(ORIGIN, { headers: { authorization } }));
    if (!verified.ok) throw new Error("no session");

    const cookie = `${ctx.config.session.accessTokenCookieName}=${up.headers.get("st-access-token")}`;
    await expect(mergeInHandler(ctx, { cookie, rid: "emailpassword" }, sixKilobytes)).rejects.toMatchObject({ code: "CONFIG_INVALID" });
    expect((await ctx.stores.sessions.getSession(verified.session.sessionHandle))?.jwtPayload).not.toHaveProperty("catalogue");

    const merged = await mergeInHandler(ctx, { authorization, "st-auth-mode": "header" }, sixKilobytes);
    expect(merged.headers.get("st-access-token")!.length).toBeGreaterThan(4096);
  });

  it("a deployer's call outside a request is held to maxAccessTokenBytes; the next cookie-mode refresh then refuses", async () => {
    const { ctx } = createTestEngine();
    const up = await signUp(ctx, { "st-auth-mode": "header" });
    const authorization = `Bearer ${up.headers.get("st-access-token")}`;
    const verified = await verifyRequestSession(ctx, new Request(ORIGIN, { headers: { authorization } }));
    if (!verified.ok) throw new Error("no session");
    expect((await mergeIntoAccessTokenPayload(ctx, verified.session.sessionHandle, sixKilobytes)).status).toBe("OK");
    const cookie = `${ctx.config.session.refreshTokenCookieName}=${up.headers.get("st-refresh-token")}`;
    const refreshed = await post(ctx, "/session/refresh", { cookie });
    expect(refreshed.status).toBe(500);
    expect(await refreshed.json()).toMatchObject({ code: "CONFIG_INVALID" });
  });
});
