import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";
import { NO_CONTENT_POLICY } from "../security-headers.mjs";
import { routeBasePaths } from "./base-paths";
import { createSessionProxy } from "./proxy";

const defaults = { apiBasePath: "/api/auth", websiteBasePath: "/auth" };
const custom = { apiBasePath: "/api/identity", websiteBasePath: "/login" };

describe("routeBasePaths", () => {
  it.each(["/auth", "/auth/reset-password", "/api/auth/signin", "/", "/dashboard", "/authx", "/login"])(
    "with the default paths, %s passes untouched",
    (path) => expect(routeBasePaths(path, defaults)).toEqual({ kind: "pass" }),
  );

  it.each([
    ["/login", "/auth"],
    ["/login/reset-password", "/auth/reset-password"],
    ["/login/callback/oidc-test", "/auth/callback/oidc-test"],
    ["/api/identity/signin", "/api/auth/signin"],
    ["/api/identity/session/refresh", "/api/auth/session/refresh"],
    ["/api/identity/admin/roles/a%2Fb", "/api/auth/admin/roles/a%2Fb"],
  ])("with custom paths, %s is served by %s", (path, physical) => {
    expect(routeBasePaths(path, custom)).toMatchObject({ kind: "rewrite", pathname: physical });
  });

  it.each([
    ["/auth", false],
    ["/auth/reset-password", false],
    ["/%61uth/refresh", false],
    ["/api/auth/signin", true],
    ["/api/auth/session/refresh", true],
  ])("with custom paths, the old %s answers 404 (api: %s)", (path, api) => {
    expect(routeBasePaths(path, custom)).toEqual({ kind: "not-found", api });
  });

  it.each(["/", "/authx", "/loginx", "/api/identityx", "/api/me", "/dashboard"])("with custom paths, %s passes untouched", (path) => {
    expect(routeBasePaths(path, custom)).toEqual({ kind: "pass" });
  });

  it("matches a percent-encoded custom path as the router would", () => {
    expect(routeBasePaths("/%6Cogin/reset-password", custom)).toMatchObject({ kind: "rewrite", pathname: "/auth/reset-password" });
  });

  it("checks the configured paths first, so they may sit inside or swap with the physical ones", () => {
    const nested = { apiBasePath: "/api/auth", websiteBasePath: "/auth/login" };
    expect(routeBasePaths("/auth/login/refresh", nested)).toMatchObject({ kind: "rewrite", pathname: "/auth/refresh" });
    expect(routeBasePaths("/auth/refresh", nested)).toEqual({ kind: "not-found", api: false });
    const swapped = { apiBasePath: "/auth", websiteBasePath: "/sign-in" };
    expect(routeBasePaths("/auth/signin", swapped)).toMatchObject({ kind: "rewrite", pathname: "/api/auth/signin" });
  });
});

describe("the session proxy with custom base paths", () => {
  const { ctx } = createTestEngine(custom);
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));
  const run = createSessionProxy({ protectedPathPrefixes: ["/examples/protected"] });
  const get = (path: string) => run(new NextRequest(`http://localhost:3000${path}`));
  const rewrittenTo = (response: Response) => {
    const url = new URL(response.headers.get("x-middleware-rewrite")!);
    return `${url.pathname}${url.search}`;
  };

  it("serves the custom paths from app/auth and app/api/auth, keeping the query", async () => {
    expect(rewrittenTo(await get("/login?show=signup&redirectToPath=%2Fdashboard"))).toBe("/auth?show=signup&redirectToPath=%2Fdashboard");
    expect(rewrittenTo(await get("/api/identity/session/refresh"))).toBe("/api/auth/session/refresh");
  });

  it("keeps emailed tokens out of the Referer on the reset and verify pages", async () => {
    expect((await get("/login/reset-password?token=x")).headers.get("referrer-policy")).toBe("no-referrer");
    expect((await get("/login/verify-email?token=x")).headers.get("referrer-policy")).toBe("no-referrer");
    // The sign-in page too, since its redirectToPath can name a token page (no-referrer-pages.test.ts);
    // a page that is none of these keeps the site-wide policy.
    expect((await get("/login/no-such-page")).headers.get("referrer-policy")).toBeNull();
    expect((await get("/dashboard")).headers.get("referrer-policy")).toBeNull();
  });

  it("answers 404 on the default paths: a page for the UI, JSON for the API", async () => {
    const page = await get("/auth/reset-password");
    expect(page.status).toBe(404);
    expect(rewrittenTo(page)).toBe("/_gatehouse/not-found");
    const api = await get("/api/auth/signin");
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ message: "not found" });
  });

  it("still redirects a protected page to the custom sign-in path", async () => {
    const response = await get("/examples/protected");
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location")!).pathname).toBe("/login");
  });
});

describe("the Content-Security-Policy with custom base paths", () => {
  const policyOf = (response: Response) => response.headers.get("content-security-policy") ?? "";
  const nonced = (response: Response) =>
    /script-src 'nonce-/.test(policyOf(response)) && response.headers.get("x-middleware-request-content-security-policy") === policyOf(response);

  it("the custom API path is a route handler's (no nonce, the request untouched); the custom UI path a page's", async () => {
    const { ctx } = createTestEngine(custom);
    setGatehouse(ctx);
    try {
      const run = createSessionProxy({ protectedPathPrefixes: [] });
      const api = await run(new NextRequest("http://localhost:3000/api/identity/session/refresh"));
      expect(policyOf(api)).toBe(NO_CONTENT_POLICY);
      expect(api.headers.get("x-middleware-override-headers")).toBeNull();
      expect(nonced(await run(new NextRequest("http://localhost:3000/login/reset-password")))).toBe(true);
    } finally {
      setGatehouse(undefined);
    }
  });

  it("pages under /api (a websiteBasePath there) keep their nonce; an apiBasePath outside /api is a route handler's", async () => {
    const { ctx } = createTestEngine({ apiBasePath: "/identity", websiteBasePath: "/api/login" });
    setGatehouse(ctx);
    try {
      const run = createSessionProxy({ protectedPathPrefixes: [] });
      expect(nonced(await run(new NextRequest("http://localhost:3000/api/login?show=signup")))).toBe(true);
      expect(policyOf(await run(new NextRequest("http://localhost:3000/identity/signin")))).toBe(NO_CONTENT_POLICY);
      expect(policyOf(await run(new NextRequest("http://localhost:3000/api/me")))).toBe(NO_CONTENT_POLICY);
    } finally {
      setGatehouse(undefined);
    }
  });
});
