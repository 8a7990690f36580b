import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { config as proxyConfig, PROTECTED_PATH_PREFIXES, proxy } from "@/proxy";
import { createNewSession } from "../auth/session/session";
import { accessTokenWithEmailVerified } from "../auth/testing/email-verified-session";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";
import { NO_CONTENT_POLICY } from "../security-headers.mjs";
import { createSessionProxy, isProtectedPath } from "./proxy";

describe("isProtectedPath", () => {
  const prefixes = ["/examples/protected", "/account/"];

  it.each(["/examples/protected", "/examples/protected/", "/examples/protected/a/b", "/account", "/account/x", "/examples/%70rotected"])(
    "%s is protected",
    (path) => expect(isProtectedPath(path, prefixes)).toBe(true),
  );

  it.each(["/", "/examples", "/examples/protectedx", "/examples/protected-not", "/accounts", "/auth", "/api/auth/signin", "/x/examples/protected"])(
    "%s is not",
    (path) => expect(isProtectedPath(path, prefixes)).toBe(false),
  );
});

describe("createSessionProxy's protectedPathPrefixes", () => {
  // A prefix that no request path can match protected nothing, silently: a name without its
  // leading "/", or a pattern in Next's matcher syntax, which these prefixes are not.
  it.each(["dashboard", "", "/dashboard/:path*", "/account/*", "/(admin)", "/admin?x", " /admin"])(
    "%j is refused at construction with CONFIG_INVALID, naming it",
    (prefix) => {
      expect(() => createSessionProxy({ protectedPathPrefixes: ["/ok", prefix] })).toThrow(
        expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining(JSON.stringify(prefix)) }),
      );
    },
  );

  it.each([["/dashboard"], ["/account/"], ["/examples/protected", "/a.b/c-d_e~f"]])("%j is taken", (...prefixes) => {
    expect(() => createSessionProxy({ protectedPathPrefixes: prefixes })).not.toThrow();
  });
});

