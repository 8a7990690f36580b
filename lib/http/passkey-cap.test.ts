/**
 * `webauthn.maxPasskeys`: the passkeys one user may hold, through the real route table (in-memory
 * stores, a software authenticator). Without it a signed-in client could add passkeys without end;
 * a recovery link, the way back in, is not capped.
 */
import { describe, expect, it } from "vitest";
import { createPasskey } from "../auth/testing/soft-authenticator";
import { ORIGIN } from "../auth/testing/webauthn-fixtures";
import { setup, signUpWithPasskey, type Browser, type Setup } from "./testing/passkey-recovery-harness";

const TOO_MANY = {
  status: "GENERAL_ERROR",
  message: "Your account has as many passkeys as it may hold. Remove one before adding another.",
  code: "TOO_MANY_PASSKEYS",
};

/** Options for one more passkey on the signed-in account, and the authenticator's answer to them. */
async function passkeyFor(b: Browser, email: string) {
  const options = await (await b.post("/webauthn/options/register", { email })).json();
  expect(options.status).toBe("OK");
  return { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: createPasskey(options, ORIGIN).response };
}

async function recoveryToken(s: Setup, b: Browser, email: string): Promise<string> {
  expect(await (await b.post("/user/webauthn/reset/token", { email })).json()).toEqual({ status: "OK" });
  await s.ctx.audit.settled();
  const sent = s.delivery.sent.filter((e) => e.kind === "WEBAUTHN_RECOVER" && e.to === email).at(-1)!;
  return new URL(sent.link).searchParams.get("token")!;
}

describe("the cap on a user's passkeys", () => {
  it("refuses a passkey past it, signed in, with GENERAL_ERROR TOO_MANY_PASSKEYS: at the options, and at the addition for options asked before", async () => {
    const s = setup({ webauthn: { maxPasskeys: 2 } });
    const b = s.browser();
    const { body } = await signUpWithPasskey(b, "ada@example.com");
    const userId = body.user.id;
    const early = await passkeyFor(b, "ada@example.com");
    expect(await (await b.post("/webauthn/credential", { ...(await passkeyFor(b, "ada@example.com")), recipeUserId: userId })).json()).toEqual({
      status: "OK",
    });
    // At the cap the options are refused, before the authenticator makes a passkey in vain.
    const options = await b.post("/webauthn/options/register", { email: "ada@example.com" });
    expect([options.status, await options.json()]).toEqual([200, TOO_MANY]);
    // Options asked before the cap was reached: the addition itself is refused.
    expect(await (await b.post("/webauthn/credential", { ...early, recipeUserId: userId })).json()).toEqual(TOO_MANY);
    const listed = async () => (await (await b.get("/webauthn/credential/list")).json()).credentials as { webauthnCredentialId: string }[];
    expect(await listed()).toHaveLength(2);
    // A removal makes room.
    const [first] = await listed();
    expect(await (await b.post("/webauthn/credential/remove", { webauthnCredentialId: first.webauthnCredentialId })).json()).toEqual({
      status: "OK",
    });
    expect(await (await b.post("/webauthn/credential", { ...(await passkeyFor(b, "ada@example.com")), recipeUserId: userId })).json()).toEqual({
      status: "OK",
    });
    // Anyone else's sign-up options for another address are not the account's: not counted.
    expect((await (await s.browser().post("/webauthn/options/register", { email: "bob@example.com" })).json()).status).toBe("OK");
  });

  it("never refuses a recovery: a user who lost every passkey at the cap gets back in by the emailed link", async () => {
    const s = setup({ webauthn: { maxPasskeys: 2 } });
    const b = s.browser();
    const { body } = await signUpWithPasskey(b, "ada@example.com");
    const userId = body.user.id;
    // A verified address: recovery adds beside the others (an unverified one is taken over, below).
    expect(await s.stores.users.markEmailVerified(userId, "ada@example.com")).toBe(true);
    expect(await (await b.post("/webauthn/credential", { ...(await passkeyFor(b, "ada@example.com")), recipeUserId: userId })).json()).toEqual({
      status: "OK",
    });
    expect(await s.stores.webauthn.listCredentials(userId)).toHaveLength(2);
    // Both passkeys lost: the link still adds a third, whatever the cap.
    const lost = s.browser();
    const token = await recoveryToken(s, lost, "ada@example.com");
    const options = await (await lost.post("/webauthn/options/register", { recoverAccountToken: token })).json();
    expect(options.status).toBe("OK");
    const reset = { token, webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: createPasskey(options, ORIGIN).response };
    expect(await (await lost.post("/user/webauthn/reset", reset)).json()).toMatchObject({ status: "OK", user: { id: userId } });
    expect(await s.stores.webauthn.listCredentials(userId)).toHaveLength(3);

    // An unproven account at the cap: the recovery takes it over, and the registrant's passkeys go first.
    const squatter = s.browser();
    const squatted = (await signUpWithPasskey(squatter, "victim@example.com")).body.user.id;
    expect(
      await (await squatter.post("/webauthn/credential", { ...(await passkeyFor(squatter, "victim@example.com")), recipeUserId: squatted })).json(),
    ).toEqual({ status: "OK" });
    const victim = s.browser();
    const victimToken = await recoveryToken(s, victim, "victim@example.com");
    const victimOptions = await (await victim.post("/webauthn/options/register", { recoverAccountToken: victimToken })).json();
    expect(victimOptions.status).toBe("OK");
    const takeover = {
      token: victimToken,
      webauthnGeneratedOptionsId: victimOptions.webauthnGeneratedOptionsId,
      credential: createPasskey(victimOptions, ORIGIN).response,
    };
    expect(await (await victim.post("/user/webauthn/reset", takeover)).json()).toMatchObject({ status: "OK", user: { id: squatted } });
    expect(await s.stores.webauthn.listCredentials(squatted)).toHaveLength(1);
  });

  it("holds against concurrent additions: never more passkeys than the cap, and every OK answer's passkey is kept", async () => {
    const s = setup({ webauthn: { maxPasskeys: 3 } });
    const b = s.browser();
    const { body } = await signUpWithPasskey(b, "ada@example.com");
    const userId = body.user.id;
    const prepared = [];
    for (let i = 0; i < 6; i++) prepared.push({ ...(await passkeyFor(b, "ada@example.com")), recipeUserId: userId });
    const answers = await Promise.all(prepared.map(async (add) => (await b.post("/webauthn/credential", add)).json()));
    const held = await s.stores.webauthn.listCredentials(userId);
    expect(held.length).toBeLessThanOrEqual(3);
    expect(answers.filter((a) => a.status === "OK")).toHaveLength(held.length - 1);
    for (const answer of answers) if (answer.status !== "OK") expect(answer).toEqual(TOO_MANY);
  });

  it("is 20 by default, a whole number from 1 to 100", () => {
    expect(setup().ctx.config.webauthn.maxPasskeys).toBe(20);
    for (const bad of [0, 101, 1.5]) expect(() => setup({ webauthn: { maxPasskeys: bad } }), String(bad)).toThrow(/webauthn\.maxPasskeys/);
  });
});
