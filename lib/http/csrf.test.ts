import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

/** Cross-site request forgery and cookie attributes, as a browser would present them. */
describe("CSRF and cookies", () => {
  async function signedIn(config = {}) {
    const { ctx, stores } = createTestEngine(config);
    const client = createAuthClient(ctx);
    const up = await client.send("POST", "/api/auth/signup", { body: credentials("csrf@example.com", "fixture-pw-1") });
    return { ctx, stores, client, up };
  }

  it("a cross-site text/plain form POST with cookies and no custom header is refused", async () => {
    const { client } = await signedIn();
    // What <form enctype="text/plain" method="post" action=".../signout"> on evil.example sends.
    for (const path of ["/api/auth/signout", "/api/auth/session/refresh", "/api/auth/user/sessions/revoke"]) {
      const forged = await client.send("POST", path, {
        rawBody: '{"allOthers":true}',
        headers: { rid: null, origin: "https://evil.example", "content-type": "text/plain", "sec-fetch-site": "cross-site" },
      });
      expect(forged.status, path).toBe(401);
    }
    // Same-site but without the custom header: still refused (VIA_CUSTOM_HEADER).
    expect((await client.send("POST", "/api/auth/signout", { headers: { rid: null } })).status).toBe(401);
    // No Origin at all, but the browser says cross-site.
    expect((await client.send("POST", "/api/auth/signout", { headers: { origin: null, "sec-fetch-site": "cross-site" } })).status).toBe(401);
    // The session survived every forgery.
    expect((await client.send("POST", "/api/auth/session/refresh")).status).toBe(200);
  });

  it("GET never changes state: sign-out and refresh by GET do nothing", async () => {
    const { client, stores, up } = await signedIn();
    const handle = JSON.parse(Buffer.from(up.headers.get("front-token")!, "base64").toString()).up.sessionHandle;
    for (const path of ["/api/auth/signout", "/api/auth/session/refresh", "/api/auth/signup", "/api/auth/user/sessions/revoke"]) {
      const response = await client.send("GET", path);
      expect(response.status, path).toBe(405);
      expect(response.headers.getSetCookie(), path).toEqual([]);
    }
    expect(await stores.sessions.getSession(handle)).not.toBeNull();
  });

  it("VIA_TOKEN: mutations need the anti-csrf header, which the response handed out", async () => {
    const { client, up } = await signedIn({ session: { antiCsrf: "VIA_TOKEN" } });
    const token = up.headers.get("anti-csrf");
    expect(token).toBeTruthy();
    expect((await client.send("POST", "/api/auth/signout", { headers: { "anti-csrf": "forged" } })).status).toBe(401);
    expect((await client.send("POST", "/api/auth/signout", { headers: { "anti-csrf": token! } })).status).toBe(200);
  });

  it("VIA_TOKEN: a cookie refresh needs the anti-csrf header; a header-mode refresh, which no other site can send, does not", async () => {
    const { client, up } = await signedIn({ session: { antiCsrf: "VIA_TOKEN" } });
    const token = up.headers.get("anti-csrf")!;
    expect((await client.send("POST", "/api/auth/session/refresh", { headers: { "anti-csrf": token } })).status).toBe(200);
    expect((await client.send("POST", "/api/auth/session/refresh")).status).toBe(401);

    const { ctx } = createTestEngine({ session: { antiCsrf: "VIA_TOKEN" } });
    const app = createAuthClient(ctx);
    const signUp = await app.send("POST", "/api/auth/signup", {
      body: credentials("header-mode@example.com", "fixture-pw-1"),
      headers: { "st-auth-mode": "header" },
    });
    const refreshToken = signUp.headers.get("st-refresh-token");
    expect(refreshToken).toBeTruthy();
    const refreshed = await createAuthClient(ctx).send("POST", "/api/auth/session/refresh", {
      headers: { authorization: `Bearer ${refreshToken}`, "st-auth-mode": "header", origin: null },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get("st-access-token")).toBeTruthy();
  });

  it("cookies are Secure on an https origin, SameSite as configured, refresh cookie path-scoped", async () => {
    const { ctx } = createTestEngine({ appOrigin: "https://app.example.com", session: { cookieSameSite: "strict" } });
    const client = createAuthClient(ctx);
    const up = await client.send("POST", "/api/auth/signup", {
      body: credentials("secure@example.com", "fixture-pw-1"),
      headers: { origin: "https://app.example.com" },
    });
    const cookies = up.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
    // Named with the prefixes browsers reserve (session.cookiePrefixes, the default on https).
    expect(cookies.find((c) => c.startsWith("__Secure-sRefreshToken="))).toContain("Path=/api/auth/session/refresh;");
    expect(cookies.find((c) => c.startsWith("__Host-sAccessToken="))).toContain("Path=/;");
  });
});
