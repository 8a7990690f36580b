/**
 * Devices of sign-ins never finished are swept by later sign-ins (createCode) once they are a day
 * older than their codes' lifetime. A resend must not send a code whose device that sweep may take
 * away while the code is still valid: the user would type a fresh code and be told to start again.
 */
import { describe, expect, it } from "vitest";
import { createPasswordlessEngine } from "../testing/passwordless-fixtures";
import { consumeCode } from "./consume-code";
import { createCode, resendCode } from "./create-code";

const request = { userAgent: "test", ip: null };
const LIFETIME = 900;
const DAY = 86_400;

async function start(engine: ReturnType<typeof createPasswordlessEngine>, email: string) {
  const started = await createCode(engine.ctx, { email }, request);
  if (started.status !== "OK") throw new Error(started.status);
  return started;
}

/** Another sign-in starts, and its sweep of stale devices has run. */
async function anotherSignInStarts(engine: ReturnType<typeof createPasswordlessEngine>) {
  await start(engine, "someone-else@example.com");
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe("a resend and the sweep of stale devices", () => {
  it("a code resent within a day works for its whole lifetime, whatever sign-ins start meanwhile", async () => {
    const engine = createPasswordlessEngine({ passwordless: { codeLifetimeSeconds: LIFETIME } });
    const started = await start(engine, "zoe@example.com");
    engine.clock.advanceSeconds(DAY - 1);
    expect(await resendCode(engine.ctx, started, request)).toEqual({ status: "OK" });
    const code = engine.lastEmail().userInputCode!;
    engine.clock.advanceSeconds(LIFETIME - 1);
    await anotherSignInStarts(engine);
    const consumed = await consumeCode(engine.ctx, { ...started, userInputCode: code }, request);
    expect(consumed.status).toBe("OK");
  });

  it("a device older than a day is not sent another code (the sweep could take it first): the flow starts again", async () => {
    const engine = createPasswordlessEngine({ passwordless: { codeLifetimeSeconds: LIFETIME } });
    const started = await start(engine, "zoe@example.com");
    engine.clock.advanceSeconds(DAY + LIFETIME);
    const sentBefore = engine.signInEmails().length;
    expect(await resendCode(engine.ctx, started, request)).toEqual({ status: "RESTART_FLOW_ERROR" });
    expect(engine.signInEmails()).toHaveLength(sentBefore);
  });
});
