/**
 * The unverified-email squatting attack, as scenarios run on memory stores
 * (lib/auth/thirdparty/unverified-email.test.ts) and on every database
 * (lib/store/unverified-email.db.test.ts), since what decides them is the email's uniqueness.
 *
 * The attacker signs in at a provider that does not verify emails (a Microsoft common-tenant
 * account, Facebook, Discord, a custom OIDC provider sending `email_verified: false`) under the
 * victim's address. That must not give the attacker the address: the victim can still sign up,
 * reset, and sign in with a provider that did verify it, and nothing of the victim's is ever
 * linked into the attacker's user.
 */
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { signIn } from "../emailpassword/sign-in";
import { signUp } from "../emailpassword/sign-up";
import { sendEmailVerificationEmail } from "../emailverification/send-verification-email";
import { isEmailVerified, verifyEmailUsingToken } from "../emailverification/verify-email";
import { refreshSession } from "../session/refresh-session";
import { createNewSession, type IssuedTokens } from "../session/session";
import { resetPasswordUsingToken } from "../passwordreset/reset-password";
import { sendPasswordResetEmail } from "../passwordreset/send-reset-email";
import type { Stores } from "../ports";
import type { ThirdPartyProfile } from "../thirdparty/options";
import { signInUpWithProfile } from "../thirdparty/sign-in-up";
import { createCapturingDelivery, tokenOf } from "./email-fixtures";
import { createTestEngine } from "./test-engine";

const request = { userAgent: "test", ip: null };
const creds = (email: string, password: string) => ({ email, password, formFields: { email, password }, ...request });

