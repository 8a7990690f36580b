/**
 * An email+password sign-up proves no address, so it must not take one from a passkey user who
 * holds it unverified (a passkey proves no address either, and it was there first). Otherwise an
 * attacker signs up with a password under a passkey user's address: the victim's account loses
 * it (no verification link can reach it any more, so REQUIRED mode locks the victim out), and
 * the victim's passkey recovery, sent to the victim's own inbox, adds the victim's new passkey
 * to the attacker's account, whose password the attacker knows.
 */
import { describe, expect, it } from "vitest";
import { hashEmailToken } from "../auth/email-tokens/email-token";
import { createPasskey } from "../auth/testing/soft-authenticator";
import { tokenOf } from "../auth/testing/email-fixtures";
import { createWebauthnEngine, ORIGIN } from "../auth/testing/webauthn-fixtures";
import { createAuthClient } from "./testing/client";

const API = "/api/auth";
const VICTIM = "victim@example.com";
const form = (email: string, password: string) => ({
  formFields: [
    { id: "email", value: email },
    { id: "password", value: password },
  ],
});

describe("an email+password sign-up under a passkey user's unverified address", () => {
  it("is refused: the passkey user keeps the address, and its recovery link stays its own", async () => {
    const engine = createWebauthnEngine({ emailVerification: { mode: "REQUIRED" } });
    const victim = createAuthClient(engine.ctx);
    const webauthn = { rid: "webauthn" };
    const options = await (await victim.send("POST", `${API}/webauthn/options/register`, { body: { email: VICTIM }, headers: webauthn })).json();
    const { response } = createPasskey(options, ORIGIN);
    const credential = { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response };
    const signedUp = await (await victim.send("POST", `${API}/webauthn/signup`, { body: credential, headers: webauthn })).json();
    expect(signedUp).toMatchObject({ status: "OK", user: { emails: [VICTIM] } });
    const victimId: string = signedUp.user.id;

    const attacker = createAuthClient(engine.ctx);
    const attempt = await attacker.send("POST", `${API}/signup`, { body: form(VICTIM, "attacker-pw-1") });
    expect(await attempt.json()).toEqual({
      status: "FIELD_ERROR",
      formFields: [{ id: "email", error: "This email already exists. Please sign in instead." }],
    });
    expect(attempt.headers.get("front-token")).toBeNull();
    expect((await engine.stores.users.getUserById(victimId))?.email).toBe(VICTIM);

    // The victim can still verify the address, and a recovery link names the victim's account.
    const verify = await victim.send("POST", `${API}/user/email/verify/token`, { headers: { rid: "emailverification" } });
    expect(await verify.json()).toEqual({ status: "OK" });
    await victim.send("POST", `${API}/user/webauthn/reset/token`, { body: { email: VICTIM }, headers: webauthn });
    await engine.ctx.audit.settled();
    const recovery = engine.delivery.sent.find((m) => m.kind === "WEBAUTHN_RECOVER");
    expect(recovery?.to).toBe(VICTIM);
    const row = await engine.stores.webauthnRecoverTokens.findToken(hashEmailToken(tokenOf(recovery)));
    expect(row?.userId).toBe(victimId);
  });
});
