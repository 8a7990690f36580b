import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeFrontToken } from "../../auth/session/front-token";
import { verifyRequestSession } from "../verify-request";
import type { MakeEngine } from "./auth-flows";
import { createAuthClient, credentials } from "./client";

/** Roles over HTTP: the admin API, roles in the session, checks in route handlers. */
export function describeRoleFlows(name: string, makeEngine: MakeEngine): void {
  const mail = () => `r-${randomUUID().slice(0, 8)}@example.com`;

  async function setup() {
    const made = await makeEngine({});
    const { ctx } = made;
    await ctx.stores.roles.createRoleOrAddPermissions("admin", ["users:write"]);
    const admin = createAuthClient(ctx);
    const adminUp = await (await admin.send("POST", "/api/auth/signup", { body: credentials(mail(), "fixture-pw-1") })).json();
    await ctx.stores.roles.addRoleToUser(adminUp.user.id, "admin");
    await admin.send("POST", "/api/auth/session/refresh"); // the role reaches the token
    const member = createAuthClient(ctx);
    const memberUp = await (await member.send("POST", "/api/auth/signup", { body: credentials(mail(), "fixture-pw-1") })).json();
    return { ...made, admin, member, memberId: memberUp.user.id as string };
  }

  describe(name, () => {
    it("an admin manages roles and grants; the member's session carries them after a refresh", async () => {
      const { admin, member, memberId } = await setup();
      const editor = `editor-${randomUUID().slice(0, 6)}`;
      const put = await admin.send("PUT", `/api/auth/admin/roles/${editor}`, { body: { permissions: ["posts:write", "posts:read"] } });
      expect(await put.json()).toEqual({ status: "OK", createdNewRole: true });
      const grant = await admin.send("PUT", `/api/auth/admin/users/${memberId}/roles/${editor}`);
      expect(await grant.json()).toEqual({ status: "OK", didUserAlreadyHaveRole: false });
      expect(await (await admin.send("GET", `/api/auth/admin/users/${memberId}/roles`)).json()).toEqual({
        status: "OK",
        roles: [editor],
        permissions: ["posts:read", "posts:write"],
      });
      const refreshed = await member.send("POST", "/api/auth/session/refresh");
      const up = decodeFrontToken(refreshed.headers.get("front-token")!).up;
      expect(up["st-role"]).toMatchObject({ v: [editor] });
      expect(up["st-perm"]).toMatchObject({ v: ["posts:read", "posts:write"] });
      const users = await (await admin.send("GET", `/api/auth/admin/roles/${editor}/users?limit=10`)).json();
      expect(users).toEqual({ status: "OK", users: [memberId] });
      const removePerm = await admin.send("POST", `/api/auth/admin/roles/${editor}/permissions/remove`, { body: { permissions: ["posts:write"] } });
      expect(removePerm.status).toBe(200);
      expect(await (await admin.send("DELETE", `/api/auth/admin/users/${memberId}/roles/${editor}`)).json()).toEqual({
        status: "OK",
        didUserHaveRole: true,
      });
      expect(await (await admin.send("DELETE", `/api/auth/admin/roles/${editor}`)).json()).toEqual({ status: "OK", didRoleExist: true });
      expect((await admin.send("GET", "/api/auth/admin/roles")).status).toBe(200);
    });

    it("non-admins get 403 invalid claim; no session gets 401; bad input 400; unknown things 404", async () => {
      const { admin, member, memberId, ctx } = await setup();
      const denied = await member.send("GET", "/api/auth/admin/roles");
      expect(denied.status).toBe(403);
      expect(await denied.json()).toMatchObject({
        message: "invalid claim",
        claimValidationErrors: [{ id: "st-role", reason: { expectedToInclude: "admin" } }],
      });
      expect((await createAuthClient(ctx).send("GET", "/api/auth/admin/roles")).status).toBe(401);
      expect((await admin.send("PUT", "/api/auth/admin/roles/x", { body: { permissions: "nope" } })).status).toBe(400);
      expect((await admin.send("PUT", "/api/auth/admin/roles/%20padded%20", { body: { permissions: [] } })).status).toBe(400);
      expect((await admin.send("PUT", "/api/auth/admin/roles/%E0%A4%A", { body: { permissions: [] } })).status).toBe(400);
      expect((await admin.send("GET", "/api/auth/admin/roles/x/users?limit=0")).status).toBe(400);
      expect((await admin.send("PUT", `/api/auth/admin/users/${memberId}/roles/no-such-role`)).status).toBe(404);
      expect((await admin.send("PUT", `/api/auth/admin/users/${randomUUID()}/roles/admin`)).status).toBe(404);
      expect((await admin.send("GET", "/api/auth/admin/roles/no-such-role/users")).status).toBe(404);
    });

    it("a removed role closes checkDatabase routes at once, token-only routes at the next refresh", async () => {
      const { ctx, admin, member, memberId } = await setup();
      await admin.send("PUT", "/api/auth/admin/roles/beta", { body: { permissions: ["beta:use"] } });
      await admin.send("PUT", `/api/auth/admin/users/${memberId}/roles/beta`);
      await member.send("POST", "/api/auth/session/refresh");
      const request = () =>
        new Request("http://localhost:3000/api/beta", { headers: { cookie: `sAccessToken=${member.jar.get("sAccessToken")!.value}` } });
      expect((await verifyRequestSession(ctx, request(), { roles: ["beta"] })).ok).toBe(true);
      expect((await verifyRequestSession(ctx, request(), { permissions: ["beta:use"], checkDatabase: true })).ok).toBe(true);
      await admin.send("DELETE", `/api/auth/admin/users/${memberId}/roles/beta`);
      expect((await verifyRequestSession(ctx, request(), { roles: ["beta"] })).ok).toBe(true);
      expect((await verifyRequestSession(ctx, request(), { roles: ["beta"], checkDatabase: true })).ok).toBe(false);
      await member.send("POST", "/api/auth/session/refresh");
      expect((await verifyRequestSession(ctx, request(), { roles: ["beta"] })).ok).toBe(false);
    });
  });
}
