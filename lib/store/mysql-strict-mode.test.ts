import { describe, expect, it } from "vitest";
import { STRICT_MODE_SQL, withStrictSqlMode } from "./mysql-strict-mode";

describe("withStrictSqlMode", () => {
  it("adds the strict-mode initSql and keeps every other parameter", () => {
    const url = new URL(withStrictSqlMode("mysql://u:p%40ss@db:3306/app?connectionLimit=5&sessionVariables=%7B%22wait_timeout%22%3A60%7D"));
    expect(url.searchParams.get("initSql")).toBe(STRICT_MODE_SQL);
    expect(url.searchParams.get("connectionLimit")).toBe("5");
    expect(url.searchParams.get("sessionVariables")).toBe('{"wait_timeout":60}');
    expect([url.username, url.password, url.host, url.pathname]).toEqual(["u", "p%40ss", "db:3306", "/app"]);
  });

  it("has no space to be written as `+` on the way to the connector, and leaves the other parameters' text alone", () => {
    expect(STRICT_MODE_SQL).not.toMatch(/\s/);
    expect(withStrictSqlMode("mysql://u@db/app?sslcert=/a+b.pem")).toBe(
      `mysql://u@db/app?sslcert=/a+b.pem&initSql=${encodeURIComponent(STRICT_MODE_SQL)}`,
    );
    expect(withStrictSqlMode("mysql://u@db/app")).toBe(`mysql://u@db/app?initSql=${encodeURIComponent(STRICT_MODE_SQL)}`);
  });

  it("leaves a URL with its own initSql as it is", () => {
    const url = "mysql://u@db/app?initSql=SET%20SESSION%20time_zone%3D%27%2B00%3A00%27";
    expect(withStrictSqlMode(url)).toBe(url);
  });
});
