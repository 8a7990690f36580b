import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ANTI_CSRF_COOKIE, FRONT_TOKEN_COOKIE, LAST_UPDATE_COOKIE } from "./session-store";
import { ORIGIN, gate, installFakeBrowser, openTab, type FakeBrowser } from "./testing/fake-browser";

const ME = `${ORIGIN}/api/me`;
const REFRESH = "/api/auth/session/refresh";

let browser: FakeBrowser;

/** A signed-in browser whose access token has expired. */
function signedIn(b: FakeBrowser) {
  b.jar.values.set(FRONT_TOKEN_COOKIE, b.server.tokenFor(1));
  b.jar.values.set(LAST_UPDATE_COOKIE, "1");
}

beforeEach(() => {
  browser = installFakeBrowser();
  signedIn(browser);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("gatehouseFetch: headers and front token", () => {
  it("adds rid to state-changing requests only, keeps a rid the caller set, sends cookies same-origin", async () => {
    const client = await openTab();
    browser.server.accessTokenExpired = false;
    await client.gatehouseFetch(`${ORIGIN}/api/echo`, { method: "POST", body: "x" });
    await client.gatehouseFetch(`${ORIGIN}/api/echo`, { method: "PUT", headers: { rid: "emailpassword" } });
    await client.gatehouseFetch(ME);
    const [post, put, get] = browser.server.calls;
    expect(post.headers.get("rid")).toBe("anti-csrf");
    expect(put.headers.get("rid")).toBe("emailpassword");
    expect(get.headers.get("rid")).toBeNull();
    expect(post.credentials).toBe("same-origin");
  });

  it("passes other origins through untouched", async () => {
    const client = await openTab();
    browser.server.overrides.set("/elsewhere", () => new Response("{}", { status: 200 }));
    await client.gatehouseFetch("https://other.example/elsewhere", { method: "POST" });
    expect(browser.server.calls[0].headers.get("rid")).toBeNull();
  });

  it("passes another origin's request to fetch as given, a Request from another frame's realm included", async () => {
    const client = await openTab();
    const sent = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      void input;
      void init;
      return new Response("{}");
    });
    vi.stubGlobal("fetch", sent);
    // A Request made in an iframe is no `instanceof` this window's Request.
    const FrameRequest = globalThis.Request;
    const input = new FrameRequest("https://other.example/data", { credentials: "include" });
    vi.stubGlobal("Request", class extends FrameRequest {});
    await client.gatehouseFetch(input);
    const [given, init] = sent.mock.calls[0];
    expect(given).toBe(input);
    expect(init).toBeUndefined();

    // This origin's: handled, and the frame's Request keeps its own credentials mode.
    await client.gatehouseFetch(new FrameRequest(`${ORIGIN}/api/echo`, { method: "POST", credentials: "omit" }));
    const handled = sent.mock.calls[1][0] as Request;
    expect(handled.headers.get("rid")).toBe("anti-csrf");
    expect(handled.credentials).toBe("omit");
  });

  it("stores a front-token header and removes the session on `front-token: remove`", async () => {
    const client = await openTab();
    browser.jar.values.clear();
    const token = browser.server.tokenFor(7);
    browser.server.overrides.set("/api/auth/signin", () => new Response("{}", { headers: { "front-token": token } }));
    browser.server.overrides.set("/api/auth/signout", () => new Response("{}", { headers: { "front-token": "remove" } }));

    await client.gatehouseFetch(`${ORIGIN}/api/auth/signin`, { method: "POST" });
    expect(browser.jar.values.get(FRONT_TOKEN_COOKIE)).toBe(token);
    expect(client.doesSessionExist()).toBe(true);
    expect(client.getUserId()).toBe("user-1");
    expect(client.getAccessTokenPayload()).toEqual({ role: "user", generation: 7 });

    await client.gatehouseFetch(`${ORIGIN}/api/auth/signout`, { method: "POST" });
    expect(browser.jar.values.has(FRONT_TOKEN_COOKIE)).toBe(false);
    expect(client.doesSessionExist()).toBe(false);
    expect(client.getUserId()).toBeUndefined();
  });

  it("ignores a malformed front-token header instead of storing it or ending the session", async () => {
    const client = await openTab();
    const good = browser.jar.values.get(FRONT_TOKEN_COOKIE);
    browser.server.overrides.set("/x", () => new Response("{}", { headers: { "front-token": "abc;domain=evil.example" } }));
    await client.gatehouseFetch(`${ORIGIN}/x`);
    expect(browser.jar.values.get(FRONT_TOKEN_COOKIE)).toBe(good);
    expect(browser.jar.writes.join("\n")).not.toContain("evil.example");
  });
});

