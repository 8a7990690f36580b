/**
 * The passwordless code lifecycle on memory stores with a pinned clock: codes and links, expiry,
 * attempts, resend, single use under concurrency, delivery, accounts and hooks.
 */
import { describe, expect, it, vi } from "vitest";
import { signUp } from "../emailpassword/sign-up";
import { updateEmail } from "../emailpassword/update-email";
import { createPasswordlessEngine, linkPartsOf } from "../testing/passwordless-fixtures";
import { hashLinkCode, hashUserInputCode } from "./codes";
import { consumeCode } from "./consume-code";
import { createCode, resendCode } from "./create-code";

const request = { userAgent: "test", ip: null };

async function start(engine: ReturnType<typeof createPasswordlessEngine>, email = "Zoe@Example.com ") {
  const started = await createCode(engine.ctx, { email: email.trim().toLowerCase() }, request);
  if (started.status !== "OK") throw new Error(started.status);
  const sent = engine.lastEmail();
  return { ...started, code: sent.userInputCode!, link: sent.link };
}

describe("passwordless sign-in", () => {
  it("signs up by code, then signs in to the same user; the hooks see the method and the address", async () => {
    const setJwtPayload = vi.fn(() => ({}));
    const engine = createPasswordlessEngine({ setJwtPayload });
    const first = await start(engine);
    expect(first.flowType).toBe("USER_INPUT_CODE_AND_MAGIC_LINK");
    expect(first.code).toMatch(/^\d{6}$/);
    const signedUp = await consumeCode(
      engine.ctx,
      { deviceId: first.deviceId, preAuthSessionId: first.preAuthSessionId, userInputCode: first.code },
      request,
    );
    if (signedUp.status !== "OK") throw new Error(signedUp.status);
    expect(signedUp.createdNewRecipeUser).toBe(true);
    expect(signedUp.user).toMatchObject({
      emails: ["zoe@example.com"],
      loginMethods: [{ recipeId: "passwordless", email: "zoe@example.com", verified: true }],
    });
    expect(setJwtPayload).toHaveBeenLastCalledWith(
      expect.objectContaining({ id: signedUp.user.id }),
      { method: "passwordless", email: "zoe@example.com" },
      "signup",
    );

    const second = await start(engine);
    const signedIn = await consumeCode(
      engine.ctx,
      { deviceId: second.deviceId, preAuthSessionId: second.preAuthSessionId, userInputCode: ` ${second.code.slice(0, 3)}-${second.code.slice(3)} ` },
      request,
    );
    if (signedIn.status !== "OK") throw new Error(signedIn.status);
    expect(signedIn.user.id).toBe(signedUp.user.id);
    expect(signedIn.createdNewRecipeUser).toBe(false);
    expect(setJwtPayload).toHaveBeenLastCalledWith(expect.anything(), { method: "passwordless", email: "zoe@example.com" }, "signin");
    expect((await engine.stores.users.getUserById(signedUp.user.id))?.emailVerified).toBe(true);
  });

  it("signs in by magic link; the link works once and only for its own device", async () => {
    const engine = createPasswordlessEngine();
    const started = await start(engine);
    const parts = linkPartsOf(started.link);
    expect(parts.preAuthSessionId).toBe(started.preAuthSessionId);
    expect(started.link.startsWith("http://localhost:3000/auth/verify?")).toBe(true);
    const other = await start(engine, "other@example.com");
    expect((await consumeCode(engine.ctx, { preAuthSessionId: other.preAuthSessionId, linkCode: parts.linkCode }, request)).status).toBe(
      "RESTART_FLOW_ERROR",
    );
    expect((await consumeCode(engine.ctx, parts, request)).status).toBe("OK");
    expect((await consumeCode(engine.ctx, parts, request)).status).toBe("RESTART_FLOW_ERROR");
  });

  it("stores neither the code nor the link code, only their hashes", async () => {
    const engine = createPasswordlessEngine();
    const started = await start(engine);
    const stored = await engine.stores.passwordless.getDevice(started.preAuthSessionId);
    const dump = JSON.stringify(stored);
    const { linkCode } = linkPartsOf(started.link);
    expect(dump).not.toContain(started.deviceId);
    expect(dump).not.toContain(linkCode);
    expect(stored!.codes[0].userInputCodeHash).not.toContain(started.code);
    expect(stored!.codes[0].linkCodeHash).toBe(hashLinkCode(linkCode));
  });

  it("answers wrong codes with the attempts made, and ends the device at the fifth", async () => {
    const engine = createPasswordlessEngine();
    const started = await start(engine);
    const wrong = started.code === "000000" ? "111111" : "000000";
    const attempt = (userInputCode: string) =>
      consumeCode(engine.ctx, { deviceId: started.deviceId, preAuthSessionId: started.preAuthSessionId, userInputCode }, request);
    for (let n = 1; n <= 4; n++) {
      expect(await attempt(wrong)).toEqual({
        status: "INCORRECT_USER_INPUT_CODE_ERROR",
        failedCodeInputAttemptCount: n,
        maximumCodeInputAttempts: 5,
      });
    }
    expect(await attempt(wrong)).toEqual({ status: "RESTART_FLOW_ERROR" });
    // The device is gone: even the right code starts over now.
    expect(await attempt(started.code)).toEqual({ status: "RESTART_FLOW_ERROR" });
  });

  it("weighs at most maxCodeAttempts guesses of one device, also when they arrive at once", async () => {
    const engine = createPasswordlessEngine();
    const started = await start(engine);
    // Thirty guesses in parallel, the right code among them (last): all of them read the device
    // before any wrong one is counted, so only a try counted before it is weighed stops the sixth.
    const guesses = Array.from({ length: 29 }, (_, i) => String(i).padStart(6, "0")).filter((g) => g !== started.code);
    const results = await Promise.all(
      [...guesses, started.code].map((userInputCode) =>
        consumeCode(engine.ctx, { deviceId: started.deviceId, preAuthSessionId: started.preAuthSessionId, userInputCode }, request),
      ),
    );
    expect(results.filter((r) => r.status === "OK")).toHaveLength(0);
    expect(results.filter((r) => r.status === "INCORRECT_USER_INPUT_CODE_ERROR").length).toBeLessThanOrEqual(4);
  });

  it("refuses a code without the device id that asked for it", async () => {
    const engine = createPasswordlessEngine();
    const started = await start(engine);
    const other = await start(engine);
    expect(
      await consumeCode(engine.ctx, { deviceId: other.deviceId, preAuthSessionId: started.preAuthSessionId, userInputCode: started.code }, request),
    ).toEqual({ status: "RESTART_FLOW_ERROR" });
  });

  it("expires codes and links after 15 minutes by default", async () => {
    const engine = createPasswordlessEngine();
    const started = await start(engine);
    engine.clock.advanceSeconds(899);
    const fresh = await start(engine, "fresh@example.com");
    engine.clock.advanceSeconds(1);
    expect(
      await consumeCode(engine.ctx, { deviceId: started.deviceId, preAuthSessionId: started.preAuthSessionId, userInputCode: started.code }, request),
    ).toEqual({
      status: "EXPIRED_USER_INPUT_CODE_ERROR",
      failedCodeInputAttemptCount: 1,
      maximumCodeInputAttempts: 5,
    });
    expect((await consumeCode(engine.ctx, linkPartsOf(started.link), request)).status).toBe("RESTART_FLOW_ERROR");
    expect((await consumeCode(engine.ctx, linkPartsOf(fresh.link), request)).status).toBe("OK");
  });

  it("a resend sends a new code, keeps the older one working and the wrong tries counted", async () => {
    const engine = createPasswordlessEngine();
    const started = await start(engine);
    const wrong = started.code === "000000" ? "111111" : "000000";
    const attempt = (userInputCode: string) =>
      consumeCode(engine.ctx, { deviceId: started.deviceId, preAuthSessionId: started.preAuthSessionId, userInputCode }, request);
    await attempt(wrong);
    expect(await resendCode(engine.ctx, started, request)).toEqual({ status: "OK" });
    const resent = engine.lastEmail();
    expect(engine.signInEmails()).toHaveLength(2);
    expect(await attempt(wrong)).toMatchObject({ failedCodeInputAttemptCount: 2 });
    expect((await attempt(started.code)).status).toBe("OK");
    // Consumed: the resent code belongs to a finished sign-in.
    expect((await attempt(resent.userInputCode!)).status).toBe("RESTART_FLOW_ERROR");
    expect(await resendCode(engine.ctx, started, request)).toEqual({ status: "RESTART_FLOW_ERROR" });
    expect(await resendCode(engine.ctx, { deviceId: "x".repeat(43), preAuthSessionId: started.preAuthSessionId }, request)).toEqual({
      status: "RESTART_FLOW_ERROR",
    });
  });

  it("of ten parallel consumes of one code exactly one signs in", async () => {
    const engine = createPasswordlessEngine();
    const started = await start(engine);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        consumeCode(engine.ctx, { deviceId: started.deviceId, preAuthSessionId: started.preAuthSessionId, userInputCode: started.code }, request),
      ),
    );
    expect(results.filter((r) => r.status === "OK")).toHaveLength(1);
    expect(results.filter((r) => r.status === "RESTART_FLOW_ERROR")).toHaveLength(9);
  });

  it("sends what the flow type asks: a code only, or a link only", async () => {
    const codeOnly = createPasswordlessEngine({ passwordless: { flowType: "USER_INPUT_CODE", codeLength: 8 } });
    const a = await start(codeOnly);
    expect(a.code).toMatch(/^\d{8}$/);
    expect(a.link).toBe("");
    expect(codeOnly.lastEmail().text).toContain(a.code);
    const linkOnly = createPasswordlessEngine({ passwordless: { flowType: "MAGIC_LINK" } });
    const b = await start(linkOnly);
    expect(b.code).toBeUndefined();
    expect(linkOnly.lastEmail().html).toContain(linkPartsOf(b.link).linkCode);
  });

  it("with links only, no typed code signs in: there is none to guess", async () => {
    const engine = createPasswordlessEngine({ passwordless: { flowType: "MAGIC_LINK" } });
    const started = await start(engine);
    const [stored] = (await engine.stores.passwordless.getDevice(started.preAuthSessionId))!.codes;
    // Every six-digit code, as whoever started the sign-in for someone else's address could try them.
    const guesses = Array.from({ length: 1_000_000 }, (_, n) => String(n).padStart(6, "0"));
    const right = guesses.find(
      (guess) => hashUserInputCode(engine.ctx.keys.passwordlessCode, started.preAuthSessionId, guess) === stored.userInputCodeHash,
    );
    const tried = await consumeCode(engine.ctx, { ...started, userInputCode: right ?? "000000" }, request);
    expect(tried.status).not.toBe("OK");
    expect(right).toBeUndefined();
  });

  it("writes the email in the configured language", async () => {
    const engine = createPasswordlessEngine({ email: { locale: "de" } });
    await start(engine);
    expect(engine.lastEmail().subject).toBe("Bei Gatehouse anmelden");
    expect(engine.lastEmail().html).toContain('lang="de"');
  });

  it("answers GENERAL_ERROR when the email cannot be sent", async () => {
    const engine = createPasswordlessEngine();
    engine.delivery.failing = true;
    expect((await createCode(engine.ctx, { email: "a@example.com" }, request)).status).toBe("GENERAL_ERROR");
  });

  it("signs up and in by phone number through the SMS delivery", async () => {
    const engine = createPasswordlessEngine({ passwordless: { contactMethod: "PHONE", flowType: "USER_INPUT_CODE" } });
    const started = await createCode(engine.ctx, { phoneNumber: "+491701234567" }, request);
    if (started.status !== "OK") throw new Error(started.status);
    const sms = engine.sms.sent[0];
    expect(sms.to).toBe("+491701234567");
    expect(sms.text).toContain(sms.userInputCode!);
    const result = await consumeCode(engine.ctx, { ...started, userInputCode: sms.userInputCode! }, request);
    if (result.status !== "OK") throw new Error(result.status);
    expect(result.user).toMatchObject({
      emails: [],
      phoneNumbers: ["+491701234567"],
      loginMethods: [{ recipeId: "passwordless", phoneNumber: "+491701234567" }],
    });
  });

  it("caps the codes sent to one address", async () => {
    const engine = createPasswordlessEngine({ passwordless: { sendLimitPerContact: { points: 2, durationSeconds: 60 } } });
    await start(engine);
    const second = await start(engine);
    expect((await createCode(engine.ctx, { email: "zoe@example.com" }, request)).status).toBe("TOO_MANY_ATTEMPTS");
    expect((await resendCode(engine.ctx, second, request)).status).toBe("TOO_MANY_ATTEMPTS");
    expect((await createCode(engine.ctx, { email: "someone-else@example.com" }, request)).status).toBe("OK");
  });
});

