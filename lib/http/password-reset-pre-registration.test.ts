/**
 * The pre-registration attack against a deployment that keeps sessions on reset
 * (`passwordReset.revokeOtherSessions: false`). The attacker signs up with a password under the
 * victim's address and keeps the session that sign-up made; the victim takes the address back
 * through password reset (docs/third-party.md: the reset "proves the address and locks the
 * pre-registrant out"). A reset that proves a not-yet-verified address must therefore end every
 * other session whatever the option says: those sessions were had without proof of the address.
 */
import { describe, expect, it } from "vitest";
import { createEmailEngine, tokenOf } from "../auth/testing/email-fixtures";
import { createPasskey, signWithPasskey } from "../auth/testing/soft-authenticator";
import { createWebauthnEngine, ORIGIN } from "../auth/testing/webauthn-fixtures";
import { createAuthClient, credentials } from "./testing/client";

const API = "/api/auth";
const VICTIM = "victim@example.com";
const resetBody = (token: string, password: string) => ({ method: "token", token, formFields: [{ id: "password", value: password }] });
const isVerified = (client: ReturnType<typeof createAuthClient>) =>
  client.send("GET", `${API}/user/email/verify`, { headers: { rid: "emailverification" } });

async function resetByVictim(engine: Pick<ReturnType<typeof createEmailEngine>, "ctx" | "delivery">) {
  const victim = createAuthClient(engine.ctx);
  const held: Promise<unknown>[] = [];
  const ctx = { ...engine.ctx, waitUntil: (task: Promise<unknown>) => void held.push(task) };
  const asked = await createAuthClient(ctx).send("POST", `${API}/user/password/reset/token`, {
    body: { formFields: [{ id: "email", value: VICTIM }] },
  });
  expect(await asked.json()).toEqual({ status: "OK" });
  await Promise.all(held);
  const link = engine.delivery.sent.find((m) => m.kind === "PASSWORD_RESET");
  const reset = await victim.send("POST", `${API}/user/password/reset`, { body: resetBody(tokenOf(link), "victim-pw-2") });
  expect(await reset.json()).toEqual({ status: "OK" });
}

describe("a password reset that proves an unverified address", () => {
  it("signs the pre-registrant out even with revokeOtherSessions: false", async () => {
    const engine = createEmailEngine({ passwordReset: { revokeOtherSessions: false } });
    const attacker = createAuthClient(engine.ctx);
    expect((await attacker.send("POST", `${API}/signup`, { body: credentials(VICTIM, "attacker-pw-1") })).status).toBe(200);
    expect((await isVerified(attacker)).status).toBe(200);

    await resetByVictim(engine);
    expect((await isVerified(attacker)).status).toBe(401);
    expect((await attacker.send("POST", `${API}/session/refresh`, { headers: { rid: "session" } })).status).toBe(401);
  });

  it("keeps the other sessions of an already verified account when the option says so", async () => {
    const engine = createEmailEngine({ passwordReset: { revokeOtherSessions: false } });
    const owner = createAuthClient(engine.ctx);
    const signedUp = await (await owner.send("POST", `${API}/signup`, { body: credentials(VICTIM, "owner-pw-1") })).json();
    expect(await engine.stores.users.markEmailVerified(signedUp.user.id, VICTIM)).toBe(true);

    await resetByVictim(engine);
    expect((await isVerified(owner)).status).toBe(200);
  });

  it("removes a passkey the pre-registrant added before the address was proven", async () => {
    const engine = createWebauthnEngine();
    const attacker = createAuthClient(engine.ctx);
    const webauthn = { rid: "webauthn" };
    const signedUp = await (await attacker.send("POST", `${API}/signup`, { body: credentials(VICTIM, "attacker-pw-1") })).json();
    const options = await (await attacker.send("POST", `${API}/webauthn/options/register`, { body: { email: VICTIM }, headers: webauthn })).json();
    const { passkey, response } = createPasskey(options, ORIGIN);
    const add = { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, recipeUserId: signedUp.user.id, credential: response };
    expect(await (await attacker.send("POST", `${API}/webauthn/credential`, { body: add, headers: webauthn })).json()).toEqual({ status: "OK" });

    await resetByVictim(engine);
    const signInOptions = await (await attacker.send("POST", `${API}/webauthn/options/signin`, { headers: webauthn })).json();
    const assertion = signWithPasskey(passkey, signInOptions, ORIGIN);
    const body = { webauthnGeneratedOptionsId: signInOptions.webauthnGeneratedOptionsId, credential: assertion };
    const signIn = await createAuthClient(engine.ctx).send("POST", `${API}/webauthn/signin`, { body, headers: webauthn });
    expect(await signIn.json()).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect(await engine.stores.webauthn.listCredentials(signedUp.user.id)).toEqual([]);
  });
});
