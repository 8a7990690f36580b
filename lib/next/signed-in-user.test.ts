import { afterAll, describe, expect, it, vi } from "vitest";
import { createNewSession } from "../auth/session/session";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";
import { ADMIN_ROLE } from "../http/admin-auth";

/** next/headers stands in for the page request: the session travels in its Cookie header. */
const incoming = { cookie: "" };
vi.mock("next/headers", () => ({
  headers: async () => new Headers(incoming.cookie ? { cookie: incoming.cookie } : {}),
  cookies: async () => ({ get: () => undefined }),
}));

const { getSignedInUser } = await import("./signed-in-user");

describe("getSignedInUser (the app shell's header)", () => {
  const { ctx, stores } = createTestEngine({ mfa: {} });
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));

  /** A user with an authenticator set up, an admin, the owner of an organization. */
  async function member(userId: string) {
    const now = ctx.now();
    await stores.users.createEmailPasswordUser({ id: userId, email: `${userId}@example.com`, passwordHash: "h", timeJoined: now });
    const organization = { id: `org-${userId}`, name: "Acme Confidential", loginMethods: null, createdAt: now };
    expect(await stores.organizations.createOrganization({ organization, ownerUserId: userId })).toMatchObject({ status: "OK" });
    await stores.roles.createRoleOrAddPermissions(ADMIN_ROLE, []);
    expect(await stores.roles.addRoleToUser(userId, ADMIN_ROLE)).toMatchObject({ status: "OK" });
    const device = { id: `device-${userId}`, userId, name: "Phone", sealedSecret: "sealed", period: 30, skew: 1, verified: true };
    expect(await stores.mfa.createTotpDevice({ ...device, lastUsedStep: null, createdAt: now })).toEqual({ status: "OK" });
  }

  async function signIn(userId: string, completedFactors: Record<string, number>) {
    incoming.cookie = `sAccessToken=${(await createNewSession(ctx, { userId, completedFactors })).accessToken}`;
  }

  it("shows the organizations and the admin link once the second factor is done", async () => {
    await member("user-mfa-done");
    const now = Math.floor(ctx.now().getTime() / 1000);
    await signIn("user-mfa-done", { emailpassword: now, totp: now });
    expect(await getSignedInUser()).toMatchObject({
      status: "SIGNED_IN",
      isAdmin: true,
      organizations: [{ id: "org-user-mfa-done", name: "Acme Confidential" }],
    });
  });

  it("shows neither to a session without its second factor: a password alone reads nothing of the account", async () => {
    await member("user-mfa-pending");
    await signIn("user-mfa-pending", { emailpassword: Math.floor(ctx.now().getTime() / 1000) });
    const visitor = await getSignedInUser();
    expect(visitor).toMatchObject({ status: "SIGNED_IN", isAdmin: false, organizations: [], activeOrganizationId: null });
  });
});
