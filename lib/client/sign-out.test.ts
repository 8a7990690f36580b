import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FRONT_TOKEN_COOKIE, LAST_UPDATE_COOKIE } from "./session-store";
import { installFakeBrowser, openTab, type FakeBrowser } from "./testing/fake-browser";

const SIGNOUT = "/api/auth/signout";
const REFRESH = "/api/auth/session/refresh";
let browser: FakeBrowser;
let signOutAnswers: Response[];

beforeEach(() => {
  browser = installFakeBrowser();
  browser.jar.values.set(FRONT_TOKEN_COOKIE, browser.server.tokenFor(1));
  browser.jar.values.set(LAST_UPDATE_COOKIE, "1");
  signOutAnswers = [];
  browser.server.overrides.set(SIGNOUT, () => signOutAnswers.shift() ?? new Response("{}", { status: 500 }));
});
afterEach(() => vi.unstubAllGlobals());

const tryRefresh = () => new Response(JSON.stringify({ message: "try refresh token" }), { status: 401 });
const ok = () => new Response(JSON.stringify({ status: "OK" }), { headers: { "front-token": "remove" } });

describe("signOut", () => {
  it("posts to the signout endpoint with rid and clears the front token", async () => {
    const client = await openTab();
    signOutAnswers.push(ok());
    expect(await client.signOut()).toBe(true);
    expect(browser.server.count(SIGNOUT)).toBe(1);
    expect(browser.server.calls[0].headers.get("rid")).toBe("session");
    expect(client.doesSessionExist()).toBe(false);
  });

  it("with an expired access token: refreshes once, then signs out", async () => {
    const client = await openTab();
    signOutAnswers.push(tryRefresh(), ok());
    expect(await client.signOut()).toBe(true);
    expect(browser.server.calls.map((c) => new URL(c.url).pathname)).toEqual([SIGNOUT, REFRESH, SIGNOUT]);
    expect(client.doesSessionExist()).toBe(false);
  });

  it("when the refresh fails: one refresh, no loop, still signed out locally", async () => {
    const client = await openTab();
    browser.server.refreshStatus = 401;
    signOutAnswers.push(tryRefresh(), tryRefresh(), tryRefresh());
    expect(await client.signOut()).toBe(false);
    expect(browser.server.count(REFRESH)).toBe(1);
    expect(browser.server.count(SIGNOUT)).toBe(1);
    expect(client.doesSessionExist()).toBe(false);
  });

  it("when the server keeps answering `try refresh token`: one refresh, one retry", async () => {
    const client = await openTab();
    signOutAnswers.push(tryRefresh(), tryRefresh(), tryRefresh());
    expect(await client.signOut()).toBe(false);
    expect(browser.server.count(REFRESH)).toBe(1);
    expect(browser.server.count(SIGNOUT)).toBe(2);
    expect(client.doesSessionExist()).toBe(false);
  });

  it("on a network error the front token is cleared anyway", async () => {
    const client = await openTab();
    browser.server.overrides.set(SIGNOUT, () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await client.signOut()).toBe(false);
    expect(client.doesSessionExist()).toBe(false);
    expect(browser.jar.values.has(FRONT_TOKEN_COOKIE)).toBe(false);
  });
});
