import { describe, expect, it, vi } from "vitest";
import { sqliteSynchronousFromEnv, withSynchronous } from "./sqlite-durability";

describe("sqliteSynchronousFromEnv", () => {
  it("is FULL unless set, and takes FULL or NORMAL in any case", () => {
    expect(sqliteSynchronousFromEnv(undefined)).toBe("FULL");
    expect(sqliteSynchronousFromEnv(" ")).toBe("FULL");
    expect(sqliteSynchronousFromEnv("normal")).toBe("NORMAL");
    expect(sqliteSynchronousFromEnv("Full")).toBe("FULL");
  });

  it("refuses anything else, naming the variable", () => {
    for (const value of ["OFF", "EXTRA", "1", "full;"]) {
      expect(() => sqliteSynchronousFromEnv(value)).toThrow(/DATABASE_SQLITE_SYNCHRONOUS must be FULL or NORMAL/);
    }
  });
});

describe("withSynchronous", () => {
  it("sets the mode on each connection it opens", async () => {
    const pragma = vi.fn();
    const factory = withSynchronous({ connect: async () => ({ client: { pragma } }) }, "FULL");
    await factory.connect();
    expect(pragma).toHaveBeenCalledWith("synchronous = FULL");
  });

  it("throws rather than run with less durability when the connection is not reachable", async () => {
    const factory = withSynchronous({ connect: async () => ({}) }, "FULL");
    await expect(factory.connect()).rejects.toThrow(/cannot set PRAGMA synchronous/);
  });
});
