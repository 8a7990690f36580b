// An access token re-minted without a refresh (a payload change, a claim brought up to date)
// replaces the request's own token: it keeps that token's expiry. Otherwise whoever holds an
// access token alone (a leaked header-mode token, a log line) could renew it forever by calling
// such an endpoint every hour, never spending the refresh token, so that rotation and theft
// detection never see them.
import { describe, expect, it } from "vitest";
import { getSession } from "../auth/session/session";
import { createTestEngine } from "../auth/testing/test-engine";
import { createRequestSession } from "./request-session";
import { handleAuthRequest } from "./routes";
import { credentials, ORIGIN } from "./testing/client";
import { verifyRequestSession } from "./verify-request";

const expOf = (token: string): number => JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()).exp;

async function headerModeSession(config = {}) {
  const { ctx, clock } = createTestEngine(config);
  const up = await handleAuthRequest(
    ctx,
    new Request(`${ORIGIN}/api/auth/signup`, {
      method: "POST",
      headers: { origin: ORIGIN, rid: "emailpassword", "st-auth-mode": "header", "content-type": "application/json" },
      body: JSON.stringify(credentials("remint@example.com", "Quiet-Lantern-58")),
    }),
  );
  return { ctx, clock, accessToken: up.headers.get("st-access-token")! };
}

const put = (path: string, accessToken: string, body?: unknown) =>
  new Request(`${ORIGIN}${path}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("a re-minted access token keeps the expiry of the one it replaces", () => {
  for (const { name, config, request } of [
    { name: "PUT /mfa/info", config: { mfa: { enabled: true } }, request: (t: string) => put("/api/auth/mfa/info", t) },
    { name: "PUT /organizations/active", config: {}, request: (t: string) => put("/api/auth/organizations/active", t, { organizationId: "public" }) },
  ]) {
    it(`${name}: a new token, never a longer-lived one, so an access token alone cannot outlive its hour`, async () => {
      const { ctx, clock, accessToken } = await headerModeSession(config);
      const exp = expOf(accessToken);
      let token = accessToken;
      for (let i = 0; i < 3; i++) {
        clock.advanceSeconds(1000);
        const response = await handleAuthRequest(ctx, request(token));
        expect(response.status).toBe(200);
        token = response.headers.get("st-access-token")!;
        expect(expOf(token)).toBe(exp);
      }
      clock.advanceSeconds(3600 - 3000);
      expect((await getSession(ctx, { accessToken: token })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
    });
  }

  it("withSession's mergeIntoAccessTokenPayload: the response's token has the request token's expiry", async () => {
    const { ctx, clock, accessToken } = await headerModeSession();
    clock.advanceSeconds(1800);
    const request = new Request(`${ORIGIN}/api/me`, { method: "POST", headers: { authorization: `Bearer ${accessToken}` } });
    const verified = await verifyRequestSession(ctx, request);
    if (!verified.ok) throw new Error("no session");
    const { session, finish } = createRequestSession(ctx, request, verified.session);
    expect(await session.mergeIntoAccessTokenPayload({ theme: "dark" })).toBe(true);
    const reissued = finish(new Response(null)).headers.get("st-access-token")!;
    expect(JSON.parse(Buffer.from(reissued.split(".")[1], "base64url").toString()).theme).toBe("dark");
    expect(expOf(reissued)).toBe(expOf(accessToken));
  });
});
