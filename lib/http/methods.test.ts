// Method handling of the auth API. Next implements HEAD on a route file by calling its GET
// export with the method left as HEAD, and answers OPTIONS itself (204, with one Allow for every
// path) unless the file exports OPTIONS: both reach the route table only as this file drives it.
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { handleAuthRequest } from "./routes";
import { ORIGIN } from "./testing/client";

const { ctx } = createTestEngine();
const send = (method: string, path: string) =>
  handleAuthRequest(ctx, new Request(`${ORIGIN}/api/auth${path}`, { method, headers: { origin: ORIGIN } }));

describe("HEAD", () => {
  for (const path of ["/jwt/jwks.json", "/loginmethods", "/emailpassword/email/exists?email=head%40example.com"]) {
    it(`HEAD ${path} answers as GET does, without a body`, async () => {
      const get = await send("GET", path);
      const head = await send("HEAD", path);
      expect(get.status).toBe(200);
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
      expect(head.headers.get("cache-control")).toBe(get.headers.get("cache-control"));
      expect(await head.text()).toBe("");
    });
  }

  it("HEAD on a POST-only endpoint is 405, and its Allow names POST alone", async () => {
    const response = await send("HEAD", "/signin");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("a 405 on a GET endpoint names HEAD in its Allow", async () => {
    const response = await send("POST", "/jwt/jwks.json");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("OPTIONS", () => {
  it("a known path: 204 with that path's own methods, and no CORS approval", async () => {
    const signIn = await send("OPTIONS", "/signin");
    expect(signIn.status).toBe(204);
    expect(signIn.headers.get("allow")).toBe("POST, OPTIONS");
    expect(signIn.headers.get("access-control-allow-origin")).toBeNull();
    expect(signIn.headers.get("cache-control")).toBe("no-store");
    const verify = await send("OPTIONS", "/user/email/verify");
    expect(verify.headers.get("allow")).toBe("POST, GET, HEAD, OPTIONS");
  });

  it("an unknown path is 404, as for every other method", async () => {
    expect((await send("OPTIONS", "/nope")).status).toBe(404);
  });
});
