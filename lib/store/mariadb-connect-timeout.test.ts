import { describe, expect, it } from "vitest";
import { mariadbConnectionString, mariadbConnectTimeoutMs } from "./mariadb-connect-timeout.mjs";

describe("mariadbConnectTimeoutMs", () => {
  it("gives a connection 10 seconds to open when the URL sets nothing", () => {
    expect(mariadbConnectTimeoutMs("mysql://u@db:3306/app")).toBe(10_000);
    expect(mariadbConnectTimeoutMs("mariadb://u@db/app?connectTimeout=")).toBe(10_000);
  });

  it("reads the URL's connectTimeout in milliseconds, as the connector does", () => {
    expect(mariadbConnectTimeoutMs("mysql://u@db/app?connectTimeout=2500")).toBe(2_500);
    expect(mariadbConnectTimeoutMs("mysql://u@db/app?connectTimeout=0")).toBe(0);
  });

  // The connector reads NaN as no bound and a negative or too long wait as none at all.
  it.each(["soon", "-1", "Infinity", "2147483648"])("refuses connectTimeout=%s, naming where it came from", (value) => {
    expect(() => mariadbConnectTimeoutMs(`mysql://u@db/app?connectTimeout=${value}`)).toThrow(
      `connectTimeout in the database URL must be 0 (none) to 2147483647 ms; got "${value}".`,
    );
    expect(() => mariadbConnectTimeoutMs(`mysql://u@db/app?connectTimeout=${value}`, "--from")).toThrow(/^--from: connectTimeout must be/);
  });
});

describe("mariadbConnectionString", () => {
  it("names the connector's scheme and adds the 10 s bound, keeping the rest of the URL", () => {
    const u = new URL(mariadbConnectionString("mysql://u:p%40ss@db:3307/app?acquireTimeout=2000"));
    expect(u.protocol).toBe("mariadb:");
    expect([u.username, u.password, u.host, u.pathname]).toEqual(["u", "p%40ss", "db:3307", "/app"]);
    expect(Object.fromEntries(u.searchParams)).toEqual({ acquireTimeout: "2000", connectTimeout: "10000" });
  });

  it("keeps a connectTimeout the URL sets", () => {
    expect(new URL(mariadbConnectionString("mariadb://u@db/app?connectTimeout=500")).searchParams.get("connectTimeout")).toBe("500");
  });
});
