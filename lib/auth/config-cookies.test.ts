import { describe, expect, it } from "vitest";
import { resolveConfig } from "./resolve-config";

describe("resolveConfig: the cookie domain", () => {
  // Browsers drop a cookie whose Domain does not domain-match the host that sets it (RFC 6265
  // §5.3 step 6): every sign-in answered 200 and no session was kept. And the value went into
  // Set-Cookie as it was, so "; …" in it wrote attributes of its own.
  it.each([
    [{ appOrigin: "https://app.example.com", session: { cookieDomain: ".other.example" } }],
    [{ appOrigin: "https://app.example.com", session: { cookieDomain: "ample.com" } }],
    [{ appOrigin: "https://app.example.com", session: { cookieDomain: "sub.app.example.com" } }],
    [{ appOrigin: "https://app.example.com", session: { cookieDomain: "example.com; Path=/api" } }],
    [{ appOrigin: "https://app.example.com", session: { olderCookieDomain: "example.com; Max-Age=0" } }],
  ])("refuses %j, naming the option", (config) => {
    expect(() => resolveConfig(config)).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringMatching(/(older)?[cC]ookieDomain/) }),
    );
  });

  it.each([".example.com", "example.com", "app.example.com", ".APP.example.com"])("accepts %s for https://app.example.com", (cookieDomain) => {
    expect(resolveConfig({ appOrigin: "https://app.example.com", session: { cookieDomain } }).session.cookieDomain).toBe(cookieDomain);
  });

  it('keeps an older domain of "" (host-only cookies)', () => {
    expect(
      resolveConfig({ appOrigin: "https://app.example.com", session: { cookieDomain: ".example.com", olderCookieDomain: "" } }).session
        .olderCookieDomain,
    ).toBe("");
  });
});
