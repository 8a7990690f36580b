/**
 * MFA and TOTP through the real route table (in-memory stores, pinned clock): the FDI answers,
 * the `st-mfa` claim, the gate, replay refusal, skew and attempts. Codes come from the tests' own
 * RFC 6238 implementation (lib/auth/testing/rfc6238.ts).
 */
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import { totpCode } from "../auth/testing/rfc6238";
import { API, createMfaHarness, payloadOf } from "./testing/mfa-harness";

const T0_SECONDS = Math.floor(new Date("2026-01-01T00:00:00.000Z").getTime() / 1000);

describe("MFA: the st-mfa claim and TOTP set-up", () => {
  it("puts the first factor in the claim at sign-up, met when nothing is required", async () => {
    const h = createMfaHarness();
    expect(payloadOf(await h.signUp())["st-mfa"]).toEqual({ c: { emailpassword: T0_SECONDS }, v: true });
  });

  it("sets up a device (QR string, manual key), verifies it with a code, and lists it", async () => {
    const h = createMfaHarness();
    await h.signUp();
    const created = await h.json("POST", "/totp/device", {});
    expect(created.body).toEqual({
      status: "OK",
      deviceName: "TOTP Device 0",
      secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
      qrCodeString: expect.any(String),
    });
    expect(created.body.qrCodeString).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
    expect(await h.json("POST", "/totp/device", { deviceName: "TOTP Device 0" }).then((r) => r.body)).toEqual({
      status: "DEVICE_ALREADY_EXISTS_ERROR",
    });
    const listed = await h.json("GET", "/totp/device/list");
    expect(listed.body).toEqual({ status: "OK", devices: [{ name: "TOTP Device 0", period: 30, skew: 1, verified: false }] });
    const code = totpCode(created.body.secret, h.clock.now());
    const verified = await h.json("POST", "/totp/device/verify", { deviceName: "TOTP Device 0", totp: code });
    expect(verified.body).toEqual({ status: "OK", wasAlreadyVerified: false });
    expect(payloadOf(verified.response)["st-mfa"]).toEqual({ c: { emailpassword: T0_SECONDS, totp: T0_SECONDS }, v: true });
    expect((await h.json("GET", "/totp/device/list")).body.devices[0].verified).toBe(true);
    expect(await h.json("POST", "/totp/device/verify", { deviceName: "nope", totp: code }).then((r) => r.body)).toEqual({
      status: "UNKNOWN_DEVICE_ERROR",
    });
  });

  it("caps a user's unverified devices: past mfa.totp.maxUnverifiedDevices, GENERAL_ERROR, until set-ups an hour old make way", async () => {
    // No step-up, and a token that outlives the hour: what is tested is the cap alone.
    const h = createMfaHarness({ mfa: { totp: { maxUnverifiedDevices: 3 }, stepUpSeconds: 0 }, session: { accessTokenTtlSeconds: 86_400 } });
    await h.signUp();
    await h.setUpTotp();
    // The verified device does not count; three set-ups never finished do.
    for (let i = 0; i < 3; i++) expect((await h.json("POST", "/totp/device", { deviceName: `Abandoned ${i}` })).body.status).toBe("OK");
    h.clock.advanceSeconds(30 * 60);
    const refused = await h.json("POST", "/totp/device", { deviceName: "One too many" });
    expect([refused.status, refused.body]).toEqual([
      200,
      {
        status: "GENERAL_ERROR",
        message: "Too many authenticator set-ups were started and not finished. Please try again in an hour.",
        code: "TOTP_SETUPS_UNFINISHED",
      },
    ]);
    // An hour after they were started, the abandoned set-ups make way; the verified device stays.
    h.clock.advanceSeconds(31 * 60);
    expect((await h.json("POST", "/totp/device", { deviceName: "Fresh" })).body.status).toBe("OK");
    const listed = (await h.json("GET", "/totp/device/list")).body.devices as { name: string; verified: boolean }[];
    expect(listed.map((d) => [d.name, d.verified])).toEqual([
      ["Phone", true],
      ["Fresh", false],
    ]);
  });

  it("stores the secret sealed, never in the clear", async () => {
    const h = createMfaHarness();
    await h.signUp();
    const secret = await h.setUpTotp();
    const userId = (await h.stores.users.findEmailPasswordAccountByEmail(h.email))!.user.id;
    const [row] = await h.stores.mfa.listTotpDevices(userId);
    expect(row.sealedSecret).not.toContain(secret);
  });
});

