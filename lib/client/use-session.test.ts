import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FRONT_TOKEN_COOKIE, LAST_UPDATE_COOKIE } from "./session-store";
import { frontToken, installFakeBrowser, openTab, type FakeBrowser } from "./testing/fake-browser";
import { sessionStateFrom } from "./use-session";

let browser: FakeBrowser;
beforeEach(() => {
  browser = installFakeBrowser();
});
afterEach(() => vi.unstubAllGlobals());

describe("useSession", () => {
  it("is `loading` while rendered on the server, so neither view flashes", async () => {
    const client = await openTab();
    browser.jar.values.set(FRONT_TOKEN_COOKIE, frontToken("u-1", 1));
    let seen: unknown;
    function Probe() {
      seen = client.useSession();
      return null;
    }
    renderToString(createElement(Probe));
    expect(seen).toEqual({ loading: true, doesSessionExist: false, userId: undefined, accessTokenPayload: undefined });
  });

  it("derives its state from the stored front token", () => {
    expect(sessionStateFrom(frontToken("u-9", 5, { role: "admin" }))).toEqual({
      loading: false,
      doesSessionExist: true,
      userId: "u-9",
      accessTokenPayload: { role: "admin" },
    });
    expect(sessionStateFrom(null)).toMatchObject({ loading: false, doesSessionExist: false, userId: undefined });
    expect(sessionStateFrom("garbage!")).toMatchObject({ loading: false, doesSessionExist: false });
  });
});

describe("subscribeToSessionChanges", () => {
  it("tells this tab's subscribers when a session is stored or removed", async () => {
    const client = await openTab();
    const listener = vi.fn();
    const unsubscribe = client.subscribeToSessionChanges(listener);
    browser.server.overrides.set("/in", () => new Response("{}", { headers: { "front-token": frontToken("u", 1) } }));
    browser.server.overrides.set("/out", () => new Response("{}", { headers: { "front-token": "remove" } }));
    await client.gatehouseFetch("/in");
    expect(listener).toHaveBeenCalledTimes(1);
    await client.gatehouseFetch("/out");
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    await client.gatehouseFetch("/in");
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("tells other tabs through BroadcastChannel", async () => {
    vi.unstubAllGlobals();
    browser = installFakeBrowser();
    // Node's BroadcastChannel delivers between instances in one process, as between tabs.
    vi.stubGlobal("BroadcastChannel", globalThis.BroadcastChannel ?? (await import("node:worker_threads")).BroadcastChannel);
    const [a, b] = [await openTab(), await openTab()];
    browser.jar.values.set(LAST_UPDATE_COOKIE, "1");
    const inOtherTab = vi.fn();
    const unsubscribe = b.subscribeToSessionChanges(inOtherTab);
    a.subscribeToSessionChanges(() => {}); // opens tab a's channel
    browser.server.overrides.set("/out", () => new Response("{}", { headers: { "front-token": "remove" } }));
    await a.gatehouseFetch("/out");
    await vi.waitFor(() => expect(inOtherTab).toHaveBeenCalled());
    unsubscribe();
  });
});
