import { afterAll, describe, expect, it, vi } from "vitest";
import { createNewSession } from "../auth/session/session";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";

// The request's cookie header, set by each test; Next's redirect() throws, as it does in a page.
let cookie = "";
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ cookie, "accept-language": "en" }),
  cookies: async () => ({ get: () => undefined }),
}));
class Redirected extends Error {
  constructor(readonly destination: string) {
    super(`redirect to ${destination}`);
  }
}
vi.mock("next/navigation", () => ({
  redirect: (destination: string) => {
    throw new Redirected(destination);
  },
}));

const { default: MfaPage } = await import("@/app/auth/mfa/page");

async function redirectOf(query: Record<string, string>): Promise<string> {
  try {
    await MfaPage({ searchParams: Promise.resolve(query) });
  } catch (error) {
    if (error instanceof Redirected) return error.destination;
    throw error;
  }
  throw new Error("the page rendered instead of redirecting");
}

/** /auth/mfa reached with an access token that has expired: the refresh page, then back. */
describe("/auth/mfa with an expired access token", () => {
  const { ctx, clock } = createTestEngine({ mfa: {} });
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));

  async function expiredSession() {
    const tokens = await createNewSession(ctx, { userId: `user-${Math.random().toString(36).slice(2)}` });
    cookie = `sAccessToken=${tokens.accessToken}`;
    clock.advanceSeconds(ctx.config.session.accessTokenTtlSeconds + 1);
  }

  it("comes back to the step-up it was opened for: the return path keeps stepUp", async () => {
    await expiredSession();
    const destination = new URL(await redirectOf({ redirectToPath: "/account", stepUp: "totp" }), "http://app.example");
    expect(destination.pathname).toBe("/auth/refresh");
    const back = new URL(destination.searchParams.get("redirectToPath")!, "http://app.example");
    expect(back.pathname).toBe("/auth/mfa");
    expect(Object.fromEntries(back.searchParams)).toEqual({ redirectToPath: "/account", stepUp: "totp" });
  });

  it("a sign-in's second factor comes back without a stepUp it never had", async () => {
    await expiredSession();
    const destination = new URL(await redirectOf({ redirectToPath: "/dashboard" }), "http://app.example");
    const back = new URL(destination.searchParams.get("redirectToPath")!, "http://app.example");
    expect(Object.fromEntries(back.searchParams)).toEqual({ redirectToPath: "/dashboard" });
  });
});
