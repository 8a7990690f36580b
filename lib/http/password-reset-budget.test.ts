/**
 * `passwordReset.sendLimitGlobal`: reset requests over all clients together. With no known client
 * address (the default), the per-client limit counts nobody and the per-address one holds one
 * address, not the next: without it, anyone could have the app mail every account it has. It
 * counts and refuses known and unknown addresses alike, so that it tells nobody who has one.
 */
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import { createCapturingDelivery } from "../auth/testing/email-fixtures";
import { createTestEngine } from "../auth/testing/test-engine";
import { warningLog } from "../auth/testing/warning-log";
import { createAuthClient, credentials } from "./testing/client";

const RESET_TOKEN = "/api/auth/user/password/reset/token";
const emailBody = (email: string) => ({ formFields: [{ id: "email", value: email }] });

function setup(passwordReset: GatehouseConfig["passwordReset"]) {
  const { log, warnings } = warningLog();
  const delivery = createCapturingDelivery();
  const background: Promise<unknown>[] = [];
  const { ctx } = createTestEngine({ passwordReset }, { log, emailDelivery: delivery, waitUntil: (task) => void background.push(task) });
  /** The reset emails sent so far, once the work after the answers has settled. */
  const resetEmails = async () => {
    while (background.length > 0) await Promise.all(background.splice(0));
    return delivery.sent.filter((email) => email.kind === "PASSWORD_RESET").map((email) => email.to);
  };
  /** One reset request from a client of its own: status, body, and the headers beside `date`. */
  const ask = async (email: string) => {
    const response = await createAuthClient(ctx).send("POST", RESET_TOKEN, { body: emailBody(email) });
    const headers = [...response.headers.entries()].filter(([name]) => name !== "date");
    return { status: response.status, body: await response.text(), headers };
  };
  return { ctx, warnings, resetEmails, ask };
}

describe("the budget of password-reset requests over all clients", () => {
  it("once spent, refuses every request with 429 until the window ends, known address or not, identically; logs it once", async () => {
    const s = setup({ sendLimitGlobal: { points: 2, durationSeconds: 3600 } });
    expect((await createAuthClient(s.ctx).send("POST", "/api/auth/signup", { body: credentials("known@example.com", "pw-known-1") })).status).toBe(
      200,
    );
    // Known and unknown addresses spend it alike: counting only sent emails would tell them apart.
    expect((await s.ask("known@example.com")).status).toBe(200);
    expect((await s.ask("nobody-1@example.com")).status).toBe(200);
    const known = await s.ask("known@example.com");
    const unknown = await s.ask("nobody-2@example.com");
    expect(known.status).toBe(429);
    expect(JSON.parse(known.body)).toMatchObject({ status: "GENERAL_ERROR" });
    expect(Number(new Map(known.headers).get("retry-after"))).toBeGreaterThan(0);
    expect(Number(new Map(known.headers).get("retry-after"))).toBeLessThanOrEqual(3600);
    expect(unknown).toEqual(known);
    expect(await s.resetEmails()).toEqual(["known@example.com"]);
    expect(s.warnings.filter((line) => line.event === "password_reset.send_budget_spent")).toEqual([
      expect.objectContaining({ points: 2, durationSeconds: 3600, retryAfterSeconds: expect.any(Number) }),
    ]);
  });

  it("is 1000 an hour by default; false turns it off; a bad value stops the start", async () => {
    expect(setup(undefined).ctx.config.passwordReset.sendLimitGlobal).toEqual({ points: 1000, durationSeconds: 3600 });
    const off = setup({ sendLimitGlobal: false });
    expect(off.ctx.config.passwordReset.sendLimitGlobal).toBe(false);
    for (let i = 0; i < 5; i++) expect((await off.ask(`nobody-${i}@example.com`)).status).toBe(200);
    expect(() => setup({ sendLimitGlobal: { points: 0, durationSeconds: 60 } })).toThrow(/passwordReset\.sendLimitGlobal/);
  });
});
