import { afterEach, describe, expect, it, vi } from "vitest";
import { installFakeBrowser } from "./testing/fake-browser";
import { configureGatehouseClient, resolveClientOptions } from "./options";
import { FRONT_TOKEN_COOKIE, LAST_UPDATE_COOKIE } from "./session-store";

afterEach(() => {
  configureGatehouseClient({ apiBasePath: "/api/auth" });
  vi.unstubAllGlobals();
});

// Every value here resolves, against the page's origin, to another origin or to a path relative
// to the current page: the refresh (with its anti-csrf token) and the sign-out would go there.
const NOT_A_PATH_ON_THIS_ORIGIN = [
  "//evil.example/api/auth",
  "/\\evil.example/api/auth",
  "\\\\evil.example/api/auth",
  "https://evil.example/api/auth",
  "api/auth",
  "",
  "/api/auth?x=1",
  "/api/auth#x",
  "/api/../auth",
];

describe("apiBasePath", () => {
  it.each(NOT_A_PATH_ON_THIS_ORIGIN)("configureGatehouseClient refuses %j", (apiBasePath) => {
    expect(() => configureGatehouseClient({ apiBasePath })).toThrow(/apiBasePath/);
    // The module keeps its previous, valid options.
    expect(resolveClientOptions().apiBasePath).toBe("/api/auth");
  });

  it.each(NOT_A_PATH_ON_THIS_ORIGIN)("a per-call override of %j is refused too", (apiBasePath) => {
    expect(() => resolveClientOptions({ apiBasePath })).toThrow(/apiBasePath/);
  });

  it("keeps a path on this origin, without its trailing slash", () => {
    configureGatehouseClient({ apiBasePath: "/custom/auth/" });
    expect(resolveClientOptions().apiBasePath).toBe("/custom/auth");
  });

  it("a refused override never reaches the network", async () => {
    const browser = installFakeBrowser();
    browser.jar.values.set(FRONT_TOKEN_COOKIE, browser.server.tokenFor(1));
    browser.jar.values.set(LAST_UPDATE_COOKIE, "1");
    const { attemptRefreshingSession } = await import("./refresh");
    await expect(attemptRefreshingSession({ apiBasePath: "//evil.example/auth" })).rejects.toThrow(/apiBasePath/);
    expect(browser.server.calls).toEqual([]);
  });
});
