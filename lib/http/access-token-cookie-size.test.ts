// Browsers keep a cookie only while its name and value together are at most 4096 bytes (RFC 6265
// §6.1's minimum, Chromium's and Firefox's limit); a longer Set-Cookie is dropped without a word.
// An access token past that, issued in a cookie, left the browser with a front token and no
// access cookie: every request answered "try refresh token", every refresh issued the same
// oversized token, and the user was signed out in a loop, with nothing in the log.
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { handleAuthRequest } from "./routes";
import { accessTokenCookieBytes } from "./session-transport";
import { credentials, ORIGIN } from "./testing/client";

const BROWSER_COOKIE_LIMIT = 4096;

const signUp = (ctx: ReturnType<typeof createTestEngine>["ctx"], headers: Record<string, string> = {}, origin = ORIGIN) =>
  handleAuthRequest(
    ctx,
    new Request(`${origin}/api/auth/signup`, {
      method: "POST",
      headers: { origin, rid: "emailpassword", "content-type": "application/json", ...headers },
      body: JSON.stringify(credentials("cookie-size@example.com", "Quiet-Lantern-58")),
    }),
  );

/** name=value of each Set-Cookie, the part browsers measure. */
const cookiePairs = (response: Response) => response.headers.getSetCookie().map((line) => line.split(";")[0]!);

describe("the access-token cookie fits what browsers keep", () => {
  for (const origin of ["http://localhost:3000", "https://app.example.com"]) {
    it(`${origin}: by default, a payload that would make the cookie too long for a browser is refused at sign-in (CONFIG_INVALID), no cookie set`, async () => {
      const { ctx } = createTestEngine({ appOrigin: origin, setJwtPayload: () => ({ catalogue: "c".repeat(3200) }) });
      const response = await signUp(ctx, {}, origin);
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ code: "CONFIG_INVALID" });
      expect(response.headers.getSetCookie()).toEqual([]);
      // The cap a cookie-mode token is held to (maxAccessTokenBytes caps header mode: access-token-cap-per-mode.test.ts).
      expect(accessTokenCookieBytes(ctx.config) + ctx.config.session.accessTokenCookieName.length + 1).toBeLessThanOrEqual(BROWSER_COOKIE_LIMIT);
    });

    it(`${origin}: every cookie a default sign-in sets with a payload under the cap fits`, async () => {
      const { ctx } = createTestEngine({ appOrigin: origin, setJwtPayload: () => ({ catalogue: "c".repeat(2400) }) });
      const response = await signUp(ctx, {}, origin);
      expect(response.status).toBe(200);
      const pairs = cookiePairs(response);
      expect(pairs.some((pair) => pair.startsWith(`${ctx.config.session.accessTokenCookieName}=ey`))).toBe(true);
      for (const pair of pairs) expect(Buffer.byteLength(pair)).toBeLessThanOrEqual(BROWSER_COOKIE_LIMIT);
    });
  }

  it("raised for header-mode clients, a longer token is issued in the st-access-token header", async () => {
    const { ctx } = createTestEngine({ session: { maxAccessTokenBytes: 16384 }, setJwtPayload: () => ({ catalogue: "c".repeat(3200) }) });
    const response = await signUp(ctx, { "st-auth-mode": "header" });
    expect(response.status).toBe(200);
    expect(response.headers.get("st-access-token")!.length).toBeGreaterThan(BROWSER_COOKIE_LIMIT);
  });
});
