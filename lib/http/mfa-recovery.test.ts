/**
 * Recovery codes and step-up through the real route table (in-memory stores, pinned clock).
 * Single use under concurrency is also in the store contract, on every database.
 */
import { describe, expect, it } from "vitest";
import { totpCode } from "../auth/testing/rfc6238";
import { factorsCompletedWithin } from "../auth/mfa/mfa-validators";
import { createMfaHarness, payloadOf } from "./testing/mfa-harness";
import { createApiKey } from "../auth/apikeys/api-keys";
import { createAuthClient, credentials } from "./testing/client";

async function withTotp() {
  const h = createMfaHarness();
  await h.signUp();
  const secret = await h.setUpTotp();
  return { h, secret };
}

describe("recovery codes", () => {
  it("makes 10 codes, shown once; one completes the factor once, and a new set replaces the old", async () => {
    const { h } = await withTotp();
    const made = await h.json("POST", "/mfa/recovery-codes");
    expect(made.body.status).toBe("OK");
    const codes: string[] = made.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    h.clock.advanceSeconds(60);
    await h.signIn();
    expect((await h.json("GET", "/user/sessions")).status).toBe(403);
    const used = await h.json("POST", "/mfa/recovery-code/verify", { recoveryCode: codes[0].toUpperCase() });
    expect(used.body).toEqual({ status: "OK", remaining: 9 });
    expect(payloadOf(used.response)["st-mfa"]).toMatchObject({ v: true });
    expect((await h.json("GET", "/user/sessions")).status).toBe(200);
    expect((await h.json("POST", "/mfa/recovery-code/verify", { recoveryCode: codes[0] })).body).toMatchObject({
      status: "INVALID_RECOVERY_CODE_ERROR",
    });
    const again = await h.json("POST", "/mfa/recovery-codes");
    expect(again.body.recoveryCodes).toHaveLength(10);
    expect((await h.json("POST", "/mfa/recovery-code/verify", { recoveryCode: codes[1] })).body).toMatchObject({
      status: "INVALID_RECOVERY_CODE_ERROR",
    });
  });

  it("lets one of concurrent uses of one code through", async () => {
    const { h } = await withTotp();
    const codes: string[] = (await h.json("POST", "/mfa/recovery-codes")).body.recoveryCodes;
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.json("POST", "/mfa/recovery-code/verify", { recoveryCode: codes[3] })));
    expect(answers.filter((a) => a.body.status === "OK")).toHaveLength(1);
  });

  it("counts recovery-code checks per client address too (mfa.totp.checksPerClient), whatever the user's own count", async () => {
    const h = createMfaHarness({
      mfa: { totp: { checksPerClient: { points: 2, durationSeconds: 900 }, failuresPerUser: { points: 50, durationSeconds: 600 } } },
      trustedProxy: { hops: 1 },
    });
    await h.signUp();
    await h.setUpTotp();
    const codes: string[] = (await h.json("POST", "/mfa/recovery-codes")).body.recoveryCodes;
    const verify = (recoveryCode: string, ip: string) =>
      h.client
        .send("POST", "/api/auth/mfa/recovery-code/verify", { body: { recoveryCode }, headers: { "x-forwarded-for": ip } })
        .then((r) => r.json());
    for (const guess of ["wrong-one", "wrong-two"])
      expect(await verify(guess, "203.0.113.7")).toMatchObject({ status: "INVALID_RECOVERY_CODE_ERROR" });
    // The user's count is far from its limit, but this address has had its checks.
    expect(await verify(codes[0], "203.0.113.7")).toEqual({ status: "LIMIT_REACHED_ERROR", retryAfterMs: expect.any(Number) });
    expect(await verify(codes[0], "198.51.100.9")).toMatchObject({ status: "OK" });
  });

  it("counts wrong recovery codes per user (mfa.totp.failuresPerUser), then refuses even a right one", async () => {
    const h = createMfaHarness({ mfa: { totp: { failuresPerUser: { points: 2, durationSeconds: 600 } } } });
    await h.signUp();
    await h.setUpTotp();
    const codes: string[] = (await h.json("POST", "/mfa/recovery-codes")).body.recoveryCodes;
    for (const guess of ["wrong-one", "wrong-two"]) {
      expect((await h.json("POST", "/mfa/recovery-code/verify", { recoveryCode: guess })).body).toMatchObject({
        status: "INVALID_RECOVERY_CODE_ERROR",
      });
    }
    expect((await h.json("POST", "/mfa/recovery-code/verify", { recoveryCode: codes[0] })).body).toEqual({
      status: "LIMIT_REACHED_ERROR",
      retryAfterMs: expect.any(Number),
    });
  });

  it("stores only hashes", async () => {
    const { h } = await withTotp();
    const codes: string[] = (await h.json("POST", "/mfa/recovery-codes")).body.recoveryCodes;
    const userId = (await h.stores.users.findEmailPasswordAccountByEmail(h.email))!.user.id;
    expect(await h.stores.mfa.consumeRecoveryCode(userId, codes[0])).toBe(false);
  });
});

