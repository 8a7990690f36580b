import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEmailEngine } from "../auth/testing/email-fixtures";
import { createAuthClient } from "./testing/client";

const PATHS = [
  "/api/auth/user/password/reset/token",
  "/api/auth/user/password/reset",
  "/api/auth/user/email/verify",
  "/api/auth/user/email/verify/token",
];

describe("password reset and email verification endpoints: bad input never yields a 5xx", () => {
  // A generous limit: the property sends many requests for few addresses.
  const { ctx } = createEmailEngine({ passwordReset: { requestLimit: { points: 10_000, durationSeconds: 60 } } });
  const client = createAuthClient(ctx);

  it("malformed bodies are 400/413 BAD_INPUT_ERROR", async () => {
    const common = [
      [{ rawBody: "{nope" }, 400],
      [{ rawBody: "" }, 400],
      [{ rawBody: JSON.stringify({ formFields: [{ id: "email", value: "x".repeat(1024 * 1024) }] }) }, 413],
    ] as const;
    const withToken = [
      [{ body: { method: "token", token: 1, formFields: [] } }, 400],
      [{ body: { method: "token", token: "x".repeat(300), formFields: [] } }, 400],
      [{ body: { method: "link", token: "x", formFields: [] } }, 400],
    ] as const;
    const cases: [string, readonly (readonly [{ rawBody?: string; body?: unknown }, number])[]][] = [
      [PATHS[0], common],
      [PATHS[1], [...common, ...withToken]],
      [PATHS[2], [...common, ...withToken]],
    ];
    for (const [path, inputs] of cases) {
      for (const [input, status] of inputs) {
        const response = await client.send("POST", path, input);
        expect(response.status, `${path} ${JSON.stringify(input).slice(0, 60)}`).toBe(status);
        expect((await response.json()).status).toBe("BAD_INPUT_ERROR");
      }
    }
  });

  it("property: random bodies never produce a 5xx, and always JSON", async () => {
    const field = fc.record(
      { id: fc.oneof(fc.constantFrom("email", "password"), fc.string()), value: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.string().map((s) => ({ rawBody: s })),
      fc.anything().map((v) => ({ rawBody: JSON.stringify(v) ?? "" })),
      fc
        .record(
          {
            method: fc.oneof(fc.constant("token"), fc.anything()),
            token: fc.oneof(fc.string({ maxLength: 300 }), fc.anything()),
            formFields: fc.oneof(fc.array(field, { maxLength: 3 }), fc.anything()),
          },
          { requiredKeys: [] },
        )
        .map((v) => ({ body: v })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), body, async (path, input) => {
        const response = await client.send("POST", path, input);
        expect(response.status).toBeLessThan(500);
        expect(response.headers.get("content-type")).toContain("application/json");
      }),
      { numRuns: 200 },
    );
  });
});
