import { describe, expect, it } from "vitest";
import { engine, levels, needsGold } from "../testing/claim-fixtures";
import { refreshSession } from "./refresh-session";
import { createNewSession } from "./session";
import { validateClaims } from "./validate-claims";

describe("session claims", () => {
  it("are read at sign-in and again at every refresh", async () => {
    const { ctx, clock } = engine();
    levels.set("u1", ["silver"]);
    const first = await createNewSession(ctx, { userId: "u1" });
    expect(first.accessTokenClaims["x-level"]).toEqual({ v: ["silver"], t: clock.now().getTime() });
    levels.set("u1", ["gold"]);
    clock.advanceSeconds(5);
    const refreshed = await refreshSession(ctx, { refreshToken: first.refreshToken });
    if (refreshed.status !== "OK") throw new Error("refresh failed");
    expect(refreshed.tokens.accessTokenClaims["x-level"]).toEqual({ v: ["gold"], t: clock.now().getTime() });
  });

  it("a deployer payload may not use an engine claim key", async () => {
    const { ctx } = engine();
    await expect(createNewSession(ctx, { userId: "u1", jwtPayload: { "x-level": { v: ["gold"] } } })).rejects.toMatchObject({
      code: "PROTECTED_CLAIM_IN_PAYLOAD",
    });
  });

  it("validates from the token, or from the database with checkDatabase", async () => {
    const { ctx } = engine();
    levels.set("u2", ["gold"]);
    const tokens = await createNewSession(ctx, { userId: "u2" });
    const session = { userId: "u2", accessTokenPayload: tokens.accessTokenClaims };
    expect(await validateClaims(ctx, session, [needsGold])).toEqual([]);
    levels.set("u2", []);
    expect(await validateClaims(ctx, session, [needsGold])).toEqual([]);
    expect(await validateClaims(ctx, session, [needsGold], { fromDatabase: true })).toEqual([
      { id: "x-level", reason: { message: "wrong value", includes: "gold", actualValue: [] } },
    ]);
  });
});

describe("role claims follow the config", () => {
  it("are in the token by default and left out when switched off", async () => {
    const { createTestEngine } = await import("../testing/test-engine");
    const on = createTestEngine();
    await on.ctx.stores.roles.createRoleOrAddPermissions("admin", ["x"]);
    await on.ctx.stores.roles.addRoleToUser("u1", "admin");
    const withRoles = await createNewSession(on.ctx, { userId: "u1" });
    expect(withRoles.accessTokenClaims["st-role"]).toMatchObject({ v: ["admin"] });
    expect(withRoles.accessTokenClaims["st-perm"]).toMatchObject({ v: ["x"] });
    const off = createTestEngine({ userRoles: { addRolesToSession: false, addPermissionsToSession: false } });
    const without = await createNewSession(off.ctx, { userId: "u1" });
    expect(without.accessTokenClaims).not.toHaveProperty("st-role");
    expect(without.accessTokenClaims).not.toHaveProperty("st-perm");
  });
});