describe("MFA: the gate", () => {
  it("after set-up, a new sign-in has v false: protected endpoints answer 403 st-mfa until a code is given", async () => {
    const h = createMfaHarness();
    await h.signUp();
    const secret = await h.setUpTotp();
    h.clock.advanceSeconds(30);
    const signIn = await h.signIn();
    expect(payloadOf(signIn)["st-mfa"]).toEqual({ c: { emailpassword: T0_SECONDS + 30 }, v: false });
    const blocked = await h.json("GET", "/user/sessions");
    expect(blocked.status).toBe(403);
    expect(blocked.body).toEqual({ message: "invalid claim", claimValidationErrors: [{ id: "st-mfa", reason: expect.any(Object) }] });
    const info = await h.json("PUT", "/mfa/info");
    expect(info.body).toEqual({
      status: "OK",
      factors: { alreadySetup: ["totp"], allowedToSetup: [], next: ["totp"] },
      emails: expect.any(Object),
      phoneNumbers: {},
    });
    // A session that has not met its requirements cannot add its own authenticator.
    expect((await h.json("POST", "/totp/device", { deviceName: "Thief" })).status).toBe(403);
    expect((await h.json("POST", "/totp/device/remove", { deviceName: "Phone" })).status).toBe(403);
    const verified = await h.json("POST", "/totp/verify", { totp: totpCode(secret, h.clock.now()) });
    expect(verified.body).toEqual({ status: "OK" });
    expect(payloadOf(verified.response)["st-mfa"]).toMatchObject({ v: true });
    expect((await h.json("GET", "/user/sessions")).status).toBe(200);
    // Sign-out is always reachable.
    expect((await h.send("POST", "/signout")).status).toBe(200);
  });

  it("keeps v across a refresh, and v false on refresh until the factor is done", async () => {
    const h = createMfaHarness();
    await h.signUp();
    await h.setUpTotp();
    h.clock.advanceSeconds(30);
    await h.signIn();
    const refreshed = await h.client.send("POST", "/api/auth/session/refresh", {});
    expect(payloadOf(refreshed)["st-mfa"]).toMatchObject({ v: false });
  });

  it("requires a factor of everyone: the user may set one up while v is false", async () => {
    const h = createMfaHarness({ mfa: { requiredSecondaryFactors: ["totp"] } });
    expect(payloadOf(await h.signUp())["st-mfa"]).toMatchObject({ v: false });
    expect((await h.json("PUT", "/mfa/info")).body.factors).toEqual({ alreadySetup: [], allowedToSetup: ["totp"], next: ["totp"] });
    await h.setUpTotp();
    expect((await h.json("GET", "/user/sessions")).status).toBe(200);
  });

  it("requires a factor by role", async () => {
    const h = createMfaHarness({ mfa: { requiredSecondaryFactorsByRole: { admin: ["totp"] } }, userRoles: { roles: { admin: [] } } });
    expect(payloadOf(await h.signUp())["st-mfa"]).toMatchObject({ v: true });
    const userId = (await h.stores.users.findEmailPasswordAccountByEmail(h.email))!.user.id;
    await h.stores.roles.createRoleOrAddPermissions("admin", []);
    await h.stores.roles.addRoleToUser(userId, "admin");
    expect(payloadOf(await h.signIn())["st-mfa"]).toMatchObject({ v: false });
  });

  it("asks the deployer's hook", async () => {
    const h = createMfaHarness({ mfa: { requireFactorsOnceSetUp: false, getMFARequirementsForAuth: () => ["totp"] } });
    expect(payloadOf(await h.signUp())["st-mfa"]).toMatchObject({ v: false });
  });

  it("tells the deployer's hook the user's roles, so that a rule by role in the hook holds", async () => {
    const h = createMfaHarness({
      mfa: { getMFARequirementsForAuth: ({ roles }) => (roles.includes("admin") ? ["totp"] : []) },
      userRoles: { roles: { admin: [] } },
    });
    expect(payloadOf(await h.signUp())["st-mfa"]).toMatchObject({ v: true });
    const userId = (await h.stores.users.findEmailPasswordAccountByEmail(h.email))!.user.id;
    await h.stores.roles.createRoleOrAddPermissions("admin", []);
    await h.stores.roles.addRoleToUser(userId, "admin");
    expect(payloadOf(await h.signIn())["st-mfa"]).toMatchObject({ v: false });
    expect((await h.json("GET", "/user/sessions")).status).toBe(403);
  });

  it("answers 404 on every MFA endpoint when MFA is off, and keeps no claim", async () => {
    const h = createMfaHarness({});
    expect(payloadOf(await h.signUp())["st-mfa"]).toBeUndefined();
    for (const [method, path] of [
      ["PUT", "/mfa/info"],
      ["POST", "/totp/device"],
      ["POST", "/totp/verify"],
      ["GET", "/totp/device/list"],
    ]) {
      expect((await h.send(method, path, method === "GET" || method === "PUT" ? undefined : {})).status).toBe(404);
    }
  });
});

