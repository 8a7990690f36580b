import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { getAllSessionHandlesForUser } from "../auth/session/session-info";
import { createAuthClient, credentials } from "./testing/client";

/**
 * Sessions written by releases before `st-role`, `st-perm` and `st-ev` became protected payload
 * keys whatever the config (docs/roles.md). Then, with `addRolesToSession` /
 * `addPermissionsToSession` off, a deployer's setJwtPayload could put them in the session's
 * payload, and the row keeps them. Every refresh re-mints the row's payload: without a filter the
 * old keys went on into new tokens, where checks from the token alone read them as the user's
 * roles, though docs/roles.md says that, switched off, they find none.
 */
describe("a session row from before the built-in claim names were protected", () => {
  const off = { userRoles: { addRolesToSession: false, addPermissionsToSession: false } } as const;

  it("is refreshed without the old payload's st-role, st-perm and st-ev", async () => {
    const { ctx } = createTestEngine({ ...off, setJwtPayload: () => ({ plan: "pro" }) });
    const client = createAuthClient(ctx);
    const up = await (await client.send("POST", "/api/auth/signup", { body: credentials("older@example.com", "fixture-pw-1") })).json();
    const [handle] = await getAllSessionHandlesForUser(ctx, up.user.id);
    // What the older release stored: the deployer's keys beside the engine's own records.
    const row = (await ctx.stores.sessions.getSession(handle!))!;
    const older = { ...row.jwtPayload, "st-role": { v: ["admin"], t: 0 }, "st-perm": { v: ["users:write"], t: 0 }, "st-ev": { v: true, t: 0 } };
    expect(await ctx.stores.sessions.replaceJwtPayload(handle!, row.payloadVersion, older)).toBe(true);

    const refreshed = await client.send("POST", "/api/auth/session/refresh");
    expect(refreshed.status).toBe(200);
    const front = JSON.parse(Buffer.from(refreshed.headers.get("front-token")!, "base64").toString("utf8"));
    expect(front.up).toMatchObject({ plan: "pro" });
    expect(front.up).not.toHaveProperty("st-role");
    expect(front.up).not.toHaveProperty("st-perm");
    // The engine's own st-ev may be there (email verification is on here); the row's old one not.
    expect(front.up["st-ev"]).not.toEqual({ v: true, t: 0 });
  });
});
