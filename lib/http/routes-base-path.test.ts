import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

const cookiePath = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .find((line) => line.startsWith(`${name}=`))
    ?.split("; ")
    .find((attr) => attr.startsWith("Path="))
    ?.slice("Path=".length);

describe("the auth API under a custom apiBasePath", () => {
  const { ctx } = createTestEngine({ apiBasePath: "/api/identity/", websiteBasePath: "/login" });

  it("answers relative to the configured path and scopes the refresh cookie to it", async () => {
    const client = createAuthClient(ctx);
    const up = await client.send("POST", "/api/identity/signup", { body: credentials("base-path@example.com", "fixture-pw-1") });
    expect(up.status).toBe(200);
    expect(cookiePath(up, "sRefreshToken")).toBe("/api/identity/session/refresh");
    expect(cookiePath(up, "sAccessToken")).toBe("/");

    const refreshed = await client.send("POST", "/api/identity/session/refresh");
    expect(refreshed.status).toBe(200);
    expect(cookiePath(refreshed, "sRefreshToken")).toBe("/api/identity/session/refresh");

    const out = await client.send("POST", "/api/identity/signout");
    expect(out.status).toBe(200);
    expect(cookiePath(out, "sRefreshToken")).toBe("/api/identity/session/refresh");
  });

  it("refuses the default path and look-alikes with a JSON 404", async () => {
    const client = createAuthClient(ctx);
    for (const path of ["/api/auth/signup", "/api/identityx/signup", "/api/signup"]) {
      const response = await client.send("POST", path, { body: credentials("nobody@example.com", "fixture-pw-1") });
      expect(response.status, path).toBe(404);
      expect(await response.json(), path).toEqual({ message: "not found" });
    }
  });

  it("issues tokens whose issuer names the configured API", async () => {
    const client = createAuthClient(ctx);
    await client.send("POST", "/api/identity/signup", { body: credentials("issuer@example.com", "fixture-pw-1") });
    const accessToken = client.jar.get("sAccessToken")!.value;
    const payload = JSON.parse(Buffer.from(accessToken.split(".")[1], "base64url").toString("utf8"));
    expect(payload.iss).toBe("http://localhost:3000/api/identity");
    expect((await client.send("GET", "/api/identity/jwt/jwks.json")).status).toBe(200);
  });
});