describe("recovery codes stand in for an authenticator", () => {
  it("are not made for an account without one: a password alone would otherwise keep a way past the one set up later", async () => {
    const h = createMfaHarness();
    await h.signUp();
    const thief = createAuthClient(h.ctx);
    expect((await thief.send("POST", "/api/auth/signin", { body: credentials(h.email, h.password) })).status).toBe(200);
    const made = await thief.send("POST", "/api/auth/mfa/recovery-codes");
    expect(made.status).toBe(409);
    expect(await made.json()).toEqual({ status: "TOTP_NOT_SET_UP_ERROR" });
    const userId = (await h.stores.users.findEmailPasswordAccountByEmail(h.email))!.user.id;
    expect(await h.stores.mfa.countRecoveryCodes(userId)).toBe(0);
  });

  it("stop working when a first authenticator is set up: codes left from a removed one do not pass the new one", async () => {
    const { h } = await withTotp();
    const codes: string[] = (await h.json("POST", "/mfa/recovery-codes")).body.recoveryCodes;
    expect((await h.json("POST", "/totp/device/remove", { deviceName: "Phone" })).body).toEqual({ status: "OK", didDeviceExist: true });
    h.clock.advanceSeconds(30);
    await h.setUpTotp("New phone");
    h.clock.advanceSeconds(60);
    await h.signIn();
    expect((await h.json("POST", "/mfa/recovery-code/verify", { recoveryCode: codes[0] })).body).toMatchObject({
      status: "INVALID_RECOVERY_CODE_ERROR",
    });
  });
});

describe("notices", () => {
  it("emails the user when an authenticator is added and when it is removed", async () => {
    const { h, secret } = await withTotp();
    expect((await h.notices()).map((m) => m.notice)).toEqual(["MFA_FACTOR_ADDED"]);
    h.clock.advanceSeconds(30);
    await h.json("POST", "/totp/verify", { totp: totpCode(secret, h.clock.now()) });
    expect((await h.json("POST", "/totp/device/remove", { deviceName: "Phone" })).body).toEqual({ status: "OK", didDeviceExist: true });
    expect((await h.notices()).map((m) => m.notice)).toEqual(["MFA_FACTOR_ADDED", "MFA_FACTOR_REMOVED"]);
    expect((await h.notices())[0].to).toBe(h.email);
  });

  // A new set is a new way past the authenticator, and replaces the owner's: made by whoever holds
  // a session with its second factor (a phished code), it would otherwise go unnoticed.
  it("emails the user when a new set of recovery codes is made", async () => {
    const { h } = await withTotp();
    expect((await h.json("POST", "/mfa/recovery-codes")).body.recoveryCodes).toHaveLength(10);
    const notices = await h.notices();
    expect(notices.map((m) => m.notice)).toEqual(["MFA_FACTOR_ADDED", "RECOVERY_CODES_CREATED"]);
    expect(notices[1].to).toBe(h.email);
    expect(notices[1].subject).toMatch(/recovery codes/i);
  });
});

describe("admin", () => {
  it("shows a user's factors and resets them (audited, the user emailed); the next sign-in needs no code", async () => {
    const { h } = await withTotp();
    await h.json("POST", "/mfa/recovery-codes");
    const userId = (await h.stores.users.findEmailPasswordAccountByEmail(h.email))!.user.id;
    const created = await createApiKey(h.ctx, { name: "ops" });
    if (created.status !== "OK") throw new Error(created.status);
    const admin = (method: string, path: string) =>
      createAuthClient(h.ctx).send(method, `/api/auth/admin/users/${userId}${path}`, {
        cookies: false,
        headers: { origin: null, rid: null, authorization: `Bearer ${created.key}` },
      });
    expect(await (await admin("GET", "/mfa")).json()).toEqual({
      status: "OK",
      devices: [{ name: "Phone", verified: true, createdAt: expect.any(Number) }],
      recoveryCodesLeft: 10,
    });
    expect(await (await admin("POST", "/mfa/reset")).json()).toEqual({ status: "OK", devices: 1, recoveryCodes: 10 });
    expect((await h.stores.audit.listEvents({ userId, limit: 50 })).map((e) => e.type)).toContain("mfa.factor_removed");
    expect((await h.notices()).map((m) => m.notice)).toContain("MFA_FACTOR_REMOVED");
    h.clock.advanceSeconds(30);
    expect(payloadOf(await h.signIn())["st-mfa"]).toMatchObject({ v: true });
    expect((await admin("GET", "/nope/mfa")).status).toBe(404);
  });
});