export function runUnverifiedEmailScenarios(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`an unverified provider email does not claim the address: ${name}`, () => {
    let engine: ReturnType<typeof createTestEngine>;
    let delivery: ReturnType<typeof createCapturingDelivery>;
    let victim: string;
    let attackerSub: string;
    const providerSignIn = (thirdPartyId: string, profile: ThirdPartyProfile) =>
      signInUpWithProfile(engine.ctx, { thirdPartyId, profile, raw: { fromIdTokenPayload: { sub: profile.id } }, request });
    /** The attacker's account at a provider that hands out unverified addresses. */
    const squat = async () => {
      const result = await providerSignIn("discord", { id: attackerSub, email: victim, emailVerified: false });
      if (result.status !== "OK") throw new Error(`the attacker's sign-in failed: ${result.status}`);
      return result.user.id;
    };
    const victimGoogle = () => providerSignIn("google", { id: `google-${victim}`, email: victim, emailVerified: true });

    beforeEach(async () => {
      delivery = createCapturingDelivery();
      engine = createTestEngine({}, { stores: await makeStores(), emailDelivery: delivery });
      victim = `victim-${randomUUID().slice(0, 8)}@example.com`;
      attackerSub = `attacker-${randomUUID()}`;
    });

    it("(1) does not block the victim's email+password sign-up", async () => {
      const attacker = await squat();
      const signedUp = await signUp(engine.ctx, creds(victim, "victim-pass-1"));
      if (signedUp.status !== "OK") throw new Error(`victim sign-up: ${JSON.stringify(signedUp)}`);
      expect(signedUp.user.id).not.toBe(attacker);
      expect(signedUp.user.emails).toEqual([victim]);
      // The attacker keeps its identity, without the address.
      expect((await engine.stores.users.getUserById(attacker))?.email).toBeNull();
      const again = await providerSignIn("discord", { id: attackerSub, email: victim, emailVerified: false });
      expect(again.status === "OK" && again.user.id).toBe(attacker);
    });

    it("(2) does not block the victim's password reset", async () => {
      await squat();
      const signedUp = await signUp(engine.ctx, creds(victim, "victim-pass-1"));
      expect(signedUp.status).toBe("OK");
      const asked = await sendPasswordResetEmail(engine.ctx, { email: victim });
      if (asked.status !== "OK") throw new Error(asked.status);
      await asked.delivery;
      const resetMail = delivery.sent.find((m) => m.kind === "PASSWORD_RESET");
      expect(resetMail?.to).toBe(victim);
      const reset = await resetPasswordUsingToken(engine.ctx, { token: tokenOf(resetMail), newPassword: "victim-pass-2" });
      expect(reset.status === "OK" && signedUp.status === "OK" && reset.userId).toBe(signedUp.status === "OK" && signedUp.user.id);
      expect((await signIn(engine.ctx, creds(victim, "victim-pass-2"))).status).toBe("OK");
    });

    it("(3) does not block the victim's verified provider sign-in, which gets the address", async () => {
      const attacker = await squat();
      const google = await victimGoogle();
      if (google.status !== "OK") throw new Error(`victim's Google sign-in: ${JSON.stringify(google)}`);
      expect(google.user.id).not.toBe(attacker);
      expect(google.createdNewRecipeUser).toBe(true);
      expect(await engine.stores.users.getUserById(google.user.id)).toMatchObject({ email: victim, emailVerified: true });
    });

    it("(4) never gets the victim's later verified provider sign-in linked into it, even after sending itself a verification link", async () => {
      const attacker = await squat();
      // The attacker asks for a verification link: it goes to the victim's inbox, where nobody
      // clicks its button (a GET of the page spends nothing: see e2e/email-verification.spec.ts).
      expect((await sendEmailVerificationEmail(engine.ctx, attacker)).status).toBe("OK");
      const pending = delivery.sent.find((m) => m.kind === "EMAIL_VERIFICATION");
      expect(pending?.to).toBe(victim);
      const google = await victimGoogle();
      if (google.status !== "OK") throw new Error(`victim's Google sign-in: ${JSON.stringify(google)}`);
      expect(google.user.id).not.toBe(attacker);
      const attackerMethods = await engine.stores.thirdParty.getLoginMethods(attacker);
      expect(attackerMethods?.thirdPartyAccounts.map((a) => a.thirdPartyId)).toEqual(["discord"]);
      // The link the attacker had sent can no longer take the address: the victim proved it first.
      expect(await verifyEmailUsingToken(engine.ctx, tokenOf(pending))).toEqual({ status: "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" });
      expect(await engine.stores.users.getUserById(attacker)).toMatchObject({ email: null, emailVerified: false });
      // The victim signs in again and is still alone in their user.
      const again = await victimGoogle();
      expect(again.status === "OK" && again.user.id).toBe(google.user.id);
    });

    it("releases an address held without proof by a user made before this rule, to a sign-up or a verified sign-in", async () => {
      const legacyHolder = async (address: string) => {
        const user = { id: randomUUID(), email: address, emailVerified: false, timeJoined: engine.clock.now() };
        const account = { id: randomUUID(), thirdPartyId: "discord", thirdPartyUserId: `legacy-${randomUUID()}`, email: address };
        expect((await engine.stores.thirdParty.createThirdPartyUser({ user, account })).status).toBe("OK");
        return user.id;
      };
      const first = await legacyHolder(victim);
      expect((await signUp(engine.ctx, creds(victim, "victim-pass-1"))).status).toBe("OK");
      expect(await engine.stores.users.getUserById(first)).toMatchObject({ email: null });
      const other = `other-${victim}`;
      const second = await legacyHolder(other);
      const google = await providerSignIn("google", { id: `google-${other}`, email: other, emailVerified: true });
      expect(google.status === "OK" && google.user.id !== second && google.user.emails).toEqual([other]);
      expect(await engine.stores.users.getUserById(second)).toMatchObject({ email: null });
    });

    it("lets an unverified provider user prove its address by a clicked link, and then it owns it", async () => {
      const user = await squat(); // here the "attacker" is the real owner at an unverifying provider
      expect((await sendEmailVerificationEmail(engine.ctx, user)).status).toBe("OK");
      const link = delivery.sent.find((m) => m.kind === "EMAIL_VERIFICATION");
      expect(await verifyEmailUsingToken(engine.ctx, tokenOf(link))).toEqual({ status: "OK", user: { id: user, email: victim } });
      expect(await engine.stores.users.getUserById(user)).toMatchObject({ email: victim, emailVerified: true });
      const signUpNow = await signUp(engine.ctx, creds(victim, "someone-else-1"));
      expect(signUpNow.status).toBe("FIELD_ERROR");
    });

    it("an unproven provider address is still one to verify (st-ev false); a user with no address at all counts verified", async () => {
      const claimOf = (tokens: IssuedTokens) => (tokens.accessTokenClaims["st-ev"] as { v: boolean }).v;
      // The squatter's address is its identity's, not yet its own: sign-in, refresh and the FDI's check say unverified.
      const squatted = await providerSignIn("discord", { id: attackerSub, email: victim, emailVerified: false });
      if (squatted.status !== "OK") throw new Error(squatted.status);
      expect(claimOf(squatted.tokens)).toBe(false);
      const refreshed = await refreshSession(engine.ctx, { refreshToken: squatted.tokens.refreshToken });
      expect(refreshed.status === "OK" && claimOf(refreshed.tokens)).toBe(false);
      expect(await isEmailVerified(engine.ctx, squatted.user.id)).toBe(false);

      // A phone-only user has nothing to verify: verified at issue, at refresh and for the FDI.
      const id = randomUUID();
      const phoneNumber = `+4917${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
      const user = { id, email: null, emailVerified: false, timeJoined: engine.clock.now() };
      expect(await engine.stores.passwordless.createPasswordlessUser({ user, account: { userId: id, email: null, phoneNumber } })).toMatchObject({
        status: "OK",
      });
      const session = await createNewSession(engine.ctx, { userId: id });
      expect(claimOf(session)).toBe(true);
      const again = await refreshSession(engine.ctx, { refreshToken: session.refreshToken });
      expect(again.status === "OK" && claimOf(again.tokens)).toBe(true);
      expect(await isEmailVerified(engine.ctx, id)).toBe(true);
    });
  });
}
