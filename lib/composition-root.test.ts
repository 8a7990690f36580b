/**
 * Every way of building the engine (the app, the CLI, the unit tests) goes through one
 * composition root, so they cannot drift apart; and the engine the process shares is never
 * written by a request.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EngineContext } from "./auth/context";
import { createTestEngine, TEST_SECRET } from "./auth/testing/test-engine";
import { cliEngine } from "./cli/context";
import { gatehouse, setGatehouse } from "./gatehouse";

// Next's `after`, recorded: outside a request scope the real one throws.
const after = vi.hoisted(() => vi.fn());
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), after }));

const claimKeys = (ctx: EngineContext) => ctx.claimSources.map((source) => source.key).sort();

describe("one composition root", () => {
  beforeEach(() => {
    // The app refuses to build without a secret; nothing here opens the database.
    vi.stubEnv("GATEHOUSE_SECRET", TEST_SECRET);
    vi.stubEnv("DATABASE_URL", "file:/nonexistent/composition-root-test.db");
    setGatehouse(undefined);
  });
  afterEach(() => {
    setGatehouse(undefined);
    vi.unstubAllEnvs();
  });

  it("the app, the CLI and the tests keep the same session claims (email verification included)", () => {
    const app = claimKeys(gatehouse());
    expect(app).toContain("st-ev");
    expect(claimKeys(cliEngine())).toEqual(app);
    expect(claimKeys(createTestEngine().ctx)).toEqual(app);
  });

  it("a request's waitUntil (Next's `after`) never lands on the engine the process shares", async () => {
    const { ctx } = createTestEngine();
    const sharedWaitUntil = ctx.waitUntil;
    setGatehouse(ctx);
    const route = await import("../app/api/auth/[...path]/route");
    const answer = await route.GET(new Request("http://localhost:3000/api/auth/jwt/jwks.json"));
    expect(answer.status).toBe(200);
    // The request had it (the audit retention purge, due at the first request, was handed to it)…
    expect(after).toHaveBeenCalledWith(expect.any(Promise));
    // …and the engine every other code path uses still has its own.
    expect(gatehouse()).toBe(ctx);
    expect(gatehouse().waitUntil).toBe(sharedWaitUntil);
  });

  it("the shared engine cannot be written", () => {
    const { ctx } = createTestEngine();
    expect(Object.isFrozen(ctx)).toBe(true);
    expect(() => {
      (ctx as { waitUntil: EngineContext["waitUntil"] }).waitUntil = () => {};
    }).toThrow(TypeError);
  });
});
