import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { getAllSessionHandlesForUser, mergeIntoAccessTokenPayload } from "../auth/session/session-info";
import { createAuthClient, credentials } from "./testing/client";

/**
 * `userRoles.addRolesToSession` / `addPermissionsToSession: false` keep `st-role` / `st-perm` out
 * of the access token. docs/roles.md: a deployer payload may not use these keys, and the admin
 * API checks the `admin` role against the database on every call. With the claims switched off,
 * neither may fall back on whatever the token's payload says under those keys.
 */
describe("roles kept out of the session", () => {
  const off = { userRoles: { addRolesToSession: false, addPermissionsToSession: false } } as const;

  it("a deployer payload may still not set st-role or st-perm", async () => {
    const { ctx } = createTestEngine({ ...off, setJwtPayload: () => ({ "st-role": { v: ["admin"], t: 0 } }) });
    const client = createAuthClient(ctx);
    const up = await client.send("POST", "/api/auth/signup", { body: credentials("forged-role@example.com", "fixture-pw-1") });
    expect(up.status).toBe(500);
    // Believed, the forged claim opened the admin API to a user holding no role at all.
    expect((await client.send("GET", "/api/auth/admin/roles")).status).toBe(401);

    const plain = createTestEngine(off);
    const member = createAuthClient(plain.ctx);
    const memberUp = await (await member.send("POST", "/api/auth/signup", { body: credentials("member@example.com", "fixture-pw-1") })).json();
    const [handle] = await getAllSessionHandlesForUser(plain.ctx, memberUp.user.id);
    await expect(mergeIntoAccessTokenPayload(plain.ctx, handle, { "st-perm": { v: ["users:write"], t: 0 } })).rejects.toMatchObject({
      code: "PROTECTED_CLAIM_IN_PAYLOAD",
    });
  });

  it("the admin API reads the admin role from the database, never from the token's payload", async () => {
    const { ctx } = createTestEngine(off);
    await ctx.stores.roles.createRoleOrAddPermissions("admin", []);
    const admin = createAuthClient(ctx);
    const adminUp = await (await admin.send("POST", "/api/auth/signup", { body: credentials("admin@example.com", "fixture-pw-1") })).json();
    await ctx.stores.roles.addRoleToUser(adminUp.user.id, "admin");
    expect((await admin.send("GET", "/api/auth/admin/roles")).status).toBe(200);

    const member = createAuthClient(ctx);
    await member.send("POST", "/api/auth/signup", { body: credentials("plain@example.com", "fixture-pw-1") });
    expect((await member.send("GET", "/api/auth/admin/roles")).status).toBe(403);
    await ctx.stores.roles.removeRoleFromUser(adminUp.user.id, "admin");
    expect((await admin.send("GET", "/api/auth/admin/roles")).status).toBe(403);
  });
});
