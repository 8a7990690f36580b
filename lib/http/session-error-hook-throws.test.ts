import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

/**
 * A deployer's session error hook that throws (a bug in it): the session failure it was asked
 * about has happened already (a replayed refresh token has revoked the session), and the default
 * answer clears the tokens. Lost to a 500, the browser kept its cookies and met the same throwing
 * hook, and a 500, on every request; supertokens-web-js signs out only on 401.
 */
describe("a session error hook that throws", () => {
  it("leaves the default answer: 401 with the tokens cleared after a replayed refresh token", async () => {
    const onTokenTheftDetected = () => {
      throw new Error("hook bug");
    };
    const { ctx, clock } = createTestEngine({ onSessionError: { onTokenTheftDetected } });
    const client = createAuthClient(ctx);
    expect((await (await client.send("POST", "/api/auth/signup", { body: credentials("hook@example.com", "fixture-pw-1") })).json()).status).toBe(
      "OK",
    );
    const oldRefresh = client.jar.get("sRefreshToken")!.value;
    expect((await client.send("POST", "/api/auth/session/refresh")).status).toBe(200);
    clock.advanceSeconds(60);

    const replay = await createAuthClient(ctx).send("POST", "/api/auth/session/refresh", {
      headers: { cookie: `sRefreshToken=${oldRefresh}` },
      cookies: false,
    });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ message: "unauthorised" });
    expect(replay.headers.get("front-token")).toBe("remove");
    expect(replay.headers.getSetCookie().some((line) => line.startsWith("sRefreshToken=;"))).toBe(true);
  });

  it("leaves the default answer to a request without a session: 401 unauthorised", async () => {
    const onUnauthorised = async () => {
      throw new Error("hook bug");
    };
    const { ctx } = createTestEngine({ onSessionError: { onUnauthorised } });
    const response = await createAuthClient(ctx).send("GET", "/api/auth/user/sessions");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "unauthorised" });
  });
});
