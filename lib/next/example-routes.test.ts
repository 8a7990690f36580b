import { afterAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/me/route";
import { GET as getSessionData } from "@/app/api/me/session-data/route";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";
import { createAuthClient, credentials, ORIGIN } from "../http/testing/client";

/** The example app's route handlers, wired to an in-memory engine through the composition root. */
describe("example routes /api/me and /api/me/session-data", () => {
  const { ctx, clock } = createTestEngine({
    setJwtPayload: () => ({ role: "admin" }),
    setSessionData: () => ({ secret: 1 }),
  });
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));

  const call = (handler: (r: Request, c: unknown) => Promise<Response>, cookie: string) =>
    handler(new Request(`${ORIGIN}/api/me`, { headers: { cookie } }), {});

  it("setJwtPayload reaches the access token; setSessionData only /api/me/session-data", async () => {
    const client = createAuthClient(ctx);
    const signUp = await client.send("POST", "/api/auth/signup", { body: credentials("data@example.com", "fixture-pw-1") });
    const accessToken = client.jar.get("sAccessToken")!.value;
    const claims = JSON.parse(Buffer.from(accessToken.split(".")[1], "base64url").toString());
    expect(claims.role).toBe("admin");
    const cookie = `sAccessToken=${accessToken}`;

    const me = await call(getMe, cookie);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ accessTokenPayload: { role: "admin" } });

    const data = await call(getSessionData, cookie);
    expect(data.status).toBe(200);
    expect((await data.json()).sessionData).toEqual({ secret: 1 });

    const exposed = [...signUp.headers.entries(), ...me.headers.entries()].map(([k, v]) => `${k}: ${v}`).join("\n");
    expect(exposed).not.toContain("secret");
    expect(Buffer.from(signUp.headers.get("front-token")!, "base64").toString()).not.toContain("secret");
  });

  it("answers the FDI 401s: try refresh token when expired, unauthorised without a token", async () => {
    const client = createAuthClient(ctx);
    await client.send("POST", "/api/auth/signup", { body: credentials("expiry@example.com", "fixture-pw-1") });
    const cookie = `sAccessToken=${client.jar.get("sAccessToken")!.value}`;
    clock.advanceSeconds(3600);
    const expired = await call(getMe, cookie);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ message: "try refresh token" });
    const none = await call(getMe, "");
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ message: "unauthorised" });
  });
});