describe("createSessionProxy", () => {
  const { ctx, clock } = createTestEngine();
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));
  const run = createSessionProxy({ protectedPathPrefixes: ["/examples/protected"] });

  const request = (path: string, init: { cookie?: string; method?: string } = {}) =>
    new NextRequest(`http://localhost:3000${path}`, {
      method: init.method ?? "GET",
      headers: init.cookie ? { cookie: init.cookie } : {},
    });
  const passes = (response: Response) => response.headers.get("x-middleware-next") === "1";
  const location = (response: Response) => {
    const url = new URL(response.headers.get("location")!);
    return `${url.pathname}${url.search}`;
  };
  async function cookieFor(userId: string) {
    return `sAccessToken=${(await createNewSession(ctx, { userId })).accessToken}`;
  }

  it("lets other paths through untouched, even without a session", async () => {
    for (const path of [
      "/",
      "/auth",
      "/auth/refresh?x=1",
      "/examples/protectedx",
      "/api/auth/signin",
      "/dashboard",
      "/examples/server-action",
      "/.well-known/jwks.json",
    ]) {
      expect(passes(await run(request(path))), path).toBe(true);
    }
  });

  it("lets a valid session through", async () => {
    const response = await run(request("/examples/protected/deep?x=1", { cookie: await cookieFor("user-proxy-1") }));
    expect(passes(response)).toBe(true);
  });

  it("redirects an anonymous page load to sign-in with the original path and query", async () => {
    const response = await run(request("/examples/protected/deep?x=1&y=a%20b"));
    expect(response.status).toBe(307);
    expect(location(response)).toBe(`/auth?redirectToPath=${encodeURIComponent("/examples/protected/deep?x=1&y=a%20b")}`);
  });

  it("treats a forged token as no session", async () => {
    const cookie = (await cookieFor("user-proxy-2")).replace(/\.[^.]+$/, ".c2lnbmF0dXJl");
    const response = await run(request("/examples/protected", { cookie }));
    expect(response.status).toBe(307);
    expect(location(response)).toBe("/auth?redirectToPath=%2Fexamples%2Fprotected");
  });

  it("sends an expired access token to the refresh page", async () => {
    const cookie = await cookieFor("user-proxy-3");
    clock.advanceSeconds(ctx.config.session.accessTokenTtlSeconds + 1);
    const response = await run(request("/examples/protected?tab=1", { cookie }));
    expect(response.status).toBe(307);
    expect(location(response)).toBe("/auth/refresh?redirectToPath=%2Fexamples%2Fprotected%3Ftab%3D1");
  });

  it("answers other methods with the FDI 401s instead of redirecting", async () => {
    const anonymous = await run(request("/examples/protected", { method: "POST" }));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: "unauthorised" });

    const cookie = await cookieFor("user-proxy-4");
    clock.advanceSeconds(ctx.config.session.accessTokenTtlSeconds + 1);
    const expired = await run(request("/examples/protected", { method: "POST", cookie }));
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ message: "try refresh token" });
  });

  it('a prefix covering the whole site ("/") gates every page but the built-in auth pages and API, which work without a session', async () => {
    // Gated, the sign-in page redirected to itself with its own address as the way back, again
    // and again, each time longer: nobody could sign in.
    const everything = createSessionProxy({ protectedPathPrefixes: ["/"] });
    for (const path of ["/auth", "/auth?show=signup", "/auth/refresh?redirectToPath=%2Fdashboard", "/auth/reset-password", "/api/auth/signin"]) {
      expect(passes(await everything(request(path))), path).toBe(true);
    }
    expect(passes(await everything(request("/api/auth/signin", { method: "POST" }))), "POST /api/auth/signin").toBe(true);
    for (const path of ["/", "/dashboard", "/authx", "/account/sessions"]) {
      const response = await everything(request(path));
      expect(response.status, path).toBe(307);
      expect(location(response), path).toBe(`/auth?redirectToPath=${encodeURIComponent(path)}`);
    }
  });

  it("an encoded slash does not pass for the auth pages: /auth%2Fx is one segment, which a root dynamic page (app/[slug]) renders", async () => {
    const everything = createSessionProxy({ protectedPathPrefixes: ["/"] });
    for (const path of ["/auth%2Fsecret", "/auth%2fsecret", "/api%2Fauth%2Fx", "/auth%5Csecret"]) {
      expect((await everything(request(path))).status, path).toBe(307);
    }
  });

  it("the app's proxy.ts protects /examples/protected", async () => {
    const response = await proxy(request("/examples/protected"));
    expect(response.status).toBe(307);
  });

  describe("Content-Security-Policy", () => {
    const policyOf = (response: Response) => response.headers.get("content-security-policy") ?? "";
    const scriptSrc = (csp: string) =>
      csp
        .split(";")
        .map((d) => d.trim())
        .find((d) => d.startsWith("script-src ")) ?? "";

    it("every answer (passed, redirected, refused) carries a page policy with its own fresh nonce and no inline script", async () => {
      const answers = [
        await run(request("/auth")),
        await run(request("/examples/protected")),
        await run(request("/examples/protected", { method: "POST" })),
        await run(request("/examples/protected", { cookie: await cookieFor("user-proxy-csp") })),
      ];
      const nonces = answers.map((response) => /^script-src 'nonce-([A-Za-z0-9+/=]{24})' 'strict-dynamic'/.exec(scriptSrc(policyOf(response)))?.[1]);
      expect(nonces.every(Boolean), answers.map(policyOf).join("\n")).toBe(true);
      expect(new Set(nonces).size).toBe(answers.length);
      for (const response of answers) expect(scriptSrc(policyOf(response))).not.toContain("'unsafe-inline'");
    });

    it("a route handler under /api gets the policy for non-pages, and its request goes on untouched", async () => {
      for (const path of ["/api/me", "/api/health", "/api", "/api/x/y?z=1", "/%61pi/me"]) {
        const response = await run(request(path));
        expect(passes(response), path).toBe(true);
        expect(policyOf(response), path).toBe(NO_CONTENT_POLICY);
        // No request headers forwarded: no nonce, and Next has no headers to copy over.
        expect(response.headers.get("x-middleware-override-headers"), path).toBeNull();
        expect(response.headers.get("x-middleware-request-content-security-policy"), path).toBeNull();
      }
      // A page path just beside it is still a page.
      expect(scriptSrc(policyOf(await run(request("/apis"))))).toMatch(/^script-src 'nonce-/);
    });

    it("a protected prefix under /api is still gated, with the policy for non-pages", async () => {
      const gated = createSessionProxy({ protectedPathPrefixes: ["/api/private"] });
      const anonymous = await gated(request("/api/private/report"));
      expect(anonymous.status).toBe(307);
      expect(policyOf(anonymous)).toBe(NO_CONTENT_POLICY);
      const signedIn = await gated(request("/api/private/report", { cookie: await cookieFor("user-proxy-api") }));
      expect(passes(signedIn)).toBe(true);
      expect(policyOf(signedIn)).toBe(NO_CONTENT_POLICY);
    });

    it("the page renders with the same policy (where Next finds the nonce), whatever the client sent in that header", async () => {
      const forged = new NextRequest("http://localhost:3000/auth", {
        headers: { "content-security-policy": "script-src 'nonce-chosen-by-the-client'" },
      });
      const response = await run(forged);
      expect(passes(response)).toBe(true);
      expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(policyOf(response));
    });
  });
});