describe("step-up", () => {
  it("the validator passes within the window and fails after it (injected clock)", () => {
    const claim = { c: { emailpassword: 1000, totp: 1000 }, v: true };
    expect(factorsCompletedWithin({ totp: 300 }, new Date(1300_000)).validate(claim)).toBeUndefined();
    expect(factorsCompletedWithin({ totp: 300 }, new Date(1301_000)).validate(claim)).toMatchObject({
      id: "st-mfa",
      reason: { expectedValue: { factorId: "totp", withinSeconds: 300 } },
    });
    expect(factorsCompletedWithin({ totp: 300 }, new Date(1000_000)).validate({ c: { emailpassword: 1000 }, v: true })).toBeDefined();
  });

  it("asks for a recent code before changing the password or removing a device, then allows it", async () => {
    const { h, secret } = await withTotp();
    h.clock.advanceSeconds(301);
    const change = { oldPassword: h.password, newPassword: "mfa-test-pw-2" };
    const refused = await h.json("POST", "/user/password/change", change);
    expect(refused.status).toBe(403);
    expect(refused.body.claimValidationErrors[0]).toMatchObject({ id: "st-mfa", reason: { expectedValue: { factorId: "totp" } } });
    expect((await h.json("POST", "/totp/device/remove", { deviceName: "Phone" })).status).toBe(403);
    expect((await h.json("POST", "/totp/verify", { totp: totpCode(secret, h.clock.now()) })).body).toEqual({ status: "OK" });
    expect((await h.json("POST", "/user/password/change", change)).body).toMatchObject({ status: "OK" });
  });

  it("asks for a recent code before adding another authenticator, as before new recovery codes: one kept by a session's thief would pass later sign-ins", async () => {
    const { h, secret } = await withTotp();
    h.clock.advanceSeconds(301);
    const refused = await h.json("POST", "/totp/device", { deviceName: "Thief" });
    expect(refused.status).toBe(403);
    expect(refused.body.claimValidationErrors[0]).toMatchObject({ id: "st-mfa", reason: { expectedValue: { factorId: "totp" } } });
    expect((await h.json("GET", "/totp/device/list")).body.devices.map((d: { name: string }) => d.name)).toEqual(["Phone"]);
    // Made within the window, verified after it: checked again before it becomes a factor.
    expect((await h.json("POST", "/totp/verify", { totp: totpCode(secret, h.clock.now()) })).body).toEqual({ status: "OK" });
    const made = await h.json("POST", "/totp/device", { deviceName: "Second" });
    expect(made.body.status).toBe("OK");
    h.clock.advanceSeconds(301);
    const late = await h.json("POST", "/totp/device/verify", { deviceName: "Second", totp: totpCode(made.body.secret, h.clock.now()) });
    expect(late.status).toBe(403);
    expect(late.body.claimValidationErrors[0]).toMatchObject({ id: "st-mfa", reason: { expectedValue: { factorId: "totp" } } });
    expect((await h.json("GET", "/totp/device/list")).body.devices).toMatchObject([
      { name: "Phone", verified: true },
      { name: "Second", verified: false },
    ]);
    // The owner's own device still completes the factor after the window, and then the new one is verified.
    expect((await h.json("POST", "/totp/device/verify", { deviceName: "Phone", totp: totpCode(secret, h.clock.now()) })).body).toMatchObject({
      status: "OK",
      wasAlreadyVerified: true,
    });
    h.clock.advanceSeconds(30);
    const now = await h.json("POST", "/totp/device/verify", { deviceName: "Second", totp: totpCode(made.body.secret, h.clock.now()) });
    expect(now.body).toMatchObject({ status: "OK", wasAlreadyVerified: false });
  });

  it("asks nothing of a user without a second factor", async () => {
    const h = createMfaHarness();
    await h.signUp();
    h.clock.advanceSeconds(1800);
    const change = { oldPassword: h.password, newPassword: "mfa-test-pw-2" };
    expect((await h.json("POST", "/user/password/change", change)).body).toMatchObject({ status: "OK" });
  });
});
