import { describe, expect, it } from "vitest";
import type { TrustedProxyOption } from "../auth/config-proxy";
import { resolveTrustedProxy } from "../auth/config-proxy";
import { resolveConfig } from "../auth/resolve-config";
import { clientAddress, normaliseAddress } from "./client-address";
import { limitKeyOf } from "../auth/limits/client-limits";

const request = (headers: Record<string, string>) => new Request("http://localhost:3000/api/auth/signin", { headers });
const addressOf = (proxy: TrustedProxyOption, headers: Record<string, string>) => clientAddress(request(headers), resolveTrustedProxy(proxy, {}));

describe("clientAddress", () => {
  it('"none" believes no header at all', () => {
    expect(addressOf("none", { "x-forwarded-for": "203.0.113.1", "x-real-ip": "203.0.113.2", forwarded: "for=203.0.113.3" })).toBeNull();
  });

  it("{ hops: n } takes the n-th entry from the right, never one the client wrote left of it", () => {
    const chain = { "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.0.0.7" };
    expect(addressOf({ hops: 1 }, chain)).toBe("10.0.0.7");
    expect(addressOf({ hops: 2 }, chain)).toBe("203.0.113.5");
    expect(addressOf({ hops: 3 }, chain)).toBe("6.6.6.6");
    // Fewer entries than declared proxies: the request skipped one, so nothing is vouched for.
    expect(addressOf({ hops: 4 }, chain)).toBeNull();
    expect(addressOf({ hops: 1 }, {})).toBeNull();
    // Repeated header lines are one list, in order.
    const twoLines = new Headers();
    twoLines.append("x-forwarded-for", "6.6.6.6");
    twoLines.append("x-forwarded-for", "203.0.113.6");
    expect(clientAddress(new Request("http://localhost:3000/", { headers: twoLines }), { kind: "hops", hops: 1 })).toBe("203.0.113.6");
    // X-Real-IP is not read.
    expect(addressOf({ hops: 1 }, { "x-real-ip": "203.0.113.7" })).toBeNull();
  });

  it("{ cidrs } walks from the right past trusted hops; junk or only trusted hops leave it unknown", () => {
    const proxy: TrustedProxyOption = { cidrs: ["10.0.0.0/8", "192.0.2.9", "fd00::/8"] };
    expect(addressOf(proxy, { "x-forwarded-for": "6.6.6.6, 203.0.113.8, 192.0.2.9, 10.3.4.5" })).toBe("203.0.113.8");
    expect(addressOf(proxy, { "x-forwarded-for": "2001:db8::8, fd12::1" })).toBe("2001:db8::8");
    expect(addressOf(proxy, { "x-forwarded-for": "::ffff:10.0.0.1, 203.0.113.9" })).toBe("203.0.113.9");
    // A mapped form of a trusted address is trusted too.
    expect(addressOf(proxy, { "x-forwarded-for": "203.0.113.10, ::ffff:10.0.0.1" })).toBe("203.0.113.10");
    expect(addressOf(proxy, { "x-forwarded-for": "203.0.113.11, junk, 10.0.0.1" })).toBeNull();
    expect(addressOf(proxy, { "x-forwarded-for": "10.0.0.2, 10.0.0.1" })).toBeNull();
    expect(addressOf(proxy, {})).toBeNull();
  });

  it('"vercel" reads the X-Forwarded-For that Vercel overwrites', () => {
    expect(addressOf("vercel", { "x-forwarded-for": "203.0.113.12" })).toBe("203.0.113.12");
    expect(addressOf("vercel", { "x-forwarded-for": "6.6.6.6, 203.0.113.13" })).toBe("203.0.113.13");
    expect(addressOf("vercel", { "x-real-ip": "203.0.113.14" })).toBeNull();
  });
});

describe("normaliseAddress", () => {
  it("gives one spelling per address and refuses what is not one", () => {
    expect(normaliseAddress(" 203.0.113.1 ")).toBe("203.0.113.1");
    expect(normaliseAddress("2001:DB8:0:0::1")).toBe("2001:db8::1");
    expect(normaliseAddress("::ffff:203.0.113.2")).toBe("203.0.113.2");
    expect(normaliseAddress("::FFFF:cb00:7103")).toBe("203.0.113.3");
    expect(normaliseAddress("::1")).toBe("::1");
    expect(normaliseAddress("127.0.0.1")).toBe("127.0.0.1");
    expect(normaliseAddress("203.0.113.4:5100")).toBe("203.0.113.4");
    expect(normaliseAddress("[2001:db8::5]:443")).toBe("2001:db8::5");
    expect(normaliseAddress("[2001:db8::6]")).toBe("2001:db8::6");
    for (const junk of [
      "",
      "unknown",
      "localhost",
      "_hidden",
      "01.2.3.4",
      "1.2.3",
      "256.1.1.1",
      "fe80::1%eth0",
      "[::1",
      "[::1]:",
      "[::1]x",
      "1.2.3.4:",
      "1.2.3.4:abc",
      "1.2.3.4:1234567",
      "<script>",
      "2001:db8::1:443x",
    ]) {
      expect(normaliseAddress(junk), junk).toBeNull();
    }
  });
});

describe("limitKeyOf", () => {
  it("counts IPv4 by address and IPv6 by its /64", () => {
    expect(limitKeyOf("203.0.113.1")).toBe("203.0.113.1");
    expect(limitKeyOf("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(limitKeyOf("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(limitKeyOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(limitKeyOf("::1")).toBe("0:0:0:0::/64");
    expect(limitKeyOf("fe80::")).toBe("fe80:0:0:0::/64");
    expect(limitKeyOf("1:2:3:4:5::")).toBe("1:2:3:4::/64");
    expect(limitKeyOf("::5:6:7:8")).toBe("0:0:0:0::/64");
  });
});

describe("trustedProxy option", () => {
  const base = { appOrigin: "http://localhost:3000" };
  it("defaults to none, or vercel on Vercel; an explicit choice wins over the environment", () => {
    expect(resolveConfig(base).trustedProxy).toEqual({ kind: "none" });
    expect(resolveConfig(base, { VERCEL: "1" }).trustedProxy).toEqual({ kind: "vercel" });
    expect(resolveConfig({ ...base, trustedProxy: "none" }, { VERCEL: "1" }).trustedProxy).toEqual({ kind: "none" });
    expect(resolveConfig({ ...base, trustedProxy: { hops: 2 } }).trustedProxy).toEqual({ kind: "hops", hops: 2 });
  });

  it("refuses at start-up what would trust the wrong hop", () => {
    const bad: unknown[] = [
      { hops: 0 },
      { hops: -1 },
      { hops: 1.5 },
      { hops: "1" },
      { cidrs: [] },
      { cidrs: ["10.0.0.0/33"] },
      { cidrs: ["10.0.0/8"] },
      { cidrs: ["::/129"] },
      { cidrs: ["10.0.0.0/"] },
      { cidrs: ["10.0.0.0/8x"] },
      { cidrs: ["example.com"] },
      { cidrs: [42] },
      { cidrs: ["fe80::1%eth0"] },
      "all",
      true,
      { hop: 1 },
    ];
    for (const option of bad) {
      expect(() => resolveConfig({ ...base, trustedProxy: option as TrustedProxyOption }), JSON.stringify(option)).toThrow(/trustedProxy/);
    }
  });
});