describe("gatehouseFetch: VIA_TOKEN anti-CSRF", () => {
  it("stores the anti-csrf header, sends it on requests and the refresh, and drops it at sign-out", async () => {
    const client = await openTab();
    browser.jar.values.clear();
    browser.server.overrides.set(
      "/api/auth/signin",
      () => new Response("{}", { headers: { "front-token": browser.server.tokenFor(1), "anti-csrf": "tok_-123" } }),
    );
    await client.gatehouseFetch(`${ORIGIN}/api/auth/signin`, { method: "POST" });
    expect(browser.jar.values.get(ANTI_CSRF_COOKIE)).toBe("tok_-123");

    await client.gatehouseFetch(`${ORIGIN}/api/echo`, { method: "POST" });
    const sent = browser.server.calls.filter((r) => r.url.endsWith("/api/echo") || r.url.endsWith("/session/refresh"));
    expect(sent.map((r) => [new URL(r.url).pathname, r.headers.get("anti-csrf")])).toEqual([
      ["/api/echo", "tok_-123"],
      ["/api/auth/session/refresh", "tok_-123"],
      ["/api/echo", "tok_-123"],
    ]);

    browser.server.overrides.set("/api/auth/signout", () => new Response("{}", { headers: { "front-token": "remove" } }));
    await client.gatehouseFetch(`${ORIGIN}/api/auth/signout`, { method: "POST" });
    expect(browser.jar.values.has(ANTI_CSRF_COOKIE)).toBe(false);
  });

  it("keeps an anti-csrf header the caller set, and never stores a malformed one", async () => {
    const client = await openTab();
    browser.jar.values.set(ANTI_CSRF_COOKIE, "stored");
    browser.server.accessTokenExpired = false;
    browser.server.overrides.set("/x", () => new Response("{}", { headers: { "anti-csrf": "bad;domain=evil" } }));
    await client.gatehouseFetch(`${ORIGIN}/api/echo`, { method: "POST", headers: { "anti-csrf": "mine" } });
    await client.gatehouseFetch(`${ORIGIN}/x`);
    expect(browser.server.calls[0].headers.get("anti-csrf")).toBe("mine");
    expect(browser.jar.values.get(ANTI_CSRF_COOKIE)).toBe("stored");
  });
});

describe("gatehouseFetch: single-flight refresh", () => {
  it("five concurrent 401s in one tab cause exactly one refresh, and every request succeeds on its retry", async () => {
    const client = await openTab();
    const held = gate();
    browser.server.refreshGate = held.promise;
    const pending = Array.from({ length: 5 }, () => client.gatehouseFetch(ME));
    await vi.waitFor(() => expect(browser.server.count("/api/me")).toBe(5));
    held.open();
    const responses = await Promise.all(pending);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(browser.server.count(REFRESH)).toBe(1);
    expect(browser.server.count("/api/me")).toBe(10);
    expect(browser.jar.values.get(FRONT_TOKEN_COOKIE)).toBe(browser.server.tokenFor(2));
  });

  it("concurrent 401s in several tabs cause exactly one refresh", async () => {
    const tabs = [await openTab(), await openTab(), await openTab()];
    const held = gate();
    browser.server.refreshGate = held.promise;
    const pending = tabs.flatMap((tab) => [tab.gatehouseFetch(ME), tab.gatehouseFetch(ME)]);
    await vi.waitFor(() => expect(browser.server.count("/api/me")).toBe(6));
    held.open();
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(browser.server.count(REFRESH)).toBe(1);
    expect(browser.locks.requests).toBeGreaterThanOrEqual(1);
  });

  it("a tab whose 401 arrives after another tab refreshed only retries", async () => {
    const [a, b] = [await openTab(), await openTab()];
    // b's request goes out with the old token; its answer is delayed until a has refreshed.
    const slow = gate();
    browser.server.overrides.set("/api/echo", async () => {
      await slow.promise;
      return new Response(JSON.stringify({ message: "try refresh token" }), { status: 401 });
    });
    const bPending = b.gatehouseFetch(`${ORIGIN}/api/echo`);
    await vi.waitFor(() => expect(browser.server.count("/api/echo")).toBe(1));
    expect((await a.gatehouseFetch(ME)).status).toBe(200);
    expect(browser.server.count(REFRESH)).toBe(1);
    browser.server.overrides.delete("/api/echo");
    slow.open();
    expect((await bPending).status).toBe(200);
    expect(browser.server.count(REFRESH)).toBe(1);
  });

  it("replays the request body on the retry", async () => {
    const client = await openTab();
    await client.gatehouseFetch(`${ORIGIN}/api/echo`, { method: "POST", body: JSON.stringify({ n: 42 }) });
    const echoBodies = browser.server.calls
      .map((r, i) => [new URL(r.url).pathname, browser.server.bodies[i]])
      .filter(([path]) => path === "/api/echo");
    expect(echoBodies).toEqual([
      ["/api/echo", '{"n":42}'],
      ["/api/echo", '{"n":42}'],
    ]);
  });

  it("works without the Web Locks API (in-tab queue + localStorage lease)", async () => {
    vi.unstubAllGlobals();
    browser = installFakeBrowser({ locks: false });
    signedIn(browser);
    const [a, b] = [await openTab(), await openTab()];
    const held = gate();
    browser.server.refreshGate = held.promise;
    const pending = [a.gatehouseFetch(ME), a.gatehouseFetch(ME), b.gatehouseFetch(ME), b.gatehouseFetch(ME)];
    await vi.waitFor(() => expect(browser.server.count("/api/me")).toBe(4));
    held.open();
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(browser.server.count(REFRESH)).toBe(1);
    expect(browser.localStorage.length, "lease released").toBe(0);
  });
});

