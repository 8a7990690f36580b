import { describe, expect, it } from "vitest";
import { revocationListenerFromEnv } from "./revocation-listener";
import { decodeRevocationPayload, encodeRevocationPayloads } from "./revocation-listener-payload";

const row = (i: number) => ({
  sessionHandle: `handle-${i}-${"x".repeat(30)}`,
  revokedAt: new Date(1_800_000_000_000 + i),
  expiresAt: new Date(1_800_003_600_000 + i),
});

describe("revocation NOTIFY payloads", () => {
  it("round-trip, split under PostgreSQL's 8000-byte payload limit", () => {
    const rows = Array.from({ length: 500 }, (_, i) => row(i));
    const payloads = encodeRevocationPayloads(rows);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(payloads.flatMap(decodeRevocationPayload)).toEqual(rows);
    expect(encodeRevocationPayloads([])).toEqual([]);
  });

  it("drops anything malformed instead of throwing", () => {
    expect(decodeRevocationPayload("not json")).toEqual([]);
    expect(decodeRevocationPayload('{"a":1}')).toEqual([]);
    expect(decodeRevocationPayload('[["h", "1", 2], [1, 2, 3], ["", 1, 2], ["ok", 1, 2, 3], ["good", 1, 2]]')).toEqual([
      { sessionHandle: "good", revokedAt: new Date(1), expiresAt: new Date(2) },
    ]);
  });
});

describe("GATEHOUSE_REVOCATION_LISTENER", () => {
  it("is on for PostgreSQL outside serverless, off elsewhere, and can be forced", () => {
    expect(revocationListenerFromEnv("postgresql", {})).toBe(true);
    expect(revocationListenerFromEnv("postgresql", { VERCEL: "1" })).toBe(false);
    expect(revocationListenerFromEnv("postgresql", { AWS_LAMBDA_FUNCTION_NAME: "fn" })).toBe(false);
    expect(revocationListenerFromEnv("postgresql", { VERCEL: "1", GATEHOUSE_REVOCATION_LISTENER: "on" })).toBe(true);
    expect(revocationListenerFromEnv("postgresql", { GATEHOUSE_REVOCATION_LISTENER: "OFF" })).toBe(false);
    expect(revocationListenerFromEnv("sqlite", { GATEHOUSE_REVOCATION_LISTENER: "on" })).toBe(false);
    expect(revocationListenerFromEnv("mysql", {})).toBe(false);
    expect(() => revocationListenerFromEnv("postgresql", { GATEHOUSE_REVOCATION_LISTENER: "yes" })).toThrow(/"on" or "off"/);
  });
});
