// A deployment switching supertokens-web-js between cookie and header transfer (tokenTransferMethod)
// leaves each browser holding the other mode's tokens. web-js sends a stored header-mode pair as
// `Authorization: Bearer` whatever mode it is in, and forgets it only when a response empties
// `st-access-token` / `st-refresh-token`; cookies go only when expired. Tokens issued in one mode
// must clear what the request carried in the other, or the stale copy, a rotated-out refresh
// token among them, is presented again later: the bearer wins over the new cookie, and a
// rotated-out refresh token presented after the grace window is taken for theft.
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { handleAuthRequest } from "./routes";
import { credentials, ORIGIN } from "./testing/client";

type Ctx = ReturnType<typeof createTestEngine>["ctx"];

/** A browser running supertokens-web-js: a cookie jar (one host, names only) and web-js's stored header tokens. */
function webJsBrowser(ctx: Ctx) {
  const cookies = new Map<string, string>();
  const stored = new Map<"access" | "refresh", string>();
  let mode: "cookie" | "header" = "cookie";

  function keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(name.length + 1);
      // Only the host-only copies at the paths this test's requests reach.
      if (line.includes("Domain=")) continue;
      if (value === "" || line.includes("Expires=Thu, 01 Jan 1970")) cookies.delete(name);
      else cookies.set(name, value);
    }
    // web-js's saveTokensFromHeaders: a header present sets the token, an empty one removes it.
    for (const kind of ["access", "refresh"] as const) {
      const value = response.headers.get(`st-${kind}-token`);
      if (value === null) continue;
      if (value === "") stored.delete(kind);
      else stored.set(kind, value);
    }
    return response;
  }

  async function send(method: string, path: string, options: { body?: unknown; refresh?: boolean } = {}) {
    const headers = new Headers({ origin: ORIGIN, rid: options.refresh ? "session" : "emailpassword", "st-auth-mode": mode });
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (cookie) headers.set("cookie", cookie);
    // web-js's setAuthorizationHeaderIfRequired: both tokens stored, whatever the mode.
    const access = stored.get("access");
    const refresh = stored.get("refresh");
    if (refresh !== undefined && (options.refresh || access !== undefined)) {
      headers.set("authorization", `Bearer ${options.refresh ? refresh : access}`);
    }
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers.set("content-type", "application/json");
    }
    return keep(await handleAuthRequest(ctx, new Request(`${ORIGIN}/api/auth${path}`, { method, headers, body })));
  }

  return {
    cookies,
    stored,
    switchTo(next: "cookie" | "header") {
      mode = next;
    },
    signUp: (email: string) => send("POST", "/signup", { body: credentials(email, "Quiet-Lantern-58") }),
    call: () => send("GET", "/user/sessions"),
    refresh: () => send("POST", "/session/refresh", { refresh: true }),
  };
}

describe("switching the transfer mode between deploys", () => {
  it("header to cookie: the refresh that issues cookies empties the stored header tokens, and the session lives on", async () => {
    const { ctx, clock } = createTestEngine();
    const browser = webJsBrowser(ctx);
    browser.switchTo("header");
    expect((await browser.signUp("header-to-cookie@example.com")).status).toBe(200);
    expect(browser.stored.size).toBe(2);

    // The deployment now runs web-js in cookie mode; the access token has expired meanwhile.
    browser.switchTo("cookie");
    clock.advanceSeconds(ctx.config.session.accessTokenTtlSeconds + 1);
    const expired = await browser.call();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ message: "try refresh token" });
    const refreshed = await browser.refresh();
    expect(refreshed.status).toBe(200);
    expect(browser.cookies.has("sAccessToken")).toBe(true);
    // Otherwise web-js keeps the old pair and sends the expired access token as a bearer, which
    // wins over the new cookie: 401 again, and the refresh that follows presents the rotated-out token.
    expect((await browser.call()).status).toBe(200);
    expect(browser.stored.size).toBe(0);

    // Past the grace window the session still refreshes (the old refresh token, sent again, would be theft).
    clock.advanceSeconds(ctx.config.session.accessTokenTtlSeconds + 1);
    expect((await browser.call()).status).toBe(401);
    expect((await browser.refresh()).status).toBe(200);
    expect((await browser.call()).status).toBe(200);
  });

  it("cookie to header: the refresh that issues header tokens expires the session cookies", async () => {
    const { ctx, clock } = createTestEngine();
    const browser = webJsBrowser(ctx);
    expect((await browser.signUp("cookie-to-header@example.com")).status).toBe(200);
    expect(browser.cookies.has("sRefreshToken")).toBe(true);

    browser.switchTo("header");
    clock.advanceSeconds(ctx.config.session.accessTokenTtlSeconds + 1);
    expect((await browser.call()).status).toBe(401);
    const refreshed = await browser.refresh();
    expect(refreshed.status).toBe(200);
    expect(browser.stored.size).toBe(2);
    expect((await browser.call()).status).toBe(200);

    // A refresh through cookies alone, later (the built-in /auth/refresh page's, or web-js after a
    // switch back): the refresh cookie left behind held a rotated-out token, taken for theft, and
    // the session was revoked under the header-mode client.
    clock.advanceSeconds(ctx.config.session.refreshGraceSeconds + 1);
    const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const byCookie = await handleAuthRequest(
      ctx,
      new Request(`${ORIGIN}/api/auth/session/refresh`, { method: "POST", headers: { origin: ORIGIN, rid: "session", ...(cookie && { cookie }) } }),
    );
    expect(byCookie.status).toBe(401);
    expect((await browser.call()).status).toBe(200);
    expect([...browser.cookies.keys()]).toEqual([]);
  });

  it("an access token re-minted alone for a bearer (cookie mode asked) leaves the stored refresh token alone", async () => {
    // No refresh cookie comes with it: emptied, the stored refresh token would leave the client
    // with none, and the session would end at the access token's expiry.
    const { ctx } = createTestEngine({ mfa: { enabled: true } });
    const browser = webJsBrowser(ctx);
    browser.switchTo("header");
    expect((await browser.signUp("remint-switch@example.com")).status).toBe(200);
    const response = await handleAuthRequest(
      ctx,
      new Request(`${ORIGIN}/api/auth/mfa/info`, {
        method: "PUT",
        headers: { origin: ORIGIN, rid: "session", "st-auth-mode": "cookie", authorization: `Bearer ${browser.stored.get("access")}` },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("st-refresh-token")).not.toBe("");
  });

  it("an access token re-minted alone for cookies (header mode asked) leaves the refresh cookie alone", async () => {
    // No st-refresh-token comes with it, and web-js sends no bearer without both tokens: expired,
    // the refresh cookie would leave the client with no refresh token at all.
    const { ctx } = createTestEngine({ mfa: { enabled: true } });
    const browser = webJsBrowser(ctx);
    expect((await browser.signUp("remint-switch-header@example.com")).status).toBe(200);
    const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await handleAuthRequest(
      ctx,
      new Request(`${ORIGIN}/api/auth/mfa/info`, { method: "PUT", headers: { origin: ORIGIN, rid: "session", "st-auth-mode": "header", cookie } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().filter((line) => line.startsWith("sRefreshToken="))).toEqual([]);
  });
});
