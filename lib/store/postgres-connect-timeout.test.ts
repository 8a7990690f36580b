import { describe, expect, it } from "vitest";
import { postgresConnectTimeoutMs } from "./postgres-connect-timeout.mjs";

describe("postgresConnectTimeoutMs", () => {
  it("bounds the wait at 10 seconds when the URL sets nothing", () => {
    expect(postgresConnectTimeoutMs("postgresql://u@db:5432/app")).toBe(10_000);
    expect(postgresConnectTimeoutMs("postgresql://u@db:5432/app?connect_timeout=")).toBe(10_000);
  });

  it("reads connect_timeout in seconds, 0 meaning no bound", () => {
    expect(postgresConnectTimeoutMs("postgresql://u@db:5432/app?schema=auth&connect_timeout=3")).toBe(3_000);
    expect(postgresConnectTimeoutMs("postgres://u@db/app?connect_timeout=0.5")).toBe(500);
    expect(postgresConnectTimeoutMs("postgres://u@db/app?connect_timeout=0")).toBe(0);
  });

  it.each(["soon", "-1", "Infinity", "2147484"])("refuses connect_timeout=%s", (value) => {
    expect(() => postgresConnectTimeoutMs(`postgresql://u@db/app?connect_timeout=${value}`)).toThrow(/connect_timeout/);
  });

  it("names the importer's --from rather than DATABASE_URL when asked", () => {
    expect(() => postgresConnectTimeoutMs("postgresql://u@db/app?connect_timeout=soon", "--from")).toThrow(
      '--from: connect_timeout must be 0 (none) to 2147483 seconds; got "soon".',
    );
  });
});
