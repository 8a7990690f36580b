/**
 * The engine's own limits: each use case answers TOO_MANY_ATTEMPTS (with the seconds to wait)
 * itself, before any password work, whatever layer calls it. (Over HTTP, as 429 with
 * Retry-After: lib/http/brute-force.test.ts.)
 */
import { describe, expect, it, vi } from "vitest";
import { checkAdminApiKey } from "../apikeys/admin-key-check";
import { changePassword } from "../emailpassword/change-password";
import * as passwordHash from "../emailpassword/password-hash";
import { signIn } from "../emailpassword/sign-in";
import { signUp } from "../emailpassword/sign-up";
import { createTestClock, createTestEngine } from "../testing/test-engine";

const creds = (email: string, password: string, ip?: string) => ({
  email,
  password,
  formFields: { email, password },
  client: { ip: ip ?? null, userAgent: "test" },
});
/** Limits counted on a clock nothing moves: a wait the test reads to the second cannot run down on a slow machine. */
const frozenLimitClock = () => ({ limitClock: createTestClock() });
const tooMany = { status: "TOO_MANY_ATTEMPTS", retryAfterSeconds: expect.any(Number) };

describe("TOO_MANY_ATTEMPTS from the engine", () => {
  it("sign-in: past the account's failures, even the right password waits, with no password work; unknown emails alike", async () => {
    const { ctx } = createTestEngine({ rateLimits: { signInFailuresPerAccount: { points: 2, durationSeconds: 60 } } });
    expect((await signUp(ctx, creds("ada@example.com", "fixture-pw-1"))).status).toBe("OK");
    for (const email of ["ada@example.com", "nobody@example.com"]) {
      for (let i = 0; i < 2; i++) expect((await signIn(ctx, creds(email, "wrong-pass1"))).status).toBe("WRONG_CREDENTIALS_ERROR");
      const verify = vi.spyOn(passwordHash, "verifyPassword");
      const held = await signIn(ctx, creds(email, "fixture-pw-1"));
      expect(held).toEqual(tooMany);
      expect(held.status === "TOO_MANY_ATTEMPTS" && held.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(verify).not.toHaveBeenCalled();
      verify.mockRestore();
    }
  });

  it("sign-in: a known client is limited per address (signInPerIp); without an address nothing is counted per client", async () => {
    const { ctx } = createTestEngine({ rateLimits: { signInPerIp: { points: 2, durationSeconds: 60 } } });
    for (let i = 0; i < 2; i++)
      expect((await signIn(ctx, creds("a@example.com", "wrong-pass1", "198.51.100.7"))).status).toBe("WRONG_CREDENTIALS_ERROR");
    expect(await signIn(ctx, creds("b@example.com", "fixture-pw-1", "198.51.100.7"))).toEqual(tooMany);
    // The same /64 is the same client; another address and an unknown one are not held back.
    expect((await signIn(ctx, creds("b@example.com", "fixture-pw-1", "198.51.100.8"))).status).toBe("WRONG_CREDENTIALS_ERROR");
    for (let i = 0; i < 3; i++) expect((await signIn(ctx, creds("c@example.com", "fixture-pw-1"))).status).toBe("WRONG_CREDENTIALS_ERROR");
  });

  it("sign-in: the progressive delay holds the next attempt for the doubling wait", async () => {
    const { ctx } = createTestEngine(
      {
        rateLimits: {
          signInFailuresPerAccount: { points: 10, durationSeconds: 60 },
          signInFailureDelay: { firstDelaySeconds: 3, maxDelaySeconds: 30 },
        },
      },
      frozenLimitClock(),
    );
    await signUp(ctx, creds("ada@example.com", "fixture-pw-1"));
    expect((await signIn(ctx, creds("ada@example.com", "wrong-pass1"))).status).toBe("WRONG_CREDENTIALS_ERROR");
    expect(await signIn(ctx, creds("ada@example.com", "fixture-pw-1"))).toEqual({ status: "TOO_MANY_ATTEMPTS", retryAfterSeconds: 3 });
  });

  it("sign-up: past the client's sign-ups (signUpPerIp)", async () => {
    const { ctx } = createTestEngine({ rateLimits: { signUpPerIp: { points: 1, durationSeconds: 60 } } });
    expect((await signUp(ctx, creds("a@example.com", "fixture-pw-1", "203.0.113.5"))).status).toBe("OK");
    expect(await signUp(ctx, creds("b@example.com", "fixture-pw-1", "203.0.113.5"))).toEqual(tooMany);
    expect((await signUp(ctx, creds("b@example.com", "fixture-pw-1", "203.0.113.6"))).status).toBe("OK");
  });

  it("change-password: guessing the current password meets the sign-in limits", async () => {
    const { ctx } = createTestEngine({ rateLimits: { signInFailuresPerAccount: { points: 2, durationSeconds: 60 } } });
    const up = await signUp(ctx, creds("ada@example.com", "fixture-pw-1"));
    if (up.status !== "OK") throw new Error(up.status);
    const change = (oldPassword: string) =>
      changePassword(ctx, { userId: up.user.id, sessionHandle: up.tokens.sessionHandle, oldPassword, newPassword: "fixture-pw-2" });
    for (let i = 0; i < 2; i++) expect((await change("wrong-pass1")).status).toBe("WRONG_CREDENTIALS_ERROR");
    expect(await change("fixture-pw-1")).toEqual(tooMany);
  });

  it("admin API keys: a client past its failure budget waits before any key is checked", async () => {
    const { ctx } = createTestEngine(
      {
        rateLimits: { adminAuthFailuresPerClient: { points: 2, durationSeconds: 60, firstDelaySeconds: 5, maxDelaySeconds: 5 } },
      },
      frozenLimitClock(),
    );
    const client = { ip: "198.51.100.20" };
    // The failure that spends the budget is refused as usual and starts the wait.
    for (let i = 0; i < 2; i++) expect((await checkAdminApiKey(ctx, { key: "gh_wrong", client })).status).toBe("INVALID_KEY");
    expect(await checkAdminApiKey(ctx, { key: "gh_wrong", client })).toEqual({ status: "TOO_MANY_ATTEMPTS", retryAfterSeconds: 5 });
    expect((await checkAdminApiKey(ctx, { key: "gh_wrong", client: { ip: "198.51.100.21" } })).status).toBe("INVALID_KEY");
  });

  it("switched off, nothing is limited", async () => {
    const { ctx } = createTestEngine({
      rateLimits: { enabled: false, signInFailuresPerAccount: { points: 1, durationSeconds: 60 }, signInPerIp: { points: 1, durationSeconds: 60 } },
    });
    for (let i = 0; i < 3; i++)
      expect((await signIn(ctx, creds("a@example.com", "wrong-pass1", "198.51.100.9"))).status).toBe("WRONG_CREDENTIALS_ERROR");
  });
});