describe("passwordless sign-in and existing users", () => {
  it("reaches an email+password user whose address is verified, adds the method, and tells the owner", async () => {
    const background: Promise<unknown>[] = [];
    const engine = createPasswordlessEngine({}, { waitUntil: (task) => void background.push(task) });
    const existing = await signUp(engine.ctx, { email: "zoe@example.com", password: "fixture-pw-1", formFields: {} });
    if (existing.status !== "OK") throw new Error(existing.status);
    await engine.stores.users.markEmailVerified(existing.user.id, "zoe@example.com");
    const started = await start(engine);
    const result = await consumeCode(engine.ctx, { ...started, userInputCode: started.code }, request);
    if (result.status !== "OK") throw new Error(result.status);
    expect(result.user.id).toBe(existing.user.id);
    expect(result.createdNewRecipeUser).toBe(true);
    expect(result.user.loginMethods.map((m) => m.recipeId)).toEqual(["emailpassword", "passwordless"]);
    await Promise.all(background);
    const notices = engine.delivery.sent.filter((e) => e.kind === "SECURITY_NOTICE");
    expect(notices).toEqual([expect.objectContaining({ to: "zoe@example.com", notice: "PASSWORDLESS_LINKED" })]);
    // Signing in again by code adds nothing: no second notice.
    const again = await start(engine);
    expect((await consumeCode(engine.ctx, { ...again, userInputCode: again.code }, request)).status).toBe("OK");
    await Promise.all(background);
    expect(engine.delivery.sent.filter((e) => e.kind === "SECURITY_NOTICE")).toHaveLength(1);
  });

  it("refuses an address an email+password user holds unverified (pre-registration attack)", async () => {
    const engine = createPasswordlessEngine();
    const existing = await signUp(engine.ctx, { email: "zoe@example.com", password: "fixture-pw-1", formFields: {} });
    if (existing.status !== "OK") throw new Error(existing.status);
    const started = await start(engine);
    const result = await consumeCode(engine.ctx, { ...started, userInputCode: started.code }, request);
    expect(result.status).toBe("SIGN_IN_UP_NOT_ALLOWED");
    expect(await engine.stores.passwordless.findAccount({ email: "zoe@example.com" })).toBeNull();
  });

  it("after the account's email changes, the old address signs in to it no longer and the new one does", async () => {
    const engine = createPasswordlessEngine();
    const first = await start(engine, "old@example.com");
    const signedUp = await consumeCode(engine.ctx, { ...first, userInputCode: first.code }, request);
    if (signedUp.status !== "OK") throw new Error(signedUp.status);
    expect(await updateEmail(engine.ctx, signedUp.user.id, "new@example.com")).toEqual({ status: "OK" });
    // Whoever reads the old inbox now (a former employer, a recycled address) gets no way in.
    const byOld = await start(engine, "old@example.com");
    const old = await consumeCode(engine.ctx, { ...byOld, userInputCode: byOld.code }, request);
    if (old.status !== "OK") throw new Error(old.status);
    expect(old.user.id).not.toBe(signedUp.user.id);
    const byNew = await start(engine, "new@example.com");
    const signedIn = await consumeCode(engine.ctx, { ...byNew, userInputCode: byNew.code }, request);
    if (signedIn.status !== "OK") throw new Error(signedIn.status);
    expect(signedIn.user.id).toBe(signedUp.user.id);
    expect(signedIn.user.emails).toEqual(["new@example.com"]);
  });
});
