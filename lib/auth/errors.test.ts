import { describe, expect, it } from "vitest";
import { GatehouseError, isGatehouseError } from "./errors";

describe("isGatehouseError", () => {
  it("recognises an error made by another copy of the module (another bundle of the app)", async () => {
    // A query string makes the module loader evaluate errors.ts a second time: a second class.
    const secondCopy = "./errors?another-bundle";
    const copy = (await import(/* @vite-ignore */ secondCopy)) as typeof import("./errors");
    expect(copy.GatehouseError).not.toBe(GatehouseError);
    const foreign = new copy.GatehouseError("STORE_FAILED", "db down");
    expect(foreign instanceof GatehouseError).toBe(false);
    expect(isGatehouseError(foreign)).toBe(true);
    expect(copy.isGatehouseError(new GatehouseError("HOOK_FAILED", "x"))).toBe(true);
  });

  it("refuses look-alikes: plain errors and objects with a code", () => {
    expect(isGatehouseError(Object.assign(new Error("x"), { code: "STORE_FAILED" }))).toBe(false);
    expect(isGatehouseError({ code: "STORE_FAILED", message: "x" })).toBe(false);
    expect(isGatehouseError(undefined)).toBe(false);
  });
});
