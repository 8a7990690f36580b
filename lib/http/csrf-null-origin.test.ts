import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

/**
 * A page answering `Referrer-Policy: no-referrer` (the sign-in, MFA, refresh, reset and
 * verification pages: lib/security-headers.mjs) has the browser send `Origin: null` on its own
 * POSTs (Fetch, "append a request Origin header"), with `Sec-Fetch-Site: same-origin`.
 */
describe("Origin: null from the app's own no-referrer pages", () => {
  const fromNoReferrerPage = { origin: "null", "sec-fetch-site": "same-origin" };

  it("signs up, signs in and signs out from such a page", async () => {
    const { ctx } = createTestEngine();
    const client = createAuthClient(ctx);
    const up = await client.send("POST", "/api/auth/signup", {
      body: credentials("null-origin@example.com", "fixture-pw-1"),
      headers: fromNoReferrerPage,
    });
    expect(up.status).toBe(200);
    const signIn = await client.send("POST", "/api/auth/signin", {
      body: credentials("null-origin@example.com", "fixture-pw-1"),
      headers: fromNoReferrerPage,
    });
    expect(signIn.status).toBe(200);
    expect((await signIn.json()).status).toBe("OK");
    expect((await client.send("POST", "/api/auth/session/refresh", { headers: fromNoReferrerPage })).status).toBe(200);
    expect((await client.send("POST", "/api/auth/signout", { headers: fromNoReferrerPage })).status).toBe(200);
  });

  it("still refuses Origin: null from anywhere else (a sandboxed frame, another site)", async () => {
    const { ctx } = createTestEngine();
    const client = createAuthClient(ctx);
    expect((await client.send("POST", "/api/auth/signup", { body: credentials("null-origin2@example.com", "fixture-pw-1") })).status).toBe(200);
    for (const site of ["cross-site", "same-site", "none", null]) {
      const headers = { origin: "null", "sec-fetch-site": site };
      const signIn = await client.send("POST", "/api/auth/signin", { body: credentials("null-origin2@example.com", "fixture-pw-1"), headers });
      expect(signIn.status, String(site)).toBe(403);
      expect((await client.send("POST", "/api/auth/signout", { headers })).status, String(site)).toBe(401);
    }
    // The session survived every one of them.
    expect((await client.send("POST", "/api/auth/session/refresh")).status).toBe(200);
  });
});
