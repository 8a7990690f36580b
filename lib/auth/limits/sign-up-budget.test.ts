/**
 * `rateLimits.signUpGlobal`: email+password and passkey sign-ups over all clients together. With
 * no known client address (the default) `signUpPerIp` counts nothing, and this is the only
 * ceiling on how many accounts, and argon2id hashes, anyone can make the app create.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GatehouseConfig } from "../config";
import { createTestEngine } from "../testing/test-engine";
import { warningLog } from "../testing/warning-log";
import { createWebauthnEngine } from "../testing/webauthn-fixtures";
import * as passwordHash from "../emailpassword/password-hash";
import { signIn } from "../emailpassword/sign-in";
import { signUp } from "../emailpassword/sign-up";

const BUDGET = { points: 2, durationSeconds: 3600 };

/** A sign-up form from a client whose address is unknown (or the one given). */
const form = (email: string, password = "fixture-pw-1", ip: string | null = null) => ({
  email,
  password,
  formFields: { email, password },
  client: { ip, userAgent: "test" },
});

function engineWithBudget(rateLimits: GatehouseConfig["rateLimits"] = { signUpGlobal: BUDGET }) {
  const { log, warnings } = warningLog();
  const engine = createTestEngine({ rateLimits }, { log });
  return { ...engine, warnings, spent: () => warnings.filter((line) => line.event === "sign_up.budget_spent") };
}

afterEach(() => vi.restoreAllMocks());

describe("the budget of email+password sign-ups over all clients", () => {
  it("refuses sign-ups past it from any client, before any hash or account, and logs it once", async () => {
    const engine = engineWithBudget();
    expect((await signUp(engine.ctx, form("a@example.com"))).status).toBe("OK");
    expect((await signUp(engine.ctx, form("b@example.com", "fixture-pw-1", "203.0.113.5"))).status).toBe("OK");
    const hash = vi.spyOn(passwordHash, "hashPassword");
    const past = await signUp(engine.ctx, form("c@example.com"));
    expect(past).toEqual({ status: "TOO_MANY_ATTEMPTS", retryAfterSeconds: expect.any(Number) });
    if (past.status !== "TOO_MANY_ATTEMPTS") throw new Error(past.status);
    expect(past.retryAfterSeconds).toBeGreaterThan(0);
    expect(past.retryAfterSeconds).toBeLessThanOrEqual(BUDGET.durationSeconds);
    // Another client address: the same count.
    expect((await signUp(engine.ctx, form("d@example.com", "fixture-pw-1", "198.51.100.7"))).status).toBe("TOO_MANY_ATTEMPTS");
    expect(hash).not.toHaveBeenCalled();
    expect(await engine.stores.users.findEmailPasswordAccountByEmail("c@example.com")).toBeNull();
    expect(engine.spent()).toEqual([expect.objectContaining({ points: 2, durationSeconds: 3600 })]);
  });

  it("counts a sign-up under an email that exists (it costs a hash too), and no form that fails its checks", async () => {
    const engine = engineWithBudget();
    expect((await signUp(engine.ctx, form("not-an-email"))).status).toBe("FIELD_ERROR");
    expect((await signUp(engine.ctx, form("a@example.com", "password"))).status).toBe("FIELD_ERROR");
    expect((await signUp(engine.ctx, form("a@example.com"))).status).toBe("OK");
    expect(await signUp(engine.ctx, form("a@example.com"))).toEqual({
      status: "FIELD_ERROR",
      formFields: [expect.objectContaining({ id: "email" })],
    });
    expect((await signUp(engine.ctx, form("b@example.com"))).status).toBe("TOO_MANY_ATTEMPTS");
  });

  it("never holds back a sign-in", async () => {
    const engine = engineWithBudget();
    for (const email of ["a@example.com", "b@example.com"]) expect((await signUp(engine.ctx, form(email))).status).toBe("OK");
    expect((await signUp(engine.ctx, form("c@example.com"))).status).toBe("TOO_MANY_ATTEMPTS");
    expect((await signIn(engine.ctx, form("a@example.com"))).status).toBe("OK");
  });

  it("is on by default at 1000 an hour; false turns it off; nonsense is refused at start", async () => {
    expect(createTestEngine().ctx.config.rateLimits.signUpGlobal).toEqual({ points: 1000, durationSeconds: 3600 });
    const off = engineWithBudget({ signUpGlobal: false });
    for (const email of ["a@example.com", "b@example.com", "c@example.com"]) expect((await signUp(off.ctx, form(email))).status).toBe("OK");
    expect(off.spent()).toEqual([]);
    expect(() => createTestEngine({ rateLimits: { signUpGlobal: { points: 0, durationSeconds: 60 } } })).toThrow(/signUpGlobal/);
    expect(() => createTestEngine({ rateLimits: { signUpGlobal: { points: 10, durationSeconds: 0 } } })).toThrow(/signUpGlobal/);
  });

  it("counts passkey sign-ups in the same budget, once the passkey is proven, before any account", async () => {
    const { log, warnings } = warningLog();
    const engine = createWebauthnEngine({ rateLimits: { signUpGlobal: BUDGET } }, { log });
    expect((await signUp(engine.ctx, form("a@example.com"))).status).toBe("OK");
    // A registration that fails its checks spends nothing.
    expect((await engine.signUp("bad@example.com", { origin: "https://evil.example" })).result.status).toBe("INVALID_CREDENTIALS_ERROR");
    expect((await engine.signUp("b@example.com")).result.status).toBe("OK");
    expect((await engine.signUp("c@example.com")).result).toEqual({ status: "TOO_MANY_ATTEMPTS", retryAfterSeconds: expect.any(Number) });
    expect((await signUp(engine.ctx, form("d@example.com"))).status).toBe("TOO_MANY_ATTEMPTS");
    expect(await engine.stores.users.findEmailPasswordAccountByEmail("c@example.com")).toBeNull();
    expect(await engine.stores.thirdParty.findUserByEmail("b@example.com")).not.toBeNull();
    expect(await engine.stores.thirdParty.findUserByEmail("c@example.com")).toBeNull();
    expect(warnings.filter((line) => line.event === "sign_up.budget_spent")).toHaveLength(1);
  });

  it("counts nothing when rate limits are off", async () => {
    const engine = engineWithBudget({ enabled: false, signUpGlobal: { points: 1, durationSeconds: 3600 } });
    for (const email of ["a@example.com", "b@example.com"]) expect((await signUp(engine.ctx, form(email))).status).toBe("OK");
  });
});
