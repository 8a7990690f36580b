import { describe, expect, it } from "vitest";
import { postgresQueryTimeout } from "./postgres-query-timeout";

describe("postgresQueryTimeout", () => {
  it("bounds each query at 30 s when the URL sets nothing, and leaves the URL alone", () => {
    expect(postgresQueryTimeout("postgresql://u@db:5432/app?schema=auth")).toEqual({
      url: "postgresql://u@db:5432/app?schema=auth",
      queryTimeoutMs: 30_000,
    });
  });

  it("reads query_timeout in ms, 0 meaning none, and takes it out of the URL pg reads", () => {
    expect(postgresQueryTimeout("postgresql://u@db/app?query_timeout=2500&schema=auth")).toEqual({
      url: "postgresql://u@db/app?schema=auth",
      queryTimeoutMs: 2_500,
    });
    expect(postgresQueryTimeout("postgresql://u@db/app?query_timeout=0")).toEqual({ url: "postgresql://u@db/app", queryTimeoutMs: undefined });
  });

  it.each(["soon", "-1", "1.5", "2147483648"])("refuses query_timeout=%s", (value) => {
    expect(() => postgresQueryTimeout(`postgresql://u@db/app?query_timeout=${value}`)).toThrow(/query_timeout/);
  });
});
