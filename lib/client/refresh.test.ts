import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { REFRESH_LOCK_NAME } from "./refresh-lock";
import { FRONT_TOKEN_COOKIE, LAST_UPDATE_COOKIE } from "./session-store";
import { gate, installFakeBrowser, openTab, type FakeBrowser } from "./testing/fake-browser";

const REFRESH = "/api/auth/session/refresh";
let browser: FakeBrowser;

beforeEach(() => {
  browser = installFakeBrowser();
  browser.jar.values.set(FRONT_TOKEN_COOKIE, browser.server.tokenFor(1));
  browser.jar.values.set(LAST_UPDATE_COOKIE, "1");
});
afterEach(() => vi.unstubAllGlobals());

describe("attemptRefreshingSession", () => {
  it("refreshes with the rid header under the configured apiBasePath and stores the new front token", async () => {
    const client = await openTab();
    browser.server.overrides.set(
      "/custom/auth/session/refresh",
      () => new Response("{}", { headers: { "front-token": browser.server.tokenFor(5) } }),
    );
    client.configureGatehouseClient({ apiBasePath: "/custom/auth/" });
    expect(await client.attemptRefreshingSession()).toBe(true);
    const [call] = browser.server.calls;
    expect(new URL(call.url).pathname).toBe("/custom/auth/session/refresh");
    expect(call.method).toBe("POST");
    expect(call.headers.get("rid")).toBe("session");
    expect(browser.jar.values.get(FRONT_TOKEN_COOKIE)).toBe(browser.server.tokenFor(5));
  });

  it("concurrent calls in two tabs make one request", async () => {
    const [a, b] = [await openTab(), await openTab()];
    const held = gate();
    browser.server.refreshGate = held.promise;
    const results = [a.attemptRefreshingSession(), b.attemptRefreshingSession(), a.attemptRefreshingSession()];
    await vi.waitFor(() => expect(browser.server.count(REFRESH)).toBe(1));
    held.open();
    expect(await Promise.all(results)).toEqual([true, true, true]);
    expect(browser.server.count(REFRESH)).toBe(1);
  });

  it("returns false and clears the front token when the refresh is refused", async () => {
    const client = await openTab();
    browser.server.refreshStatus = 401;
    expect(await client.attemptRefreshingSession()).toBe(false);
    expect(client.doesSessionExist()).toBe(false);
  });

  it("an explicit attempt still asks the server after a local sign-out (the cookies decide)", async () => {
    const client = await openTab();
    browser.jar.values.delete(FRONT_TOKEN_COOKIE); // NOT_EXISTS: timestamp without token
    expect(await client.attemptRefreshingSession()).toBe(true);
    expect(browser.server.count(REFRESH)).toBe(1);
    expect(client.doesSessionExist()).toBe(true);
  });

  it("a refresh answered without a front-token header still tells waiting tabs that it happened", async () => {
    const [a, b] = [await openTab(), await openTab()];
    browser.server.overrides.set(REFRESH, () => new Response("{}", { status: 200 }));
    const held = gate();
    browser.server.overrides.set("/api/me", async () => {
      await held.promise;
      return new Response(JSON.stringify({ message: "try refresh token" }), { status: 401 });
    });
    const pending = [a.gatehouseFetch("/api/me"), b.gatehouseFetch("/api/me")];
    await vi.waitFor(() => expect(browser.server.count("/api/me")).toBe(2));
    browser.server.overrides.set("/api/me", () => new Response("{}", { status: 200 }));
    held.open();
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([200, 200]);
    expect(browser.server.count(REFRESH)).toBe(1);
  });

  it("uses the Web Locks API under a fixed name when the browser has it", async () => {
    const client = await openTab();
    const request = vi.spyOn(browser.locks, "request");
    await client.attemptRefreshingSession();
    expect(request).toHaveBeenCalledWith(REFRESH_LOCK_NAME, expect.anything(), expect.any(Function));
  });

  it("refreshes without the lock when it cannot be had in time", async () => {
    const client = await openTab();
    client.configureGatehouseClient({ lockTimeoutMs: 50 });
    // A lock manager that never grants and honours the abort signal, like a real one.
    vi.stubGlobal("navigator", {
      locks: {
        request: (_name: string, options: { signal: AbortSignal }) =>
          new Promise((_resolve, reject) => options.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))),
      },
    });
    expect(await client.attemptRefreshingSession()).toBe(true);
    expect(browser.server.count(REFRESH)).toBe(1);
  });

  it("rejects on a network error and leaves the session alone", async () => {
    const client = await openTab();
    browser.server.overrides.set(REFRESH, () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(client.attemptRefreshingSession()).rejects.toThrow("Failed to fetch");
    expect(client.doesSessionExist()).toBe(true);
  });

  it("a refresh answered 200 with `front-token: remove` is no renewed session", async () => {
    const client = await openTab();
    browser.server.overrides.set(REFRESH, () => new Response("{}", { status: 200, headers: { "front-token": "remove" } }));
    expect(await client.attemptRefreshingSession()).toBe(false);
    expect(client.doesSessionExist()).toBe(false);
    // gatehouseFetch does not retry on it either: the server said the session is gone.
    browser.jar.values.set(FRONT_TOKEN_COOKIE, browser.server.tokenFor(1));
    expect((await client.gatehouseFetch("/api/me")).status).toBe(401);
    expect(browser.server.count("/api/me")).toBe(1);
  });

  it("without Web Locks, a refresh that hangs holds up a later one in the same tab for lockTimeoutMs only", async () => {
    vi.unstubAllGlobals();
    browser = installFakeBrowser({ locks: false });
    browser.jar.values.set(FRONT_TOKEN_COOKIE, browser.server.tokenFor(1));
    browser.jar.values.set(LAST_UPDATE_COOKIE, "1");
    const client = await openTab();
    client.configureGatehouseClient({ lockTimeoutMs: 50 });
    let calls = 0;
    browser.server.overrides.set(REFRESH, () => {
      calls++;
      // The first answer never comes (a stalled connection); the second does.
      return calls === 1 ? new Promise<Response>(() => {}) : new Response("{}", { headers: { "front-token": browser.server.tokenFor(2) } });
    });
    void client.attemptRefreshingSession();
    await vi.waitFor(() => expect(browser.server.count(REFRESH)).toBe(1));
    const second = client.attemptRefreshingSession();
    await vi.waitFor(() => expect(browser.server.count(REFRESH)).toBe(2), { timeout: 2_000 });
    expect(await second).toBe(true);
  });

  it("refreshes on the page's origin even when a <base href> points elsewhere", async () => {
    const client = await openTab();
    browser.jar.values.set("sAntiCsrf", "secret");
    browser.jar.baseURI = "https://cdn.example/assets/";
    expect(await client.attemptRefreshingSession()).toBe(true);
    expect(browser.server.calls.map((call) => call.url)).toEqual(["http://app.test/api/auth/session/refresh"]);
  });
});
