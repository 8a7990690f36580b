import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { rememberReturnPath, returnPath } from "./verify-email-return";

/** The browser of a page at `pathname`: its address and a fresh localStorage. */
function browserAt(pathname: string) {
  const items = new Map<string, string>();
  vi.stubGlobal("window", { location: { pathname, origin: "https://app.example" } });
  vi.stubGlobal("localStorage", {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  });
}

describe("the verify-email page's return path", () => {
  beforeEach(() => browserAt("/auth/verify-email"));
  afterEach(() => vi.unstubAllGlobals());

  it("is the page that sent the user here, kept same-origin", () => {
    rememberReturnPath("/dashboard?tab=2");
    expect(returnPath()).toBe("/dashboard?tab=2");
    rememberReturnPath("//evil.example");
    expect(returnPath()).toBe("/");
  });

  it("is never the verify-email page itself: a verified user sent there would be sent there again, for ever", () => {
    // /auth/verify-email?redirectToPath=/auth/verify-email, from a crafted link, is remembered for later visits too.
    for (const self of ["/auth/verify-email", "/auth/verify-email?x=1", "/auth/verify-email/", "/auth/verify%2Demail", "/auth/verify-email#top"]) {
      rememberReturnPath(self);
      expect(returnPath(), self).toBe("/");
    }
    rememberReturnPath("/auth/verify-emails");
    expect(returnPath()).toBe("/auth/verify-emails");
  });

  it("compares with the page's own address, wherever websiteBasePath put it", () => {
    browserAt("/login/verify-email");
    rememberReturnPath("/login/verify-email?redirectToPath=%2F");
    expect(returnPath()).toBe("/");
    rememberReturnPath("/auth/verify-email");
    expect(returnPath()).toBe("/auth/verify-email");
  });
});
