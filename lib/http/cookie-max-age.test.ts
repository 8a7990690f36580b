// A cookie's lifetime must not depend on the browser's clock agreeing with the server's. An
// `Expires` date alone is judged by the browser's clock (RFC 6265 5.2.1): a browser running 15
// minutes fast dropped the 10-minute third-party state cookie on arrival, and every sign-in with
// a provider through the built-in UI then failed as expired ("This sign-in has expired…"); a
// clock months fast dropped the session cookies, a sign-in that signed nobody in. `Max-Age`,
// which browsers prefer to `Expires`, counts from the moment the browser receives the cookie.
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { handleAuthRequest } from "./routes";
import { credentials, ORIGIN } from "./testing/client";
import { flowStateCookie, sealFlowState } from "./third-party-state-cookie";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * When a browser whose clock reads `browserNow` lets the cookie of a Set-Cookie line expire
 * (RFC 6265 5.3 step 3: Max-Age over Expires), or null when it keeps it past the session end.
 */
function browserExpiry(line: string, browserNow: number): number | null {
  const attrs = line.split("; ").slice(1);
  const maxAge = attrs.find((a) => /^max-age=/i.test(a));
  if (maxAge) return browserNow + Number(maxAge.slice(8)) * 1000;
  const expires = attrs.find((a) => /^expires=/i.test(a));
  return expires ? Date.parse(expires.slice(8)) : null;
}

/** Whether a browser with that clock stores the cookie at all (an expiry not after its now deletes it). */
const kept = (line: string, browserNow: number) => {
  const expiry = browserExpiry(line, browserNow);
  return expiry === null || expiry > browserNow;
};

describe("cookie lifetimes do not depend on the browser's clock", () => {
  it("the third-party state cookie is kept by a browser whose clock runs 15 minutes fast", async () => {
    const { ctx } = createTestEngine();
    const sealed = await sealFlowState(ctx, {
      thirdPartyId: "google",
      state: "s",
      pkceCodeVerifier: "v",
      nonce: "n",
      redirectUri: `${ORIGIN}/auth/callback/google`,
      redirectToPath: null,
    });
    const line = flowStateCookie(ctx, sealed);
    const serverNow = ctx.now().getTime();
    expect(kept(line, serverNow)).toBe(true);
    expect(kept(line, serverNow + 15 * MINUTE)).toBe(true);
    // And it lives as long as the state, counted from its arrival.
    expect(browserExpiry(line, serverNow + 15 * MINUTE)).toBe(serverNow + 15 * MINUTE + ctx.config.thirdParty.stateTtlSeconds * 1000);
  });

  it("the session cookies of a sign-up are kept by a browser whose clock runs a year fast; cleared ones are dropped by any clock", async () => {
    const { ctx } = createTestEngine();
    const up = await handleAuthRequest(
      ctx,
      new Request(`${ORIGIN}/api/auth/signup`, {
        method: "POST",
        headers: { origin: ORIGIN, rid: "emailpassword", "content-type": "application/json" },
        body: JSON.stringify(credentials("max-age@example.com", "Quiet-Lantern-58")),
      }),
    );
    expect(up.status).toBe(200);
    const serverNow = ctx.now().getTime();
    const lines = up.headers.getSetCookie();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(kept(line, serverNow + 365 * DAY)).toBe(true);

    const out = await handleAuthRequest(
      ctx,
      new Request(`${ORIGIN}/api/auth/signout`, {
        method: "POST",
        headers: { origin: ORIGIN, rid: "session", cookie: lines.map((l) => l.split(";")[0]).join("; ") },
      }),
    );
    expect(out.status).toBe(200);
    const cleared = out.headers.getSetCookie();
    expect(cleared.length).toBeGreaterThanOrEqual(2);
    for (const line of cleared) {
      expect(kept(line, serverNow)).toBe(false);
      expect(kept(line, serverNow - 365 * DAY)).toBe(false);
    }
  });
});