describe("TOTP: replay, skew, attempts", () => {
  async function challenged(config: GatehouseConfig = { mfa: {} }) {
    const h = createMfaHarness(config);
    await h.signUp();
    const secret = await h.setUpTotp();
    return { h, secret };
  }

  it("refuses a code already used (replay), and an older one; a later period's code works", async () => {
    const { h, secret } = await challenged();
    const used = totpCode(secret, h.clock.now());
    expect((await h.json("POST", "/totp/verify", { totp: used })).body).toMatchObject({ status: "INVALID_TOTP_ERROR" });
    h.clock.advanceSeconds(30);
    expect((await h.json("POST", "/totp/verify", { totp: used })).body).toMatchObject({ status: "INVALID_TOTP_ERROR" });
    expect((await h.json("POST", "/totp/verify", { totp: totpCode(secret, h.clock.now()) })).body).toEqual({ status: "OK" });
  });

  it("lets one of concurrent requests with one code through", async () => {
    const { h, secret } = await challenged();
    h.clock.advanceSeconds(30);
    const code = totpCode(secret, h.clock.now());
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.json("POST", "/totp/verify", { totp: code })));
    expect(answers.filter((a) => a.body.status === "OK")).toHaveLength(1);
  });

  it("accepts a code one period old with the default skew of 1, not two periods old", async () => {
    const { h, secret } = await challenged();
    h.clock.advanceSeconds(300);
    expect((await h.json("POST", "/totp/verify", { totp: totpCode(secret, h.clock.now(), { stepsAgo: 2 }) })).body.status).toBe("INVALID_TOTP_ERROR");
    expect((await h.json("POST", "/totp/verify", { totp: totpCode(secret, h.clock.now(), { stepsAgo: 1 }) })).body.status).toBe("OK");
  });

  it("with skew 0 accepts only the current period's code", async () => {
    const { h, secret } = await challenged({ mfa: { totp: { skew: 0 } } });
    h.clock.advanceSeconds(300);
    expect((await h.json("POST", "/totp/verify", { totp: totpCode(secret, h.clock.now(), { stepsAgo: 1 }) })).body.status).toBe("INVALID_TOTP_ERROR");
    expect((await h.json("POST", "/totp/verify", { totp: totpCode(secret, h.clock.now()) })).body.status).toBe("OK");
  });

  it("counts wrong codes per user, then answers LIMIT_REACHED_ERROR with retryAfterMs, even for a right code", async () => {
    const { h, secret } = await challenged({ mfa: { totp: { failuresPerUser: { points: 3, durationSeconds: 600 } } } });
    h.clock.advanceSeconds(30);
    const wrong = totpCode(secret, h.clock.now()) === "000000" ? "111111" : "000000";
    for (const n of [1, 2, 3]) {
      expect((await h.json("POST", "/totp/verify", { totp: wrong })).body).toEqual({
        status: "INVALID_TOTP_ERROR",
        currentNumberOfFailedAttempts: n,
        maxNumberOfFailedAttempts: 3,
      });
    }
    const limited = await h.json("POST", "/totp/verify", { totp: totpCode(secret, h.clock.now()) });
    expect(limited.body).toEqual({ status: "LIMIT_REACHED_ERROR", retryAfterMs: expect.any(Number) });
    expect(limited.body.retryAfterMs).toBeGreaterThan(0);
  });

  it("counts code checks per client address too (mfa.totp.checksPerClient), whatever the user's own count", async () => {
    const { h, secret } = await challenged({
      mfa: { totp: { checksPerClient: { points: 2, durationSeconds: 900 }, failuresPerUser: { points: 50, durationSeconds: 600 } } },
      trustedProxy: { hops: 1 },
    });
    h.clock.advanceSeconds(30);
    const verify = (totp: string, ip: string) =>
      h.client.send("POST", `${API}/totp/verify`, { body: { totp }, headers: { "x-forwarded-for": ip } }).then((r) => r.json());
    const wrong = totpCode(secret, h.clock.now()) === "000000" ? "111111" : "000000";
    for (const n of [1, 2])
      expect(await verify(wrong, "203.0.113.7")).toMatchObject({ status: "INVALID_TOTP_ERROR", currentNumberOfFailedAttempts: n });
    // The user's count is far from its limit, but this address has had its checks.
    expect(await verify(totpCode(secret, h.clock.now()), "203.0.113.7")).toEqual({ status: "LIMIT_REACHED_ERROR", retryAfterMs: expect.any(Number) });
    expect(await verify(totpCode(secret, h.clock.now()), "198.51.100.9")).toEqual({ status: "OK" });
  });

  it("answers bad input with a 400, never a 500", async () => {
    const { h } = await challenged();
    for (const body of [{}, { totp: 123456 }, { totp: "1".repeat(100) }, { deviceName: "x".repeat(500), totp: "123456" }]) {
      const response = await h.send("POST", body && "deviceName" in body ? "/totp/device/verify" : "/totp/verify", body);
      expect(response.status).toBe(400);
    }
  });
});
