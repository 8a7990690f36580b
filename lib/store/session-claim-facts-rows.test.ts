import { describe, expect, it } from "vitest";
import { claimFactsRowsOfJson, foldClaimFacts } from "./session-claim-facts-rows";

describe("claimFactsRowsOfJson", () => {
  it("reads SQLite's JSON of the joined rows as the rows a join returns", () => {
    const rows = claimFactsRowsOfJson('[[1,1,"admin","read"],[1,1,"admin","wr\\"ite"],[1,1,"ed",null]]');
    expect(rows).toEqual([
      { email_verified: 1, has_email: 1, role: "admin", permission: "read" },
      { email_verified: 1, has_email: 1, role: "admin", permission: 'wr"ite' },
      { email_verified: 1, has_email: 1, role: "ed", permission: null },
    ]);
    expect(foldClaimFacts(rows)).toEqual({ emailVerified: true, hasEmail: true, roles: ["admin", "ed"], permissions: ["read", 'wr"ite'] });
    // A user with no roles: one row of nulls from the LEFT JOINs.
    expect(foldClaimFacts(claimFactsRowsOfJson("[[0,0,null,null]]"))).toEqual({ emailVerified: false, hasEmail: false, roles: [], permissions: [] });
  });

  it.each([
    ["no value", null],
    ["a number", 3],
    ["text that is not JSON", "[[1,1,"],
    ["no rows (the subquery always yields one)", "[]"],
    ["an object", '{"role":"admin"}'],
    ["a row of the wrong length", '[[1,1,"admin"]]'],
    ["a role that is not text", "[[1,1,7,null]]"],
    ["a permission that is not text", '[[1,1,"admin",{}]]'],
  ])("refuses %s rather than reading it as a user without facts", (_, value) => {
    expect(() => claimFactsRowsOfJson(value)).toThrow();
  });
});
