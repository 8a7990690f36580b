import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

/**
 * Logout CSRF. A page on another site can submit a form to the sign-out or refresh endpoint as a
 * top-level navigation. SameSite=Lax keeps the session cookies off that POST, so the endpoint sees
 * no session; but the browser does apply the Set-Cookie of the answer (RFC 6265bis 5.6: a top-level
 * navigation may set a cookie of any SameSite value), so cookies expired in the answer are gone
 * from the victim's browser: any site could sign its visitors out of the app.
 */
describe("a cross-site form posted to the sign-out or refresh endpoint", () => {
  const forgery = { rid: null, origin: "https://evil.example", "content-type": "text/plain", "sec-fetch-site": "cross-site" };
  const sessionCookies = (response: Response) => response.headers.getSetCookie().filter((line) => /^(sAccessToken|sRefreshToken)=/.test(line));

  it("expires none of the session cookies: the browser that sent none keeps its session", async () => {
    const { ctx } = createTestEngine();
    const browser = createAuthClient(ctx);
    await browser.send("POST", "/api/auth/signup", { body: credentials("logout-csrf@example.com", "fixture-pw-1") });
    for (const path of ["/api/auth/signout", "/api/auth/session/refresh"]) {
      // The browser's jar applies the answer, as it does for a top-level navigation; it sends no cookie (SameSite=Lax).
      const forged = await browser.send("POST", path, { rawBody: "", headers: forgery, cookies: false });
      expect(forged.status, path).toBe(401);
      expect(sessionCookies(forged), path).toEqual([]);
    }
    expect(browser.jar.has("sAccessToken")).toBe(true);
    expect((await browser.send("POST", "/api/auth/session/refresh")).status).toBe(200);
  });

  it("the app's own requests without a session still get the cookies cleared", async () => {
    const { ctx } = createTestEngine();
    const browser = createAuthClient(ctx);
    for (const path of ["/api/auth/signout", "/api/auth/session/refresh"]) {
      const answer = await browser.send("POST", path);
      expect(answer.status, path).toBe(401);
      expect(sessionCookies(answer).length, path).toBe(2);
      expect(answer.headers.get("front-token"), path).toBe("remove");
    }
  });
});
