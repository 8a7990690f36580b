// Cookie tossing: a sibling sub-domain (or an http page of the same host) sets a cookie of the
// same name for the parent domain, so the browser sends two and the server may pick the
// attacker's. Gatehouse refuses a request that carries a cookie name twice, and on an https
// origin without cookieDomain names its cookies with the __Host- / __Secure- prefixes, which
// browsers refuse to let anyone else set.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { readCookie } from "./cookies";
import { handleAuthRequest } from "./routes";
import { createAuthClient, credentials } from "./testing/client";
import { flowStateCookie } from "./third-party-state-cookie";

const mail = () => `toss-${randomUUID().slice(0, 8)}@example.com`;

/** The value a Set-Cookie line sets for `name`, if any. */
const setCookieFor = (response: Response, name: string) => response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

describe("cookie tossing", () => {
  it("readCookie: a name present twice reads as absent", () => {
    expect(readCookie("a=1; sAccessToken=mine; b=2", "sAccessToken")).toBe("mine");
    expect(readCookie("sAccessToken=mine; sAccessToken=tossed", "sAccessToken")).toBeNull();
    expect(readCookie("sAccessToken=mine;sAccessToken=mine", "sAccessToken")).toBeNull();
  });

  describe("two cookies of one name are refused (http origin, default names)", () => {
    async function twoSignedInClients() {
      // app.example.test is one of the app's origins: the parent domains are worked out from the
      // configured origins, the browser's Host choosing among them (tossed-cookie-domains.test.ts).
      const { ctx } = createTestEngine({ trustedOrigins: ["http://app.example.test:3000"] });
      const victim = createAuthClient(ctx);
      const attacker = createAuthClient(ctx);
      await victim.send("POST", "/api/auth/signup", { body: credentials(mail(), "fixture-pw-1") });
      await attacker.send("POST", "/api/auth/signup", { body: credentials(mail(), "fixture-pw-1") });
      return { ctx, victim: victim.jar, attacker: attacker.jar };
    }

    it("an API call with the victim's and a tossed sAccessToken: 401 unauthorised, DUPLICATE_COOKIE, the cookies cleared", async () => {
      const { ctx, victim, attacker } = await twoSignedInClients();
      const cookie = `sAccessToken=${attacker.get("sAccessToken")!.value}; sAccessToken=${victim.get("sAccessToken")!.value}`;
      const response = await handleAuthRequest(
        ctx,
        new Request("http://app.example.test:3000/api/auth/user/sessions", {
          headers: { cookie, host: "app.example.test:3000", origin: "http://localhost:3000", rid: "session" },
        }),
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: "unauthorised", code: "DUPLICATE_COOKIE" });
      expect(response.headers.get("front-token")).toBe("remove");
      expect(setCookieFor(response, "sAccessToken")).toMatch(/^sAccessToken=; Path=\/; Expires=Thu, 01 Jan 1970/);
      // The tossed copy lives on a parent domain: it is expired there too, at the paths Gatehouse uses.
      const cleared = response.headers.getSetCookie().filter((c) => c.includes("Domain=example.test"));
      expect(cleared.some((c) => c.startsWith("sAccessToken=;") && c.includes("Path=/;"))).toBe(true);
      expect(cleared.some((c) => c.startsWith("sRefreshToken=;") && c.includes("Path=/api/auth/session/refresh;"))).toBe(true);
    });

    it("a refresh with two sRefreshToken cookies: 401 unauthorised, DUPLICATE_COOKIE, nothing issued", async () => {
      const { ctx, victim, attacker } = await twoSignedInClients();
      const cookie = `sRefreshToken=${victim.get("sRefreshToken")!.value}; sRefreshToken=${attacker.get("sRefreshToken")!.value}`;
      const response = await handleAuthRequest(
        ctx,
        new Request("http://localhost:3000/api/auth/session/refresh", {
          method: "POST",
          headers: { cookie, origin: "http://localhost:3000", rid: "session" },
        }),
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: "unauthorised", code: "DUPLICATE_COOKIE" });
      expect(response.headers.getSetCookie().some((c) => /^sAccessToken=ey/.test(c))).toBe(false);
    });

    it("one cookie of each name still works", async () => {
      const { ctx, victim } = await twoSignedInClients();
      const response = await handleAuthRequest(
        ctx,
        new Request("http://localhost:3000/api/auth/user/sessions", {
          headers: { cookie: `sAccessToken=${victim.get("sAccessToken")!.value}`, rid: "session" },
        }),
      );
      expect(response.status).toBe(200);
    });
  });

  describe("a sign-in in a browser holding a tossed copy expires the copy", () => {
    const signIn = async (ctx: Parameters<typeof handleAuthRequest>[0], origin: string, cookie?: string) => {
      const email = mail();
      const body = JSON.stringify(credentials(email, "fixture-pw-1"));
      const headers = { origin, rid: "emailpassword", "content-type": "application/json" };
      expect((await handleAuthRequest(ctx, new Request(`${origin}/api/auth/signup`, { method: "POST", headers, body }))).status).toBe(200);
      return handleAuthRequest(
        ctx,
        new Request(`${origin}/api/auth/signin`, { method: "POST", headers: { ...headers, ...(cookie && { cookie }) }, body }),
      );
    };
    /** A Set-Cookie line's Domain, without the leading dot browsers ignore. */
    const domainOf = (line: string) => /; Domain=\.?([^;]+)/.exec(line)?.[1];
    const expiredOn = (response: Response, domain: string) =>
      response.headers.getSetCookie().filter((c) => c.includes("Expires=Thu, 01 Jan 1970") && domainOf(c) === domain);

    it("with a cookieDomain: the copy on the parent domain is expired before the new cookies are set, which pages then read", async () => {
      // Pages (server components) read a name sent twice as absent and cannot clear cookies:
      // left, the copy sent the user back to sign-in after every sign-in.
      const { ctx } = createTestEngine({ appOrigin: "https://app.example.com", session: { cookieDomain: ".app.example.com" } });
      const response = await signIn(ctx, "https://app.example.com", "sAccessToken=tossed; sAccessToken=stale");
      expect(response.status).toBe(200);
      const lines = response.headers.getSetCookie();
      const expired = expiredOn(response, "example.com");
      expect(expired.some((c) => c.startsWith("sAccessToken=;") && c.includes("Path=/;"))).toBe(true);
      expect(expired.some((c) => c.startsWith("sRefreshToken=;") && c.includes("Path=/api/auth/session/refresh;"))).toBe(true);
      // The deployment's own domain is not expired, and the new cookies come after the expiries.
      expect(expiredOn(response, "app.example.com")).toEqual([]);
      const fresh = lines.findIndex((c) => /^sAccessToken=ey/.test(c) && domainOf(c) === "app.example.com");
      expect(fresh).toBeGreaterThan(lines.indexOf(expired[0]!));
    });

    it("host-only cookies: a Domain copy for the host itself (set from a sub-domain of it) is expired too", async () => {
      const { ctx } = createTestEngine({ appOrigin: "http://app.example.test" });
      const response = await signIn(ctx, "http://app.example.test", "sAccessToken=tossed; sAccessToken=stale");
      expect(response.status).toBe(200);
      expect(expiredOn(response, "app.example.test").some((c) => c.startsWith("sAccessToken=;"))).toBe(true);
      expect(expiredOn(response, "example.test").some((c) => c.startsWith("sAccessToken=;"))).toBe(true);
    });

    it("without a copy, a sign-in expires nothing", async () => {
      const { ctx } = createTestEngine({ appOrigin: "https://app.example.com", session: { cookieDomain: ".app.example.com" } });
      const response = await signIn(ctx, "https://app.example.com", "sAccessToken=stale");
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie().filter((c) => c.includes("Expires=Thu, 01 Jan 1970"))).toEqual([]);
    });
  });

  describe("cookie name prefixes", () => {
    const httpsEngine = (session = {}) => createTestEngine({ appOrigin: "https://app.example.com", session });
    const signUp = (ctx: Parameters<typeof handleAuthRequest>[0]) =>
      handleAuthRequest(
        ctx,
        new Request("https://app.example.com/api/auth/signup", {
          method: "POST",
          headers: { origin: "https://app.example.com", rid: "emailpassword", "content-type": "application/json" },
          body: JSON.stringify(credentials(mail(), "fixture-pw-1")),
        }),
      );

    it("https origin, no cookieDomain: __Host-sAccessToken (Path=/, Secure, no Domain) and __Secure-sRefreshToken (path-scoped)", async () => {
      const { ctx } = httpsEngine();
      const up = await signUp(ctx);
      expect(up.status).toBe(200);
      const access = setCookieFor(up, "__Host-sAccessToken")!;
      expect(access).toMatch(/^__Host-sAccessToken=ey[^;]+; Path=\/; /);
      expect(access).toContain("; Secure");
      expect(access).not.toContain("Domain=");
      const refresh = setCookieFor(up, "__Secure-sRefreshToken")!;
      expect(refresh).toContain("Path=/api/auth/session/refresh;");
      expect(refresh).toContain("; Secure");
      expect(up.headers.getSetCookie().some((c) => /^s(Access|Refresh)Token=/.test(c))).toBe(false);

      // The prefixed cookie is the one read; an unprefixed (tossable) copy is not.
      const token = access.split(";")[0]!.slice("__Host-sAccessToken=".length);
      const call = (cookie: string) =>
        handleAuthRequest(ctx, new Request("https://app.example.com/api/auth/user/sessions", { headers: { cookie, rid: "session" } }));
      expect((await call(`__Host-sAccessToken=${token}`)).status).toBe(200);
      expect((await call(`sAccessToken=${token}`)).status).toBe(401);
    });

    it("https origin: the third-party state cookie is __Host-sThirdPartyState", () => {
      const { ctx } = httpsEngine();
      expect(flowStateCookie(ctx, { value: "sealed", expiresAt: new Date(Date.UTC(2030, 0, 1)) })).toMatch(
        /^__Host-sThirdPartyState=sealed; Path=\/; .*Secure/,
      );
    });

    it("no prefixes on an http origin, with a cookieDomain, or when turned off; renamed cookies are prefixed once", async () => {
      expect(createTestEngine().ctx.config.session.accessTokenCookieName).toBe("sAccessToken");
      const shared = httpsEngine({ cookieDomain: ".example.com" }).ctx.config.session;
      expect([shared.accessTokenCookieName, shared.refreshTokenCookieName]).toEqual(["sAccessToken", "sRefreshToken"]);
      expect(httpsEngine({ cookiePrefixes: false }).ctx.config.session.accessTokenCookieName).toBe("sAccessToken");
      // Asked for with a cookieDomain: __Host- forbids Domain, so both get __Secure-.
      const both = httpsEngine({ cookieDomain: ".example.com", cookiePrefixes: true }).ctx.config.session;
      expect([both.accessTokenCookieName, both.refreshTokenCookieName]).toEqual(["__Secure-sAccessToken", "__Secure-sRefreshToken"]);
      expect(httpsEngine({ accessTokenCookieName: "__Host-at" }).ctx.config.session.accessTokenCookieName).toBe("__Host-at");
      expect(() => createTestEngine({ session: { cookiePrefixes: true } })).toThrow(/cookiePrefixes/);
    });
  });
});
