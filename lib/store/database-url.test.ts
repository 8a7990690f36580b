import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, providerOf, redactUrl, resolveDatabaseUrl, sqlitePathOf } from "./database-url.mjs";
import { poolSizeFromEnv } from "./prisma-client";

describe("DATABASE_URL", () => {
  it("defaults to an SQLite file in the working directory", () => {
    expect(resolveDatabaseUrl(undefined)).toBe(DEFAULT_DATABASE_URL);
    expect(resolveDatabaseUrl("  ")).toBe("file:./gatehouse.db");
    expect(resolveDatabaseUrl(" postgres://h/db ")).toBe("postgres://h/db");
  });

  it.each([
    ["file:./gatehouse.db", "sqlite"],
    ["file:/var/lib/app.db", "sqlite"],
    ["postgresql://u:p@h:5432/db", "postgresql"],
    ["postgres://h/db?schema=auth", "postgresql"],
    ["POSTGRES://h/db", "postgresql"],
    ["mysql://root@h:3306/db", "mysql"],
    ["mariadb://root@h/db", "mysql"],
  ])("%s is %s", (url, provider) => {
    expect(providerOf(url)).toBe(provider);
  });

  it("rejects other schemes without echoing the password", () => {
    expect(() => providerOf("mongodb://user:s3cret@h/db")).toThrow(/must start with file:/);
    expect(() => providerOf("mongodb://user:s3cret@h/db")).not.toThrow(/s3cret/);
    expect(() => providerOf("./gatehouse.db")).toThrow(/DATABASE_URL/);
  });

  it("maps file: URLs to the path better-sqlite3 opens", () => {
    expect(sqlitePathOf("file:./gatehouse.db")).toBe("./gatehouse.db");
    expect(sqlitePathOf("file:/tmp/x.db?connection_limit=1")).toBe("/tmp/x.db");
  });

  it("redacts passwords", () => {
    expect(redactUrl("postgresql://app:hunter2@db:5432/auth")).toBe("postgresql://app:***@db:5432/auth");
    expect(redactUrl("mysql://root@db/auth")).toBe("mysql://root@db/auth");
    // An empty user name, and passwords with the characters that end a naive match.
    expect(redactUrl("postgresql://:hunter2@db:5432/auth")).toBe("postgresql://:***@db:5432/auth");
    expect(redactUrl("postgresql://app:hun@ter2@db:5432/auth")).toBe("postgresql://app:***@db:5432/auth");
    expect(redactUrl("postgresql://app:hun/ter:2@db/auth?sslmode=require&x=a@b")).toBe("postgresql://app:***@db/auth?sslmode=require&x=a@b");
    expect(redactUrl("mysql://root@db/auth?user=x@y")).toBe("mysql://root@db/auth?user=x@y");
    expect(redactUrl("file:./gatehouse.db")).toBe("file:./gatehouse.db");
  });

  it("redacts passwords given as query parameters, which pg reads too", () => {
    expect(redactUrl("postgresql://db/auth?user=app&password=hunter2")).toBe("postgresql://db/auth?user=app&password=***");
    expect(redactUrl("postgresql://app:hunter2@db/auth?sslmode=require&sslpassword=s3cret#x")).toBe(
      "postgresql://app:***@db/auth?sslmode=require&sslpassword=***#x",
    );
    expect(redactUrl("mysql://db/auth?PASSWORD=a%26b&connectionLimit=5")).toBe("mysql://db/auth?PASSWORD=***&connectionLimit=5");
    expect(redactUrl("postgresql://db/auth?passwordless=1")).toBe("postgresql://db/auth?passwordless=1");
  });
});

describe("DATABASE_POOL_SIZE", () => {
  it("is optional and must be a positive integer", () => {
    expect(poolSizeFromEnv(undefined)).toBeUndefined();
    expect(poolSizeFromEnv("")).toBeUndefined();
    expect(poolSizeFromEnv("5")).toBe(5);
    expect(() => poolSizeFromEnv("0")).toThrow(/positive integer/);
    expect(() => poolSizeFromEnv("2.5")).toThrow(/positive integer/);
    expect(() => poolSizeFromEnv("lots")).toThrow(/positive integer/);
  });
});
