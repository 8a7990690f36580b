import { describe, expect, it } from "vitest";
import { NO_CONTENT_POLICY, contentSecurityPolicy, securityHeaders } from "./security-headers.mjs";

const asMap = (headers: { key: string; value: string }[]) => new Map(headers.map((h) => [h.key, h.value]));
/** directive name → its sources */
const directives = (csp: string) =>
  new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );

describe("securityHeaders", () => {
  it("forbids framing and sniffing, keeps the referrer strict; the pages' CSP comes from the proxy", () => {
    const h = asMap(securityHeaders({ appOrigin: "http://localhost:3000" }));
    expect(h.get("X-Content-Type-Options")).toBe("nosniff");
    expect(h.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(h.get("X-Frame-Options")).toBe("DENY");
    expect(h.has("Strict-Transport-Security")).toBe(false);
    // A second, static policy on a page would be enforced too, and refuse its nonced scripts.
    expect(h.has("Content-Security-Policy")).toBe(false);
  });

  it("adds HSTS for an https origin", () => {
    expect(asMap(securityHeaders({ appOrigin: "https://app.example.com" })).get("Strict-Transport-Security")).toMatch(/max-age=\d+/);
  });

  it("answers that are never a page may load and run nothing", () => {
    expect(directives(NO_CONTENT_POLICY).get("default-src")).toEqual(["'none'"]);
    expect(directives(NO_CONTENT_POLICY).get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("contentSecurityPolicy", () => {
  const nonce = "q83vEjRWeJq83vEjRWeJqw==";

  it("scripts: the nonce and what nonced scripts load, never inline or eval", () => {
    const d = directives(contentSecurityPolicy({ nonce }));
    expect(d.get("script-src")).toEqual([`'nonce-${nonce}'`, "'strict-dynamic'", "'self'"]);
    expect(d.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
    for (const sources of d.values()) {
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
    }
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
  });

  it("next dev: eval for React's error stacks, inline styles for the dev server's CSS, and its websocket; still no inline script", () => {
    const d = directives(contentSecurityPolicy({ nonce, dev: true }));
    expect(d.get("script-src")).toEqual([`'nonce-${nonce}'`, "'strict-dynamic'", "'self'", "'unsafe-eval'"]);
    expect(d.get("style-src")).toContain("'unsafe-inline'");
    expect(d.get("connect-src")).toEqual(["'self'", "ws:", "wss:"]);
  });

  it("refuses a nonce that could break out of its source expression", () => {
    for (const bad of ["", "abc' 'unsafe-inline", "a;b", "a b"]) expect(() => contentSecurityPolicy({ nonce: bad })).toThrow();
  });

  it("Next finds the nonce where it looks for it (first nonce source of script-src)", () => {
    const csp = contentSecurityPolicy({ nonce });
    const scriptSrc = csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src"))!;
    expect(/'nonce-([A-Za-z0-9+/_-]+={0,2})'/.exec(scriptSrc)?.[1]).toBe(nonce);
  });
});
