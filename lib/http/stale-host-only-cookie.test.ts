// A deployment that moves its session cookies from host-only to a `session.cookieDomain`
// without naming the old place in `olderCookieDomain` leaves every signed-in browser with
// host-only copies beside the new Domain ones. Each request then carries the names twice and is
// refused (401 DUPLICATE_COOKIE), and that answer promises to clear every copy: the host-only
// ones too, or each sign-in leads back to the same 401 until they expire (the refresh lifetime,
// 100 days by default), with no way out but clearing cookies by hand.
import { describe, expect, it } from "vitest";
import { createTestClock, createTestEngine } from "../auth/testing/test-engine";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { handleAuthRequest } from "./routes";
import { credentials } from "./testing/client";

const HOST = "app.example.test";
const ORIGIN = `http://${HOST}`;

/** A browser's cookie jar for one host: a cookie is its name, domain (or host-only) and path. */
function browserJar() {
  const cookies: { name: string; value: string; domain: string | null; path: string }[] = [];

  function keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split("; ");
      const name = pair!.slice(0, pair!.indexOf("="));
      const value = pair!.slice(name.length + 1);
      const domain =
        attrs
          .find((a) => a.startsWith("Domain="))
          ?.slice(7)
          .replace(/^\./, "") ?? null;
      // A browser on this host takes a Domain only when it is the host or a parent of it.
      if (domain !== null && HOST !== domain && !HOST.endsWith(`.${domain}`)) continue;
      const path = attrs.find((a) => a.startsWith("Path="))?.slice(5) ?? "/";
      const at = cookies.findIndex((c) => c.name === name && c.domain === domain && c.path === path);
      if (at !== -1) cookies.splice(at, 1);
      if (value !== "" && !line.includes("Expires=Thu, 01 Jan 1970")) cookies.push({ name, value, domain, path });
    }
    return response;
  }

  function header(path: string): string {
    return cookies
      .filter((c) => c.path === "/" || path === c.path || path.startsWith(`${c.path}/`))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  return { cookies, keep, header };
}

describe("host-only session cookies left from before a cookieDomain", () => {
  it("the duplicate answer expires the host-only copies, so signing in again works", async () => {
    const stores = createMemoryStores();
    const clock = createTestClock();
    const jar = browserJar();
    const send = async (ctx: ReturnType<typeof createTestEngine>["ctx"], method: string, path: string, body?: unknown) => {
      const headers: Record<string, string> = { origin: ORIGIN, host: HOST, rid: path.endsWith("/refresh") ? "session" : "emailpassword" };
      const cookie = jar.header(`/api/auth${path}`);
      if (cookie) headers.cookie = cookie;
      if (body !== undefined) headers["content-type"] = "application/json";
      const request = new Request(`${ORIGIN}/api/auth${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return jar.keep(await handleAuthRequest(ctx, request));
    };
    const account = credentials("stale-host-only@example.test", "Quiet-Lantern-58");

    // Before: host-only cookies.
    const before = createTestEngine({ appOrigin: ORIGIN }, { stores, clock }).ctx;
    expect((await send(before, "POST", "/signup", account)).status).toBe(200);
    expect(jar.cookies.every((c) => c.domain === null)).toBe(true);

    // After: cookieDomain ".example.test", olderCookieDomain forgotten. The first refresh sets
    // the Domain cookies beside the host-only ones.
    const after = createTestEngine({ appOrigin: ORIGIN, session: { cookieDomain: ".example.test" } }, { stores, clock }).ctx;
    clock.advanceSeconds(after.config.session.accessTokenTtlSeconds + 1);
    expect((await send(after, "GET", "/user/sessions")).status).toBe(401);
    expect((await send(after, "POST", "/session/refresh")).status).toBe(200);
    expect(jar.cookies.filter((c) => c.name === "sAccessToken")).toHaveLength(2);

    const refused = await send(after, "GET", "/user/sessions");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ message: "unauthorised", code: "DUPLICATE_COOKIE" });

    // supertokens-web-js takes the 401 as signed out; the user signs in again and stays signed in.
    expect((await send(after, "POST", "/signin", account)).status).toBe(200);
    expect((await send(after, "GET", "/user/sessions")).status).toBe(200);
    expect(jar.cookies.filter((c) => c.domain === null)).toEqual([]);
  });
});
