import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createNewSession } from "../auth/session/session";
import { accessTokenWithEmailVerified } from "../auth/testing/email-verified-session";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";

/**
 * next/headers stands in for the request of a server action: `cookies()` and `headers()` read
 * what each test puts here. next/navigation's `redirect()` is the real one (it throws).
 */
const incoming = { cookie: "", headers: new Headers() };
vi.mock("next/headers", () => ({
  cookies: async () => {
    const jar = new Map(
      incoming.cookie
        .split("; ")
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)] as const),
    );
    return { get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) };
  },
  // The session is read from the raw Cookie header (lib/http/cookies.ts), so it travels there too.
  headers: async () => {
    const headers = new Headers(incoming.headers);
    if (incoming.cookie) headers.set("cookie", incoming.cookie);
    return headers;
  },
}));

const { getActionSession, requireActionSession } = await import("./server-action");

const APP_ORIGIN = "http://localhost:3000";

/** The URL inside the error `redirect()` throws (its digest is `NEXT_REDIRECT;<type>;<url>;<status>;`). */
async function redirectOf(promise: Promise<unknown>): Promise<string> {
  const error = (await promise.then(
    () => {
      throw new Error("expected a redirect");
    },
    (e: unknown) => e,
  )) as { digest?: string };
  expect(error.digest).toMatch(/^NEXT_REDIRECT;/);
  return error.digest!.split(";")[2];
}

describe("getActionSession / requireActionSession", () => {
  const { ctx, clock } = createTestEngine();
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));

  beforeEach(() => {
    incoming.cookie = "";
    incoming.headers = new Headers({ origin: APP_ORIGIN, "sec-fetch-site": "same-origin" });
  });

  async function signIn(userId: string) {
    incoming.cookie = `sAccessToken=${(await createNewSession(ctx, { userId })).accessToken}`;
  }

  it("returns the session for a same-origin action", async () => {
    await signIn("user-action-1");
    expect(await getActionSession()).toMatchObject({ status: "OK", session: { userId: "user-action-1" } });
    expect(await requireActionSession({ redirectToPath: "/x" })).toMatchObject({ userId: "user-action-1" });
  });

  it("is UNAUTHORISED without a session, TRY_REFRESH_TOKEN_ERROR once the token expired", async () => {
    expect(await getActionSession()).toEqual({ status: "UNAUTHORISED" });
    await signIn("user-action-2");
    clock.advanceSeconds(ctx.config.session.accessTokenTtlSeconds + 1);
    expect(await getActionSession()).toEqual({ status: "TRY_REFRESH_TOKEN_ERROR" });
  });

  it.each([
    ["another site", { origin: "https://evil.example" }],
    ["another scheme on the same host (Next compares hosts only)", { origin: "https://localhost:3000" }],
    ["a sibling origin on the same site", { origin: "http://admin.localhost:3000" }],
    ["an opaque origin", { origin: "null" }],
    ["no Origin, Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }],
    ["no Origin, Sec-Fetch-Site same-site", { "sec-fetch-site": "same-site" }],
  ])("refuses a valid session from %s", async (_label, headers) => {
    await signIn("user-action-3");
    incoming.headers = new Headers(headers);
    expect(await getActionSession()).toEqual({ status: "UNAUTHORISED" });
  });

  it("accepts no Origin when the browser says same-origin or sends neither header (old browsers)", async () => {
    await signIn("user-action-4");
    incoming.headers = new Headers({ "sec-fetch-site": "same-origin" });
    expect((await getActionSession()).status).toBe("OK");
    incoming.headers = new Headers();
    expect((await getActionSession()).status).toBe("OK");
  });

  it("requireActionSession redirects: to the refresh page when expired, to sign-in without a session or cross-origin", async () => {
    expect(await redirectOf(requireActionSession({ redirectToPath: "/examples/server-action" }))).toBe(
      "/auth?redirectToPath=%2Fexamples%2Fserver-action",
    );
    await signIn("user-action-5");
    incoming.headers = new Headers({ origin: "https://evil.example" });
    expect(await redirectOf(requireActionSession({ redirectToPath: "/a" }))).toBe("/auth?redirectToPath=%2Fa");
    incoming.headers = new Headers({ origin: APP_ORIGIN });
    clock.advanceSeconds(ctx.config.session.accessTokenTtlSeconds + 1);
    expect(await redirectOf(requireActionSession({ redirectToPath: "/a?b=1" }))).toBe("/auth/refresh?redirectToPath=%2Fa%3Fb%3D1");
  });
});

