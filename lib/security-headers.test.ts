import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers.mjs";

const asMap = (headers: { key: string; value: string }[]) => new Map(headers.map((h) => [h.key, h.value]));

describe("securityHeaders", () => {
  it("forbids framing and sniffing, keeps the referrer strict", () => {
    const h = asMap(securityHeaders({ appOrigin: "http://localhost:3000" }));
    expect(h.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(h.get("Content-Security-Policy")).toContain("object-src 'none'");
    expect(h.get("Content-Security-Policy")).not.toContain("unsafe-eval");
    expect(h.get("X-Content-Type-Options")).toBe("nosniff");
    expect(h.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(h.get("X-Frame-Options")).toBe("DENY");
    expect(h.has("Strict-Transport-Security")).toBe(false);
  });

  it("adds HSTS for an https origin, and eval only for next dev", () => {
    expect(asMap(securityHeaders({ appOrigin: "https://app.example.com" })).get("Strict-Transport-Security")).toMatch(/max-age=\d+/);
    expect(asMap(securityHeaders({ dev: true, appOrigin: "" })).get("Content-Security-Policy")).toContain("'unsafe-eval'");
  });
});
