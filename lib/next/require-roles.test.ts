/**
 * requireRoles, the server components' role gate (app/admin, app/examples/admin): a session
 * without every listed role or permission gets Next's forbidden(), whatever else it holds.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { createNewSession } from "../auth/session/session";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";

/** next/headers stands in for the page request: the session travels in its Cookie header. */
const incoming = { cookie: "" };
vi.mock("next/headers", () => ({
  headers: async () => new Headers(incoming.cookie ? { cookie: incoming.cookie } : {}),
  cookies: async () => ({ get: () => undefined }),
}));
/** forbidden() and redirect() end the render by throwing; here they throw something a test can name. */
vi.mock("next/navigation", () => ({
  forbidden: () => {
    throw new Error("FORBIDDEN");
  },
  redirect: (to: string) => {
    throw new Error(`REDIRECT ${to}`);
  },
}));

const { requireRoles } = await import("./require-roles");

describe("requireRoles", () => {
  const { ctx, stores } = createTestEngine({ userRoles: { addRolesToSession: true, addPermissionsToSession: true } });
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));

  async function signedIn(userId: string, roles: string[]) {
    await stores.users.createEmailPasswordUser({ id: userId, email: `${userId}@example.com`, passwordHash: "h", timeJoined: ctx.now() });
    for (const role of roles) {
      await stores.roles.createRoleOrAddPermissions(role, [`${role}:read`]);
      expect(await stores.roles.addRoleToUser(userId, role)).toMatchObject({ status: "OK" });
    }
    incoming.cookie = `sAccessToken=${(await createNewSession(ctx, { userId })).accessToken}`;
  }

  it("lets through a session holding every listed role and permission", async () => {
    await signedIn("u-admin", ["admin", "editor"]);
    await expect(requireRoles({ redirectToPath: "/admin", roles: ["admin", "editor"], permissions: ["admin:read"] })).resolves.toMatchObject({
      userId: "u-admin",
    });
  });

  it("answers forbidden() to a session missing one role or one permission", async () => {
    await signedIn("u-editor", ["editor"]);
    await expect(requireRoles({ redirectToPath: "/admin", roles: ["admin"] })).rejects.toThrow("FORBIDDEN");
    await expect(requireRoles({ redirectToPath: "/admin", roles: ["editor", "admin"] })).rejects.toThrow("FORBIDDEN");
    await expect(requireRoles({ redirectToPath: "/admin", permissions: ["admin:read"] })).rejects.toThrow("FORBIDDEN");
    await expect(requireRoles({ redirectToPath: "/admin", roles: ["editor"] })).resolves.toMatchObject({ userId: "u-editor" });
  });

  it("with checkDatabase, a role removed since the token was minted is refused at once", async () => {
    await signedIn("u-demoted", ["admin"]);
    expect(await stores.roles.removeRoleFromUser("u-demoted", "admin")).toMatchObject({ status: "OK", didUserHaveRole: true });
    // The token still says admin until its next refresh...
    await expect(requireRoles({ redirectToPath: "/admin", roles: ["admin"] })).resolves.toMatchObject({ userId: "u-demoted" });
    // ...the database no longer does.
    await expect(requireRoles({ redirectToPath: "/admin", roles: ["admin"], checkDatabase: true })).rejects.toThrow("FORBIDDEN");
  });

  it("sends a request without a session to sign in, not to the 403 page", async () => {
    incoming.cookie = "";
    await expect(requireRoles({ redirectToPath: "/admin", roles: ["admin"] })).rejects.toThrow(/^REDIRECT /);
  });
});
