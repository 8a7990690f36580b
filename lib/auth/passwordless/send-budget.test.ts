/**
 * `passwordless.sendLimitGlobal`: the codes sent to contacts without an account, over all
 * clients together. With no known client address (the default), it is the only ceiling on how
 * many fresh addresses and numbers anyone can make the app mail or text.
 */
import { describe, expect, it } from "vitest";
import { createPasswordlessEngine } from "../testing/passwordless-fixtures";
import { warningLog } from "../testing/warning-log";
import { consumeCode } from "./consume-code";
import { createCode, resendCode } from "./create-code";

/** A client whose address is unknown: no per-client limit counts it. */
const anonymous = { userAgent: "test", ip: null };
const BUDGET = { points: 3, durationSeconds: 3600 };

function engineWithBudget(budget: typeof BUDGET | false = BUDGET) {
  const { log, warnings } = warningLog();
  const engine = createPasswordlessEngine({ passwordless: { contactMethod: "EMAIL_OR_PHONE", sendLimitGlobal: budget } }, { log });
  return { ...engine, warnings };
}

describe("the budget of codes to contacts without an account", () => {
  it("holds back codes to new addresses and numbers once spent, whoever asks, and logs it once", async () => {
    const engine = engineWithBudget();
    const fresh = ["a@example.com", "b@example.com", "c@example.com"].map((email) => ({ email }));
    for (const contact of fresh) expect((await createCode(engine.ctx, contact, anonymous)).status).toBe("OK");
    const past = await createCode(engine.ctx, { email: "d@example.com" }, anonymous);
    expect(past).toEqual({ status: "TOO_MANY_ATTEMPTS", retryAfterSeconds: expect.any(Number) });
    if (past.status !== "TOO_MANY_ATTEMPTS") throw new Error(past.status);
    expect(past.retryAfterSeconds).toBeGreaterThan(0);
    expect(past.retryAfterSeconds).toBeLessThanOrEqual(BUDGET.durationSeconds);
    // Another client, another kind of contact: the same count.
    const phone = await createCode(engine.ctx, { phoneNumber: "+491701234567" }, { userAgent: "other", ip: "203.0.113.9" });
    expect(phone.status).toBe("TOO_MANY_ATTEMPTS");
    expect(engine.signInEmails()).toHaveLength(3);
    expect(engine.sms.sent).toHaveLength(0);
    expect(engine.warnings.filter((line) => line.event === "passwordless.send_budget_spent")).toEqual([
      expect.objectContaining({ points: 3, durationSeconds: 3600 }),
    ]);
  });

  it("counts resends to a new contact as codes sent", async () => {
    const engine = engineWithBudget();
    const started = await createCode(engine.ctx, { email: "a@example.com" }, anonymous);
    if (started.status !== "OK") throw new Error(started.status);
    expect((await resendCode(engine.ctx, started, anonymous)).status).toBe("OK");
    expect((await resendCode(engine.ctx, started, anonymous)).status).toBe("OK");
    expect((await resendCode(engine.ctx, started, anonymous)).status).toBe("TOO_MANY_ATTEMPTS");
    expect(engine.signInEmails()).toHaveLength(3);
  });

  it("never holds back a code to an existing user's contact", async () => {
    const engine = engineWithBudget();
    const started = await createCode(engine.ctx, { email: "zoe@example.com" }, anonymous);
    if (started.status !== "OK") throw new Error(started.status);
    const signedUp = await consumeCode(engine.ctx, { ...started, userInputCode: engine.lastEmail().userInputCode! }, anonymous);
    expect(signedUp.status).toBe("OK");
    for (const email of ["a@example.com", "b@example.com"]) expect((await createCode(engine.ctx, { email }, anonymous)).status).toBe("OK");
    expect((await createCode(engine.ctx, { email: "c@example.com" }, anonymous)).status).toBe("TOO_MANY_ATTEMPTS");
    // Spent, yet Zoe signs in: her codes count against her own address's limit only.
    const again = await createCode(engine.ctx, { email: "zoe@example.com" }, anonymous);
    expect(again.status).toBe("OK");
    if (again.status !== "OK") throw new Error(again.status);
    expect((await resendCode(engine.ctx, again, anonymous)).status).toBe("OK");
  });

  it("defaults to 1000 an hour, and false turns it off", () => {
    expect(createPasswordlessEngine().ctx.config.passwordless.sendLimitGlobal).toEqual({ points: 1000, durationSeconds: 3600 });
    expect(engineWithBudget(false).ctx.config.passwordless.sendLimitGlobal).toBe(false);
  });

  it("off, no budget counts: a fourth new contact gets its code", async () => {
    const engine = engineWithBudget(false);
    for (const email of ["a@example.com", "b@example.com", "c@example.com", "d@example.com"]) {
      expect((await createCode(engine.ctx, { email }, anonymous)).status).toBe("OK");
    }
  });

  it("refuses a budget that could not count at start", () => {
    expect(() => createPasswordlessEngine({ passwordless: { sendLimitGlobal: { points: 0, durationSeconds: 60 } } })).toThrow(/sendLimitGlobal/);
  });
});
