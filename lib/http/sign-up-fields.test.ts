import { describe, expect, it } from "vitest";
import type { SignInUpContext, SignUpField } from "../auth/config";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient } from "./testing/client";

const company: SignUpField = {
  id: "company",
  label: "Company",
  validate: (value) => (value.trim().length < 2 ? "At least 2 characters" : undefined),
};
const nickname: SignUpField = { id: "nickname", label: "Nickname", optional: true, validate: () => "never accepted" };

function body(extra: { id: string; value: string }[]) {
  return { formFields: [{ id: "email", value: "fields@example.com" }, { id: "password", value: "fixture-pw-1" }, ...extra] };
}

/** Extra sign-up fields: the server re-runs each validator, whatever the browser did. */
describe("sign-up fields from the config", () => {
  function setUp() {
    const seen: SignInUpContext[] = [];
    const { ctx } = createTestEngine({
      emailPassword: { signUpFields: [company, nickname] },
      setJwtPayload: (_user, context) => {
        seen.push(context);
        return {};
      },
    });
    return { client: createAuthClient(ctx), seen };
  }

  it("a missing required field is a FIELD_ERROR for that field, and no user is created", async () => {
    const { client, seen } = setUp();
    const res = await client.send("POST", "/api/auth/signup", { body: body([]) });
    expect(await res.json()).toEqual({ status: "FIELD_ERROR", formFields: [{ id: "company", error: "Field is not optional" }] });
    expect(seen).toEqual([]);
  });

  it("a failing validator answers with its own message", async () => {
    const { client } = setUp();
    const res = await client.send("POST", "/api/auth/signup", { body: body([{ id: "company", value: "x" }]) });
    expect(await res.json()).toEqual({ status: "FIELD_ERROR", formFields: [{ id: "company", error: "At least 2 characters" }] });
  });

  it("an optional field left empty skips its validator; a filled one is checked", async () => {
    const { client } = setUp();
    const filled = await client.send("POST", "/api/auth/signup", {
      body: body([
        { id: "company", value: "Acme" },
        { id: "nickname", value: "a" },
      ]),
    });
    expect((await filled.json()).formFields).toEqual([{ id: "nickname", error: "never accepted" }]);
    const empty = await client.send("POST", "/api/auth/signup", {
      body: body([
        { id: "company", value: "Acme" },
        { id: "nickname", value: "" },
      ]),
    });
    expect((await empty.json()).status).toBe("OK");
  });

  it("valid values reach the sign-up hooks as context.formFields", async () => {
    const { client, seen } = setUp();
    const res = await client.send("POST", "/api/auth/signup", { body: body([{ id: "company", value: "Acme" }]) });
    expect((await res.json()).status).toBe("OK");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "emailpassword", formFields: { company: "Acme", email: "fields@example.com" } });
  });

  it("sign-in ignores the sign-up fields", async () => {
    const { client } = setUp();
    await client.send("POST", "/api/auth/signup", { body: body([{ id: "company", value: "Acme" }]) });
    const res = await client.send("POST", "/api/auth/signin", { body: body([]) });
    expect((await res.json()).status).toBe("OK");
  });

  it("never hands the hooks the password, at sign-up or sign-in: a hook that logs or stores its context would write it out", async () => {
    const { client, seen } = setUp();
    await client.send("POST", "/api/auth/signup", { body: body([{ id: "company", value: "Acme" }]) });
    expect((await (await client.send("POST", "/api/auth/signin", { body: body([]) })).json()).status).toBe("OK");
    expect(seen).toHaveLength(2);
    for (const context of seen) {
      expect(context.method).toBe("emailpassword");
      expect(JSON.stringify(context)).not.toContain("fixture-pw-1");
    }
    expect(seen.map((context) => context.method === "emailpassword" && Object.keys(context.formFields).sort())).toEqual([
      ["company", "email"],
      ["email"],
    ]);
  });

  it("ids that shadow email/password or repeat are refused at start-up", () => {
    expect(() => createTestEngine({ emailPassword: { signUpFields: [{ id: "email", label: "E" }] } })).toThrow(/already used/);
    expect(() => createTestEngine({ emailPassword: { signUpFields: [company, company] } })).toThrow(/already used/);
    expect(() => createTestEngine({ emailPassword: { signUpFields: [{ id: "a b", label: "E" }] } })).toThrow(/invalid field id/);
  });
});
