/**
 * `webauthn.recoverLimitGlobal`: passkey recovery requests over all clients together. With no
 * known client address (the default) nothing else bounds them but the per-address limit, which
 * holds one address and not the next: without it, anyone could have the app mail every account
 * that has a passkey. Known and unknown addresses count and are refused alike.
 */
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import { warningLog } from "../auth/testing/warning-log";
import { setup as passkeySetup, signUpWithPasskey } from "./testing/passkey-recovery-harness";

function setup(webauthn: GatehouseConfig["webauthn"]) {
  const { log, warnings } = warningLog();
  const s = passkeySetup({ webauthn }, { log });
  /** One recovery request from a client of its own: status, body, and the headers beside `date`. */
  const ask = async (email: string) => {
    const response = await s.browser().post("/user/webauthn/reset/token", { email });
    const headers = [...response.headers.entries()].filter(([name]) => name !== "date");
    return { status: response.status, body: await response.text(), headers };
  };
  /** The recovery emails sent so far, once the work after the answers has settled. */
  const recoveryEmails = async () => {
    await s.ctx.audit.settled();
    return s.delivery.sent.filter((email) => email.kind === "WEBAUTHN_RECOVER").map((email) => email.to);
  };
  return { ...s, warnings, ask, recoveryEmails };
}

describe("the budget of passkey recovery requests over all clients", () => {
  it("once spent, refuses every request with 429 until the window ends, known address or not, identically; logs it once", async () => {
    const s = setup({ recoverLimitGlobal: { points: 2, durationSeconds: 3600 } });
    const { body } = await signUpWithPasskey(s.browser(), "known@example.com");
    expect(await s.stores.users.markEmailVerified(body.user.id, "known@example.com")).toBe(true);
    expect((await s.ask("known@example.com")).status).toBe(200);
    expect((await s.ask("nobody-1@example.com")).status).toBe(200);
    const known = await s.ask("known@example.com");
    const unknown = await s.ask("nobody-2@example.com");
    expect(known.status).toBe(429);
    expect(JSON.parse(known.body)).toMatchObject({ status: "GENERAL_ERROR" });
    const retryAfter = Number(new Map(known.headers).get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(unknown).toEqual(known);
    expect(await s.recoveryEmails()).toEqual(["known@example.com"]);
    expect(s.warnings.filter((line) => line.event === "webauthn.recover_budget_spent")).toEqual([
      expect.objectContaining({ points: 2, durationSeconds: 3600, retryAfterSeconds: expect.any(Number) }),
    ]);
  });

  it("is 1000 an hour by default; false turns it off; a bad value stops the start", async () => {
    expect(setup({}).ctx.config.webauthn.recoverLimitGlobal).toEqual({ points: 1000, durationSeconds: 3600 });
    const off = setup({ recoverLimitGlobal: false });
    expect(off.ctx.config.webauthn.recoverLimitGlobal).toBe(false);
    for (let i = 0; i < 5; i++) expect((await off.ask(`nobody-${i}@example.com`)).status).toBe(200);
    expect(() => setup({ recoverLimitGlobal: { points: 0, durationSeconds: 60 } })).toThrow(/webauthn\.recoverLimitGlobal/);
  });
});
