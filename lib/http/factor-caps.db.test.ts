/**
 * The caps on a user's factors (`mfa.totp.maxDevices`, `webauthn.maxPasskeys`) under concurrent
 * additions on each real database: every addition counts again once its row is written and
 * undoes it past the cap, so however the writes interleave the user never holds more than the
 * cap, and no addition answered OK is undone.
 */
import { expect, it } from "vitest";
import { createPasskey } from "../auth/testing/soft-authenticator";
import { ORIGIN } from "../auth/testing/webauthn-fixtures";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { createMfaHarness } from "./testing/mfa-harness";
import { setup, signUpWithPasskey } from "./testing/passkey-recovery-harness";

const PARALLEL = 8;

describeOnEachDatabase((provider, url) => {
  it(`${provider}: concurrent TOTP set-ups never leave more devices than mfa.totp.maxDevices`, async () => {
    const h = createMfaHarness({ mfa: { totp: { maxDevices: 2 }, stepUpSeconds: 0 } }, { stores: createPrismaStores(url()) });
    await h.signUp();
    const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => h.json("POST", "/totp/device", { deviceName: `Device ${i}` })));
    const listed = ((await h.json("GET", "/totp/device/list")).body.devices as { name: string }[]).map((d) => d.name);
    expect(listed.length).toBeLessThanOrEqual(2);
    const accepted = answers.filter((a) => a.body.status === "OK").map((a) => a.body.deviceName as string);
    expect(accepted.sort()).toEqual([...listed].sort());
    for (const answer of answers)
      if (answer.body.status !== "OK") expect(answer.body).toMatchObject({ status: "GENERAL_ERROR", code: "TOO_MANY_TOTP_DEVICES" });
  });

  it(`${provider}: concurrent passkey additions never leave more passkeys than webauthn.maxPasskeys`, async () => {
    const s = setup({ webauthn: { maxPasskeys: 3 } }, { stores: createPrismaStores(url()) });
    const b = s.browser();
    const email = `cap-${provider}-${Date.now()}@example.com`;
    const { body } = await signUpWithPasskey(b, email);
    const userId = body.user.id;
    const prepared = [];
    for (let i = 0; i < PARALLEL; i++) {
      const options = await (await b.post("/webauthn/options/register", { email })).json();
      prepared.push({
        webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
        recipeUserId: userId,
        credential: createPasskey(options, ORIGIN).response,
      });
    }
    const answers = await Promise.all(prepared.map(async (add) => (await b.post("/webauthn/credential", add)).json()));
    const held = await s.stores.webauthn.listCredentials(userId);
    expect(held.length).toBeLessThanOrEqual(3);
    expect(answers.filter((a) => a.status === "OK")).toHaveLength(held.length - 1);
    for (const answer of answers) if (answer.status !== "OK") expect(answer).toMatchObject({ status: "GENERAL_ERROR", code: "TOO_MANY_PASSKEYS" });
  });
});
