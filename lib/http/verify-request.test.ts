import { describe, expect, it } from "vitest";
import { createNewSession } from "../auth/session/session";
import { engine, levels, needsGold } from "../auth/testing/claim-fixtures";
import { verifyRequestSession } from "./verify-request";

describe("verifyRequestSession with claim requirements", () => {
  it("a failed claim answers 403 invalid claim over HTTP", async () => {
    const { ctx } = engine();
    levels.set("u3", ["silver"]);
    const tokens = await createNewSession(ctx, { userId: "u3" });
    const request = new Request("http://localhost:3000/api/x", { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    const result = await verifyRequestSession(ctx, request, { claims: [needsGold] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(403);
    expect(await result.response.json()).toEqual({
      message: "invalid claim",
      claimValidationErrors: [{ id: "x-level", reason: { message: "wrong value", includes: "gold", actualValue: ["silver"] } }],
    });
  });
});

describe("onInvalidClaim hook", () => {
  it("replaces the 403 answer and sees the validation errors", async () => {
    const { createTestEngine } = await import("../auth/testing/test-engine");
    const seen: unknown[] = [];
    const { ctx } = createTestEngine({
      onSessionError: {
        onInvalidClaim: ({ claimValidationErrors }) => {
          seen.push(...claimValidationErrors);
          return Response.json({ upgrade: "/pricing" }, { status: 402 });
        },
      },
    });
    const tokens = await createNewSession(ctx, { userId: "u9" });
    const request = new Request("http://localhost:3000/api/x", { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    const result = await verifyRequestSession(ctx, request, { roles: ["pro"] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(402);
    expect(await result.response.json()).toEqual({ upgrade: "/pricing" });
    expect(seen).toEqual([{ id: "st-role", reason: { message: "wrong value", expectedToInclude: "pro", actualValue: [] } }]);
  });
});