describe("gatehouseFetch: failures never loop", () => {
  it("a failed refresh (401) signs out locally, returns the 401 and is not retried", async () => {
    const client = await openTab();
    browser.server.refreshStatus = 401;
    const responses = await Promise.all([client.gatehouseFetch(ME), client.gatehouseFetch(ME), client.gatehouseFetch(ME)]);
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(browser.server.count(REFRESH)).toBe(1);
    expect(browser.server.count("/api/me")).toBe(3);
    expect(client.doesSessionExist()).toBe(false);
    expect(browser.jar.values.has(FRONT_TOKEN_COOKIE)).toBe(false);

    // Signed out locally: later "try refresh token" answers cause no refresh attempt at all.
    expect((await client.gatehouseFetch(ME)).status).toBe(401);
    expect(browser.server.count(REFRESH)).toBe(1);
  });

  it("a server that keeps answering `try refresh token` gets one refresh and one retry", async () => {
    const client = await openTab();
    browser.server.alwaysTryRefresh = true;
    const response = await client.gatehouseFetch(ME);
    expect(response.status).toBe(401);
    expect(browser.server.count(REFRESH)).toBe(1);
    expect(browser.server.count("/api/me")).toBe(2);
  });

  it("a refresh endpoint error (5xx) keeps the session and returns the original 401", async () => {
    const client = await openTab();
    browser.server.refreshStatus = 503;
    const response = await client.gatehouseFetch(ME);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "try refresh token" });
    expect(browser.server.count(REFRESH)).toBe(1);
    expect(client.doesSessionExist()).toBe(true);
  });

  it("concurrent 401s meeting a failing refresh endpoint (5xx) cost one refresh call, in one tab or several", async () => {
    const tabs = [await openTab(), await openTab()];
    browser.server.refreshStatus = 503;
    const held = gate();
    browser.server.refreshGate = held.promise;
    const pending = tabs.flatMap((tab) => [tab.gatehouseFetch(ME), tab.gatehouseFetch(ME), tab.gatehouseFetch(ME)]);
    await vi.waitFor(() => expect(browser.server.count("/api/me")).toBe(6));
    held.open();
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(browser.server.count(REFRESH)).toBe(1);
    expect(tabs[0].doesSessionExist()).toBe(true);

    // A request made after that failure tries again: the outage may be over.
    browser.server.refreshStatus = 200;
    expect((await tabs[1].gatehouseFetch(ME)).status).toBe(200);
    expect(browser.server.count(REFRESH)).toBe(2);
  });

  it("concurrent 401s meeting a network error on the refresh cost one refresh call, and all reject", async () => {
    const client = await openTab();
    const held = gate();
    browser.server.overrides.set(REFRESH, async () => {
      await held.promise;
      throw new TypeError("Failed to fetch");
    });
    const pending = [client.gatehouseFetch(ME), client.gatehouseFetch(ME), client.gatehouseFetch(ME)].map((p) =>
      p.then(
        () => "resolved",
        () => "rejected",
      ),
    );
    await vi.waitFor(() => expect(browser.server.count("/api/me")).toBe(3));
    held.open();
    expect(await Promise.all(pending)).toEqual(["rejected", "rejected", "rejected"]);
    expect(browser.server.count(REFRESH)).toBe(1);
  });

  it("a HEAD request, whose 401 carries no body to read the message from, is refreshed and retried too", async () => {
    const client = await openTab();
    // What a server sends for HEAD: the GET's status and headers, no body.
    browser.server.overrides.set("/api/head", () =>
      browser.server.accessTokenExpired ? new Response(null, { status: 401 }) : new Response(null, { status: 200 }),
    );
    expect((await client.gatehouseFetch(`${ORIGIN}/api/head`, { method: "HEAD" })).status).toBe(200);
    expect(browser.server.count(REFRESH)).toBe(1);
  });

  it("`unauthorised` (not `try refresh token`) is returned without a refresh", async () => {
    const client = await openTab();
    browser.server.session = null;
    expect((await client.gatehouseFetch(ME)).status).toBe(401);
    expect(browser.server.count(REFRESH)).toBe(0);
  });

  it("a browser that never saw a session still tries one refresh (cookies may hold one)", async () => {
    browser.jar.values.clear();
    const client = await openTab();
    expect((await client.gatehouseFetch(ME)).status).toBe(200);
    expect(browser.server.count(REFRESH)).toBe(1);
    expect(client.doesSessionExist()).toBe(true);
  });
});
