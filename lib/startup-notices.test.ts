import { describe, expect, it } from "vitest";
import { resolveConfig } from "./auth/resolve-config";
import { startupNotices } from "./startup-notices";

const production = (config: Parameters<typeof resolveConfig>[0]) =>
  resolveConfig(config, { NODE_ENV: "production", GATEHOUSE_APP_ORIGIN: config.appOrigin });

describe("startupNotices", () => {
  it("warns a production start whose session cookies go without Secure to a host other machines reach", () => {
    const lines = startupNotices(production({ appOrigin: "http://auth.example.com" }), "production");
    expect(lines.some((line) => /without Secure/.test(line) && line.includes("http://auth.example.com"))).toBe(true);
  });

  it("names session.cookieSecure when it is what sends the cookies without Secure on an https origin", () => {
    const lines = startupNotices(production({ appOrigin: "https://auth.example.com", session: { cookieSecure: false } }), "production");
    expect(lines.filter((line) => /without Secure/.test(line))).toEqual([expect.stringContaining("session.cookieSecure is false")]);
    expect(lines.join("\n")).not.toContain("reachable from other machines over plain http");
  });

  it("says nothing of Secure for an https origin, a loopback one (a local production test), or development", () => {
    for (const [origin, env] of [
      ["https://auth.example.com", "production"],
      ["http://localhost:3000", "production"],
      ["http://127.0.0.1:3210", "production"],
      ["http://[::1]:3000", "production"],
      ["http://auth.example.com", "development"],
    ] as const) {
      expect(startupNotices(production({ appOrigin: origin }), env).filter((line) => /without Secure/.test(line))).toEqual([]);
    }
  });

  it("keeps the trustedProxy notice for production", () => {
    expect(
      startupNotices(production({ appOrigin: "https://auth.example.com" }), "production").some((l) => l.includes('trustedProxy is "none"')),
    ).toBe(true);
    expect(startupNotices(production({ appOrigin: "https://auth.example.com" }), "development")).toEqual([]);
  });
});
