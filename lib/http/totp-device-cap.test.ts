/**
 * `mfa.totp.maxDevices`: the TOTP devices one user may hold, verified and unverified together,
 * through the real route table (in-memory stores, pinned clock). Without it a signed-in client
 * could add authenticators without end (rows, and every code check tries each verified one).
 */
import { describe, expect, it } from "vitest";
import { totpCode } from "../auth/testing/rfc6238";
import { createMfaHarness } from "./testing/mfa-harness";

const TOO_MANY = {
  status: "GENERAL_ERROR",
  message: "Your account has as many authenticator apps as it may hold. Remove one before adding another.",
  code: "TOO_MANY_TOTP_DEVICES",
};

/** No step-up, and a token that outlives the hour: what is tested is the cap alone. */
const capOf = (maxDevices: number) => ({ mfa: { totp: { maxDevices }, stepUpSeconds: 0 }, session: { accessTokenTtlSeconds: 86_400 } });

describe("the cap on a user's TOTP devices", () => {
  it("counts verified and unverified devices; past it GENERAL_ERROR TOO_MANY_TOTP_DEVICES, until a set-up an hour old or a removal makes room", async () => {
    const h = createMfaHarness(capOf(3));
    await h.signUp();
    await h.setUpTotp("Phone");
    await h.setUpTotp("Tablet");
    expect((await h.json("POST", "/totp/device", { deviceName: "Pending" })).body.status).toBe("OK");
    const refused = await h.json("POST", "/totp/device", { deviceName: "One too many" });
    expect([refused.status, refused.body]).toEqual([200, TOO_MANY]);
    const names = async () => ((await h.json("GET", "/totp/device/list")).body.devices as { name: string }[]).map((d) => d.name);
    expect(await names()).toEqual(["Phone", "Tablet", "Pending"]);
    // The unfinished set-up, an hour old, makes way; the verified devices stay.
    h.clock.advanceSeconds(61 * 60);
    expect((await h.json("POST", "/totp/device", { deviceName: "Fresh" })).body.status).toBe("OK");
    expect(await names()).toEqual(["Phone", "Tablet", "Fresh"]);
    // A set-up in progress is never pulled from under its user: the cap holds.
    expect((await h.json("POST", "/totp/device", { deviceName: "Another" })).body).toEqual(TOO_MANY);
    expect((await h.json("POST", "/totp/device/remove", { deviceName: "Tablet" })).body).toEqual({ status: "OK", didDeviceExist: true });
    expect((await h.json("POST", "/totp/device", { deviceName: "Another" })).body.status).toBe("OK");
  });

  it("holds against concurrent set-ups: never more devices than the cap, and every OK answer's device is kept", async () => {
    const h = createMfaHarness(capOf(2));
    await h.signUp();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => h.json("POST", "/totp/device", { deviceName: `Device ${i}` })));
    const listed = ((await h.json("GET", "/totp/device/list")).body.devices as { name: string }[]).map((d) => d.name);
    expect(listed.length).toBeLessThanOrEqual(2);
    const accepted = answers.filter((a) => a.body.status === "OK").map((a) => a.body.deviceName);
    expect(accepted.sort()).toEqual([...listed].sort());
    for (const answer of answers) if (answer.body.status !== "OK") expect(answer.body).toEqual(TOO_MANY);
    // Whatever the race undid, the user adds theirs again and verifies it.
    if (listed.length < 2) {
      const again = await h.json("POST", "/totp/device", { deviceName: "Again" });
      expect(again.body.status).toBe("OK");
      const code = totpCode(again.body.secret, h.clock.now());
      expect((await h.json("POST", "/totp/device/verify", { deviceName: "Again", totp: code })).body).toEqual({
        status: "OK",
        wasAlreadyVerified: false,
      });
    }
  });

  it("is 10 by default, a whole number from 1 to 100", () => {
    expect(createMfaHarness().ctx.config.mfa.totp.maxDevices).toBe(10);
    for (const bad of [0, 101, 2.5]) expect(() => createMfaHarness(capOf(bad)), String(bad)).toThrow(/mfa\.totp\.maxDevices/);
  });
});
