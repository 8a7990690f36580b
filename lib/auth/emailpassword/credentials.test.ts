/** Email and password are required in one layer only: the engine's sign-in and sign-up. */
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { signIn } from "./sign-in";
import { signUp } from "./sign-up";

const notOptional = (...ids: string[]) => ({ status: "FIELD_ERROR", formFields: ids.map((id) => ({ id, error: "Field is not optional" })) });

describe("required credentials", () => {
  it("sign-in and sign-up name each field the form left out", async () => {
    const { ctx } = createTestEngine();
    for (const call of [signIn, signUp]) {
      expect(await call(ctx, { formFields: {} })).toEqual(notOptional("email", "password"));
      expect(await call(ctx, { email: "ada@example.com", formFields: { email: "ada@example.com" } })).toEqual(notOptional("password"));
      expect(await call(ctx, { password: "fixture-pw-1", formFields: { password: "fixture-pw-1" } })).toEqual(notOptional("email"));
    }
  });

  it("sign-up checks the deployer's extra fields itself, after email and password are present", async () => {
    const { ctx } = createTestEngine({ emailPassword: { signUpFields: [{ id: "company", label: "Company" }] } });
    const fields = { email: "ada@example.com", password: "fixture-pw-1" };
    expect(await signUp(ctx, { ...fields, formFields: fields })).toEqual(notOptional("company"));
    expect((await signUp(ctx, { ...fields, formFields: { ...fields, company: "Acme" } })).status).toBe("OK");
  });
});
