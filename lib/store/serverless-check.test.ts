import { describe, expect, it } from "vitest";
import { assertDatabaseFitsPlatform } from "./serverless-check";

describe("assertDatabaseFitsPlatform", () => {
  it("refuses SQLite (explicit or by default) when VERCEL is set", () => {
    for (const DATABASE_URL of [undefined, "file:./gatehouse.db"]) {
      expect(() => assertDatabaseFitsPlatform({ VERCEL: "1", DATABASE_URL })).toThrow(/SQLite cannot be used on Vercel/);
    }
  });

  it("accepts PostgreSQL/MySQL on Vercel and SQLite elsewhere", () => {
    expect(() => assertDatabaseFitsPlatform({ VERCEL: "1", DATABASE_URL: "postgresql://u@db.example/app" })).not.toThrow();
    expect(() => assertDatabaseFitsPlatform({ VERCEL: "1", DATABASE_URL: "mysql://u@db.example/app" })).not.toThrow();
    expect(() => assertDatabaseFitsPlatform({ DATABASE_URL: "file:./x.db" })).not.toThrow();
  });
});