/** The matcher in proxy.ts is a literal (Next reads it at build time): it must agree with the prefix list. */
describe("proxy.ts config.matcher", () => {
  const matches = (url: string) => unstable_doesMiddlewareMatch({ config: proxyConfig, url });

  it("covers every protected prefix and what lies below it", () => {
    for (const prefix of PROTECTED_PATH_PREFIXES) {
      expect(matches(prefix), prefix).toBe(true);
      expect(matches(`${prefix}/below?x=1`), `${prefix}/below`).toBe(true);
    }
  });

  // The hot paths never run the proxy: the default auth API and Next's static files.
  it.each(["/api/auth/signin", "/api/auth/session/refresh", "/api/auth", "/_next/static/chunks/main.js", "/_next/image?url=x", "/favicon.ico"])(
    "leaves %s alone",
    (url) => {
      expect(matches(url)).toBe(false);
    },
  );

  // Every other path runs it, since a custom websiteBasePath / apiBasePath (read at run time)
  // may be any of them; with the default paths the proxy lets them through untouched (above).
  it.each([
    "/",
    "/auth",
    "/auth/refresh?redirectToPath=%2Fexamples%2Fprotected",
    "/login/reset-password",
    "/api/identity/session/refresh",
    "/api/authx",
    "/api/me",
    "/dashboard",
    "/examples/server-action",
    "/favicon.icon",
  ])("runs on %s", (url) => {
    expect(matches(url)).toBe(true);
  });
});

describe("createSessionProxy in REQUIRED email-verification mode", () => {
  const { ctx } = createTestEngine({ emailVerification: { mode: "REQUIRED" } });
  const run = createSessionProxy({ protectedPathPrefixes: ["/examples/protected"] });
  const withCtx = async <T>(work: () => Promise<T>) => {
    setGatehouse(ctx);
    try {
      return await work();
    } finally {
      setGatehouse(undefined);
    }
  };
  const cookie = async (verified: boolean | undefined) => `sAccessToken=${(await accessTokenWithEmailVerified(ctx, verified)).accessToken}`;
  const request = (path: string, cookieHeader: string, method = "GET") =>
    new NextRequest(`http://localhost:3000${path}`, { method, headers: { cookie: cookieHeader } });

  it("sends an unverified user's page load to the verify-email page, back to the page afterwards", async () => {
    for (const state of [false, undefined]) {
      const response = await withCtx(async () => run(request("/examples/protected/deep?x=1", await cookie(state))));
      expect(response.status, String(state)).toBe(307);
      const url = new URL(response.headers.get("location")!);
      expect(`${url.pathname}${url.search}`).toBe(`/auth/verify-email?redirectToPath=${encodeURIComponent("/examples/protected/deep?x=1")}`);
    }
  });

  it("answers other methods with 403 invalid claim, and lets a verified user through", async () => {
    const refused = await withCtx(async () => run(request("/examples/protected", await cookie(false), "POST")));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ message: "invalid claim", claimValidationErrors: [{ id: "st-ev" }] });
    const passed = await withCtx(async () => run(request("/examples/protected", await cookie(true))));
    expect(passed.headers.get("x-middleware-next")).toBe("1");
  });
});