describe("getActionSession with antiCsrf NONE", () => {
  it("skips our Origin check (Next's own still applies)", async () => {
    const { ctx } = createTestEngine({ session: { antiCsrf: "NONE" } });
    setGatehouse(ctx);
    try {
      incoming.cookie = `sAccessToken=${(await createNewSession(ctx, { userId: "user-action-6" })).accessToken}`;
      incoming.headers = new Headers({ origin: "https://evil.example" });
      expect((await getActionSession()).status).toBe("OK");
    } finally {
      setGatehouse(undefined);
    }
  });
});

describe("getActionSession with trustedOrigins", () => {
  it("accepts a trusted origin, still refuses others", async () => {
    const { ctx } = createTestEngine({ trustedOrigins: ["https://admin.example.com"] });
    setGatehouse(ctx);
    try {
      incoming.cookie = `sAccessToken=${(await createNewSession(ctx, { userId: "user-action-7" })).accessToken}`;
      incoming.headers = new Headers({ origin: "https://admin.example.com" });
      expect((await getActionSession()).status).toBe("OK");
      incoming.headers = new Headers({ origin: "https://other.example.com" });
      expect((await getActionSession()).status).toBe("UNAUTHORISED");
    } finally {
      setGatehouse(undefined);
    }
  });
});

/**
 * The rules every other session read applies (withSession's 403, requireActionSession's
 * redirects): a session that has not completed its second factor, or whose email is unverified
 * in REQUIRED mode, is no session for an action. getActionSession answered OK to both, so an
 * action guarded by it ran on a stolen password alone.
 */
describe("getActionSession and the global claims (MFA, REQUIRED email verification)", () => {
  it("answers INVALID_CLAIM on st-mfa for a session without its second factor, OK once it has it", async () => {
    const { ctx, clock } = createTestEngine({ mfa: { requiredSecondaryFactors: ["totp"] } });
    setGatehouse(ctx);
    try {
      incoming.headers = new Headers({ origin: APP_ORIGIN });
      const firstFactorOnly = await createNewSession(ctx, { userId: "user-action-mfa", completedFactors: { emailpassword: 1 } });
      incoming.cookie = `sAccessToken=${firstFactorOnly.accessToken}`;
      expect(await getActionSession()).toMatchObject({ status: "INVALID_CLAIM", claimValidationErrors: [{ id: "st-mfa" }] });
      // requireActionSession still sends the browser to the MFA page.
      expect(await redirectOf(requireActionSession({ redirectToPath: "/a" }))).toMatch(/^\/auth\/mfa\?redirectToPath=%2Fa/);
      const both = await createNewSession(ctx, {
        userId: "user-action-mfa",
        completedFactors: { emailpassword: 1, totp: Math.floor(clock.now().getTime() / 1000) },
      });
      incoming.cookie = `sAccessToken=${both.accessToken}`;
      expect((await getActionSession()).status).toBe("OK");
    } finally {
      setGatehouse(undefined);
    }
  });

  it("answers INVALID_CLAIM on st-ev for an unverified email in REQUIRED mode, OK once verified", async () => {
    const { ctx } = createTestEngine({ emailVerification: { mode: "REQUIRED" } });
    setGatehouse(ctx);
    try {
      incoming.headers = new Headers({ origin: APP_ORIGIN });
      incoming.cookie = `sAccessToken=${(await accessTokenWithEmailVerified(ctx, false)).accessToken}`;
      expect(await getActionSession()).toMatchObject({ status: "INVALID_CLAIM", claimValidationErrors: [{ id: "st-ev" }] });
      expect(await redirectOf(requireActionSession({ redirectToPath: "/a" }))).toBe("/auth/verify-email?redirectToPath=%2Fa");
      incoming.cookie = `sAccessToken=${(await accessTokenWithEmailVerified(ctx, true)).accessToken}`;
      expect((await getActionSession()).status).toBe("OK");
    } finally {
      setGatehouse(undefined);
    }
  });
});
