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
  notFound: () => {
    throw new Error("not found");
  },
}));

const { default: AdminOrganizationsPage } = await import("@/app/admin/organizations/page");

async function redirectOf(query: Record<string, string>): Promise<string> {
  try {
    await AdminOrganizationsPage({ searchParams: Promise.resolve(query) });
  } catch (error) {
    if (error instanceof Redirected) return error.destination;
    throw error;
  }
  throw new Error("the page rendered instead of redirecting");
}

/** /admin/organizations reached with an access token that has expired: the refresh page, then back. */
describe("/admin/organizations with an expired access token", () => {
  const { ctx, clock } = createTestEngine();
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));

  async function expiredSession() {
    const tokens = await createNewSession(ctx, { userId: `admin-${Math.random().toString(36).slice(2)}` });
    cookie = `sAccessToken=${tokens.accessToken}`;
    clock.advanceSeconds(ctx.config.session.accessTokenTtlSeconds + 1);
  }

  it("comes back to the page of organizations it was opened on: the return path keeps after", async () => {
    await expiredSession();
    const destination = new URL(await redirectOf({ after: "acme" }), "http://app.example");
    expect(destination.pathname).toBe("/auth/refresh");
    const back = new URL(destination.searchParams.get("redirectToPath")!, "http://app.example");
    expect(back.pathname).toBe("/admin/organizations");
    expect(Object.fromEntries(back.searchParams)).toEqual({ after: "acme" });
  });

  it("the first page comes back as the first page", async () => {
    await expiredSession();
    const destination = new URL(await redirectOf({}), "http://app.example");
    expect(destination.searchParams.get("redirectToPath")).toBe("/admin/organizations");
  });
});
