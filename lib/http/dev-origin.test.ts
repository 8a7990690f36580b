import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { warningLog } from "../auth/testing/warning-log";
import type { EngineLog } from "../auth/log";
import { isOwnLoopbackOrigin } from "./dev-origin";
import { createAuthClient, credentials } from "./testing/client";

describe("the dev server's own loopback origin (isOwnLoopbackOrigin)", () => {
  it("accepts localhost, 127.0.0.1 and [::1] on any port when Origin equals the request's Host", () => {
    expect(isOwnLoopbackOrigin("http://localhost:3457", "localhost:3457")).toBe(true);
    expect(isOwnLoopbackOrigin("http://127.0.0.1:3001", "127.0.0.1:3001")).toBe(true);
    expect(isOwnLoopbackOrigin("http://[::1]:3000", "[::1]:3000")).toBe(true);
    expect(isOwnLoopbackOrigin("http://localhost", "localhost")).toBe(true);
    expect(isOwnLoopbackOrigin("http://localhost:3457", "LOCALHOST:3457")).toBe(true);
  });

  it("refuses another port, another host, a non-loopback host and a rebound name", () => {
    expect(isOwnLoopbackOrigin("http://localhost:3457", "localhost:3000")).toBe(false);
    expect(isOwnLoopbackOrigin("http://127.0.0.1:3457", "localhost:3457")).toBe(false);
    expect(isOwnLoopbackOrigin("http://localhost:3457", null)).toBe(false);
    // DNS rebinding: the attacker's name resolves to 127.0.0.1, but Host says the name.
    expect(isOwnLoopbackOrigin("http://evil.example:3457", "evil.example:3457")).toBe(false);
    expect(isOwnLoopbackOrigin("http://192.168.1.20:3000", "192.168.1.20:3000")).toBe(false);
    expect(isOwnLoopbackOrigin("http://localhost.evil.example:3000", "localhost.evil.example:3000")).toBe(false);
  });

  it("refuses what is not exactly an origin", () => {
    expect(isOwnLoopbackOrigin("null", "localhost:3000")).toBe(false);
    expect(isOwnLoopbackOrigin("http://localhost:3000/", "localhost:3000")).toBe(false);
    expect(isOwnLoopbackOrigin("http://user@localhost:3000", "localhost:3000")).toBe(false);
    expect(isOwnLoopbackOrigin("file://localhost", "localhost")).toBe(false);
    expect(isOwnLoopbackOrigin("not a url", "localhost:3000")).toBe(false);
  });
});

describe("sign-up on the dev server's own origin", () => {
  const signUp = (env: Record<string, string>, origin: string, host: string, log?: EngineLog) => {
    // No appOrigin in the config: the default applies, as in a fresh clone.
    const { ctx } = createTestEngine({ appOrigin: undefined }, { env, log });
    return createAuthClient(ctx).send("POST", "/api/auth/signup", {
      body: credentials("newcomer@example.com", "fixture-pw-1"),
      headers: { origin, host },
    });
  };

  it("in development: any loopback origin that is the request's own Host, without GATEHOUSE_APP_ORIGIN", async () => {
    for (const [origin, host] of [
      ["http://localhost:3457", "localhost:3457"],
      ["http://127.0.0.1:3457", "127.0.0.1:3457"],
      ["http://[::1]:3001", "[::1]:3001"],
    ]) {
      expect((await signUp({ NODE_ENV: "development" }, origin, host)).status, origin).toBe(200);
    }
    // Also when GATEHOUSE_APP_ORIGIN names localhost and the browser is on 127.0.0.1.
    expect(
      (await signUp({ NODE_ENV: "development", GATEHOUSE_APP_ORIGIN: "http://localhost:3457" }, "http://127.0.0.1:3457", "127.0.0.1:3457")).status,
    ).toBe(200);
  });

  it("in development: an Origin other than the request's Host is still refused", async () => {
    expect((await signUp({ NODE_ENV: "development" }, "http://localhost:4000", "localhost:3457")).status).toBe(403);
    expect((await signUp({ NODE_ENV: "development" }, "https://evil.example", "localhost:3457")).status).toBe(403);
  });

  it("in production (and any other NODE_ENV): only the configured origins", async () => {
    for (const NODE_ENV of ["production", "test", ""]) {
      const refused = await signUp({ NODE_ENV }, "http://localhost:3457", "localhost:3457");
      expect(refused.status, NODE_ENV).toBe(403);
      expect(await refused.json()).toEqual({ status: "BAD_INPUT_ERROR", message: "Cross-origin request refused" });
    }
    expect((await signUp({ NODE_ENV: "production" }, "http://localhost:3000", "localhost:3000")).status).toBe(200);
  });

  it("a refusal is one log line with the expected and the received origin and the setting that fixes it", async () => {
    const { log, warnings: lines } = warningLog();
    await signUp({ NODE_ENV: "production", GATEHOUSE_APP_ORIGIN: "https://app.example.com" }, "https://www.example.com", "www.example.com", log);
    expect(lines).toEqual([
      expect.objectContaining({
        event: "csrf.origin_refused",
        expectedOrigin: "https://app.example.com",
        receivedOrigin: "https://www.example.com",
        fix: expect.stringContaining("GATEHOUSE_APP_ORIGIN"),
      }),
    ]);
    expect(lines[0]?.fix).toContain("trustedOrigins");
  });
});
