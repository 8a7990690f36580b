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

describe("the common error base", () => {
  it("every error class carries its code through CodedError, and only a GatehouseError is recognised as one", async () => {
    const { CodedError } = await import("./coded-error");
    const { ProviderError } = await import("./thirdparty/provider-error");
    const { EmailDeliveryError } = await import("./email/email-delivery");
    const errors = [
      new GatehouseError("STORE_FAILED", "db down"),
      new ProviderError("NONCE_REQUIRED", "no nonce"),
      new EmailDeliveryError("smtp down"),
    ];
    expect(errors.map((error) => [error instanceof CodedError, error instanceof Error, error.name, error.code])).toEqual([
      [true, true, "GatehouseError", "STORE_FAILED"],
      [true, true, "ProviderError", "NONCE_REQUIRED"],
      [true, true, "EmailDeliveryError", "DELIVERY_FAILED"],
    ]);
    expect(errors.map(isGatehouseError)).toEqual([true, false, false]);
    expect(errors[0].message).toBe("db down");
  });
});
