import { describe, expect, it } from "vitest";
import { claimList } from "./roles";

describe("claimList", () => {
  it("reads a {v,t} claim's values and ignores anything malformed", () => {
    expect(claimList({ "st-role": { v: ["admin", "user"], t: 1 } }, "st-role")).toEqual(["admin", "user"]);
    expect(claimList({ "st-role": { v: ["admin", 3, null] } }, "st-role")).toEqual(["admin"]);
    expect(claimList({ "st-role": "admin" }, "st-role")).toEqual([]);
    expect(claimList({ "st-role": { v: "admin" } }, "st-role")).toEqual([]);
    expect(claimList(undefined, "st-role")).toEqual([]);
  });
});
