// A tossed refresh cookie: the refresh cookie's Path is its endpoint, so it can carry `__Secure-`
// but not `__Host-`, and a sibling sub-domain on https may set a `__Secure-` cookie for the parent
// domain. Planted in a signed-out browser, the attacker's own refresh token would sign the victim
// into the attacker's account (login CSRF: what the victim then types lands there). With the
// `__Host-` access cookie, which no one else can set, a cookie refresh must come with the access
// cookie of the same session.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { EngineContext } from "../auth/context";
import { createTestEngine } from "../auth/testing/test-engine";
import { handleAuthRequest } from "./routes";
import { credentials } from "./testing/client";

const APP = "https://app.example.com";
const ACCESS = "__Host-sAccessToken";
const REFRESH = "__Secure-sRefreshToken";

/** The value a Set-Cookie line of the response sets for `name` (host-only), if any. */
function cookieValue(response: Response, name: string): string | undefined {
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`) && !c.includes("Domain="));
  return line?.split(";")[0]!.slice(name.length + 1) || undefined;
}

function signUpResponse(ctx: EngineContext) {
  return handleAuthRequest(
    ctx,
    new Request(`${APP}/api/auth/signup`, {
      method: "POST",
      headers: { origin: APP, rid: "emailpassword", "content-type": "application/json" },
      body: JSON.stringify(credentials(`tossed-${randomUUID().slice(0, 8)}@example.com`, "fixture-pw-1")),
    }),
  );
}

async function signUp(ctx: EngineContext) {
  const response = await signUpResponse(ctx);
  expect(response.status).toBe(200);
  return { access: cookieValue(response, ACCESS)!, refresh: cookieValue(response, REFRESH)! };
}

function refresh(ctx: EngineContext, headers: Record<string, string>) {
  return handleAuthRequest(
    ctx,
    new Request(`${APP}/api/auth/session/refresh`, { method: "POST", headers: { origin: APP, rid: "session", ...headers } }),
  );
}

describe("a refresh cookie tossed onto the parent domain (https, __Host- access cookie)", () => {
  it("a signed-out browser holding only the attacker's refresh cookie is not signed into the attacker's session", async () => {
    const { ctx } = createTestEngine({ appOrigin: APP });
    const attacker = await signUp(ctx);
    const response = await refresh(ctx, { cookie: `${REFRESH}=${attacker.refresh}` });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "unauthorised" });
    expect(cookieValue(response, ACCESS)).toBeUndefined();
    expect(response.headers.get("front-token")).toBe("remove");
    // The planted copy lives on the parent domain: it is expired there, at the refresh path.
    const onParent = response.headers.getSetCookie().filter((c) => c.includes("Domain=example.com"));
    expect(onParent.some((c) => c.startsWith(`${REFRESH}=;`) && c.includes("Path=/api/auth/session/refresh;"))).toBe(true);
    // Nothing was spent: the attacker's own browser still refreshes (no theft detected).
    expect((await refresh(ctx, { cookie: `${ACCESS}=${attacker.access}; ${REFRESH}=${attacker.refresh}` })).status).toBe(200);
  });

  it("nor one whose access cookie is of another session (its own, since ended)", async () => {
    const { ctx } = createTestEngine({ appOrigin: APP });
    const victim = await signUp(ctx);
    const attacker = await signUp(ctx);
    const response = await refresh(ctx, { cookie: `${ACCESS}=${victim.access}; ${REFRESH}=${attacker.refresh}` });
    expect(response.status).toBe(401);
    expect(cookieValue(response, ACCESS)).toBeUndefined();
  });

  it("nor one whose access cookie is not a token", async () => {
    const { ctx } = createTestEngine({ appOrigin: APP });
    const attacker = await signUp(ctx);
    const [header, , signature] = attacker.access.split(".");
    // The last: a token shape whose payload ({}) names no session.
    for (const access of ["x", "a.b.c", `${header}.e30.${signature}`]) {
      expect((await refresh(ctx, { cookie: `${ACCESS}=${access}; ${REFRESH}=${attacker.refresh}` })).status).toBe(401);
    }
  });

  it("the owner's own pair refreshes, also once the access token has expired", async () => {
    const { ctx, clock } = createTestEngine({ appOrigin: APP });
    const user = await signUp(ctx);
    clock.advanceSeconds(ctx.config.session.accessTokenTtlSeconds + 60);
    const response = await refresh(ctx, { cookie: `${ACCESS}=${user.access}; ${REFRESH}=${user.refresh}` });
    expect(response.status).toBe(200);
    expect(cookieValue(response, ACCESS)).toMatch(/^ey/);
    expect(cookieValue(response, REFRESH)).toBeTruthy();
  });

  it("a refresh token in the Authorization header (header mode) needs no access cookie", async () => {
    const { ctx } = createTestEngine({ appOrigin: APP });
    const user = await signUp(ctx);
    const response = await refresh(ctx, { authorization: `Bearer ${user.refresh}`, "st-auth-mode": "header" });
    expect(response.status).toBe(200);
    expect(response.headers.get("st-access-token")).toMatch(/^ey/);
  });

  it("without __Host- names (a cookieDomain, where both cookies can be tossed) the refresh cookie alone still refreshes", async () => {
    const { ctx } = createTestEngine({ appOrigin: APP, session: { cookieDomain: ".example.com" } });
    const response = await signUpResponse(ctx);
    const line = response.headers.getSetCookie().find((c) => c.startsWith("sRefreshToken="))!;
    const token = line.split(";")[0]!.slice("sRefreshToken=".length);
    expect((await refresh(ctx, { cookie: `sRefreshToken=${token}` })).status).toBe(200);
  });
});
