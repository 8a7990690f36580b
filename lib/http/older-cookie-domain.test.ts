// session.olderCookieDomain expires the session cookies left on the domain used before a
// cookieDomain change. The cookie prefixes follow the domain (session.cookiePrefixes: `__Host-`
// host-only, `__Secure-` with a Domain, none by default once a cookieDomain is set), so the
// change usually renames the cookies too: the old copies, which still hold a live session (on a
// parent domain: sent to every sibling sub-domain), carry the old names, and those are the ones to
// expire.
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

const HTTPS = "https://app.example.test";
const EPOCH = "Expires=Thu, 01 Jan 1970 00:00:00 GMT";

async function signUpSetCookies(session: Record<string, unknown>): Promise<string[]> {
  const { ctx } = createTestEngine({ appOrigin: HTTPS, session });
  const client = createAuthClient(ctx, undefined);
  const up = await client.send("POST", "/api/auth/signup", {
    body: credentials("older-domain@example.test", "fixture-pw-1"),
    headers: { origin: HTTPS },
  });
  expect(up.status).toBe(200);
  return up.headers.getSetCookie();
}

const expired = (cookies: string[], name: string, domain: string | null, path: string) =>
  cookies.some(
    (c) =>
      c.startsWith(`${name}=;`) &&
      c.includes(EPOCH) &&
      c.includes(`Path=${path};`) &&
      (domain === null ? !c.includes("Domain=") : c.includes(`Domain=${domain}`)),
  );

describe("olderCookieDomain expires the cookies under the names they had on that domain", () => {
  it("from a parent domain (unprefixed names) to host-only (__Host-/__Secure- names): the parent-domain sAccessToken and sRefreshToken are expired", async () => {
    const cookies = await signUpSetCookies({ olderCookieDomain: ".example.test" });
    // Today's cookies are the prefixed, host-only ones.
    expect(cookies.some((c) => c.startsWith("__Host-sAccessToken=ey"))).toBe(true);
    expect(expired(cookies, "sAccessToken", ".example.test", "/")).toBe(true);
    expect(expired(cookies, "sRefreshToken", ".example.test", "/api/auth/session/refresh")).toBe(true);
  });

  it("from host-only (__Host-/__Secure- names) to a parent domain: the host-only prefixed copies are expired", async () => {
    const cookies = await signUpSetCookies({ cookieDomain: ".example.test", olderCookieDomain: "" });
    expect(cookies.some((c) => c.startsWith("sAccessToken=ey") && c.includes("Domain=.example.test"))).toBe(true);
    expect(expired(cookies, "__Host-sAccessToken", null, "/")).toBe(true);
    expect(expired(cookies, "__Secure-sRefreshToken", null, "/api/auth/session/refresh")).toBe(true);
    // A __Host- cookie never had a Domain: no line tries to expire one with it.
    expect(cookies.some((c) => c.startsWith("__Host-") && c.includes("Domain="))).toBe(false);
  });
});
