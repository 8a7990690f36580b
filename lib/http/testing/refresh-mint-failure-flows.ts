import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { MakeEngine } from "./auth-flows";
import { createAuthClient, credentials } from "./client";

/**
 * A refresh whose new access token cannot be issued (docs/sessions.md, `maxAccessTokenBytes`: the
 * roles and permissions in the token make it too long) fails with CONFIG_INVALID, and that is
 * all: the refresh token the client still holds must keep working once the cause is gone, however
 * long that takes, rather than be taken for a stolen one the next time the client presents it.
 * On in-memory stores (refresh-mint-failure.test.ts) and each database (….db.test.ts).
 */
export function describeRefreshMintFailureFlows(name: string, makeEngine: MakeEngine): void {
  describe(name, () => {
    // The second: a session within one refresh lifetime of its absolute cap, which takes the read-first path.
    it.each([
      ["the one-statement path", {}],
      ["the read-first path", { absoluteSessionTtlSeconds: 30 * 24 * 3600 }],
    ])("leaves the presented refresh token live (%s): no theft alarm, no sign-out, when it is presented again later", async (_path, session) => {
      const { ctx, clock } = await makeEngine({ session: { maxAccessTokenBytes: 4096, ...session } });
      const role = `auditor-${randomUUID().slice(0, 8)}`;
      const permissions = Array.from({ length: 120 }, (_, i) => `reports:read:region-${String(i).padStart(3, "0")}`);
      await ctx.stores.roles.createRoleOrAddPermissions(role, permissions);
      const client = createAuthClient(ctx);
      const email = `many-perms-${randomUUID()}@example.com`;
      const up = await (await client.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") })).json();
      await ctx.stores.roles.addRoleToUser(up.user.id, role);

      const failed = await client.send("POST", "/api/auth/session/refresh");
      expect(failed.status).toBe(500);
      expect(await failed.json()).toMatchObject({ code: "CONFIG_INVALID" });
      // A retry inside the grace window meets the same error, and no more.
      clock.advanceSeconds(1);
      expect((await client.send("POST", "/api/auth/session/refresh")).status).toBe(500);

      // The operator takes the role away (or raises the limit); the user comes back after a while.
      await ctx.stores.roles.removeRoleFromUser(up.user.id, role);
      clock.advanceSeconds(ctx.config.session.refreshGraceSeconds + 60);
      const later = await client.send("POST", "/api/auth/session/refresh");
      expect(later.status).toBe(200);
      expect((await client.send("GET", "/api/auth/user/sessions")).status).toBe(200);
    });
  });
}
