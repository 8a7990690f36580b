/**
 * The notice a passkey recovery sends instead of a link (MFA on, an authenticator set up) says
 * what the account can do: one without a password is not told to use or reset one.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../config";
import type { EngineContext } from "../context";
import { signUp as signUpWithPassword } from "../emailpassword/sign-up";
import { createWebauthnEngine } from "../testing/webauthn-fixtures";
import { generateRecoverAccountToken } from "./recover";

function engine(config: GatehouseConfig = {}) {
  const background: Promise<unknown>[] = [];
  const made = createWebauthnEngine({ mfa: {}, appName: "Acme", ...config }, { waitUntil: (task) => void background.push(task) });
  /** Asks for a recovery of `email` and returns the security notices sent for it. */
  const recover = async (email: string) => {
    const asked = await generateRecoverAccountToken(made.ctx, { email });
    if (asked.status !== "OK") throw new Error(asked.status);
    await asked.delivery;
    while (background.length > 0) await Promise.all(background.splice(0));
    return made.delivery.sent.filter((e) => e.kind === "SECURITY_NOTICE" && e.to === email);
  };
  return { ...made, recover };
}

/** A verified authenticator for the user, as the set-up leaves it. */
async function withTotp(ctx: EngineContext, userId: string) {
  const device = { id: randomUUID(), userId, name: "Phone", sealedSecret: "unused", period: 30, skew: 1, verified: true, lastUsedStep: null };
  expect((await ctx.stores.mfa.createTotpDevice({ ...device, createdAt: ctx.now() })).status).toBe("OK");
}

async function passkeyOnlyWithTotp(e: ReturnType<typeof engine>, email: string) {
  const { result } = await e.signUp(email);
  if (result.status !== "OK") throw new Error(result.status);
  await withTotp(e.ctx, result.user.id);
}

describe("passkey recovery refused by a second factor", () => {
  it("tells a passkey-only account to use a passkey it still has or another method, not a password", async () => {
    const e = engine();
    await passkeyOnlyWithTotp(e, "pat@example.com");
    const [notice, ...more] = await e.recover("pat@example.com");
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ notice: "PASSKEY_RECOVERY_REFUSED", subject: "Your Acme passkeys cannot be recovered by email" });
    expect(e.delivery.sent.filter((m) => m.kind === "WEBAUTHN_RECOVER")).toEqual([]);
    for (const body of [notice.text, notice.html]) {
      expect(body).not.toMatch(/with your password/i);
      expect(body).not.toMatch(/reset your password|reset my password/i);
      expect(body).toContain("It has no password: sign in with a passkey you still have");
      expect(body).toContain("contact us: we can remove the account");
    }
    // "Not me" leads to the sign-in page: a reset page sends nothing to an account without a password.
    expect(notice.link).toBe("http://localhost:3000/auth");
    expect(notice.html).toContain(">Sign in</a>");
  });

  it("says the same in German", async () => {
    const e = engine({ email: { locale: "de" } });
    await passkeyOnlyWithTotp(e, "pat@example.com");
    const [notice] = await e.recover("pat@example.com");
    expect(notice.text).not.toMatch(/mit Ihrem Passwort|Passwort jetzt zurück/);
    expect(notice.text).toContain("Es hat kein Passwort: Melden Sie sich mit einem Passkey an, den Sie noch haben");
    expect(notice.html).toContain(">Anmelden</a>");
  });

  it("still tells an account with a password to sign in with it and a code", async () => {
    const e = engine();
    const up = await signUpWithPassword(e.ctx, { email: "ada@example.com", password: "fixture-pw-1", formFields: {} });
    if (up.status !== "OK") throw new Error(up.status);
    await withTotp(e.ctx, up.user.id);
    const [notice] = await e.recover("ada@example.com");
    expect(notice.text).toContain("sign in with your password and a code from your authenticator app");
    expect(notice.link).toBe("http://localhost:3000/auth/reset-password");
  });
});
