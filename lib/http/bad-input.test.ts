import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

describe("bad input never yields a 5xx", () => {
  const { ctx } = createTestEngine();
  const client = createAuthClient(ctx);

  const cases: [string, { rawBody?: string; body?: unknown }, number, string?][] = [
    ["malformed JSON", { rawBody: "{not json" }, 400, "BAD_INPUT_ERROR"],
    ["empty body", { rawBody: "" }, 400, "BAD_INPUT_ERROR"],
    ["JSON null", { rawBody: "null" }, 400, "BAD_INPUT_ERROR"],
    ["formFields not an array", { body: { formFields: "x" } }, 400, "BAD_INPUT_ERROR"],
    ["value not a string", { body: { formFields: [{ id: "email", value: 1 }] } }, 400, "BAD_INPUT_ERROR"],
    ["missing password", { body: { formFields: [{ id: "email", value: "a@example.com" }] } }, 200, "FIELD_ERROR"],
    [
      "duplicate field id",
      {
        body: {
          formFields: [
            { id: "email", value: "a" },
            { id: "email", value: "b" },
          ],
        },
      },
      400,
      "BAD_INPUT_ERROR",
    ],
    ["1 MB body", { rawBody: JSON.stringify({ formFields: [{ id: "email", value: "x".repeat(1024 * 1024) }] }) }, 413, "BAD_INPUT_ERROR"],
    ["10 KB email", { body: credentials(`${"a".repeat(10 * 1024)}@example.com`, "fixture-pw-1") }, 400, "BAD_INPUT_ERROR"],
  ];

  for (const path of ["/api/auth/signin", "/api/auth/signup"]) {
    for (const [name, input, status, fdiStatus] of cases) {
      it(`${path}: ${name} → ${status} ${fdiStatus}`, async () => {
        const response = await client.send("POST", path, input);
        expect(response.status).toBe(status);
        const body = await response.json();
        expect(body.status).toBe(fdiStatus);
        expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|Error:/);
      });
    }
  }

  it("U+0000 anywhere in a body, a query or a path is 400 BAD_INPUT_ERROR, before any store is asked", async () => {
    const refused = { status: "BAD_INPUT_ERROR", message: "The request contains a NUL character (U+0000)" };
    const inBody = await client.send("POST", "/api/auth/signin", { body: credentials("a\u0000@example.com", "fixture-pw-1") });
    expect([inBody.status, await inBody.json()]).toEqual([400, refused]);
    const inKey = await client.send("POST", "/api/auth/signin", { rawBody: '{"formFields":[],"\\u0000":1}' });
    expect([inKey.status, await inKey.json()]).toEqual([400, refused]);
    const inQuery = await client.send("GET", "/api/auth/emailpassword/email/exists?email=a%00@example.com");
    expect([inQuery.status, await inQuery.json()]).toEqual([400, refused]);
    const inPath = await client.send("GET", "/api/auth/admin/users/%00", { headers: { authorization: "Bearer nope" } });
    expect([inPath.status, await inPath.json()]).toEqual([400, refused]);
    // An escaped backslash before "u0000" is no U+0000: answered as any other sign-in.
    const lookalike = await client.send("POST", "/api/auth/signin", { body: credentials("a\\u0000@example.com", "fixture-pw-1") });
    expect((await lookalike.json()).status).not.toBe("BAD_INPUT_ERROR");
  });

  it("half of a surrogate pair alone in a body's string or key is 400 BAD_INPUT_ERROR; a whole pair is text", async () => {
    const refused = { status: "BAD_INPUT_ERROR", message: "The request contains a lone UTF-16 surrogate (text that is not valid Unicode)" };
    for (const lone of ["\ud800", "x\udfff", "\udbff\u0041"]) {
      const inValue = await client.send("POST", "/api/auth/signin", { body: credentials("a@example.com", `pw-${lone}`) });
      expect([lone, inValue.status, await inValue.json()]).toEqual([lone, 400, refused]);
    }
    const escaped = await client.send("POST", "/api/auth/signin", { rawBody: '{"formFields":[{"id":"email","value":"a\\udc00@example.com"}]}' });
    expect([escaped.status, await escaped.json()]).toEqual([400, refused]);
    const inKey = await client.send("POST", "/api/auth/signin", { rawBody: '{"formFields":[],"\\ud800":1}' });
    expect([inKey.status, await inKey.json()]).toEqual([400, refused]);
    // A pair, escaped or not, is one character (here an emoji): answered as any other sign-in.
    for (const rawBody of [
      '{"formFields":[{"id":"email","value":"a@example.com"},{"id":"password","value":"pw-\\ud83d\\ude00"}]}',
      JSON.stringify(credentials("a@example.com", "pw-\u{1F600}")),
    ]) {
      const pair = await client.send("POST", "/api/auth/signin", { rawBody });
      expect((await pair.json()).status).toBe("WRONG_CREDENTIALS_ERROR");
    }
  });

  it("unknown paths and methods are 404/405 JSON", async () => {
    expect((await client.send("GET", "/api/auth/nope")).status).toBe(404);
    const wrongMethod = await client.send("GET", "/api/auth/signin");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
  });

  it("property: random bodies to /signin and /signup never produce a 5xx", async () => {
    const field = fc.record(
      { id: fc.oneof(fc.constantFrom("email", "password"), fc.string()), value: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.string().map((s) => ({ rawBody: s })),
      fc.json().map((s) => ({ rawBody: s })),
      fc.anything().map((v) => ({ rawBody: JSON.stringify(v) ?? "" })),
      fc.record({ formFields: fc.oneof(fc.array(field, { maxLength: 4 }), fc.anything()) }).map((v) => ({ body: v })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/api/auth/signin", "/api/auth/signup"), body, async (path, input) => {
        const response = await client.send("POST", path, input);
        expect(response.status).toBeLessThan(500);
        expect(response.headers.get("content-type")).toContain("application/json");
      }),
      { numRuns: 150 },
    );
  });
});
